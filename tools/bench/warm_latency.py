"""Warm latency: per-request time of a mixed conversation through each handler, each alone in a process.

The conversation is played once on the source tree to record real envelopes (each carrying the session
attributes of the previous answer), then replayed many times by warm_child.py, in fresh processes, on the
`sam build` artifacts under python3.13 when run.py passes them; the skill is a function of its request, so
every replay does the same work. Preferences live in an in-memory stand-in for the DynamoDB client behind the
skill's own DynamoDbPreferences, so our adapter code runs and botocore's does not (it is measured in the cold
start).
"""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import warm_child
from alexa_requests import AlexaSession, Fill, intent_slots
from runtime import run_json_child
from warm_child import Handler, build_hello_handler, build_skill_handler, replay, stderr_to_devnull

__all__ = ["build_hello_handler", "build_skill_handler", "replay", "stderr_to_devnull"]

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().parent / "warm_child.py"
CHILD_TIMEOUT_S = 300

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
    skill_quiet: Timings  # the skill with its logger at WARNING: the cost of its INFO line a request
    sdk_only: Timings  # the skill's own envelopes through a skill that does nothing: the SDK's share
    conversations: int
    warmup: int
    notes: list[str] = field(default_factory=list)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `pct` percent of values at or below it."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


def record(handler: Handler, script: list[tuple[str, str, dict[str, Fill]]]) -> list[dict[str, Any]]:
    """Play the conversation once and return the envelopes sent, in order."""
    session = AlexaSession(declared=intent_slots())
    events = []
    for _, kind, slots in script:
        event = session.launch() if kind == "LaunchRequest" else session.intent(kind, **slots)
        events.append(event)
        session.send(handler, event)
    return events


def measure(
    conversations: int = 400, rounds: int = 5, deployed: tuple[str, Path, Path] | None = None
) -> WarmResult:
    """Record both conversations on the source tree, then time each handler in fresh processes, `rounds`
    times each, interleaved so drift hits every handler alike; each child times `conversations` //
    `rounds` conversations after a warm-up. `deployed` = (python3.13, skill artifact, hello artifact): the
    children run under that interpreter on the `sam build` artifacts, with their bytecode and bytecode
    writing off, as Lambda runs them; otherwise under this Python on the source tree."""
    with stderr_to_devnull():
        skill_events = record(build_skill_handler(), SKILL_CONVERSATION)
    hello_events = record(build_hello_handler(), HELLO_CONVERSATION)
    per_child = max(1, conversations // rounds) * len(skill_events)  # as many requests for every handler
    warmup = 40 * len(skill_events)
    python, env = sys.executable, _child_env(None, None)
    if deployed is not None:
        python, env = deployed[0], _child_env(deployed[1], deployed[2])
    timings: dict[str, list[list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="warm-") as tmp:
        jobs = {}
        for name, events in (("skill", skill_events), ("hello", hello_events)):
            jobs[name] = Path(tmp) / f"{name}.json"
            job = {"events": events, "requests": per_child, "warmup": warmup}
            jobs[name].write_text(json.dumps(job), encoding="utf-8")
        for _ in range(rounds):
            for variant in warm_child.VARIANTS:
                job_path = jobs["hello" if variant == "hello" else "skill"]
                steps = _run_child(python, env, variant, job_path)
                merged = timings.setdefault(variant, [[] for _ in steps])
                for into, step in zip(merged, steps, strict=True):
                    into.extend(step)
    notes = [
        f"each handler alone in a fresh process, {rounds} rounds interleaved; {warmup} warm-up requests each",
        "gc enabled (as in Lambda), collected before timing",
        "skill logs (JSON, INFO) written to /dev/null; preferences in an in-memory DynamoDB client stand-in",
    ]
    if deployed is not None:
        notes.append("as deployed: the sam build artifacts under python3.13, bytecode writing off")
    skill_labels = [label for label, _, _ in SKILL_CONVERSATION]
    return WarmResult(
        skill=Timings(timings["skill"], skill_labels),
        hello=Timings(timings["hello"], [label for label, _, _ in HELLO_CONVERSATION]),
        skill_quiet=Timings(timings["skill_quiet"], skill_labels),
        sdk_only=Timings(timings["sdk_only"], skill_labels),
        conversations=max(1, conversations // rounds) * rounds,
        warmup=warmup,
        notes=notes,
    )


def _child_env(skill_dir: Path | None, hello_dir: Path | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BENCH_")}
    env["LOG_LEVEL"] = "INFO"
    env.pop("PYTHONPATH", None)
    if skill_dir is not None and hello_dir is not None:
        env["BENCH_SKILL_DIR"], env["BENCH_HELLO_DIR"] = str(skill_dir), str(hello_dir)
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # /var/task is read-only: the build's bytecode is what runs
    return env


def _run_child(python: str, env: dict[str, str], variant: str, job_path: Path) -> list[list[float]]:
    steps: list[list[float]] = run_json_child(
        [python, str(CHILD), variant, str(job_path)], env, CHILD_TIMEOUT_S, f"warm latency, {variant}"
    )
    return steps


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
    sys.exit(0)
