"""The Lambda entry with sample events (events/), name-free requests, screens and malformed input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from chat_support import checked
from twitch_guide.skill import build_handler

EVENTS = Path(__file__).resolve().parent.parent / "events"
HANDLER = checked(build_handler(persistence_adapter=None, skill_id=None))


def _event(name: str) -> dict[str, Any]:
    event: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text(encoding="utf-8"))
    return event


@pytest.mark.parametrize("path", sorted(EVENTS.glob("*.json")), ids=lambda p: p.stem)
def test_every_sample_event_gets_a_spoken_answer(path: Path) -> None:
    response = HANDLER(json.loads(path.read_text(encoding="utf-8")), None)
    assert response["response"]["outputSpeech"]["ssml"].startswith("<speak>")


def test_the_entry_named_in_template_yaml_answers_a_launch() -> None:
    import app

    assert "Muscle Twitch Guide" in app.handler(_event("launch"), None)["response"]["outputSpeech"]["ssml"]


def _can_fulfill(intent: str, slots: dict[str, str] | None = None, ids: dict[str, str] | None = None) -> str:
    event = _event("launch")
    event["request"] = {
        "type": "CanFulfillIntentRequest",
        "requestId": "amzn1.echo-api.request.cfir",
        "timestamp": event["request"]["timestamp"],
        "locale": "en-US",
        "intent": {"name": intent, "slots": {}},
    }
    for name, value in (slots or {}).items():
        slot: dict[str, Any] = {"name": name, "value": value}
        if ids and name in ids:
            authority = "amzn1.er-authority.echo-sdk.skill.Cause"
            slot["resolutions"] = {
                "resolutionsPerAuthority": [
                    {
                        "authority": authority,
                        "status": {"code": "ER_SUCCESS_MATCH"},
                        "values": [{"value": {"name": value, "id": ids[name]}}],
                    }
                ]
            }
        event["request"]["intent"]["slots"][name] = slot
    response = HANDLER(event, None)["response"]
    assert "outputSpeech" not in response  # a CanFulfill answer says nothing
    verdict: str = response["canFulfillIntent"]["canFulfill"]
    return verdict


def test_name_free_information_questions_are_claimed() -> None:
    assert _can_fulfill("CausesIntent") == "YES"
    assert _can_fulfill("WhatIsTwitchingIntent") == "YES"
    assert _can_fulfill("CausesIntent", {"cause": "caffeine"}, {"cause": "caffeine"}) == "YES"
    assert _can_fulfill("CausesIntent", {"cause": "too much coffee"}) == "YES"  # resolved by the rules' words


def test_name_free_requests_the_skill_cannot_really_answer_are_refused() -> None:
    assert _can_fulfill("CausesIntent", {"cause": "moonlight"}) == "NO"
    assert _can_fulfill("ReportSymptomIntent", {"symptom": "chest pain"}) == "NO"
    assert _can_fulfill("SymptomCheckIntent") == "NO"
    assert _can_fulfill("WeatherIntent") == "NO"


def test_a_screen_device_gets_an_apl_document_and_others_do_not() -> None:
    plain = HANDLER(_event("launch"), None)["response"]
    assert not plain.get("directives")
    assert plain["card"]["type"] == "Simple"
    event = _event("launch")
    event["context"]["System"]["device"]["supportedInterfaces"] = {"Alexa.Presentation.APL": {"runtime": {}}}
    directives = HANDLER(event, None)["response"]["directives"]
    assert [d["type"] for d in directives] == ["Alexa.Presentation.APL.RenderDocument"]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda e: e.pop("request"),
        lambda e: e["request"].update(type="NoSuchRequest"),
        lambda e: e["request"].update(timestamp="not a time"),
        lambda e: e.update(context="garbage"),
        lambda e: e["request"].update(locale=None),
    ],
    ids=["no request", "unknown type", "bad timestamp", "garbage context", "no locale"],
)
def test_malformed_requests_get_a_spoken_answer_with_the_safety_line(mutate: Any) -> None:
    event = copy.deepcopy(_event("check_my_symptoms"))
    mutate(event)
    response = build_handler(persistence_adapter=None, skill_id=None)(event, None)
    assert "trouble breathing" in response["response"]["outputSpeech"]["ssml"]


def test_a_failing_handler_gets_an_apology_and_the_safety_line_not_an_error() -> None:
    from twitch_guide.conversation import Conversation
    from twitch_guide.skill import build_conversation

    class Broken(Conversation):
        def launch(self, turn: object) -> object:  # type: ignore[override]
            raise RuntimeError("boom")

    shipped = build_conversation()
    handler = checked(build_handler(Broken(shipped.rules, shipped.prompts), persistence_adapter=None))
    event = _event("launch")
    event["request"]["locale"] = "en-GB"
    response = handler(event, None)["response"]
    assert "Sorry, something went wrong" in response["outputSpeech"]["ssml"]
    assert "call nine nine nine now" in response["outputSpeech"]["ssml"]
    assert response["shouldEndSession"] is True
