"""Recall on the corpus: how much of what callers say the skill understands when they first say it.

Each utterance in tests/corpus/*.jsonl is said to the skill through the simulator (its interaction model, real
request envelopes, the Lambda handler), right after "open muscle twitch guide", and the answer is judged:
- a red-flag statement is heard when the skill's findings reach the expected level or higher at once;
- a harmless story is over-triaged when the findings rise above self-care;
- an information question is answered on topic when the skill answers that topic (and a named cause with its
  own explanation); a caller who is not the patient, when the skill takes that caller's path.
A truthful caller then goes on answering the symptom check consistently with their story, which must end at
the expected level or higher. `--mode understanding` judges the language layer alone (no NLU, no handler).

    python tools/recall.py                 # the report (make recall)
    python tools/recall.py --misses 0      # the table only
    python tools/recall.py --corpus DIR    # another corpus of the same format
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "lambda"), str(ROOT / "tools")]
os.environ.setdefault("LOG_LEVEL", "WARNING")  # thousands of requests: keep the skill's INFO lines out

from twitch_guide.dialog import DISPOSITION_KEY, unpack  # noqa: E402
from twitch_guide.triage.engine import Engine  # noqa: E402
from twitch_guide.triage.levels import Level, most_serious  # noqa: E402
from twitch_guide.triage.rules import Rules, default_rules  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
LEVELS = [level.value for level in Level]
# The corpus was written on this date ("since january" is judged against it).
CORPUS_DATE = date(2026, 12, 1)


@dataclass(frozen=True)
class Example:
    text: str
    expect: str  # a level, "crisis", "topic:<id>" or "route:<id>"
    concept: str
    about: str = "self"
    source: str = ""

    @property
    def kind(self) -> str:
        if self.expect.startswith(("topic:", "route:")):
            return "question" if self.expect.startswith("topic:") else "caller"
        return "harmless" if self.expect == Level.SELF_CARE else "red_flag"

    @property
    def label(self) -> str:
        """The row of the report: a red flag's concept, or the topic or route expected."""
        if self.kind == "red_flag":
            return self.concept
        if self.expect == "topic:cause":
            return "topic:cause"
        return self.expect


@dataclass(frozen=True)
class Heard:
    """What the skill made of one utterance: the level of its findings, and the answer it chose."""

    level: Level
    answer: str | None  # "topic:<id>", "topic:cause:<cause>", "route:<id>", "crisis" or None
    findings: frozenset[str] = frozenset()


def load_corpus(directory: Path = CORPUS) -> list[Example]:
    examples = []
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            examples.append(
                Example(
                    row["text"],
                    row["expect"],
                    row["concept"],
                    row.get("about", "self"),
                    f"{path.name}:{number}",
                )
            )
    return examples


# --- judging ------------------------------------------------------------------------------------------------


def verdict(example: Example, heard: Heard) -> tuple[bool, bool]:
    """(heard as expected, over-triaged)."""
    if example.kind == "harmless":
        over = heard.level is not Level.SELF_CARE
        return not over, over
    if example.kind == "red_flag":
        if example.expect == "crisis":
            return heard.answer == "crisis", False
        expected = Level(example.expect)
        return heard.level.rank <= expected.rank, heard.level.rank < expected.rank
    over = heard.level is not Level.SELF_CARE
    if example.expect == "topic:cause":
        return heard.answer == f"topic:cause:{example.concept}" and not over, over
    return heard.answer == example.expect and not over, over


# --- two ways to hear ---------------------------------------------------------------------------------


