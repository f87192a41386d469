"""Request envelopes built with ask-sdk-model classes, and a caller that keeps an Alexa session between turns.

Used by the persistence, privacy and resilience tests to drive `twitch_guide.skill.build_handler(...)` with the
exact JSON Alexa sends, without the simulator's language understanding in between.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import (
    Intent,
    IntentConfirmationStatus,
    IntentRequest,
    LaunchRequest,
    Request,
    ResponseEnvelope,
    SessionEndedReason,
    SessionEndedRequest,
    Slot,
    SlotConfirmationStatus,
)
from ask_sdk_model.canfulfill import CanFulfillIntentRequest
from ask_sdk_model.slu.entityresolution import (
    Resolution,
    Resolutions,
    Status,
    StatusCode,
    Value,
    ValueWrapper,
)

from skill_sim.envelopes import request_envelope, request_fields

SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
SERIALIZER = DefaultSerializer()

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


def slot(name: str, value: str | None, resolved_id: str | None = None, slot_type: str = "Symptom") -> Slot:
    """A slot as Alexa fills it: the spoken value, with an entity-resolution match when `resolved_id` is given."""
    resolutions = None
    if value is not None:
        authority = f"amzn1.er-authority.echo-sdk.{SKILL_ID}.{slot_type}"
        if resolved_id is None:
            resolution = Resolution(authority=authority, status=Status(StatusCode.ER_SUCCESS_NO_MATCH))
        else:
            resolution = Resolution(
                authority=authority,
                status=Status(StatusCode.ER_SUCCESS_MATCH),
                values=[ValueWrapper(Value(name=resolved_id.replace("_", " "), id=resolved_id))],
            )
        resolutions = Resolutions([resolution])
    return Slot(
        name=name, value=value, confirmation_status=SlotConfirmationStatus.NONE, resolutions=resolutions
    )


def launch_request(locale: str = "en-US") -> LaunchRequest:
    return LaunchRequest(**request_fields(locale))


def intent_request(name: str, slots: dict[str, Slot] | None = None, locale: str = "en-US") -> IntentRequest:
    intent = Intent(name=name, slots=slots or {}, confirmation_status=IntentConfirmationStatus.NONE)
    return IntentRequest(**request_fields(locale), intent=intent)


def can_fulfill_request(name: str, slots: dict[str, Slot] | None = None, locale: str = "en-US") -> Request:
    """A name-free probe: could this skill answer the intent? (Alexa asks many skills at once.)"""
    intent = Intent(name=name, slots=slots or {}, confirmation_status=IntentConfirmationStatus.NONE)
    return CanFulfillIntentRequest(**request_fields(locale), intent=intent)


def session_ended_request(locale: str = "en-US") -> SessionEndedRequest:
    return SessionEndedRequest(**request_fields(locale), reason=SessionEndedReason.USER_INITIATED)


def envelope(
    request: Request,
    *,
    user_id: str = "amzn1.ask.account.TESTUSER",
    device_id: str = "amzn1.ask.device.TESTDEVICE",
    skill_id: str = SKILL_ID,
    session_id: str | None = None,
    new: bool = True,
    attributes: dict[str, Any] | None = None,
    with_session: bool = True,
) -> dict[str, Any]:
    """The JSON dict Alexa would send for `request` (the simulator's envelope builder, with test ids)."""
    return request_envelope(
        request,
        skill_id=skill_id,
        user_id=user_id,
        device_id=device_id,
        session_id=session_id,
        new=new,
        attributes=attributes,
        with_session=with_session,
    )


@dataclass(frozen=True)
class Answer:
    """What the skill sent back, with the parts tests look at."""

    raw: dict[str, Any]

    @property
    def response(self) -> dict[str, Any]:
        response: dict[str, Any] = self.raw.get("response") or {}
        return response

    @property
    def ssml(self) -> str:
        return str((self.response.get("outputSpeech") or {}).get("ssml", ""))

    @property
    def text(self) -> str:
        """The spoken words without markup."""
        return " ".join("".join(ET.fromstring(self.ssml).itertext()).split()) if self.ssml else ""

    @property
    def attributes(self) -> dict[str, Any]:
        attributes: dict[str, Any] = self.raw.get("sessionAttributes") or {}
        return attributes

    @property
    def ends_session(self) -> bool:
        return bool(self.response.get("shouldEndSession"))

    def envelope(self) -> ResponseEnvelope:
        """The answer read back as the SDK's ResponseEnvelope (fails if Alexa could not parse it)."""
        parsed = SERIALIZER.deserialize(json.dumps(self.raw), ResponseEnvelope)
        assert isinstance(parsed, ResponseEnvelope)
        return parsed


@dataclass
class Caller:
    """One Alexa user on one device talking to a handler: the session is kept as Alexa keeps it."""

    handler: Handler
    user_id: str = "amzn1.ask.account.TESTUSER"
    device_id: str = "amzn1.ask.device.TESTDEVICE"
    locale: str = "en-US"
    skill_id: str = SKILL_ID
    session_id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    sent: list[dict[str, Any]] = field(default_factory=list)

    def launch(self) -> Answer:
        """'Alexa, open Muscle Twitch Guide': always a new session."""
        self.session_id = None
        return self._send(launch_request(self.locale))

    def intent(self, name: str, **slots: Slot) -> Answer:
        """An intent in the current session (or a one-shot request opening a new one)."""
        return self._send(intent_request(name, slots, self.locale))

    def end(self) -> Answer:
        """The caller walked away: a SessionEndedRequest, and the session is over."""
        answer = self._send(session_ended_request(self.locale))
        self.session_id = None
        return answer

    def _send(self, request: Request) -> Answer:
        new = self.session_id is None
        if new:
            self.session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
            self.attributes = {}
        event = envelope(
            request,
            user_id=self.user_id,
            device_id=self.device_id,
            skill_id=self.skill_id,
            session_id=self.session_id,
            new=new,
            attributes=self.attributes,
        )
        self.sent.append(event)
        answer = Answer(self.handler(event, None))
        self.attributes = dict(answer.attributes)
        if answer.ends_session:
            self.session_id = None
        return answer


def run_entry_in_fresh_interpreter(
    script: str, event: dict[str, Any], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run `script` in a new Python process with lambda/ as the working directory (a new Lambda container),
    the event on standard input."""
    return subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(event),
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent / "lambda",
        env=env,
        timeout=60,
        check=False,
    )
