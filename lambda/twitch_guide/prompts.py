"""Load the conversation's own wording (prompts.toml) and fill locale placeholders for voice or display."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .triage.rules import PLACEHOLDERS, LocaleCare, RulesError

PROMPTS_PATH = Path(__file__).with_name("prompts.toml")

REQUIRED_TEXT = frozenset(
    [
        "disclaimer_full",
        "disclaimer_short",
        "welcome",
        "welcome_back",
        "menu",
        "menu_reprompt",
        "anything_else",
        "help",
        "help_interview",
        "goodbye",
        "goodbye_interview",
        "fallback",
        "fallback_interview",
        "nothing_asked",
        "nothing_to_repeat",
        "check_intro",
        "check_restart",
        "back_to_check",
        "symptom_heard",
        "symptom_check_offer",
        "symptom_unclear",
        "cause_unknown",
        "outcome_unsure_emergency",
        "outcome_because",
        "outcome_unsure_whether",
        "outcome_more",
        "outcome_close",
        "error",
        "safety_line",
        "rate_slower",
        "rate_faster",
        "rate_normal",
        "forgotten",
        "forget_failed",
    ]
)
REQUIRED_OFFERS = frozenset({"self_care", "symptom_check", "when_to_see_doctor", "causes"})


@dataclass(frozen=True, slots=True)
class Prompts:
    text: dict[str, str]
    offers: dict[str, str]


def load_prompts(path: Path = PROMPTS_PATH) -> Prompts:
    """Read prompts.toml; every required line must be present, and nothing unknown."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RulesError(f"{path.name}: cannot be read: {error}") from error
    if set(document) != {"text", "offers"}:
        raise RulesError(f"{path.name}: needs exactly the tables [text] and [offers]")
    for table, required in (("text", REQUIRED_TEXT), ("offers", REQUIRED_OFFERS)):
        entries = document[table]
        if set(entries) != required:
            missing, unknown = sorted(required - set(entries)), sorted(set(entries) - required)
            raise RulesError(f"{path.name}: [{table}]: missing {missing}, unknown {unknown}")
        for key, value in entries.items():
            if not isinstance(value, str) or not value.strip():
                raise RulesError(f"{path.name}: [{table}] '{key}' must be non-empty text")
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
            if names - PLACEHOLDERS:
                raise RulesError(
                    f"{path.name}: [{table}] '{key}' uses unknown placeholder(s) {sorted(names)}"
                )
    return Prompts(dict(document["text"]), dict(document["offers"]))


@cache
def default_prompts() -> Prompts:
    """The shipped prompts, loaded once per process."""
    return load_prompts()


def fill(template: str, care: LocaleCare, *, spoken: bool) -> str:
    """Put the locale's services into a template: spoken numbers for voice, digits for cards."""
    return template.format(
        emergency_number=care.emergency_number_spoken if spoken else care.emergency_number,
        doctor=care.doctor,
        emergency_department=care.emergency_department,
        advice_line=care.advice_line,
    )
