"""`make bench`: cold start, warm latency, package size and answer length, each beside a hello-world skill.

A report, not a test: it exits 0 whether targets are met or not (2 only for bad arguments). Nothing reaches
AWS; pip reaches the package index to build the two packages, as `sam build` does. docs/benchmarks.md
explains every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
for path in (HERE, ROOT / "lambda"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

# Before anything imports botocore: nothing here may reach AWS.
os.environ.update(
    {
        "AWS_EC2_METADATA_DISABLED": "true",
        "SAM_CLI_TELEMETRY": "0",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "LOG_LEVEL": "INFO",  # the deployed default; the skill's logs are written to /dev/null
    }
)
for name in ("PREFERENCES_TABLE", "LOCAL_PREFERENCES_FILE", "AWS_PROFILE"):
    os.environ.pop(name, None)
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

import answer_length  # noqa: E402
import cold_start  # noqa: E402
import package_size  # noqa: E402
import runtime  # noqa: E402
import warm_latency  # noqa: E402

# The targets of issue 15, on the deployed artifact: cold start with DynamoDB at most the hello world with the
# SDK's adapter, with no store at most 1.2x the plain hello world; warm requests at most 1.5x.
TARGET_WARM_RATIO = 1.5
TARGET_COLD_RATIO = 1.2
TARGET_COLD_DDB_RATIO = 1.0
DEPLOYED_SKILL = "skill, as deployed"
DEPLOYED_SKILL_NO_STORE = "skill, no store, as deployed"
DEPLOYED_HELLO = "hello world, as deployed"
DEPLOYED_HELLO_DDB = "hello world + DynamoDbAdapter, as deployed"
TARGET_PACKAGE_RATIO = 1.1
TARGET_MAX_SECONDS = 30.0
TARGET_MEDIAN_SECONDS = 15.0


@dataclass
class Row:
    """One line of the summary table."""

    figure: str
    skill: str
    hello: str = ""
    ratio: str = ""
    target: str = "info"
    result: str = ""


def machine() -> dict[str, Any]:
    """CPU model, cores, memory, OS and Python: where the figures were taken."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": cpu,
        "cores": usable,
        "memory": memory,
        "os": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }


def ratio(skill: float | None, hello: float | None) -> float | None:
    return skill / hello if skill is not None and hello else None


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value <= limit else "FAIL"


def fmt(value: float | None, digits: int = 1, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}{suffix}"


def print_table(rows: list[Row]) -> None:
    headers = Row("figure", "skill", "hello world", "ratio", "target", "result")
    table = [headers, *rows]
    widths = [max(len(getattr(r, f)) for r in table) for f in ("figure", "skill", "hello", "ratio", "target")]
    for i, row in enumerate(table):
        cells = [row.figure.ljust(widths[0])]
        cells += [
            getattr(row, f).rjust(w) for f, w in zip(("skill", "hello", "ratio"), widths[1:4], strict=True)
        ]
        cells += [row.target.ljust(widths[4]), row.result]
        print("  ".join(cells).rstrip())
        if i == 0:
            print("-" * (sum(widths) + 2 * 5 + 6))


def section(title: str) -> None:
    print(f"\n== {title}")


def run_package(workdir: Path, report: dict[str, Any]) -> tuple[list[Row], dict[str, Path]]:
    section("deployment package: lambda/Makefile's build-TwitchGuideFunction (what sam build runs), zipped")
    started = time.perf_counter()
    try:
        skill, hello = package_size.measure(workdir)
    except package_size.BuildError as error:
        print(f"  not measured: {error}")
        report["package"] = {"error": str(error)}
        return [Row("package, zipped (bytes)", "n/a", "n/a", "", f"<= {TARGET_PACKAGE_RATIO}x", "n/a")], {}
    value = ratio(skill.zipped_bytes, hello.zipped_bytes)
    for label, package in (("skill", skill), ("hello world", hello)):
        print(
            f"  {label:12} {package.zipped_bytes:>10,} bytes zipped, {package.unzipped_bytes:>10,} unzipped, "
            f"{package.files:>5} files; own code {package.own_zipped_bytes:,} bytes zipped"
        )
    print(f"  built in {time.perf_counter() - started:.1f} s (pip cross-install for CPython 3.13, aarch64)")
    report["package"] = {
        "skill_zipped": skill.zipped_bytes,
        "hello_zipped": hello.zipped_bytes,
        "skill_own_zipped": skill.own_zipped_bytes,
        "ratio": value,
    }
    row = Row(
        "package, zipped (bytes)",
        f"{skill.zipped_bytes:,}",
        f"{hello.zipped_bytes:,}",
        fmt(value, 3, "x"),
        f"<= {TARGET_PACKAGE_RATIO}x",
        verdict(value, TARGET_PACKAGE_RATIO),
    )
    return [row], {"skill": skill.folder, "hello": hello.folder}


