"""Hostile request envelopes (hypothesis): random intents, huge, unicode and SSML/XML metacharacter slot values,
corrupt session attributes, unknown locales, missing sessions. Every answer is a valid response envelope with
well-formed SSML under Alexa's limit, and no caller text reaches the SSML as markup."""

from __future__ import annotations

import json
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope, ResponseEnvelope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from envelope_factory import (
    SKILL_ID,
    Answer,
    Caller,
    can_fulfill_request,
    envelope,
    intent_request,
    launch_request,
    slot,
)
from twitch_guide.dialog import pack
from twitch_guide.logs import ALLOWED_FIELDS, JsonFormatter
from twitch_guide.persistence import record_key
from twitch_guide.prompts import default_prompts
from twitch_guide.skill import WrongSkillError, build_handler
from twitch_guide.triage.rules import Level, default_rules

MODEL = Path(__file__).resolve().parents[1] / "interaction_models" / "en-US.json"
SERIALIZER = DefaultSerializer()
ALEXA_SPEECH_LIMIT = 8000  # characters of outputSpeech Alexa accepts
ALEXA_CARD_LIMIT = 8000  # characters of a card's title and content together
SSML_ELEMENTS = {"speak", "prosody"}
LOG_FIELDS = {"timestamp", "level", "logger", "message", *ALLOWED_FIELDS}
LEVELS = [level.value for level in Level]
ERROR_TEXT = default_prompts().text["error"]  # the catch-all apology


class MemoryPreferences(AbstractPersistenceAdapter):
    """An in-memory store keyed like the real ones, so preference reads and writes run on every example."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        return dict(self.records.get(record_key(request_envelope), {}))

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        self.records[record_key(request_envelope)] = dict(attributes)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self.records.pop(record_key(request_envelope), None)


class LogCheck(logging.Handler):
    """Formats every record as the skill's handler does; a formatter failure or stray field is kept, not lost
    in logging's own error handling."""

    def __init__(self) -> None:
        super().__init__()
        self.formatter_ = JsonFormatter()
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = json.loads(self.formatter_.format(record))
        except Exception as error:
            self.problems.append(f"{record.getMessage()}: {type(error).__name__}")
            return
        if not set(line) <= LOG_FIELDS:
            self.problems.append(f"stray fields {sorted(set(line) - LOG_FIELDS)}")


HANDLER = build_handler(persistence_adapter=MemoryPreferences(), skill_id=SKILL_ID)


@pytest.fixture(scope="module")
def log_check() -> Iterator[LogCheck]:
    check = LogCheck()
    logger = logging.getLogger("twitch_guide")
    logger.addHandler(check)
    yield check
    logger.removeHandler(check)


# -- strategies ---------------------------------------------------------------------------------------------

