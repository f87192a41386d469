"""`skill-sim --coverage`: samples and slot values per intent, and sample utterances that collide."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .builtins import BUILTIN_PHRASES, FALLBACK_INTENT
from .model import InteractionModel
from .nlu import Resolver
from .text import normal_text

# Alexa refuses to build a custom model without these.
REQUIRED_BUILTINS = (
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.NavigateHomeIntent",
)
_EXAMPLES = {"AMAZON.DURATION": "two weeks", "AMAZON.NUMBER": "three"}
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class SlotCoverage:
    """A slot, its type and, for custom types, how many values and synonyms it has."""

    name: str
    type: str
    values: int | None
    synonyms: int | None


@dataclass(frozen=True)
class IntentCoverage:
    """Counts for one intent: its own samples, the built-in phrases the simulator adds, and its slots."""

    name: str
    samples: int
    builtin_phrases: int
    slots: tuple[SlotCoverage, ...]


@dataclass(frozen=True)
class Collision:
    """A sample that more than one intent claims (`identical`) or that resolves elsewhere (`shadowed`)."""

    kind: str
    sample: str
    intents: tuple[str, ...]


@dataclass
class CoverageReport:
    """Everything `--coverage` prints."""

    intents: list[IntentCoverage] = field(default_factory=list)
    collisions: list[Collision] = field(default_factory=list)
    missing_builtins: list[str] = field(default_factory=list)


def coverage(model: InteractionModel, resolver: Resolver | None = None) -> CoverageReport:
    """Count samples and slot values per intent and find colliding samples."""
    resolver = resolver or Resolver(model)
    report = CoverageReport()
    claims: dict[str, list[tuple[str, str]]] = {}
    for intent in model.intents:
        slots = []
        for slot in intent.slots:
            custom = model.types.get(slot.type)
            values = len(custom.values) if custom else None
            synonyms = sum(len(v.synonyms) for v in custom.values) if custom else None
            slots.append(SlotCoverage(slot.name, slot.type, values, synonyms))
        builtin = BUILTIN_PHRASES.get(intent.name, ())
        report.intents.append(IntentCoverage(intent.name, len(intent.samples), len(builtin), tuple(slots)))
        types = {s.name: s.type for s in intent.slots}
        for sample in (*intent.samples, *builtin):
            key = _shape(sample, types)
            if key and (intent.name, sample) not in claims.get(key, []):
                claims.setdefault(key, []).append((intent.name, sample))
        for sample in intent.samples:
            example = _instantiate(model, sample, types)
            winner = resolver.resolve(example).name
            if winner != intent.name and winner != FALLBACK_INTENT:
                report.collisions.append(
                    Collision("shadowed", f"{sample} (as '{example}')", (intent.name, winner))
                )
    for key, owners in claims.items():
        intents = tuple(dict.fromkeys(name for name, _ in owners))
        if len(intents) > 1:
            report.collisions.append(Collision("identical", key, intents))
    report.missing_builtins = [name for name in REQUIRED_BUILTINS if model.intent(name) is None]
    return report


def _shape(sample: str, types: dict[str, str]) -> str:
    """The normalised sample with slots replaced by their types: `{a}` and `{b}` of one type compare equal."""
    parts = _PLACEHOLDER.split(sample)
    # split() alternates text and slot names: odd positions are slot names.
    return " ".join(
        "{" + types.get(part, part) + "}" if i % 2 else normal_text(part) for i, part in enumerate(parts)
    ).strip()


def _instantiate(model: InteractionModel, sample: str, types: dict[str, str]) -> str:
    """The sample with an example value in each slot: a custom type's first value, else a stock phrase."""

    def example(match: re.Match[str]) -> str:
        slot_type = types[match.group(1)]
        custom = model.types.get(slot_type)
        if custom and custom.values:
            return custom.values[0].name
        return _EXAMPLES.get(slot_type, "something")

    return _PLACEHOLDER.sub(example, sample)


def format_report(report: CoverageReport, model: InteractionModel) -> str:
    """The report as the text `--coverage` prints."""
    lines = [f"Interaction model {model.path} (invocation name: {model.invocation_name})", ""]
    width = max([len(i.name) for i in report.intents] + [6])
    lines.append(f"{'intent':<{width}}  samples  built-in  slots")
    for intent in report.intents:
        slots = ", ".join(
            f"{s.name}: {s.type}"
            + (f" ({s.values} values, {s.synonyms} synonyms)" if s.values is not None else "")
            for s in intent.slots
        )
        builtin = str(intent.builtin_phrases or "-")
        lines.append(f"{intent.name:<{width}}  {intent.samples:>7}  {builtin:>8}  {slots or '-'}")
        if intent.samples == 0 and intent.builtin_phrases == 0 and intent.name != FALLBACK_INTENT:
            lines.append(f"{'':<{width}}  warning: no samples, nothing can reach this intent")
    lines.append("")
    if report.missing_builtins:
        lines.append("Missing built-in intents Alexa requires: " + ", ".join(report.missing_builtins))
    if not report.collisions:
        lines.append("Collisions: none")
    else:
        lines.append(f"Collisions: {len(report.collisions)}")
        for c in report.collisions:
            if c.kind == "identical":
                lines.append(f"  identical sample '{c.sample}' in {', '.join(c.intents)}")
            else:
                lines.append(f"  sample of {c.intents[0]} '{c.sample}' resolves to {c.intents[1]}")
    return "\n".join(lines)