def run_cold(rounds: int, built: dict[str, Path], workdir: Path, report: dict[str, Any]) -> list[Row]:
    section(f"cold start: median of {rounds} fresh processes, import + first LaunchRequest (ms)")
    adapter = cold_start.has_dynamodb_adapter()
    variants = [
        cold_start.Variant("skill (dev)", "skill"),
        cold_start.Variant("skill, no store (dev)", "skill_no_store"),
        cold_start.Variant("hello world (dev)", "hello"),
    ]
    if adapter:
        variants.append(cold_start.Variant("hello world + DynamoDbAdapter (dev)", "hello_dynamodb"))
    python = runtime.runtime_python(workdir) if built else None
    if built and python is None:
        print("  as deployed: not measured (no python3.13, or pip could not install boto3 for it)")
    if built and python is not None:
        skill_dir, hello_dir = built["skill"], built["hello"]
        variants += [
            cold_start.Variant(DEPLOYED_SKILL, "skill", skill_dir=skill_dir, python=python),
            cold_start.Variant(DEPLOYED_SKILL_NO_STORE, "skill_no_store", skill_dir=skill_dir, python=python),
            cold_start.Variant(DEPLOYED_HELLO, "hello", hello_dir=hello_dir, python=python),
        ]
        if adapter:
            with_adapter = package_size.with_module(
                hello_dir,
                cold_start.DYNAMODB_ADAPTER,
                workdir / "hello-dynamodb",
                files=(package_size.HELLO_DIR / "lambda_function_dynamodb.py",),
            )
            hello_ddb = cold_start.Variant(
                DEPLOYED_HELLO_DDB, "hello_dynamodb", hello_dir=with_adapter, python=python
            )
            variants.append(hello_ddb)
    results = cold_start.measure(variants, rounds)
    width = max(len(v.name) for v in variants)
    print(f"  {'variant':{width}}  {'total':>7}  {'import':>7}  {'1st req':>7}  boto3")
    for variant in variants:
        runs = results[variant.name]
        if runs.errors and not runs.total:
            print(f"  {variant.name:{width}}  failed: {runs.errors[0]}")
            continue
        print(
            f"  {variant.name:{width}}  {fmt(runs.median()):>7}  {fmt(statistics.median(runs.imported)):>7}  "
            f"{fmt(statistics.median(runs.first_request)):>7}  {'yes' if runs.boto3_loaded else 'no'}"
        )
    print(
        "  skill = import app with PREFERENCES_TABLE set, as in Lambda: boto3 is imported and its client\n"
        "    created on the first request, then GetItem and PutItem go over HTTP to a moto server on\n"
        "    127.0.0.1 (AWS_ENDPOINT_URL_DYNAMODB), emptied before each start.\n"
        "  hello world + DynamoDbAdapter = hello_world/lambda_function_dynamodb.py, reading and saving a\n"
        "    visit count at launch against the same loopback server. Nothing reaches AWS.\n"
        "  as deployed = the sam build artifacts (lambda/Makefile) under python3.13 with the bytecode the\n"
        "    build compiled and bytecode writing off, boto3 from a python3.13 venv of its own (runtime.py);\n"
        "    the skill loads the build's conversation snapshot. dev = the source tree under this Python."
    )
    if not adapter:
        print(
            f"  hello world + DynamoDbAdapter: not measured, {cold_start.DYNAMODB_ADAPTER} is not installed "
            f"({cold_start.DYNAMODB_ADAPTER_PIN} belongs in requirements-dev.txt)"
        )
    report["cold_ms"] = {
        name: {"median": r.median(), "runs": r.total, "errors": r.errors} for name, r in results.items()
    }

    def median_of(name: str) -> float | None:
        runs = results.get(name)
        return runs.median() if runs else None

    rows = []
    # Like with like: the skill with DynamoDB against the hello world with the SDK's adapter, and the skill
    # with no store against the plain hello world, both as deployed.
    for label, skill_name, hello_name, target in (
        ("cold, DynamoDB, as deployed (ms)", DEPLOYED_SKILL, DEPLOYED_HELLO_DDB, TARGET_COLD_DDB_RATIO),
        ("cold, no store, as deployed (ms)", DEPLOYED_SKILL_NO_STORE, DEPLOYED_HELLO, TARGET_COLD_RATIO),
    ):
        skill, hello = median_of(skill_name), median_of(hello_name)
        value = ratio(skill, hello)
        rows.append(
            Row(label, fmt(skill), fmt(hello), fmt(value, 2, "x"), f"<= {target}x", verdict(value, target))
        )
    skill, hello = median_of("skill, no store (dev)"), median_of("hello world (dev)")
    rows.append(Row("cold, no store, dev (ms)", fmt(skill), fmt(hello), fmt(ratio(skill, hello), 2, "x")))
    return rows


