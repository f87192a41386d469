"""Benchmark the language layer: how long one utterance takes to understand, and what it adds to a cold start.

- warm: Engine.understand on every corpus utterance, many rounds, in this interpreter (median, p95, max);
- cold: fresh python3.13 processes (Lambda's runtime) that get the engine as the skill does and read one
  utterance, from byte-compiled copies of the function code as `sam build` ships it (with the build's
  conversation snapshot where the code has one): the code before the concept layer (git revision BEFORE)
  against the working tree, interleaved. Before, that is reading the rules and building the engine; now, it
  is loading the whole conversation (rules, prompts and engine) from the snapshot, which does more.

Run: .venv/bin/python tools/bench/understanding.py [--rounds N] [--cold-runs N] [--before REV]
Prints figures; it asserts nothing (the issue's budgets: under 1 ms warm, at most 30 ms more cold start).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "lambda"), str(ROOT / "tools"), str(Path(__file__).resolve().parent)]

from runtime import python313  # noqa: E402

from recall import load_corpus  # noqa: E402
from twitch_guide.triage.engine import Engine  # noqa: E402
from twitch_guide.triage.rules import default_rules  # noqa: E402

BEFORE = "cd22406"  # the last commit with the phrase matcher, before issue 13
# One child run: get the engine as the deployed skill does, read one sentence; print milliseconds.
_CHILD = """
import json, sys, time
start = time.perf_counter()
sys.path.insert(0, sys.argv[1])
try:
    from twitch_guide.snapshot import read_snapshot
except ImportError:  # the code before the snapshot: rules and engine from the TOML
    from twitch_guide.triage.rules import default_rules
    from twitch_guide.triage.engine import Engine
    engine = Engine(default_rules())
else:
    conversation = read_snapshot()
    assert conversation is not None, "the snapshot was not used"
    engine = conversation.engine
text = "my hand went floppy ten minutes ago and i cant lift it"
if hasattr(engine, "understand"):
    engine.understand(text)
else:
    engine.match_text(text)
print(json.dumps({"ms": (time.perf_counter() - start) * 1000}))
"""


def warm(rounds: int) -> dict[str, float]:
    engine = Engine(default_rules())
    texts = [example.text for example in load_corpus()]
    for text in texts:  # first pass: caches, as after a container's first request
        engine.understand(text)
    times: list[float] = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            engine.understand(text)
            times.append((time.perf_counter() - start) * 1e6)
    times.sort()
    return {
        "utterances": len(texts),
        "median_us": statistics.median(times),
        "p95_us": times[int(len(times) * 0.95)],
        "max_us": times[-1],
    }


def _code_at(revision: str | None, target: Path) -> Path:
    """lambda/ at a git revision (or the working tree), byte-compiled with python3.13 as the package is."""
    if revision is None:
        shutil.copytree(ROOT / "lambda", target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    else:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "lambda"], check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(target.parent / "extract", filter="data")
        shutil.move(str(target.parent / "extract" / "lambda"), target)
    return target


def cold(python: str, runs: int, before: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        dirs = {
            "before": _code_at(before, Path(tmp) / "before" / "lambda"),
            "now": _code_at(None, Path(tmp) / "now" / "lambda"),
        }
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": ""}
        for code in dirs.values():
            if (code / "twitch_guide" / "snapshot.py").exists():  # as lambda/Makefile does in sam build
                command = [python, "-m", "twitch_guide.snapshot"]
                subprocess.run(command, check=True, cwd=code, env=env, capture_output=True)
            subprocess.run([python, "-m", "compileall", "-q", str(code)], check=True)
        times: dict[str, list[float]] = {name: [] for name in dirs}
        for _ in range(runs):  # interleaved, so machine noise hits both alike
            for name, code in dirs.items():
                out = subprocess.run(
                    [python, "-c", _CHILD, str(code)], check=True, capture_output=True, text=True, env=env
                ).stdout
                times[name].append(json.loads(out.splitlines()[-1])["ms"])
    result = {f"{name}_median_ms": statistics.median(values) for name, values in times.items()}
    result["added_ms"] = result["now_median_ms"] - result["before_median_ms"]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=15)
    parser.add_argument("--before", default=BEFORE)
    args = parser.parse_args(argv)
    figures = warm(args.rounds)
    print(
        f"warm (this interpreter, {sys.version.split()[0]}): {figures['utterances']} utterances, "
        f"median {figures['median_us']:.0f} us, p95 {figures['p95_us']:.0f} us, "
        f"max {figures['max_us']:.0f} us (budget: under 1000 us)"
    )
    python = python313()
    if python is None:
        print("cold: no python3.13 found; skipped")
        return 0
    figures = cold(python, args.cold_runs, args.before)
    print(
        f"cold (python3.13, byte-compiled, {args.cold_runs} runs each): engine as deployed + first reading "
        f"{figures['before_median_ms']:.1f} ms before ({args.before}), "
        f"{figures['now_median_ms']:.1f} ms now: {figures['added_ms']:+.1f} ms (budget: at most +30 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
