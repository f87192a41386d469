"""Load the conversation's own wording (prompts.toml) and fill locale placeholders for voice or display."""

import os
from functools import cache
from typing import NamedTuple

from .triage.concepts import PATIENT_PRONOUNS
from .triage.rules import LocaleCare
from .triage.validation import Entry, FilePath, read_toml

PROMPTS_PATH = os.path.join(os.path.dirname(__file__), "prompts.toml")
# Conversation lines may say the rules' emergency safety line, which lives in rules.toml once.
SAFETY_LINE = frozenset({"safety_line"})

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
        "symptom_check_for_other",
        "cause_unknown",
        "animal",
        "outcome_unsure_emergency",
        "outcome_because",
        "outcome_because_other",
        "outcome_unsure_whether",
        "outcome_more",
        "outcome_close",
        "number_again",
        "error",
        "rate_slower",
        "rate_faster",
        "rate_normal",
        "forgotten",
        "forget_failed",
    ]
)
REQUIRED_OFFERS = frozenset({"self_care", "symptom_check", "when_to_see_doctor", "causes"})


class Prompts(NamedTuple):
    text: dict[str, str]
    offers: dict[str, str]


def load_prompts(path: FilePath = PROMPTS_PATH) -> Prompts:
    """Read prompts.toml; every required line must be present, and nothing unknown."""
    document = read_toml(path)
    Entry(path, "top level", document).only({"text", "offers"})
    tables = []
    for name, required in (("text", REQUIRED_TEXT), ("offers", REQUIRED_OFFERS)):
        entry = Entry(path, f"[{name}]", document[name])
        entry.only(set(required))
        tables.append({key: entry.text(key, spoken=True, also=SAFETY_LINE) for key in sorted(required)})
    return Prompts(*tables)


@cache
def default_prompts() -> Prompts:
    """The shipped prompts, loaded once per process."""
    return load_prompts()


def fill(template: str, care: LocaleCare, *, spoken: bool, them: str = "them") -> str:
    """Put the locale's services into a template: spoken numbers for voice, digits for cards; `them` names
    an adult patient the caller answers for. A line the locale does not have is empty, so the spaces around
    it are folded."""
    they, their = PATIENT_PRONOUNS.get(them, PATIENT_PRONOUNS["them"])
    text = template.format(
        emergency_number=care.emergency_number_spoken if spoken else care.emergency_number,
        doctor=care.doctor,
        emergency_department=care.emergency_department,
        advice_line=care.advice_line if spoken else (care.advice_line_written or care.advice_line),
        crisis_line=care.crisis_line if spoken else care.crisis_line_written,
        poison_line=care.poison_line if spoken else care.poison_line_written,
        emergency_extra=care.emergency_extra if spoken else care.emergency_extra_written,
        als_name=care.als_name if spoken else care.als_name.replace("A L S", "ALS"),
        them=them,
        they=they,
        their=their,
    )
    return " ".join(text.split())
