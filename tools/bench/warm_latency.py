"""Warm latency: per-request time of a mixed conversation through each handler, built once per process.

The conversation is played once to record real envelopes (each carrying the session attributes of the
previous answer), then replayed many times; the skill is a function of its request, so every replay does the
same work. Preferences live in an in-memory stand-in for the DynamoDB client behind the skill's own
DynamoDbPreferences, so our adapter code runs and botocore's does not (it is measured in the cold start).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import math
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alexa_requests import AlexaSession, Fill, MemoryDynamoDb, intent_slots

ROOT = Path(__file__).resolve().parents[2]
HELLO_DIR = Path(__file__).resolve().parent / "hello_world"
TABLE = "bench-preferences"
Handler = Callable[[dict[str, Any], Any], dict[str, Any]]

# (label, intent or request type, slots): launch, information answers, the interview, a volunteered symptom.
SKILL_CONVERSATION: list[tuple[str, str, dict[str, Fill]]] = [
    ("launch", "LaunchRequest", {}),
    ("what is twitching", "WhatIsTwitchingIntent", {}),
    ("causes: caffeine", "CausesIntent", {"cause": Fill("coffee", "caffeine")}),
    ("symptom check", "SymptomCheckIntent", {}),
    ("no", "AMAZON.NoIntent", {}),
    ("no", "AMAZON.NoIntent", {}),
    ("no", "AMAZON.NoIntent", {}),
    ("no", "AMAZON.NoIntent", {}),
    (
        "report symptom",
        "ReportSymptomIntent",
        {"symptom": Fill("weak", "weakness"), "bodyPart": Fill("leg"), "duration": Fill("P3W")},
    ),
    ("no", "AMAZON.NoIntent", {}),
    ("no", "AMAZON.NoIntent", {}),
    ("stop", "AMAZON.StopIntent", {}),
]
HELLO_CONVERSATION: list[tuple[str, str, dict[str, Fill]]] = [
    ("launch", "LaunchRequest", {}),
    ("hello", "HelloWorldIntent", {}),
]


@dataclass
class Timings:
    """Per-request times in microseconds, by step of the conversation."""

    by_step: list[list[float]]
    labels: list[str]

    @property
    def all(self) -> list[float]:
        return [t for step in self.by_step for t in step]

    def median(self) -> float:
        return statistics.median(self.all)

    def p99(self) -> float:
        return percentile(self.all, 99)


@dataclass
class WarmResult:
    skill: Timings
    hello: Timings
    skill_quiet: Timings  # the skill with its logger at WARNING: the cost of the two INFO lines per request
    sdk_only: Timings  # the skill's own envelopes through a skill that does nothing: the SDK's share
    conversations: int
    warmup: int
    notes: list[str] = field(default_factory=list)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `pct` percent of values at or below it."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


# Kept open for the life of the process: the skill's log handler holds on to the stream it was built with.
_DEVNULL = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


@contextlib.contextmanager
def stderr_to_devnull() -> Iterator[None]:
    """The skill's JSON logs are written (as Lambda would to its stderr pipe) but not shown."""
    saved, sys.stderr = sys.stderr, _DEVNULL
    try:
        yield
    finally:
        sys.stderr = saved


def build_skill_handler() -> Handler:
    """The skill as app.py builds it with PREFERENCES_TABLE set, its DynamoDB client an in-memory dict."""
    if str(ROOT / "lambda") not in sys.path:
        sys.path.insert(0, str(ROOT / "lambda"))
    from twitch_guide.persistence import DynamoDbPreferences
    from twitch_guide.skill import build_handler

    adapter = DynamoDbPreferences(TABLE, client_factory=MemoryDynamoDb)
    # Created with stderr pointing at /dev/null, the skill's log handler keeps writing there.
    with stderr_to_devnull():
        return build_handler(persistence_adapter=adapter)


def build_hello_handler() -> Handler:
    if str(HELLO_DIR) not in sys.path:
        sys.path.insert(0, str(HELLO_DIR))
    import lambda_function

    handler: Handler = lambda_function.lambda_handler
    return handler


