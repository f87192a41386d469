"""Warm latency's timing loop: replay recorded envelopes through each handler, built once, and time them.

Each handler is timed alone in a fresh process, as in a warm container of its own: handlers timed side by
side in one process evict each other's code and data from the CPU caches, which made the figures depend on
their order. Imports only the standard library and what the handlers' own folders hold, so warm_latency.py
runs it under the runtime's python3.13 on the `sam build` artifacts, as Lambda runs them, or under this
Python on the source tree. `python warm_child.py VARIANT JOB.json` prints one JSON line.
"""

import contextlib
import gc
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# warm_latency.py points these at the built packages to time the functions as deployed.
SKILL_DIR = os.environ.get("BENCH_SKILL_DIR") or os.path.join(ROOT, "lambda")
HELLO_DIR = os.environ.get("BENCH_HELLO_DIR") or os.path.join(HERE, "hello_world")
TABLE = "bench-preferences"
Handler = Callable[[dict[str, Any], Any], dict[str, Any]]

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


class MemoryDynamoDb:
    """An in-memory stand-in for the low-level DynamoDB client: get_item, put_item, delete_item."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], dict[str, Any]] = {}
        self.calls = 0

    def get_item(self, *, TableName: str, Key: dict[str, Any], **_: Any) -> dict[str, Any]:
        self.calls += 1
        item = self.items.get((TableName, json.dumps(Key, sort_keys=True)))
        return {"Item": dict(item)} if item is not None else {}

    def put_item(self, *, TableName: str, Item: dict[str, Any], **_: Any) -> dict[str, Any]:
        self.calls += 1
        self.items[(TableName, json.dumps({"id": Item["id"]}, sort_keys=True))] = dict(Item)
        return {}

    def delete_item(self, *, TableName: str, Key: dict[str, Any], **_: Any) -> dict[str, Any]:
        self.calls += 1
        self.items.pop((TableName, json.dumps(Key, sort_keys=True)), None)
        return {}


def build_skill_handler() -> Handler:
    """The skill as app.py builds it with PREFERENCES_TABLE set, its DynamoDB client an in-memory dict."""
    if SKILL_DIR not in sys.path:
        sys.path.insert(0, SKILL_DIR)
    from twitch_guide.persistence import DynamoDbPreferences
    from twitch_guide.skill import build_handler

    adapter = DynamoDbPreferences(TABLE, client_factory=MemoryDynamoDb)
    # Created with stderr pointing at /dev/null, the skill's log handler keeps writing there.
    with stderr_to_devnull():
        return build_handler(persistence_adapter=adapter)


def build_hello_handler() -> Handler:
    if HELLO_DIR not in sys.path:
        sys.path.insert(0, HELLO_DIR)
    import lambda_function

    handler: Handler = lambda_function.lambda_handler
    return handler


def build_sdk_only_handler() -> Handler:
    """A skill that answers every request with one fixed sentence: what the ASK SDK alone costs for the
    skill's own envelopes (deserialising them, dispatching, serialising a small response), with the SDK the
    skill's folder holds."""
    if SKILL_DIR not in sys.path:
        sys.path.insert(0, SKILL_DIR)
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


def replay(handler: Handler, events: list[dict[str, Any]], rounds: int, into: list[list[float]]) -> None:
    """Send `events` in order `rounds` times; each request's microseconds go to `into[step]`."""
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for step, event in enumerate(events):
            began = clock()
            handler(event, None)
            into[step].append((clock() - began) / 1000)


VARIANTS = ("skill", "skill_quiet", "sdk_only", "hello")


def run(variant: str, events: list[dict[str, Any]], requests: int, warmup: int) -> list[list[float]]:
    """Time one handler, alone in this process as in its own warm container: `warmup` requests first, then
    the conversation `events` replayed until at least `requests` are timed. Per-step timings (us).
    skill_quiet is the skill with its logger at WARNING; sdk_only the ASK SDK alone on the same envelopes."""
    with stderr_to_devnull():
        if variant in ("skill", "skill_quiet"):
            handler = build_skill_handler()
            if variant == "skill_quiet":
                logging.getLogger("twitch_guide").setLevel(logging.WARNING)
        elif variant == "sdk_only":
            handler = build_sdk_only_handler()
        elif variant == "hello":
            handler = build_hello_handler()
        else:
            raise ValueError(f"unknown variant {variant!r}; one of {', '.join(VARIANTS)}")
        rounds = max(1, -(-requests // len(events)))
        replay(handler, events, max(1, -(-warmup // len(events))), [[] for _ in events])
        gc.collect()
        timings: list[list[float]] = [[] for _ in events]
        replay(handler, events, rounds, timings)
    return timings


def main(argv: list[str]) -> int:
    """`warm_child.py VARIANT JOB.json`: the job holds events, requests and warmup; prints one JSON line."""
    with open(argv[2], encoding="utf-8") as file:
        job = json.load(file)
    print(json.dumps(run(argv[1], **job)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
