"""Where the skill's time goes: `python -X importtime` of its entry beside the hello world's, boto3's import
and client, and a cProfile of the warm conversation. Run: .venv/bin/python tools/bench/where_time_goes.py
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LAMBDA_DIR = ROOT / "lambda"
HELLO_DIR = HERE / "hello_world"
# As in cold_child.py: the Lambda runtime has none of these, and botocore picks them up when present.
HIDE = "import sys\nfor m in ('awscrt', 'OpenSSL', 'cryptography'): sys.modules[m] = None\n"


def importtime(code_dir: Path, statement: str) -> list[tuple[int, int, str]]:
    """(self us, depth, module) for every import `statement` triggers, in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "PREFERENCES_TABLE"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", HIDE + statement],
        cwd=code_dir,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = line.removeprefix("import time:").split("|")
        rows.append((int(own), (len(name) - len(name.lstrip())) // 2, name.strip()))
    return rows


def best_of(code_dir: Path, statement: str, runs: int) -> tuple[dict[str, int], dict[str, str]]:
    """Each module's smallest self time over `runs` processes, and which of our modules pulled it in."""
    best: dict[str, int] = {}
    owner: dict[str, str] = {}
    for _ in range(runs):
        stack: list[str] = []
        for own, depth, name in reversed(importtime(code_dir, statement)):  # parents come first reversed
            del stack[depth:]
            stack.append(name)
            best[name] = min(own, best.get(name, own))
            ours = [m for m in stack if m.startswith("twitch_guide") or m == "app"]
            owner.setdefault(name, ours[-1] if ours else stack[0])
    return best, owner


def report_imports(runs: int) -> None:
    skill, owner = best_of(LAMBDA_DIR, "import app", runs)
    hello, _ = best_of(HELLO_DIR, "import lambda_function", runs)
    print(f"== imports (best of {runs} fresh processes, self time, us)")
    print(f"  skill entry (app, no store): {sum(skill.values()) / 1000:.1f} ms of imports and handler build")
    print(f"  hello world:                 {sum(hello.values()) / 1000:.1f} ms")
    ours = {m: t for m, t in skill.items() if m.startswith("twitch_guide") or m == "app"}
    print(f"  our modules' own time: {sum(ours.values()) / 1000:.1f} ms ('app' includes build_handler)")
    for module, spent in sorted(ours.items(), key=lambda kv: -kv[1])[:8]:
        print(f"    {spent:7,}  {module}")
    extra = {m: t for m, t in skill.items() if m not in hello and m not in ours}
    by_owner: dict[str, list[str]] = defaultdict(list)
    for module in extra:
        by_owner[owner[module]].append(module)
    print(
        f"  modules only the skill imports: {len(extra)}, {sum(extra.values()) / 1000:.1f} ms;"
        " by our importer:"
    )
    ranked = sorted(by_owner.items(), key=lambda kv: -sum(extra[m] for m in kv[1]))
    for importer, modules in ranked[:8]:
        top = sorted(modules, key=lambda m: -extra[m])[:5]
        print(f"    {sum(extra[m] for m in modules):7,}  via {importer}: {', '.join(top)}, ...")


def report_boto3(runs: int) -> None:
    statement = (
        HIDE + "import time, logging, json, hashlib\n"  # the skill has these already
        "t0 = time.perf_counter(); import boto3; t1 = time.perf_counter()\n"
        "from botocore.config import Config\n"
        "boto3.client('dynamodb', config=Config(retries={'total_max_attempts': 2, 'mode': 'standard'}))\n"
        "t2 = time.perf_counter(); print(f'{1000 * (t1 - t0):.1f} {1000 * (t2 - t1):.1f}')\n"
    )
    env = {**os.environ, "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
    env.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    pairs = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", statement], env=env, capture_output=True, text=True, check=True
        )
        imported, client = done.stdout.split()
        pairs.append((float(imported), float(client)))
    pairs.sort()
    imported, client = pairs[len(pairs) // 2]
    print(f"== boto3 (median of {runs}): import {imported:.0f} ms, DynamoDB client {client:.0f} ms")


def report_warm(rounds: int, top: int) -> None:
    sys.path.insert(0, str(HERE))
    import warm_latency

    skill = warm_latency.build_skill_handler()
    events = warm_latency.record(skill, warm_latency.SKILL_CONVERSATION)
    warm_latency.replay(skill, events, 30, [[] for _ in events])
    profiler = cProfile.Profile()
    profiler.enable()
    warm_latency.replay(skill, events, rounds, [[] for _ in events])
    profiler.disable()
    requests = rounds * len(events)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = []
    for (path, line, function), (_, calls, own, cumulative, _) in stats.items():
        where = path.split("site-packages/")[-1].replace(str(LAMBDA_DIR) + "/", "")
        rows.append(
            (
                cumulative / requests * 1e6,
                own / requests * 1e6,
                calls / requests,
                f"{where}:{line} {function}",
            )
        )
    print(f"== warm: cProfile of {requests} requests (times inflated by the profiler; compare them, not add)")
    print(f"  {'cum us':>8} {'own us':>7} {'calls':>6}  per request")
    for cumulative, own, calls, name in sorted(rows, key=lambda r: -r[0])[:top]:
        print(f"  {cumulative:8.1f} {own:7.1f} {calls:6.1f}  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per import measurement")
    parser.add_argument("--rounds", type=int, default=200, help="profiled replays of the conversation")
    parser.add_argument("--top", type=int, default=40, help="functions to list")
    args = parser.parse_args()
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    report_imports(args.runs)
    report_boto3(args.runs)
    report_warm(args.rounds, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
