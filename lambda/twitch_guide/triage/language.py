"""Speech-recognition text to words the rules can match: normalised, lemmatised, split into statements.

Recognisers hand over lower-case words with or without apostrophes ("cant", "im"), fillers ("um", "so
basically"), numbers as words or digits, British or American spelling. This module folds all of that into
one form, maps each word to the lemma the rules are written in ("fell" -> "fall"), using a table generated
at build time (tools/build_inflections.py), and splits the words where a new statement begins ("but",
"because", a full stop), because a concept, a negation or a time word only reaches as far as its statement.
"""

import re
from collections.abc import Mapping
from functools import cache
from sys import intern
from typing import Any, NamedTuple


@cache
def compiled(source: str) -> re.Pattern[str]:
    """A regular expression compiled on first use, not at import: a cold start that answers a launch reads
    no words, so it compiles none."""
    return re.compile(source)


# "couldn't" reads as "cannot" but keeps its tense in the words as said, so "couldn't breathe, years ago" is
# history and "in his seventies, can't breathe" is now (statements.told_as_now).
COULD_NOT = "couldnot"
# Both forms of every contraction, since recognisers drop apostrophes. "can't" and "couldn't" become one word,
# "cannot": an inability is part of a symptom ("cannot breathe"), never a denial of it.
CONTRACTIONS: Mapping[str, str] = {
    "can't": "cannot", "cant": "cannot", "can not": "cannot", "couldn't": COULD_NOT, "couldnt": COULD_NOT,
    "could not": COULD_NOT, "unable to": "cannot", "not able to": "cannot", "isn't able to": "cannot",
    "won't": "will not", "wont": "will not", "don't": "do not", "dont": "do not", "doesn't": "does not",
    "doesnt": "does not", "didn't": "did not", "didnt": "did not", "isn't": "is not", "isnt": "is not",
    "aren't": "are not", "arent": "are not", "wasn't": "was not", "wasnt": "was not", "weren't": "were not",
    "werent": "were not", "haven't": "have not", "havent": "have not", "hasn't": "has not",
    "hasnt": "has not", "hadn't": "had not", "hadnt": "had not", "shouldn't": "should not",
    "shouldnt": "should not", "wouldn't": "would not", "wouldnt": "would not", "ain't": "is not",
    "aint": "is not", "i'm": "i am", "im": "i am", "i've": "i have", "ive": "i have", "i'd": "i would",
    "i'll": "i will", "it'll": "it will", "itll": "it will", "they'll": "they will", "theyll": "they will",
    "you'll": "you will", "youll": "you will", "she'll": "she will", "he'll": "he will", "it's": "it is",
    "its": "it is", "he's": "he is", "hes": "he is", "she's": "she is", "shes": "she is", "that's": "that is",
    "thats": "that is", "there's": "there is", "theres": "there is", "what's": "what is", "whats": "what is",
    "they're": "they are", "theyre": "they are", "you're": "you are", "youre": "you are", "we're": "we are",
    "let's": "let us", "who's": "who is", "gonna": "going to", "wanna": "want to", "gotta": "got to",
    "kinda": "kind of", "sorta": "sort of", "dunno": "do not know", "y'know": "you know",
}  # fmt: skip

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
# Full stops, commas and the like end a statement; so does a dash between words.
_SEGMENT_PUNCTUATION = r"[!?;:,]+|\.(?!\d)|\s[-\u2013\u2014]+\s"
_NOT_WORD = r"[^a-z0-9'# ]+"  # "#" stands for any number in the rules' own phrases
_DIGITS = r"\b(?!p(?:t?\d+[ymwdhs])+\b)(\w*?\d)([a-z])"  # "3kg" -> "3 kg", but not Alexa's "p3w"
_SPELLED_LETTERS = r"\b(?:[a-z]\.\s*)+[a-z]\b\.?"  # "a.l.s.", "a. l. s", "m.n.d" -> "als", "mnd"


class Segment(NamedTuple):
    """One statement: its lemmas, for each lemma the word as the caller said it, and the break word that
    opened it ("because"), if any."""

    lemmas: tuple[str, ...]
    words: tuple[str, ...]
    opened_by: str = ""


