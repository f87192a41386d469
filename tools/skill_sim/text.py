"""Text normalisation shared by utterances and samples, and parsers for AMAZON.NUMBER and AMAZON.DURATION."""

from __future__ import annotations

import re
from typing import NamedTuple

# Dropped anywhere: hesitations and politeness never change what a person asks for.
FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "hm", "mm", "please", "alexa"})
# Dropped only at the start, where they are discourse markers ("so what causes it"); "like" is kept everywhere
# because it carries meaning ("feels like pins and needles").
LEADING_FILLERS = frozenset({"hey", "well", "so", "oh", "ok so", "okay so"})
# Dropped on the loose pass only: words whose absence does not change the request ("the eye" and "eye"; "your"
# is read as "my"). Possessives stay otherwise: "my {person}" samples need them to know whom a sign is about.
LOOSE_WORDS = frozenset({"a", "an", "the", "just", "actually", "really", "very", "some"})
# Folded on the loose pass: singular and plural of the skill's own head nouns ("muscles" is "muscle").
LOOSE_FORMS = {"muscles": "muscle", "twitches": "twitch", "spasms": "spasm", "cramps": "cramp", "your": "my"}
# Dropped at the end on the loose pass: a trailing check that does not change the question.
LOOSE_ENDINGS = tuple(
    tuple(e.split())
    for e in ("is that normal", "is this normal", "is it normal", "is that ok", "is that okay", "is that bad")
)

# Speech recognisers write either form; both sides are expanded so "I don't" matches "I do not".
CONTRACTIONS = {
    "i'm": "i am",
    "i've": "i have",
    "i'd": "i would",
    "i'll": "i will",
    "you're": "you are",
    "you've": "you have",
    "we're": "we are",
    "they're": "they are",
    "it's": "it is",
    "that's": "that is",
    "what's": "what is",
    "there's": "there is",
    "who's": "who is",
    "how's": "how is",
    "where's": "where is",
    "he's": "he is",
    "she's": "she is",
    "let's": "let us",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "weren't": "were not",
    "haven't": "have not",
    "hasn't": "has not",
    "hadn't": "had not",
    "can't": "can not",
    "cannot": "can not",
    "couldn't": "could not",
    "won't": "will not",
    "wouldn't": "would not",
    "shouldn't": "should not",
}

_NOT_WORD = re.compile(r"[^\w']+|_")
# Models spell initialisms as Alexa hears them ("a. l. s."); people type "ALS" or "A.L.S.": both become "als".
_SPELLED = re.compile(r"\b(?:[a-z]\.\s*){2,}")


class Words(NamedTuple):
    """Normalised tokens and, for each, the word as typed ('' for the tail of an expanded contraction)."""

    tokens: tuple[str, ...]
    surfaces: tuple[str, ...]

    def surface(self, start: int, end: int) -> str:
        """The words as typed for tokens[start:end], e.g. "don't" rather than "do not".

        A span that starts inside an expanded contraction keeps the whole typed word: "I haven't had a
        seizure" against "i have {symptom}" fills the slot with "haven't had a seizure", never with a
        "had a seizure" that has lost its negation.
        """
        while start > 0 and not self.surfaces[start]:
            start -= 1
        return " ".join(s for s in self.surfaces[start:end] if s)


def normalise(text: str) -> Words:
    """Lower case, punctuation off (apostrophes kept), fillers dropped, contractions expanded."""
    lowered = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    lowered = _SPELLED.sub(lambda m: m.group(0).replace(".", "").replace(" ", "") + " ", lowered)
    cleaned = _NOT_WORD.sub(" ", lowered)
    tokens: list[str] = []
    surfaces: list[str] = []
    for raw in cleaned.split():
        word = raw.strip("'")
        if not word or word in FILLERS:
            continue
        expansion = CONTRACTIONS.get(word)
        if expansion is None:
            tokens.append(word)
            surfaces.append(word)
        else:
            parts = expansion.split()
            tokens.extend(parts)
            surfaces.extend([word] + [""] * (len(parts) - 1))
    start = 0
    while start < len(tokens):
        if tokens[start] in LEADING_FILLERS:
            start += 1
        elif " ".join(tokens[start : start + 2]) in LEADING_FILLERS:
            start += 2
        else:
            break
    return Words(tuple(tokens[start:]), tuple(surfaces[start:]))