def build_sdk_only_handler() -> Handler:
    """A skill that answers every request with one fixed sentence: what the ASK SDK alone costs for the
    skill's own envelopes (deserialising them, dispatching, serialising a small response)."""
    from ask_sdk_core.dispatch_components import AbstractRequestHandler
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_core.skill_builder import SkillBuilder
    from ask_sdk_model import Response

    class Everything(AbstractRequestHandler):
        def can_handle(self, handler_input: HandlerInput) -> bool:
            return True

        def handle(self, handler_input: HandlerInput) -> Response:
            response: Response = handler_input.response_builder.speak("Okay.").response
            return response

    builder = SkillBuilder()
    builder.add_request_handler(Everything())
    handler: Handler = builder.lambda_handler()
    return handler


def record(handler: Handler, script: list[tuple[str, str, dict[str, Fill]]]) -> list[dict[str, Any]]:
    """Play the conversation once and return the envelopes sent, in order."""
    session = AlexaSession(declared=intent_slots())
    events = []
    for _, kind, slots in script:
        event = session.launch() if kind == "LaunchRequest" else session.intent(kind, **slots)
        events.append(event)
        session.send(handler, event)
    return events


def replay(handler: Handler, events: list[dict[str, Any]], rounds: int, into: list[list[float]]) -> None:
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for step, event in enumerate(events):
            began = clock()
            handler(event, None)
            into[step].append((clock() - began) / 1000)


def measure(conversations: int = 400, warmup: int = 40, block: int = 20) -> WarmResult:
    """Replay both conversations `conversations` times, interleaved in blocks so drift hits both alike."""
    skill, hello, sdk_only = build_skill_handler(), build_hello_handler(), build_sdk_only_handler()
    skill_events, hello_events = record(skill, SKILL_CONVERSATION), record(hello, HELLO_CONVERSATION)
    # Same number of requests for both: the hello world's shorter conversation is played more often.
    hello_rounds = max(1, round(block * len(skill_events) / len(hello_events)))
    skill_t = [[] for _ in skill_events]  # type: list[list[float]]
    quiet_t = [[] for _ in skill_events]  # type: list[list[float]]
    hello_t = [[] for _ in hello_events]  # type: list[list[float]]
    sdk_t = [[] for _ in skill_events]  # type: list[list[float]]
    skill_logger = logging.getLogger("twitch_guide")
    level = skill_logger.level
    replay(skill, skill_events, warmup, [[] for _ in skill_events])
    replay(hello, hello_events, warmup * len(skill_events) // len(hello_events), [[] for _ in hello_events])
    replay(sdk_only, skill_events, warmup, [[] for _ in skill_events])
    gc.collect()
    for _ in range(max(1, conversations // block)):
        replay(skill, skill_events, block, skill_t)
        replay(hello, hello_events, hello_rounds, hello_t)
        skill_logger.setLevel(logging.WARNING)
        replay(skill, skill_events, block, quiet_t)
        skill_logger.setLevel(level)
        replay(sdk_only, skill_events, block, sdk_t)
    notes = [
        f"gc enabled (as in Lambda), collected before timing; {warmup} warm-up conversations per handler",
        "skill logs (JSON, INFO) written to /dev/null; preferences in an in-memory DynamoDB client stand-in",
    ]
    return WarmResult(
        skill=Timings(skill_t, [label for label, _, _ in SKILL_CONVERSATION]),
        hello=Timings(hello_t, [label for label, _, _ in HELLO_CONVERSATION]),
        skill_quiet=Timings(quiet_t, [label for label, _, _ in SKILL_CONVERSATION]),
        sdk_only=Timings(sdk_t, [label for label, _, _ in SKILL_CONVERSATION]),
        conversations=max(1, conversations // block) * block,
        warmup=warmup,
        notes=notes,
    )


if __name__ == "__main__":
    result = measure()
    for name, timings in (
        ("skill", result.skill),
        ("quiet", result.skill_quiet),
        ("sdk only", result.sdk_only),
        ("hello", result.hello),
    ):
        print(f"{name}: median {timings.median():.0f} us, p99 {timings.p99():.0f} us")
        for label, step in zip(timings.labels, timings.by_step, strict=True):
            print(f"   {label:20} {statistics.median(step):8.0f} us")
