"""Free-text matching: find the rules' synonyms in what a caller said, and read durations as days.

Speech recognition gives words, not clean phrases, so matching tolerates case, punctuation, contractions,
plurals and a few filler words inside a phrase ("trouble with my breathing"), and notices simple negation
("I don't have any chest pain") so a denied symptom is not read as present.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_CONTRACTIONS = {
    "can't": "cannot",
    "cant": "cannot",
    "won't": "will not",
    "n't": " not",
    "i'm": "i am",
    "it's": "it is",
    "i've": "i have",
    "i'd": "i would",
    "i'll": "i will",
    "they're": "they are",
    "you're": "you are",
    "that's": "that is",
    "there's": "there is",
    "what's": "what is",
}
# Whole words only ("n't" ends one): "significant" must not become "significannot".
_CONTRACTION_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(c) for c in sorted(_CONTRACTIONS, key=len, reverse=True) if c != "n't")
    + r")\b|(?<=[a-z])n't\b"
)
_CLAUSE_BREAK_RE = re.compile(r"[.,;:!?]+|\b(?:but|although|though|however)\b")
_NON_WORD_RE = re.compile(r"[^a-z0-9' ]+")


def _stem(word: str) -> str:
    """A deliberately small stemmer: enough to equate 'falls', 'falling' and 'fall', or 'goes' and 'going'."""
    if len(word) <= 3:
        return word
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # dropping -> drop
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


# Words that may sit inside a phrase without changing its meaning ("trouble with my breathing").
FILLER_WORDS = frozenset(
    _stem(word)
    for word in (
        "a an the my me it its is am are was been be and so really very quite bit little of with to "
        "some any just kind sort all keep keeps kept feel feels feeling lot lots".split()
    )
)
_MAX_GAP = 3
# Words a synonym may leave out: grammar only, never a word that carries meaning ("feel", "keep").
_OPTIONAL_IN_PHRASES = frozenset(
    _stem(word) for word in ("a an the my is am are was it its of to with some any".split())
)

_NEGATORS = frozenset(_stem(word) for word in ("no", "not", "never", "without", "none", "nor"))
# Words allowed between a negator and the phrase it denies ("not have any", "never had a").
_NEGATION_BRIDGE = frozenset(
    _stem(word)
    for word in (
        "have has had having any a an got get getting feel feeling felt do does did am is are was been  "
        "experience experiencing notice noticed noticing really much my the it real signs sign of on "
        "think new started".split()
    )
)
_NEGATION_WINDOW = 4
_LISTING = frozenset({"or", "nor"})


def normalise(text: str) -> str:
    """Lower-case, expand contractions, keep letters, digits and apostrophes, fold spaces."""
    text = text.lower().replace("\u2019", "'")
    text = _CONTRACTION_RE.sub(lambda m: _CONTRACTIONS[m.group(0)], text)
    return " ".join(_NON_WORD_RE.sub(" ", text).split())


def _clauses(text: str) -> list[list[str]]:
    text = text.lower().replace("\u2019", "'")
    text = _CONTRACTION_RE.sub(lambda m: _CONTRACTIONS[m.group(0)], text)
    return [
        [_stem(w) for w in _NON_WORD_RE.sub(" ", part).replace("'", "").split()]
        for part in _CLAUSE_BREAK_RE.split(text)
    ]


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """The stemmed tokens a phrase is matched by. Small grammatical words inside a phrase are optional
    ("vision is blurry" also matches "vision blurry"), as long as at least two words remain."""
    tokens = tuple(token for clause in _clauses(phrase) for token in clause)
    content = (*tokens[:1], *(t for t in tokens[1:] if t not in _OPTIONAL_IN_PHRASES))
    return content if len(content) >= 2 else tokens


def _is_filler(token: str) -> bool:
    return token in FILLER_WORDS or token.isdigit() or token in _NUMBER_TOKENS


@dataclass(frozen=True, slots=True)
class PhraseHit:
    entry_id: str
    phrase: str
    negated: bool


class PhraseIndex:
    """Synonyms of many entries, indexed by first token for fast scanning."""

    def __init__(self, synonyms_by_entry: Mapping[str, Iterable[str]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for entry_id, synonyms in synonyms_by_entry.items():
            for synonym in synonyms:
                tokens = phrase_tokens(synonym)
                if tokens:
                    self._by_first.setdefault(tokens[0], []).append((tokens, entry_id, synonym))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))  # longest phrase first

    def find(self, text: str) -> list[PhraseHit]:
        """Every entry whose phrase occurs in the text; one both denied and affirmed counts as affirmed."""
        hits: dict[str, PhraseHit] = {}
        for clause in _clauses(text):
            spans: list[tuple[int, int, str, str]] = []
            for start, token in enumerate(clause):
                for tokens, entry_id, phrase in self._by_first.get(token, ()):
                    end = _match_end(clause, start, tokens)
                    if end > start:
                        spans.append((start, end, entry_id, phrase))
            covered = {i for s, e, _, _ in spans for i in range(s, e)}
            for start, _, entry_id, phrase in spans:
                negated = _is_negated(clause, start, covered)
                known = hits.get(entry_id)
                if known is None or (known.negated and not negated):
                    hits[entry_id] = PhraseHit(entry_id, phrase, negated)
        return list(hits.values())


def _match_end(clause: list[str], start: int, tokens: tuple[str, ...]) -> int:
    """Index just past the phrase if it matches at start (filler words allowed inside), else -1."""
    position = start + 1
    for token in tokens[1:]:
        gap = 0
        while position < len(clause) and clause[position] != token:
            if not _is_filler(clause[position]) or gap >= _MAX_GAP:
                return -1
            gap += 1
            position += 1
        if position >= len(clause):
            return -1
        position += 1
    return position


def _is_negated(clause: list[str], start: int, covered: set[int]) -> bool:
    """A negator shortly before the phrase, reached through small words, other symptoms and 'or'
    ("I don't have chest pain or trouble breathing" denies both; "no pain but I can't breathe" does not)."""
    bridged = 0
    for back in range(start - 1, -1, -1):
        word = clause[back]
        if word in _NEGATORS:
            return True
        if back in covered or word in _LISTING:
            continue
        bridged += 1
        if word not in _NEGATION_BRIDGE or bridged > _NEGATION_WINDOW:
            return False
    return False


# --- durations -------------------------------------------------------------------------------------------

_UNITS = {"minute": 0, "hour": 0, "day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "couple": 2, "few": 3, "several": 3,
}  # fmt: skip
_NUMBER_TOKENS = frozenset(_NUMBER_WORDS) - {"a", "an"}
_DURATION_RE = re.compile(
    r"(?P<more>\b(?:more than|over|longer than|at least)\s+)?"
    r"(?:\b(?P<count>\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|"
    r"five|six|seven|eight|nine)|" + "|".join(_NUMBER_WORDS) + r")\s+)?"
    r"(?:of\s+)?\b(?P<unit>minute|hour|day|night|week|fortnight|month|year)(?P<plural>s?)\b"
)
_ISO_RE = re.compile(r"^P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T[\dHMS.]*)?$")


def _count_of(words: str) -> int | None:
    words = words.strip().replace("-", " ")
    if not words:
        return 1
    if words.isdigit():
        return int(words)
    total = 0
    for word in words.split():
        if word not in _NUMBER_WORDS:
            return None
        total += _NUMBER_WORDS[word]
    return total


def duration_days(text: str) -> int | None:
    """Days described by a spoken or ISO-8601 duration: 'three weeks' -> 21, 'P2D' -> 2, none found -> None.

    'More than two weeks' counts as 15, so that it crosses a 'more than 14 days' threshold.
    """
    iso = _ISO_RE.match(text.strip().upper())
    if iso and text.strip().upper().startswith("PT"):
        return 0
    if iso and any(iso.groupdict().values()):
        parts = {k: int(v) for k, v in iso.groupdict().items() if v}
        return parts.get("y", 0) * 365 + parts.get("m", 0) * 30 + parts.get("w", 0) * 7 + parts.get("d", 0)
    longest: int | None = None
    for match in _DURATION_RE.finditer(normalise(text)):
        count = _count_of(match.group("count") or "")
        if count is None or not match.group("count"):
            if match.group("plural"):
                continue  # "for weeks" says no number: the rules' own phrases judge it
            count = 1  # "this week", "a month"
        days = count * _UNITS[match.group("unit")]
        if match.group("more"):
            days += 1
        longest = days if longest is None else max(longest, days)
    return longest