class UnderstandingListener:
    """The language layer alone: one call to Engine.understand per utterance."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.engine = Engine(rules)

    def hear(self, example: Example, locale: str = "en-US") -> Heard:
        understanding = self.engine.understand(example.text, today=CORPUS_DATE, locale=locale)
        flags = frozenset(understanding.flags)
        level = most_serious(self.rules.red_flags[f].level for f in flags)
        answer = None
        if understanding.crisis:
            return Heard(level, "crisis", flags)
        if understanding.caller:
            return Heard(level, f"route:{understanding.caller}", flags)
        if understanding.topic == "cause" and understanding.causes:
            answer = f"topic:cause:{understanding.causes[0]}"
        elif understanding.topic:
            answer = f"topic:{understanding.topic}"
        if understanding.about.value in ("child", "animal") and level is not Level.EMERGENCY:
            answer = f"route:{understanding.about.value}"
        return Heard(level, answer, flags)


class SkillListener:
    """The whole skill through the simulator: launch, then the utterance, as a caller would."""

    def __init__(self, rules: Rules, locale: str = "en-US") -> None:
        from skill_sim.model import load_model, model_path
        from skill_sim.nlu import Resolver
        from twitch_guide.skill import build_handler

        self.rules = rules
        self.locale = locale
        self.model = load_model(model_path(ROOT / "interaction_models", locale))
        self.resolver = Resolver(self.model)
        self.handler = build_handler(persistence_adapter=None)

    def conversation(self) -> Any:
        from skill_sim.session import Conversation

        return Conversation(
            self.model, self.handler, locale=self.locale, resolver=self.resolver, outcome_key=DISPOSITION_KEY
        )

    def hear(self, example: Example) -> Heard:
        chat = self.conversation()
        chat.say("open muscle twitch guide")
        return self.read(chat.say(example.text))

    def read(self, turn: Any) -> Heard:
        attributes = (turn.response or {}).get("sessionAttributes") or {}
        findings = unpack(attributes.get("findings"))
        flags = frozenset(findings.get("flags", []) if isinstance(findings, dict) else [])
        levels = [self.rules.red_flags[f].level for f in flags if f in self.rules.red_flags]
        if turn.disposition:
            levels.append(Level(turn.disposition))
        last = unpack(attributes.get("last"))
        answer = last.get("answer") if isinstance(last, dict) else None
        return Heard(most_serious(levels), answer if isinstance(answer, str) else None, flags)


def truthful_caller(listener: SkillListener, example: Example) -> Level:
    """Say the story, then answer every question of the check as a caller with that story would."""
    chat = listener.conversation()
    chat.say("open muscle twitch guide")
    turn = chat.say(example.text)
    for _ in range(12):
        heard = listener.read(turn)
        question = (turn.response or {}).get("sessionAttributes", {}).get("question")
        if not chat.in_session or not isinstance(question, str):
            return heard.level
        flags = set(listener.rules.question(question).flags)
        turn = chat.say("yes" if _story_flag(example, listener.rules) in flags else "no")
    return listener.read(turn).level


def _story_flag(example: Example, rules: Rules) -> str:
    """The red flag a story is about: its concept, when the rules have a flag of that name."""
    return example.concept if example.concept in rules.red_flags else ""


# --- the report -------------------------------------------------------------------------------------------


@dataclass
class Row:
    total: int = 0
    heard: int = 0
    over: int = 0
    misses: list[tuple[Example, Heard]] = field(default_factory=list)


@dataclass
class Report:
    rows: dict[tuple[str, str], Row]  # (kind, label) -> row
    by_expect: dict[str, Row]  # expected answer -> row, for the emergency share
    truthful: tuple[int, int] | None = None  # (reached the level, red-flag statements)

    def share(self, kind: str) -> float:
        """Heard as expected, over all rows of one kind."""
        return _share(self.kind_total(kind), over=False)

    def over_share(self, kind: str) -> float:
        return _share(self.kind_total(kind), over=True)

    def kind_total(self, kind: str) -> Row:
        total = Row()
        for (row_kind, _), row in self.rows.items():
            if row_kind == kind:
                total.total += row.total
                total.heard += row.heard
                total.over += row.over
        return total


def _share(row: Row, *, over: bool) -> float:
    if not row.total:
        return 0.0 if over else 1.0
    return (row.over if over else row.heard) / row.total


def run(examples: Iterable[Example], hear: Callable[[Example], Heard]) -> Report:
    rows: dict[tuple[str, str], Row] = defaultdict(Row)
    by_expect: dict[str, Row] = defaultdict(Row)
    for example in examples:
        heard = hear(example)
        ok, over = verdict(example, heard)
        for row in (rows[(example.kind, example.label)], by_expect[example.expect]):
            row.total += 1
            row.heard += ok
            row.over += over
        if not ok or over:
            rows[(example.kind, example.label)].misses.append((example, heard))
    return Report(dict(rows), dict(by_expect))


TARGETS = (
    "red-flag statements heard at once at their level or higher: >= 98 %, emergencies 100 %",
    "harmless stories raised above self-care: <= 2 %",
    "information questions answered on topic: >= 95 %",
    "a truthful caller reaches the right level by the end of the check: 100 %",
)


def render(report: Report, *, misses: int) -> Iterator[str]:
    kinds = (
        ("red_flag", "Red-flag statements", "heard at once", "over-triaged"),
        ("harmless", "Harmless stories", "kept at self-care", "raised"),
        ("question", "Information questions", "on topic", "raised"),
        ("caller", "Callers who are not the patient", "right path", "raised"),
    )
    for kind, title, heard_name, over_name in kinds:
        labels = sorted(label for (k, label) in report.rows if k == kind)
        if not labels:
            continue
        yield f"\n{title}"
        first = "concept" if kind == "red_flag" else "expected"
        yield f"| {first:<28} | {'n':>4} | {heard_name:>17} | {over_name:>12} |"
        yield f"|{'-' * 30}|{'-' * 6}|{'-' * 19}|{'-' * 14}|"
        total = Row()
        for label in labels:
            row = report.rows[(kind, label)]
            total.total += row.total
            total.heard += row.heard
            total.over += row.over
            yield _line(label, row)
        yield _line("all", total)
    yield ""
    emergencies = _share(report.by_expect.get("emergency", Row()), over=False)
    yield "Summary"
    heard = _pct(report.share("red_flag"))
    yield f"- red-flag statements heard at once: {heard} (emergencies {_pct(emergencies)})"
    yield f"- harmless stories raised above self-care: {_pct(report.over_share('harmless'))}"
    yield f"- information questions on topic: {_pct(report.share('question'))}"
    yield f"- callers who are not the patient on their path: {_pct(report.share('caller'))}"
    if report.truthful is not None:
        reached, total = report.truthful
        yield f"- truthful callers reaching the right level by the end of the check: {reached}/{total}"
    yield "Targets: " + "; ".join(TARGETS)
    shown = 0
    for (_, label), row in sorted(report.rows.items()):
        for example, heard in row.misses:
            if shown >= misses:
                if misses:
                    yield f"... more misses not shown (--misses {misses * 4} shows more)"
                return
            if shown == 0:
                yield "\nMisses (expected -> heard)"
            got = f"{heard.answer or heard.level.value} {sorted(heard.findings)}"
            yield f"- [{label}] {example.expect} -> {got}: {example.text!r} ({example.source})"
            shown += 1


def _line(label: str, row: Row) -> str:
    heard = _pct(_share(row, over=False))
    return (
        f"| {label:<28} | {row.total:>4} | {row.heard:>6} {heard:>9} | {_pct(_share(row, over=True)):>12} |"
    )


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--mode", choices=("skill", "understanding"), default="skill")
    parser.add_argument("--misses", type=int, default=40, help="how many misses to list (0: none)")
    parser.add_argument("--no-truthful", action="store_true", help="skip the truthful-caller run")
    args = parser.parse_args(argv)
    rules = default_rules()
    examples = load_corpus(args.corpus)
    if args.mode == "understanding":
        listener: Any = UnderstandingListener(rules)
    else:
        listener = SkillListener(rules)
    report = run(examples, listener.hear)
    if args.mode == "skill" and not args.no_truthful:
        stories = [e for e in examples if e.kind == "red_flag" and e.expect in LEVELS]
        reached = sum(truthful_caller(listener, e).rank <= Level(e.expect).rank for e in stories)
        report.truthful = (reached, len(stories))
    where = args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus
    print(f"{len(examples)} utterances from {where}, mode {args.mode}")
    for line in render(report, misses=args.misses):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