_model = json.loads(MODEL.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
MODEL_INTENTS = [intent["name"] for intent in _model["intents"]]
MODEL_SLOTS = sorted({slot["name"] for intent in _model["intents"] for slot in intent.get("slots", [])})
_rules = default_rules()
RULE_IDS = sorted({*_rules.red_flags, *_rules.causes, *_rules.healing})
QUESTION_IDS = [question.id for question in _rules.questions]
# Intents that replay session text or read slots into the conversation: drawn more often than the rest.
ECHOING_INTENTS = [
    "AMAZON.RepeatIntent",
    "ReportSymptomIntent",
    "CausesIntent",
    "HealingIntent",
    "AMAZON.HelpIntent",
]

HOSTILE = [
    "<speak>",
    "</speak>",
    "<speak>hi</speak>",
    '<audio src="https://example.com/a.mp3"/>',
    "<break time='10s'/>",
    "&",
    "&amp;",
    "&lt;",
    "&#x3C;",
    '"',
    "'",
    "]]>",
    "<![CDATA[",
    "<!-- -->",
    "<?xml version='1.0'?>",
    '<!DOCTYPE x [<!ENTITY a "b">]>',
    "&a;",
    '<prosody rate="x-slow">',
    "\x00",
    "\x1b[31m",
    "\u200b",
    "\ufeff",
    "\U0001f600",
    "\u202e",
    "\ud800",
]

hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(HOSTILE),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=6).map("".join),
    st.text(st.characters(codec=None), max_size=30),
)
huge_text = st.tuples(
    st.sampled_from(["a", "twitch ", "<b>&", "\u00e9\U0001f600", "]]>"]), st.integers(500, 6000)
).map(lambda pair: pair[0] * pair[1])
slot_values = st.one_of(hostile_text, huge_text, st.sampled_from(RULE_IDS))

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), hostile_text
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def resolutions(draw: st.DrawFn) -> dict[str, Any]:
    code = draw(st.sampled_from(["ER_SUCCESS_MATCH", "ER_SUCCESS_NO_MATCH", "ER_ERROR_TIMEOUT"]))
    values = draw(
        st.lists(
            st.fixed_dictionaries(
                {"value": st.fixed_dictionaries({"name": hostile_text, "id": slot_values})}
            ),
            max_size=3,
        )
    )
    return {
        "resolutionsPerAuthority": [
            {
                "authority": f"amzn1.er-authority.echo-sdk.{SKILL_ID}.Symptom",
                "status": {"code": code},
                "values": values,
            }
        ]
    }