class Vocabulary(NamedTuple):
    """The language tables a rule set declares: rewrites, fillers and the words that end a statement."""

    rewrites: Mapping[tuple[str, ...], tuple[str, ...]]
    idioms: Mapping[tuple[str, ...], tuple[str, ...]]
    fillers: frozenset[tuple[str, ...]]
    breaks: frozenset[str]
    max_rewrite: int
    max_idiom: int
    starts: frozenset[str] = frozenset()  # words a rewrite or filler can begin with; others skip the search
    idiom_starts: frozenset[str] = frozenset()
    kept_numbers: frozenset[str] = frozenset()  # emergency numbers: "called 999" is not "called 111"
    # Every form of the rules' words and its lemma (tools/build_inflections.py). Held here, not imported by
    # whoever reads words, so a cold start from the build's snapshot never executes the table's module.
    inflections: Mapping[str, str] = {}  # never mutated: a shared default is safe

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled (for the build's snapshot) with the inflection table as one string, "form lemma" a line:
        ~8 KB less of the zipped package than a dict of ~7,000 strings; unpacked when loaded."""
        pairs = [f"{form} {base}" for form, base in self.inflections.items()]
        if any(" " in form or " " in base or "\n" in form + base for form, base in self.inflections.items()):
            raise ValueError("an inflection table entry has a space or a line break")
        return (_with_inflections, (tuple(self._replace(inflections={})), "\n".join(pairs)))

    @classmethod
    def build(
        cls,
        rewrites: Mapping[str, str],
        idioms: Mapping[str, str],
        fillers: tuple[str, ...],
        breaks: tuple[str, ...],
        kept_numbers: frozenset[str] = frozenset(),
        inflections: Mapping[str, str] | None = None,
    ) -> "Vocabulary":
        """Rewrites apply to words as spoken; idioms to lemmas ("fell asleep" and "falling asleep" alike).
        `inflections`: the generated table (triage/inflections.py) unless given."""
        if inflections is None:
            from .inflections import INFLECTIONS

            inflections = INFLECTIONS
        inflections = {**inflections, COULD_NOT: "cannot"}
        table = {**CONTRACTIONS, **rewrites}
        pairs = {_words(k): _words(v) for k, v in table.items()}
        lemma_idioms = {
            tuple(intern(lemma(w, inflections)) for w in k.split()): _words(v) for k, v in idioms.items()
        }
        filler_phrases = frozenset(tuple(f.split()) for f in fillers)
        longest = max(len(k) for k in [*pairs, *filler_phrases])
        return cls(
            pairs,
            lemma_idioms,
            filler_phrases,
            frozenset(breaks),
            longest,
            max(map(len, lemma_idioms), default=0),
            frozenset(k[0] for k in [*pairs, *filler_phrases]),
            frozenset(k[0] for k in lemma_idioms),
            kept_numbers,
            inflections,
        )


def _words(text: str) -> tuple[str, ...]:
    """A phrase's words, interned: the build's snapshot then stores each word once."""
    return tuple(map(intern, text.split()))


NUMBER, YEAR = "#", "#year"
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety".split()
)


def _with_inflections(fields: tuple[Any, ...], packed: str) -> Vocabulary:
    """A Vocabulary unpickled: its inflection table unpacked (Vocabulary.__reduce__)."""
    table = dict(line.split(" ", 1) for line in packed.split("\n")) if packed else {}
    return Vocabulary(*fields)._replace(inflections=table)


def lemma(word: str, inflections: Mapping[str, str], kept_numbers: frozenset[str] = frozenset()) -> str:
    """The rules' form of a word: 'fell' -> 'fall', 'drooping' -> 'droop'; unknown words stay as they are.
    A number is '#' and a year '#year', so the rules can say "when I was #" or "back in #year"; an emergency
    number (`kept_numbers`) stays itself, so "I've called 999" is not "I've called 111"."""
    if word.isdigit():
        if word in kept_numbers:
            return word
        return YEAR if len(word) == 4 and word[:2] in ("19", "20") else NUMBER
    if word in _NUMBER_WORDS:
        return NUMBER
    found = inflections.get(word)
    if found is None and word.endswith("in") and len(word) > 4:
        found = inflections.get(word + "g")  # a dropped g: "wheezin", "hurtin", "seein"
    return found or word


def segments(text: str, vocabulary: Vocabulary) -> tuple[Segment, ...]:
    """Split an utterance into statements of lemmas (never empty: a blank utterance gives no segments)."""
    text = text.translate(_APOSTROPHES).lower()
    text = compiled(_SPELLED_LETTERS).sub(lambda m: m.group(0).replace(".", "").replace(" ", "") + " ", text)
    text = compiled(_DIGITS).sub(r"\1 \2", text)
    result: list[Segment] = []
    for part in compiled(_SEGMENT_PUNCTUATION).split(text):
        words = _join_spelled(
            compiled(_NOT_WORD).sub(" ", part).replace(" '", " ").replace("' ", " ").split()
        )
        words = _rewrite(words, vocabulary)
        current: list[str] = []
        opened_by = ""
        for i, word in enumerate(words):
            if word in vocabulary.breaks and not aside(words, i):
                _append(result, current, vocabulary, opened_by)
                current, opened_by = [], word
            else:
                current.append(word)
        _append(result, current, vocabulary, opened_by)
    return tuple(result)


def aside(words: list[str] | tuple[str, ...], at: int) -> bool:
    """A break or clause word said as an aside inside a clause, between its subject and verb ("my balance
    though is really bad", "my weight lately has dropped"): it ends nothing."""
    return 0 < at < len(words) - 1 and words[at + 1] in _ASIDE_VERBS and words[at - 1] not in _ASIDE_VERBS


_ASIDE_VERBS = frozenset("is are was were has have had keeps feels seems looks".split())


def words_of(text: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """All lemmas of a phrase as one sequence (how the rules' own phrases are read). The rules write plain
    lower-case words, so most phrases skip the recogniser clean-up (this runs for each phrase at start-up)."""
    if not compiled(_PLAIN).fullmatch(text):
        return tuple(lemma for segment in segments(text, vocabulary) for lemma in segment.lemmas)
    words = text.split()
    if any(len(w) == 1 for w in words):
        words = _join_spelled(words)
    words = [w for w in _rewrite(words, vocabulary) if w not in vocabulary.breaks]
    lemmas = [lemma(w, vocabulary.inflections, vocabulary.kept_numbers) for w in words]
    if vocabulary.idiom_starts.intersection(lemmas):
        lemmas, _ = _idioms(lemmas, words, vocabulary)
    return tuple(lemmas)


_PLAIN = r"[a-z# ]+"


def _append(result: list[Segment], words: list[str], vocabulary: Vocabulary, opened_by: str) -> None:
    if not words:
        return
    lemmas = [lemma(w, vocabulary.inflections, vocabulary.kept_numbers) for w in words]
    if vocabulary.idiom_starts.intersection(lemmas):
        lemmas, words = _idioms(lemmas, words, vocabulary)
    result.append(Segment(tuple(lemmas), tuple(words), opened_by))


def _idioms(lemmas: list[str], words: list[str], vocabulary: Vocabulary) -> tuple[list[str], list[str]]:
    out_lemmas: list[str] = []
    out_words: list[str] = []
    i = 0
    while i < len(lemmas):
        for size in range(min(vocabulary.max_idiom, len(lemmas) - i), 1, -1):
            replacement = vocabulary.idioms.get(tuple(lemmas[i : i + size]))
            if replacement is not None:
                out_lemmas.extend(replacement)
                out_words.extend(replacement)
                i += size
                break
        else:
            out_lemmas.append(lemmas[i])
            out_words.append(words[i])
            i += 1
    return out_lemmas, out_words


def _join_spelled(words: list[str]) -> list[str]:
    """Letters spelled out one by one ("a l s", "b f s") become one word, as the rules write them."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        # A trailing "a" or "i" is a word of its own: "is b f s a cause" is "bfs" + "a".
        tail = [run.pop()] if len(run) >= 3 and run[-1] in ("a", "i") else []
        if len(run) >= 2 and not set(run) <= {"a", "i"}:
            joined.append("".join(run))
        else:
            joined.extend(run)
        joined.extend(tail)
        run = []
        if word:
            joined.append(word)
    return joined


def _rewrite(words: list[str], vocabulary: Vocabulary) -> list[str]:
    """Expand contractions, then apply the rules' rewrites and drop fillers, longest phrase first, whole
    words only (two passes, so "won't wake up" becomes "will not wake up", then "cannot wake up")."""
    words = [w.strip("'") for w in words if w.strip("'")]
    expanded: list[str] = []
    for word in words:
        expanded.extend(CONTRACTIONS.get(word, word).split())
    once = _replace(expanded, vocabulary)
    # A rewrite may make another's words ("wouldn't work" -> "will not work" -> "useless"): one more pass.
    return once if once == expanded else _replace(once, vocabulary)


def _replace(words: list[str], vocabulary: Vocabulary) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] not in vocabulary.starts:
            out.append(_without_apostrophe(words[i]))
            i += 1
            continue
        for size in range(min(vocabulary.max_rewrite, len(words) - i), 0, -1):
            phrase = tuple(words[i : i + size])
            if phrase in vocabulary.fillers:
                i += size
                break
            replacement = vocabulary.rewrites.get(phrase)
            if replacement is not None:
                out.extend(replacement)
                i += size
                break
        else:
            out.append(_without_apostrophe(words[i]))
            i += 1
    return out


def _without_apostrophe(word: str) -> str:
    """A possessive is its noun ("husband's" -> "husband"); any other apostrophe is dropped."""
    return word[:-2] if word.endswith("'s") else word.replace("'", "")
