"""The interaction models are generated from the rules and cannot drift from them."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import pytest

from twitch_guide.triage.rules import default_rules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_models  # noqa: E402
from chat_support import LOCALES  # noqa: E402

RULES = default_rules()
SOURCE = tomllib.loads((ROOT / "tools" / "model_source.toml").read_text(encoding="utf-8"))


def _model(locale: str) -> dict:  # type: ignore[type-arg]
    return json.loads((ROOT / "interaction_models" / f"{locale}.json").read_text(encoding="utf-8"))


def test_committed_models_are_exactly_what_the_rules_generate() -> None:
    generated = build_models.build_all()
    assert sorted(generated) == sorted(LOCALES)
    for locale, text in generated.items():
        assert (ROOT / "interaction_models" / f"{locale}.json").read_text(encoding="utf-8") == text, locale


def test_a_changed_rule_changes_the_generated_model(tmp_path: Path) -> None:
    # The comparison above can fail: a new synonym in the rules shows up in every model.
    raw = (ROOT / "lambda" / "twitch_guide" / "triage" / "rules.toml").read_text(encoding="utf-8")
    changed = tmp_path / "rules.toml"
    changed.write_text(
        raw.replace('"pins and needles",', '"pins and needles", "fizzy feet",'), encoding="utf-8"
    )
    from twitch_guide.triage.rules import load_rules

    generated = build_models.build_all(load_rules(changed))
    assert "fizzy feet" in generated["en-US"]
    assert "fizzy feet" not in (ROOT / "interaction_models" / "en-US.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", LOCALES)
def test_slot_type_ids_are_the_rule_ids_with_every_synonym(locale: str) -> None:
    types = {t["name"]: t for t in _model(locale)["interactionModel"]["languageModel"]["types"]}
    symptoms = {v["id"]: v["name"] for v in types["Symptom"]["values"]}
    assert set(symptoms) == set(RULES.red_flags)
    for flag in RULES.red_flags.values():
        spoken = {symptoms[flag.id]["value"], *symptoms[flag.id].get("synonyms", [])}
        assert spoken == {s.lower() for s in flag.synonyms}
    assert {v["id"] for v in types["Cause"]["values"]} == set(RULES.causes)
    assert {v["id"] for v in types["HealingContext"]["values"]} == set(RULES.healing) - {"general"}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_custom_intent_has_at_least_twenty_samples(locale: str) -> None:
    for intent in _model(locale)["interactionModel"]["languageModel"]["intents"]:
        if not intent["name"].startswith("AMAZON."):
            assert len(intent["samples"]) >= 20, intent["name"]


def test_the_skill_handles_every_intent_the_model_declares() -> None:
    """No intent in the model falls through to the catch-all handler."""
    from twitch_guide.handlers.builtins import GOODBYE_INTENTS, RATE_INTENTS
    from twitch_guide.handlers.info import info_intents
    from twitch_guide.handlers.interview import ANSWER_INTENTS
    from twitch_guide.triage.rules import default_rules

    handled = {*info_intents(default_rules()), *RATE_INTENTS, *GOODBYE_INTENTS, *ANSWER_INTENTS}
    handled |= {
        "HealingIntent",
        "CausesIntent",
        "SymptomCheckIntent",
        "ReportSymptomIntent",
        "ForgetMeIntent",
    }
    handled |= {"AMAZON.HelpIntent", "AMAZON.RepeatIntent", "AMAZON.StartOverIntent", "AMAZON.FallbackIntent"}
    assert set(SOURCE["intents"]) == handled