@st.composite
def slots(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(
        st.lists(st.one_of(st.sampled_from(MODEL_SLOTS), st.text(max_size=12)), max_size=4, unique=True)
    )
    filled: dict[str, Any] = {}
    for name in names:
        slot: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
        if draw(st.booleans()):
            # Now and then a value of the wrong JSON type, as a broken client might send.
            slot["value"] = draw(st.one_of(slot_values, slot_values, slot_values, json_values))
        if draw(st.booleans()):
            slot["resolutions"] = draw(resolutions())
        filled[name] = slot
    return filled


@st.composite
def corrupt_findings(draw: st.DrawFn) -> Any:
    return draw(
        st.one_of(
            json_values,
            st.fixed_dictionaries(
                {
                    "flags": st.one_of(
                        st.lists(st.one_of(st.sampled_from(RULE_IDS), st.text(max_size=10))), json_values
                    ),
                    "replies": st.one_of(
                        st.dictionaries(
                            st.sampled_from(QUESTION_IDS),
                            st.one_of(st.sampled_from(["yes", "no", "unsure"]), json_values),
                        ),
                        json_values,
                    ),
                }
            ),
        )
    )


def packed_or_not(*strategies: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Nested attributes travel packed as JSON text (dialog.pack): draw the value raw or packed."""
    value = st.one_of(*strategies)
    return st.one_of(value, value.map(pack))


session_attributes = st.one_of(
    st.just({}),
    st.dictionaries(st.text(max_size=10), json_values, max_size=4),
    st.fixed_dictionaries(
        {},
        optional={
            "findings": packed_or_not(corrupt_findings()),
            "question": st.one_of(st.sampled_from(QUESTION_IDS), json_values),
            "offer": st.one_of(
                st.sampled_from(["self_care", "symptom_check", "causes", "nope"]), json_values
            ),
            "disposition": st.one_of(st.sampled_from([level.value for level in Level]), json_values),
            "last": packed_or_not(
                json_values,
                st.fixed_dictionaries(
                    {
                        "speech": st.lists(st.one_of(hostile_text, huge_text), max_size=4),
                        "card": st.lists(st.one_of(hostile_text, huge_text), max_size=4),
                        "reprompt": st.one_of(st.none(), hostile_text),
                        "title": hostile_text,
                    }
                ),
            ),
            "prefs": packed_or_not(
                json_values,
                st.fixed_dictionaries(
                    {
                        "disclaimer_heard": json_values,
                        "rate": st.one_of(st.sampled_from(["slow", "normal", "fast"]), json_values),
                        "visits": json_values,
                        "last_visit": json_values,
                    }
                ),
            ),
        },
    ),
)

REQUEST_TYPES = ["LaunchRequest", "IntentRequest", "SessionEndedRequest", "CanFulfillIntentRequest"]
MISSING = object()
locales = st.one_of(
    st.sampled_from(["en-US", "en-GB", "en-CA", "en-AU", "en-IN", "fr-FR", "de-DE", "xx-XX", "", "EN-us"]),
    st.just(MISSING),
    st.none(),
    hostile_text,
)


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    # Mostly real request types (one in five is garbage), so most examples reach the handlers.
    request_type = draw(st.sampled_from([*REQUEST_TYPES, "garbage"]))
    if request_type == "garbage":
        request_type = draw(st.text(max_size=20))
    request: dict[str, Any] = {
        "type": request_type,
        "requestId": "amzn1.echo-api.request.fuzz",
        "timestamp": "2024-05-01T12:00:00Z",
    }
    locale = draw(locales)
    if locale is not MISSING:
        request["locale"] = locale
    if request_type in ("IntentRequest", "CanFulfillIntentRequest") or draw(st.booleans()):
        request["intent"] = {
            "name": draw(
                st.one_of(
                    st.sampled_from(MODEL_INTENTS), st.sampled_from(ECHOING_INTENTS), st.text(max_size=30)
                )
            ),
            "confirmationStatus": "NONE",
            "slots": draw(slots()),
        }
    if request_type == "SessionEndedRequest":
        request["reason"] = draw(st.sampled_from(["USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS"]))
    user = {"userId": draw(st.sampled_from(["amzn1.ask.account.FUZZ1", "amzn1.ask.account.FUZZ2", ""]))}
    application = {"applicationId": SKILL_ID}
    device = {
        "deviceId": "amzn1.ask.device.FUZZ",
        "supportedInterfaces": draw(st.sampled_from([{}, {"Display": {}}])),
    }
    event: dict[str, Any] = {
        "version": "1.0",
        "context": {"System": {"application": application, "user": user, "device": device}},
        "request": request,
    }
    if draw(st.integers(0, 3)):  # a session three times in four; none otherwise
        event["session"] = {
            "new": draw(st.booleans()),
            "sessionId": "amzn1.echo-api.session.fuzz",
            "application": application,
            "user": user,
            "attributes": draw(session_attributes),
        }
    return event


# -- the properties -------------------------------------------------------------------------------------------


def _check_ssml(ssml: str) -> None:
    assert ssml.startswith("<speak>") and ssml.endswith("</speak>"), ssml[:200]
    assert len(ssml) < ALEXA_SPEECH_LIMIT
    root = ET.fromstring(ssml)  # well-formed XML: no caller text broke out of its escaping
    elements = [element.tag for element in root.iter()]
    assert set(elements) <= SSML_ELEMENTS, elements
    assert all(element.get("rate") in ("85%", "115%") for element in root.iter("prosody"))
    assert "".join(root.itertext()).strip(), "speech must say something"


@settings(
    max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(event=events())
def test_every_hostile_envelope_gets_a_valid_answer(event: dict[str, Any], log_check: LogCheck) -> None:
    request_type = event["request"]["type"]
    result = HANDLER(event, None)  # never raises for a request addressed to this skill

    parsed = SERIALIZER.deserialize(json.dumps(result), ResponseEnvelope)
    assert isinstance(parsed, ResponseEnvelope)
    response = result["response"]
    speech = response.get("outputSpeech")
    if request_type not in ("SessionEndedRequest", "CanFulfillIntentRequest"):
        assert speech is not None and speech["type"] == "SSML", response
    if speech is not None:
        _check_ssml(speech["ssml"])
    reprompt = (response.get("reprompt") or {}).get("outputSpeech")
    if reprompt is not None:
        _check_ssml(reprompt["ssml"])
    card = response.get("card")
    if card is not None:
        assert len(card.get("title", "")) + len(card.get("content", "")) < ALEXA_CARD_LIMIT
    # The skill never invents a disposition outside the four levels (what Alexa echoes back it may keep).
    disposition = (result.get("sessionAttributes") or {}).get("disposition", None)
    echoed = ((event.get("session") or {}).get("attributes") or {}).get("disposition", None)
    assert disposition is None or disposition == echoed or disposition in LEVELS
    assert log_check.problems == []

    # Hostile values in a readable envelope are the skill's to cope with: damaged state is dropped and odd
    # slot values go unrecognised, never "something went wrong". (Requests without a session: see below.)
    if request_type in REQUEST_TYPES and "session" in event and _readable(event):
        assert speech is None or ERROR_TEXT not in _spoken(speech["ssml"]), (speech, event)


def _spoken(ssml: str) -> str:
    return "".join(ET.fromstring(ssml).itertext())


def _readable(event: dict[str, Any]) -> bool:
    try:
        SERIALIZER.deserialize(json.dumps(event), RequestEnvelope)
    except Exception:
        return False
    return True


MARKUP = [token for token in HOSTILE if token.isprintable() and token.strip() == token and token]


@settings(max_examples=300, deadline=None)
@given(
    before=st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=10),
    token=st.sampled_from(MARKUP),
    rate=st.sampled_from(["slow", "normal", "fast"]),
)
def test_replayed_text_reaches_ssml_escaped_word_for_word(before: str, token: str, rate: str) -> None:
    """Text the skill replays (here 'repeat' reading the session) is said as words, never read as markup."""
    sentence = f"{before} {token} end."
    last = {"speech": [sentence], "card": [sentence], "reprompt": None, "title": token}
    prefs = {"disclaimer_heard": True, "rate": rate, "visits": 1, "last_visit": "2024-01-01"}
    event = envelope(
        intent_request("AMAZON.RepeatIntent"),
        new=False,
        attributes={"last": pack(last), "prefs": pack(prefs)},
    )
    ssml = HANDLER(event, None)["response"]["outputSpeech"]["ssml"]
    _check_ssml(ssml)
    assert _spoken(ssml) == sentence


# -- requests for other skills --------------------------------------------------------------------------------


def test_a_request_for_another_skill_is_refused_and_ours_is_answered() -> None:
    handler = build_handler(persistence_adapter=None, skill_id=SKILL_ID)
    stranger = envelope(launch_request(), skill_id="amzn1.ask.skill.99999999-9999-9999-9999-999999999999")
    with pytest.raises(WrongSkillError):
        handler(stranger, None)
    unaddressed = envelope(launch_request())
    del unaddressed["context"]["System"]["application"]
    del unaddressed["session"]["application"]
    with pytest.raises(WrongSkillError):
        handler(unaddressed, None)
    answer = Caller(handler).launch()
    assert answer.text.startswith("Welcome to Muscle Twitch Guide.")


# -- requests without a session --------------------------------------------------------------------------------


def test_a_name_free_probe_without_a_session_gets_a_verdict_not_speech() -> None:
    probe = can_fulfill_request("CausesIntent", {"cause": slot("cause", "caffeine", "caffeine", "Cause")})
    answer = Answer(HANDLER(envelope(probe, with_session=False), None))
    assert answer.response["canFulfillIntent"]["canFulfill"] == "YES"
    assert "outputSpeech" not in answer.response


@pytest.mark.parametrize("request_factory", [launch_request, lambda: intent_request("WhatIsTwitchingIntent")])
def test_a_request_without_a_session_is_answered_not_apologised_for(request_factory: Any) -> None:
    answer = Answer(HANDLER(envelope(request_factory(), with_session=False), None))
    assert answer.text
    assert ERROR_TEXT not in answer.text


@pytest.mark.parametrize("remembered", [[], [""], ["\x00", "  "]])
def test_repeat_with_nothing_sayable_remembered_still_speaks(remembered: list[str]) -> None:
    last = {"speech": remembered, "card": remembered, "reprompt": None, "title": "Muscle Twitch Guide"}
    event = envelope(intent_request("AMAZON.RepeatIntent"), new=False, attributes={"last": pack(last)})
    answer = Answer(HANDLER(event, None))
    assert answer.text.strip()
