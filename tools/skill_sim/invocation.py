"""Recognise how a user addresses the skill: "open <name>" (launch) or "ask <name> to ..." (one-shot)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .text import normalise

LAUNCH_VERBS = frozenset({"open", "start", "launch", "begin", "load", "run", "play", "use"})
ASK_VERBS = frozenset({"ask", "tell"})
# "ask <name> whether ...": the request may or may not include the word, so both readings are tried.
CONNECTORS = frozenset({"to", "about", "for", "if", "whether", "that", "and"})
# "<request> from <name>"
TRAILING_LINKS = frozenset({"from", "using", "with", "on", "in"})

Kind = Literal["launch", "one_shot", "utterance"]


@dataclass(frozen=True)
class Invocation:
    """What the typed text asks for.

    `kind` is "launch" (a LaunchRequest), "one_shot" (an IntentRequest in a new session, `readings` holds the
    request with and without its connecting word, best first) or "utterance" (no invocation name: `readings`
    holds the text as typed).
    """

    kind: Kind
    readings: tuple[str, ...] = ()


def parse_invocation(text: str, invocation_name: str) -> Invocation:
    """Classify `text` against the skill's invocation name (already lower case)."""
    words = normalise(text)
    tokens = words.tokens
    name = tuple(normalise(invocation_name).tokens)
    at = _find(tokens, name)
    if at is None:
        return Invocation("utterance", (text,))
    start = at - 1 if at > 0 and tokens[at - 1] == "the" else at
    before, after = tokens[:start], tokens[at + len(name) :]
    rest_at = at + len(name)
    verb = before[0] if len(before) == 1 else None
    if not before or verb in LAUNCH_VERBS | ASK_VERBS:
        if not after:
            return Invocation("launch")
        if verb in ASK_VERBS:
            if after[0] in CONNECTORS and len(after) > 1:
                without = words.surface(rest_at + 1, len(tokens))
                return Invocation("one_shot", (without, words.surface(rest_at, len(tokens))))
            return Invocation("one_shot", (words.surface(rest_at, len(tokens)),))
        # "open <name> and <request>"; a bare "<name>, <request>" as a convenience.
        skip = 1 if after[0] == "and" else 0
        if verb and not skip:
            return Invocation("utterance", (text,))
        if skip and len(after) == 1:
            return Invocation("launch")
        return Invocation("one_shot", (words.surface(rest_at + skip, len(tokens)),))
    if not after and len(before) > 1 and before[-1] in TRAILING_LINKS:
        head = before[1:-1] if before[0] in ASK_VERBS else before[:-1]
        offset = 1 if before[0] in ASK_VERBS else 0
        return Invocation("one_shot", (words.surface(offset, offset + len(head)),))
    return Invocation("utterance", (text,))


def _find(tokens: tuple[str, ...], name: tuple[str, ...]) -> int | None:
    for i in range(len(tokens) - len(name) + 1):
        if tokens[i : i + len(name)] == name:
            return i
    return None