def run_warm(conversations: int, built: dict[str, Path], workdir: Path, report: dict[str, Any]) -> list[Row]:
    section("warm latency: one process, handlers built once, the conversation replayed (us per request)")
    python = runtime.runtime_python(workdir) if built else None
    if python is not None:
        print("  as deployed: the sam build artifacts under python3.13 (the runtime's), bytecode writing off")
        deployed = (python, built["skill"], built["hello"])
        result = warm_latency.measure(conversations=conversations, deployed=deployed)
        where = "as deployed"
    else:
        print("  as deployed: not measured (no build, or no python3.13); the source tree under this Python")
        result = warm_latency.measure(conversations=conversations)
        where = "dev"
    requests = len(result.skill.all)
    print(
        f"  {result.conversations} conversations of {len(result.skill.labels)} requests each: "
        f"{requests} requests"
    )
    print(f"  hello world: LaunchRequest and HelloWorldIntent, {len(result.hello.all)} requests")
    rows = [
        ("skill", result.skill),
        ("skill, logger at WARNING", result.skill_quiet),
        ("SDK only, skill's envelopes", result.sdk_only),
        ("hello world", result.hello),
    ]
    print(f"  {'':28}  {'median':>7}  {'p99':>7}")
    for label, timings in rows:
        print(f"  {label:28}  {timings.median():7.0f}  {timings.p99():7.0f}")
    print("  skill by step (median us):")
    for label, skill_step, sdk_step in zip(
        result.skill.labels, result.skill.by_step, result.sdk_only.by_step, strict=True
    ):
        own = statistics.median(skill_step) - statistics.median(sdk_step)
        print(
            f"    {label:20} {statistics.median(skill_step):6.0f}"
            f"   (SDK alone {statistics.median(sdk_step):4.0f})"
            f"  own {own:5.0f}"
        )
    own = result.skill.median() - result.sdk_only.median()
    print(
        f"  the skill's own work: ~{own:.0f} us a request (the skill minus the SDK alone on the same\n"
        f"    envelopes), of which ~{result.skill.median() - result.skill_quiet.median():.0f} us are its one"
        " INFO log line"
    )
    for note in result.notes:
        print(f"  {note}")
    report["warm_us"] = {label: {"median": t.median(), "p99": t.p99()} for label, t in rows}
    median_ratio = ratio(result.skill.median(), result.hello.median())
    return [
        Row(
            f"warm median, {where} (us/request)",
            f"{result.skill.median():.0f}",
            f"{result.hello.median():.0f}",
            fmt(median_ratio, 2, "x"),
            f"<= {TARGET_WARM_RATIO}x",
            verdict(median_ratio, TARGET_WARM_RATIO),
        ),
        Row(
            f"warm p99, {where} (us/request)",
            f"{result.skill.p99():.0f}",
            f"{result.hello.p99():.0f}",
            fmt(ratio(result.skill.p99(), result.hello.p99()), 2, "x"),
        ),
    ]


