"""Recognise how a user addresses the skill: "open <name>" (launch) or "ask <name> to ..." (one-shot).

The one home of the launch-phrase patterns of Amazon's "Understanding how users invoke custom skills": the
simulator reads typed text with them, and the model checks read the skill's example phrases with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .text import normalise

ASK_VERBS = ("ask", "tell")
# "open <name>", "talk to <name>", and "open <name> and <request>".
LAUNCH_VERBS = ("open", "start", "launch", "begin", "load", "run", "resume", "play", "use", "talk to")
# "ask <name> whether ...": the request may or may not include the word, so both readings are tried.
CONNECTORS = {"ask": ("to", "about", "for", "if", "whether"), "tell": ("to", "that")}
# "<request> using <name>"
TRAILING_LINKS = ("using", "with", "from", "in", "on", "by")

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


def parse_invocation(text: str, invocation_name: str, *, strict: bool = False) -> Invocation:
    """Classify `text` against the skill's invocation name.

    `strict` keeps to the documented patterns, as an example phrase must. Without it the simulator also
    takes what a person types at a keyboard: "the" before the name, a bare "<name>, <request>", any
    connecting word after "ask" or "tell", and "ask <request> from <name>".
    """
    words = normalise(text)
    tokens = words.tokens
    name = tuple(normalise(invocation_name).tokens)
    at = _find(tokens, name)
    if at is None:
        return Invocation("utterance", (text,))
    start = at - 1 if not strict and at > 0 and tokens[at - 1] == "the" else at
    before, after = " ".join(tokens[:start]), tokens[at + len(name) :]
    rest_at = at + len(name)
    if not before or before in ASK_VERBS or before in LAUNCH_VERBS:
        if not after:
            return Invocation("launch")
        if strict and not before:
            return Invocation("utterance", (text,))
        if before in ASK_VERBS:
            connectors = CONNECTORS[before] if strict else (*CONNECTORS["ask"], *CONNECTORS["tell"], "and")
            request = words.surface(rest_at, len(tokens))
            if after[0] in connectors and len(after) > 1:
                return Invocation("one_shot", (words.surface(rest_at + 1, len(tokens)), request))
            return Invocation("one_shot", (request,))
        skip = 1 if after[0] == "and" else 0
        if not skip and before:
            return Invocation("utterance", (text,))  # "open <name> <request>" needs its "and"
        if skip and len(after) == 1:
            return Invocation("launch")
        return Invocation("one_shot", (words.surface(rest_at + skip, len(tokens)),))
    head = tokens[:start]
    if not after and len(head) > 1 and head[-1] in TRAILING_LINKS:
        offset = 1 if not strict and head[0] in ASK_VERBS else 0
        return Invocation("one_shot", (words.surface(offset, len(head) - 1),))
    return Invocation("utterance", (text,))


def _find(tokens: tuple[str, ...], name: tuple[str, ...]) -> int | None:
    for i in range(len(tokens) - len(name) + 1):
        if tokens[i : i + len(name)] == name:
            return i
    return None