def normal_text(text: str) -> str:
    """`normalise` joined back into one string: the key for comparing values and samples."""
    return " ".join(normalise(text).tokens)


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_QUANTIFIERS = {
    "a": 1, "an": 1, "one": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip


def parse_number(tokens: tuple[str, ...]) -> int | None:
    """Digits or English number words up to ninety-nine (and "a hundred"); None when it is not a number."""
    if len(tokens) == 1 and tokens[0].isdigit():
        return int(tokens[0])
    words = [t for t in tokens if t != "and"]
    if words in (["a", "hundred"], ["one", "hundred"], ["hundred"]):
        return 100
    if len(words) == 1:
        word = words[0]
        return _UNITS.get(word, _TENS.get(word))
    if len(words) == 2 and words[0] in _TENS and words[1] in _UNITS and 0 < _UNITS[words[1]] < 10:
        return _TENS[words[0]] + _UNITS[words[1]]
    return None


# ISO-8601 designator per unit, in the order the standard writes them; "T" separates the time part.
_DURATION_UNITS = {
    "year": ("Y", 1), "month": ("M", 1), "fortnight": ("W", 2), "week": ("W", 1), "day": ("D", 1),
    "hour": ("H", 1), "minute": ("TM", 1), "second": ("S", 1),
}  # fmt: skip
_ORDER = ("Y", "M", "W", "D", "H", "TM", "S")
_APPROXIMATORS = frozenset(
    {"for", "about", "around", "roughly", "approximately", "almost", "nearly", "over", "under", "like",
     "more", "less", "than", "at", "least", "the", "last", "past", "maybe", "probably", "just"}
)  # fmt: skip


# "for two weeks now", "a month or so"
_TRAILERS = frozenset({"now", "ago", "already", "so", "or"})


def _unit(word: str) -> tuple[str, int] | None:
    if word in _DURATION_UNITS:
        return _DURATION_UNITS[word]
    if word.endswith("s") and word[:-1] in _DURATION_UNITS:
        return _DURATION_UNITS[word[:-1]]
    return None


def parse_duration(tokens: tuple[str, ...]) -> str | None:
    """An ISO-8601 duration for phrases such as "three weeks", "a fortnight", "10 days", "half an hour".

    Leading approximators ("about", "for more than") are ignored, as Alexa reports the quantity only.
    Returns None when the words are not a duration.
    """
    words = list(tokens)
    while words and words[0] in _APPROXIMATORS:
        words.pop(0)
    while words and words[-1] in _TRAILERS:
        words.pop()
    if words[:3] == ["half", "an", "hour"]:
        return "PT30M" if len(words) == 3 else None
    amounts: dict[str, int] = {}
    i = 0
    while i < len(words):
        if amounts and words[i] == "and":
            i += 1
        end = next((j for j in range(i, len(words)) if _unit(words[j])), None)
        if end is None:
            return None
        quantity_words = tuple(words[i:end])
        unit = _unit(words[end])
        if unit is None or not quantity_words:
            return None
        quantity = _QUANTIFIERS.get(" ".join(quantity_words))
        if quantity is None:
            quantity = parse_number(quantity_words)
        if quantity is None or unit[0] in amounts:
            return None
        amounts[unit[0]] = quantity * unit[1]
        i = end + 1
    if not amounts:
        return None
    date = "".join(f"{amounts[d]}{d}" for d in _ORDER[:4] if d in amounts)
    time = "".join(f"{amounts[d]}{d[-1]}" for d in _ORDER[4:] if d in amounts)
    return "P" + date + ("T" + time if time else "")
