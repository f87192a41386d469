"""Alexa request envelopes for the benchmarks, built with ask-sdk-model classes, and a session that threads
session attributes from one response into the next request, as Alexa does."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.intent import Intent
from ask_sdk_model.intent_confirmation_status import IntentConfirmationStatus
from ask_sdk_model.intent_request import IntentRequest
from ask_sdk_model.launch_request import LaunchRequest
from ask_sdk_model.request import Request
from ask_sdk_model.session_ended_reason import SessionEndedReason
from ask_sdk_model.session_ended_request import SessionEndedRequest
from ask_sdk_model.slot import Slot
from ask_sdk_model.slot_confirmation_status import SlotConfirmationStatus
from ask_sdk_model.slu.entityresolution.resolution import Resolution
from ask_sdk_model.slu.entityresolution.resolutions import Resolutions
from ask_sdk_model.slu.entityresolution.status import Status
from ask_sdk_model.slu.entityresolution.status_code import StatusCode
from ask_sdk_model.slu.entityresolution.value import Value
from ask_sdk_model.slu.entityresolution.value_wrapper import ValueWrapper

from skill_sim.envelopes import request_envelope, request_fields

ROOT = Path(__file__).resolve().parents[2]
MODELS_DIR = ROOT / "interaction_models"
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-00000000be4c"
# A real envelope carries a bearer token of this order of size for Alexa's service APIs; the SDK parses it.
API_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9." + "x" * 900
_SERIALIZER = DefaultSerializer()

Handler = Any  # (event: dict, context) -> dict


@dataclass(frozen=True)
class Fill:
    """A filled slot: the words, and the entity-resolution id Alexa matched them to (None: no match)."""

    value: str
    resolved_id: str | None = None


def intent_slots(locale: str = "en-US") -> dict[str, dict[str, str]]:
    """Intent name -> {slot name: slot type} from interaction_models/<locale>.json (empty if absent)."""
    path = MODELS_DIR / f"{locale}.json"
    if not path.is_file():
        return {}
    language_model = json.loads(path.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
    return {
        intent["name"]: {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        for intent in language_model["intents"]
    }


def _slot(name: str, slot_type: str, fill: Fill | None) -> Slot:
    status = SlotConfirmationStatus.NONE
    if fill is None:
        return Slot(name=name, confirmation_status=status)
    resolutions = None
    if not slot_type.startswith("AMAZON."):  # Alexa resolves custom types only
        code = StatusCode.ER_SUCCESS_MATCH if fill.resolved_id else StatusCode.ER_SUCCESS_NO_MATCH
        values = [ValueWrapper(Value(name=fill.value, id=fill.resolved_id))] if fill.resolved_id else None
        authority = f"amzn1.er-authority.echo-sdk.{SKILL_ID}.{slot_type}"
        resolutions = Resolutions([Resolution(authority=authority, status=Status(code), values=values)])
    return Slot(name=name, value=fill.value, confirmation_status=status, resolutions=resolutions)


@dataclass
class AlexaSession:
    """One caller on one device: builds each request with the attributes the skill returned last time."""

    locale: str = "en-US"
    user_id: str = "amzn1.ask.account.BENCHMARK"
    declared: dict[str, dict[str, str]] = field(default_factory=dict)
    session_id: str = ""
    new: bool = True
    attributes: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.session_id:
            self.restart()

    def restart(self) -> None:
        """The next request opens a new session."""
        self.session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
        self.new = True
        self.attributes = {}

    def launch(self) -> dict[str, Any]:
        self.restart()
        return self._envelope(LaunchRequest(**self._request_fields()))

    def intent(self, name: str, **slots: Fill) -> dict[str, Any]:
        """An IntentRequest with every slot the model declares (empty ones named only, as on a device)."""
        types = dict(self.declared.get(name, {}))
        types.update({slot: "" for slot in slots if slot not in types})
        intent = Intent(
            name=name,
            slots={slot: _slot(slot, kind, slots.get(slot)) for slot, kind in types.items()} or None,
            confirmation_status=IntentConfirmationStatus.NONE,
        )
        return self._envelope(IntentRequest(**self._request_fields(), intent=intent))

    def session_ended(self, reason: str = "USER_INITIATED") -> dict[str, Any]:
        request = SessionEndedRequest(**self._request_fields(), reason=SessionEndedReason(reason))
        return self._envelope(request)

    def take(self, response: dict[str, Any]) -> None:
        """Read the skill's response as Alexa would: keep its attributes, or close the session."""
        body = response.get("response") or {}
        if body.get("shouldEndSession") is True:
            self.restart()
            return
        self.new = False
        self.attributes = dict(response.get("sessionAttributes") or {})

    def send(self, handler: Handler, event: dict[str, Any]) -> dict[str, Any]:
        """Hand the event to the Lambda handler and take its response."""
        response: dict[str, Any] = handler(event, None)
        self.take(response)
        return response

    def _request_fields(self) -> dict[str, Any]:
        return request_fields(self.locale)

    def _envelope(self, request: Request) -> dict[str, Any]:
        return request_envelope(
            request,
            skill_id=SKILL_ID,
            user_id=self.user_id,
            device_id="amzn1.ask.device.BENCHMARK",
            session_id=self.session_id,
            new=self.new,
            attributes=None if self.new else self.attributes,
            api_access_token=API_TOKEN,
        )


def output_ssml(response: dict[str, Any]) -> str | None:
    """The outputSpeech of a response as SSML (plain text wrapped), or None when nothing is said."""
    speech = (response.get("response") or {}).get("outputSpeech")
    if not isinstance(speech, dict):
        return None
    if speech.get("type") == "SSML":
        return str(speech.get("ssml") or "")
    return f"<speak>{speech.get('text') or ''}</speak>"
