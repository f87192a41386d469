"""Whom each sign is about: the person named nearest before it (the caller, another adult, a child, an
animal), with caution where a person and a pet are both named."""

from __future__ import annotations

from collections.abc import Sequence

from .concepts import FEMALE, MALE, PERSON_MARKERS, PRONOUN, TWITCH, Who
from .statements import Statement


def person_before(statement: Statement, position: int, last: Who) -> Who:
    who = nearest_person(statement, position, last)
    if who is Who.ANIMAL and _caller_with_an_animal(statement, position):
        return Who.SELF
    humans = [h for h in statement.hits if h.vocab in ("other_adult", "child")]
    if who is Who.ANIMAL and humans:
        # Caution: with a person named in the statement, a sign is theirs ("dad was walking the dog and
        # his chest went tight", "her hands curl up like a bird's claw").
        before = [h for h in humans if h.start < position]
        return PERSON_MARKERS[(before[-1] if before else humans[0]).vocab]
    return who


def nearest_person(statement: Statement, position: int, last: Who) -> Who:
    people = sorted(
        (h for h in statement.hits if h.vocab in PERSON_MARKERS or h.vocab == PRONOUN),
        key=lambda h: h.start,
    )
    before = [h for h in people if h.start < position]
    chosen = before[-1] if before else (people[0] if people else None)
    if chosen is None or (not before and chosen.vocab == "animal"):
        return last  # an animal named only after the sign is a comparison: "fluttering like a bird"
    if chosen.vocab != PRONOUN:
        return PERSON_MARKERS[chosen.vocab]
    # "he", "she": the last person named before it in this statement, else in the ones before.
    named = [h for h in people if h.start < chosen.start and h.vocab not in (PRONOUN, "self")]
    if named:
        return PERSON_MARKERS[named[-1].vocab]
    return last if last is not Who.SELF else Who.ADULT


def latest_person(statement: Statement, last: Who) -> Who:
    for hit in statement.hits:
        if hit.vocab in PERSON_MARKERS:
            last = PERSON_MARKERS[hit.vocab]
    return last


def subject(statements: Sequence[Statement]) -> Who:
    """Whom an utterance with no sign is about: the person nearest before the twitch, else the first
    person named."""
    last = Who.SELF
    first: Who | None = None
    for statement in statements:
        for hit in sorted(statement.hits, key=lambda h: h.start):
            if hit.vocab == TWITCH:
                return person_before(statement, hit.start, last) if first is not None else last
            if hit.vocab in PERSON_MARKERS:
                last = PERSON_MARKERS[hit.vocab]
                first = first or last
    return first or Who.SELF


def them(statements: Sequence[Statement], about: Who) -> str:
    """ "him" or "her" for the adult the advice is for, when the words say which; else "them"."""
    if about is not Who.ADULT:
        return "them"
    for statement in statements:
        for hit in sorted(statement.hits, key=lambda h: h.start):
            if hit.vocab in (MALE, FEMALE):
                return "him" if hit.vocab == MALE else "her"
    return "them"


_CALLER = frozenset({"i", "we"})
_ANOTHER_SUBJECT = frozenset("he she it they him her them".split())
_SAME_SUBJECT_GOES_ON = frozenset({"and", "then"})


def _caller_with_an_animal(statement: Statement, position: int) -> bool:
    """ "I was walking the dog and collapsed": the caller is the subject, the animal only the object of what
    they were doing, and the sign follows "and" with no new subject."""
    lemmas = statement.segment.lemmas
    animals = [h for h in statement.hits if h.vocab == "animal" and h.end <= position]
    if not animals:
        return False
    animal = animals[-1]
    if not _CALLER.intersection(lemmas[: animal.start]):
        return False
    between = lemmas[animal.end : position]
    others = any(h.vocab in PERSON_MARKERS and animal.end <= h.start < position for h in statement.hits)
    return bool(_SAME_SUBJECT_GOES_ON.intersection(between)) and not (
        others or _ANOTHER_SUBJECT.intersection(between)
    )
