"""The vocabulary of understanding shared by the rules and the reader: whom a statement is about, the marker
vocabularies every rule set declares, and the shape of a concept and of the grammar.

The skill's frozen value types (here, in rules.py, engine.py, turns.py ...) are NamedTuples, not frozen
dataclasses: under python3.13 each dataclass costs ~0.3 ms more to create at a cold start. Being tuples, they
compare by value with any tuple; compare like with like, and never iterate or sort them."""

from collections.abc import Mapping
from enum import StrEnum
from typing import NamedTuple

from .language import Vocabulary


class Who(StrEnum):
    """Whom a statement is about."""

    SELF = "self"
    ADULT = "adult"
    CHILD = "child"
    ANIMAL = "animal"


# Marker vocabularies every rule set declares; their meaning is the rules of English above.
SUDDEN, LONG_AGO, TWITCH, HYPOTHETICAL, QUESTION, PRONOUN, MALE, FEMALE, FINE, MANY = (
    "sudden", "long_ago", "twitch", "hypothetical", "question", "pronoun", "male", "female", "fine", "many"
)  # fmt: skip
PERSON_MARKERS: Mapping[str, Who] = {
    "self": Who.SELF,
    "other_adult": Who.ADULT,
    "child": Who.CHILD,
    "animal": Who.ANIMAL,
}
# Break words that give the reason for what came before: "my arm went dead because I slept on it" is a
# numb arm with a harmless reason, so the reason's statement can rule a flag out.
REASONS = frozenset({"because", "cos", "coz"})
# How a reply names an adult patient the caller answers for ({them}, {they}, {their} in the rules), by the
# object pronoun the words gave away; "them" when they don't say.
PATIENT_PRONOUNS: Mapping[str, tuple[str, str]] = {
    "him": ("he", "his"),
    "her": ("she", "her"),
    "them": ("this person", "their"),
}
# Vocabularies the reader names besides the markers: every rule set declares them too (the loader checks).
PREGNANT = "pregnant"  # a pregnancy said of a son or daughter makes them an adult
PLANNED = "planned"  # a plan before a sign ("thinking about taking all my tablets")
GRADUAL = (
    "gradual"  # a slow change ("over the months"): a sign said to be sudden in its own clause outweighs it
)
# A sign said to have gone, in the statement after it ("pins and needles, but that went as soon as I moved").
RESOLVED = "resolved"
NAMED_VOCABULARIES = frozenset({PREGNANT, PLANNED, GRADUAL, RESOLVED})
MARKERS = frozenset(
    {SUDDEN, LONG_AGO, TWITCH, HYPOTHETICAL, QUESTION, PRONOUN, MALE, FEMALE, FINE, MANY, *PERSON_MARKERS}
)


class Concept(NamedTuple):
    """One way to express a finding or topic: every part (a vocabulary name, or "=literal words") in one
    statement, and no affirmed "!vocabulary" part there."""

    parts: tuple[str, ...]


class FlagConcepts(NamedTuple):
    """How one red flag is recognised: any of its concepts, unless one of `unless` is in the statement.
    `clause` keeps each concept inside one clause ("the same tablets for years, and my eye has started")."""

    concepts: tuple[Concept, ...]
    unless: frozenset[str] = frozenset()
    scope: str = "statement"  # or "clause", or "utterance" (background said in another sentence)


class Grammar(NamedTuple):
    """The rules of plain English the matcher applies, as word lists declared in the rule set."""

    vocabulary: Vocabulary
    negators: frozenset[str]
    scope_ends: frozenset[str]
    clause_ends: frozenset[str]
    glue: frozenset[str]
