"""Benchmark skill-sim's text-to-intent resolution: time per utterance against the 5 ms target, and load time.

Run: .venv/bin/python tools/bench/resolution.py [--rounds N] [--locale en-US ...]
Uses every interaction_models/<locale>.json (or the test fixture when there are none). Exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import functools
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path

from skill_sim.model import InteractionModel, available_locales, load_model, model_path
from skill_sim.nlu import Resolver

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "sim_model.json"
TARGET_US = 5000.0
UTTERANCES_PER_MODEL = 300
_SLOT = re.compile(r"\{([^{}]+)\}")
# Built-in type values that exercise the parsers; other built-in types get free text.
_BUILTIN_EXAMPLES = {
    "AMAZON.DURATION": ["three weeks", "a fortnight", "10 days", "about a couple of months now", "an hour"],
    "AMAZON.NUMBER": ["seven", "42", "ninety nine"],
}
# Text that matches nothing takes the longest path (every pass is tried), so it is part of the mix.
_UNPLACEABLE = [
    "what is the weather like in paris tomorrow afternoon",
    "play some relaxing jazz music in the kitchen please",
    "my neighbour's dog keeps barking at the postman every single morning around seven o'clock",
    "purple monkey dishwasher",
    "set a timer for ten minutes",
    "i was wondering whether the train to edinburgh leaves from platform nine or platform ten today",
]
_DRESSINGS = [
    lambda s: s,
    lambda s: s.upper() + "?",
    lambda s: "um, " + s + ", please",
    lambda s: "Alexa, " + s + ".",
    lambda s: "so " + s,
    lambda s: "can you tell me " + s,
]


def utterances_for(model: InteractionModel, count: int, seed: int = 7) -> list[str]:
    """A varied, repeatable set: samples with example slot values, dressed with case, punctuation, filler."""
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not security)
    examples: dict[str, list[str]] = {}
    for name, slot_type in model.types.items():
        examples[name] = [v.name for v in slot_type.values] + [
            s for v in slot_type.values for s in v.synonyms
        ]
        examples[name].append("something unlisted")
    shapes = [(s, {slot.name: slot.type for slot in i.slots}) for i in model.intents for s in i.samples]
    if not shapes:
        return list(_UNPLACEABLE)

    def fill(match: re.Match[str], types: dict[str, str]) -> str:
        slot_type = types[match.group(1)]
        return rng.choice(examples.get(slot_type) or _BUILTIN_EXAMPLES.get(slot_type) or ["some free text"])

    chosen: list[str] = []
    # Small models are cycled with fresh slot values and dressings until there are `count` utterances.
    while len(chosen) < count - len(_UNPLACEABLE):
        rng.shuffle(shapes)
        for sample, types in shapes[: count - len(_UNPLACEABLE) - len(chosen)]:
            text = _SLOT.sub(functools.partial(fill, types=types), sample)
            chosen.append(rng.choice(_DRESSINGS)(text))
    return chosen + _UNPLACEABLE


def bench(path: Path, rounds: int) -> bool:
    """Time loading and resolving one model; print the figures and return True when within target."""
    start = time.perf_counter()
    model = load_model(path)
    loaded = time.perf_counter()
    resolver = Resolver(model)
    compiled = time.perf_counter()
    texts = utterances_for(model, UTTERANCES_PER_MODEL)
    for text in texts:  # warm-up: first calls pay for lazy imports and caches
        resolver.resolve(text)
    per_text: dict[str, list[float]] = {text: [] for text in texts}
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for text in texts:
            began = clock()
            resolver.resolve(text)
            per_text[text].append((clock() - began) / 1000)
    timings = sorted(t for values in per_text.values() for t in values)
    # One slow call can be garbage collection or the scheduler; the slowest median is a text's own cost.
    slowest = max(per_text, key=lambda text: statistics.median(per_text[text]))
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    fallback = sum(resolver.resolve(t).name == "AMAZON.FallbackIntent" for t in texts)
    samples = sum(len(i.samples) for i in model.intents)
    ok = p99 < TARGET_US
    print(f"{path.name}: {len(model.intents)} intents, {samples} samples, {len(model.types)} slot types")
    print(f"  load {1000 * (loaded - start):.1f} ms, compile {1000 * (compiled - loaded):.1f} ms")
    print(
        f"  {len(texts)} utterances x {rounds} rounds ({fallback} resolve to fallback): "
        f"mean {statistics.fmean(timings):.0f} us, median {statistics.median(timings):.0f} us, "
        f"p99 {p99:.0f} us, max {timings[-1]:.0f} us"
    )
    print(f"  slowest utterance: median {statistics.median(per_text[slowest]):.0f} us for {slowest!r}")
    print(f"  {'PASS' if ok else 'FAIL'}: p99 {'<' if ok else '>='} {TARGET_US / 1000:.0f} ms per utterance")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=20, help="times each utterance is resolved (default 20)"
    )
    parser.add_argument("--locale", action="append", help="only these locales (repeatable)")
    args = parser.parse_args()
    models_dir = ROOT / "interaction_models"
    locales = args.locale or available_locales(models_dir)
    paths = [model_path(models_dir, locale) for locale in locales] or [FIXTURE]
    print(f"Python {platform.python_version()} on {platform.machine()} ({platform.processor() or 'cpu'})")
    if paths == [FIXTURE]:
        print("(no interaction_models/<locale>.json yet: using the test fixture)")
    results = [bench(path, args.rounds) for path in paths]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