def run_answers(run_tests: bool, report: dict[str, Any]) -> list[Row]:
    section("answer length: every distinct outputSpeech, words and seconds at 150 words a minute")
    with warm_latency.stderr_to_devnull():
        handler = warm_latency.build_skill_handler()
        collection = answer_length.collect_scripted(handler)
        scripted = (len(collection.answers), collection.median_seconds(), collection.longest())
        if run_tests:
            from_tests = answer_length.collect_from_tests()
            tested = (len(from_tests.answers), from_tests) if from_tests.answers else None
            collection.merge(from_tests)
        else:
            tested = None
            collection.notes.append("conversation tests: skipped (--no-tests)")
    for note in collection.notes:
        print(f"  {note}")
    print(
        f"  scripted tour: {scripted[0]} distinct answers, median {scripted[1]:.1f} s, "
        f"longest {scripted[2].seconds:.1f} s"
    )
    if tested is not None:
        answers = tested[1]
        print(
            f"  conversation tests: {tested[0]} distinct answers, median {answers.median_seconds():.1f} s, "
            f"longest {answers.longest().seconds:.1f} s"
        )
    answers = sorted(collection.answers.values(), key=lambda a: (-a.words, a.text))
    over = [a for a in answers if a.seconds > TARGET_MAX_SECONDS]
    longest = answers[0]
    print(
        f"  all: {len(answers)} distinct answers from {collection.requests} requests; "
        f"{len(over)} over {TARGET_MAX_SECONDS:.0f} s"
    )
    print(f"  longest ({longest.words} words, {longest.seconds:.1f} s), first heard at {longest.source}:")
    print(f'    "{longest.text}"')
    print("  the next longest:")
    for answer in answers[1:6]:
        print(
            f"    {answer.words:3} words {answer.seconds:5.1f} s  {answer.text[:70]}..."
            f"  [{answer.source[:60]}]"
        )
    # The issue defines the median over the responses the conversation tests produce; the scripted tour
    # weighs every combination of first visit, locale and outcome equally, so it is shown beside it.
    median_all = statistics.median(a.seconds for a in answers)
    median = tested[1].median_seconds() if tested is not None else median_all
    report["answers"] = {
        "distinct": len(answers),
        "median_s": median,
        "max_s": longest.seconds,
        "over_max": len(over),
        "longest": {"text": longest.text, "words": longest.words, "source": longest.source},
    }
    return [
        Row(
            "answer length, longest (s)",
            f"{longest.seconds:.1f}",
            target=f"<= {TARGET_MAX_SECONDS:.0f} s",
            result=verdict(longest.seconds, TARGET_MAX_SECONDS),
        ),
        Row(
            "answer length, median, conversation tests (s)"
            if tested is not None
            else "answer length, median (s)",
            f"{median:.1f}",
            target=f"<= {TARGET_MEDIAN_SECONDS:.0f} s",
            result=verdict(median, TARGET_MEDIAN_SECONDS),
        ),
        Row("answer length, median, all incl. tour (s)", f"{median_all:.1f}"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=9, help="cold starts per variant (at least 7; default 9)"
    )
    parser.add_argument("--conversations", type=int, default=400, help="warm replays of the conversation")
    parser.add_argument("--no-package", action="store_true", help="skip building the packages (needs pip)")
    parser.add_argument("--no-tests", action="store_true", help="skip recording the conversation tests")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every figure to FILE")
    args = parser.parse_args(argv)
    if args.rounds < 7:
        parser.error("--rounds must be at least 7")

    started = time.perf_counter()
    host = machine()
    report: dict[str, Any] = {"machine": host, "taken": datetime.now(UTC).isoformat(timespec="seconds")}
    print("Muscle Twitch Guide benchmarks, each figure beside a minimal ask-sdk-core hello world")
    print(f"machine: {host['cpu']}, {host['cores']} cores, {host['memory']}, {host['os']}, {host['python']}")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        built: dict[str, Path] = {}
        if args.no_package:
            package_rows = [Row("package, zipped (bytes)", "skipped", target=f"<= {TARGET_PACKAGE_RATIO}x")]
        else:
            package_rows, built = run_package(workdir, report)
        rows += run_cold(args.rounds, built, workdir, report)
        rows += run_warm(args.conversations, built, workdir, report)
    rows += package_rows
    rows += run_answers(not args.no_tests, report)

    section(f"summary ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {time.perf_counter() - started:.0f} s)")
    print_table(rows)
    failed = [row.figure.strip() for row in rows if row.result == "FAIL"]
    print(f"\n{len(failed)} target(s) missed" + (": " + "; ".join(failed) if failed else ""))
    report["missed"] = failed
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
