"""Request envelopes built with ask-sdk-model classes and serialised to the JSON dict Alexa sends."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.application import Application
from ask_sdk_model.context import Context
from ask_sdk_model.device import Device
from ask_sdk_model.dialog_state import DialogState
from ask_sdk_model.intent import Intent
from ask_sdk_model.intent_confirmation_status import IntentConfirmationStatus
from ask_sdk_model.intent_request import IntentRequest
from ask_sdk_model.interfaces.alexa.presentation.apl.alexa_presentation_apl_interface import (
    AlexaPresentationAplInterface,
)
from ask_sdk_model.interfaces.alexa.presentation.apl.runtime import Runtime
from ask_sdk_model.interfaces.system.system_state import SystemState
from ask_sdk_model.launch_request import LaunchRequest
from ask_sdk_model.request import Request
from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_model.session import Session
from ask_sdk_model.session_ended_reason import SessionEndedReason
from ask_sdk_model.session_ended_request import SessionEndedRequest
from ask_sdk_model.simple_slot_value import SimpleSlotValue
from ask_sdk_model.slot import Slot
from ask_sdk_model.slot_confirmation_status import SlotConfirmationStatus
from ask_sdk_model.slu.entityresolution.resolution import Resolution
from ask_sdk_model.slu.entityresolution.resolutions import Resolutions
from ask_sdk_model.slu.entityresolution.status import Status
from ask_sdk_model.slu.entityresolution.status_code import StatusCode
from ask_sdk_model.slu.entityresolution.value import Value
from ask_sdk_model.slu.entityresolution.value_wrapper import ValueWrapper
from ask_sdk_model.supported_interfaces import SupportedInterfaces
from ask_sdk_model.user import User

from .model import InteractionModel
from .nlu import ER_MATCH, ResolvedIntent, ResolvedSlot

DEFAULT_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
SERIALIZER = DefaultSerializer()


@dataclass(frozen=True)
class Identity:
    """Who and where: the skill id, a fake user and device, and whether the device has a screen."""

    skill_id: str = DEFAULT_SKILL_ID
    user_id: str = "amzn1.ask.account.SIMULATOR"
    device_id: str = "amzn1.ask.device.SIMULATOR"
    screen: bool = False


@dataclass
class SessionState:
    """The Alexa session as the simulator keeps it between turns."""

    session_id: str
    new: bool = True
    attributes: dict[str, Any] | None = None

    @classmethod
    def fresh(cls) -> SessionState:
        """A new session with a new id and no attributes."""
        return cls(f"amzn1.echo-api.session.{uuid.uuid4()}")


def slot_object(
    name: str, slot_type: str, filled: ResolvedSlot | None, skill_id: str, confirmation: str
) -> Slot:
    """A Slot as Alexa sends it; custom types carry entity resolution by authority `<skill id>.<type>`."""
    status = SlotConfirmationStatus(confirmation)
    if filled is None:
        return Slot(name=name, confirmation_status=status)
    resolutions = None
    if filled.status is not None:
        values = None
        if filled.status == ER_MATCH:
            values = [ValueWrapper(Value(name=n, id=i)) for n, i in filled.matches]
        authority = f"amzn1.er-authority.echo-sdk.{skill_id}.{slot_type}"
        status_code = Status(StatusCode(filled.status))
        resolutions = Resolutions([Resolution(authority=authority, status=status_code, values=values)])
    return Slot(
        name=name,
        value=filled.value,
        confirmation_status=status,
        resolutions=resolutions,
        slot_value=SimpleSlotValue(value=filled.value, resolutions=resolutions),
    )


def intent_object(
    model: InteractionModel,
    resolved: ResolvedIntent,
    skill_id: str,
    confirmation: str = "NONE",
    slot_confirmations: dict[str, str] | None = None,
) -> Intent:
    """The Intent with every declared slot present (empty ones carry only their name), as on a device."""
    declared = model.intent(resolved.name)
    types = {s.name: s.type for s in declared.slots} if declared else {}
    confirmations = slot_confirmations or {}
    names = [*types, *(n for n in resolved.slots if n not in types)]
    slots = {
        n: slot_object(n, types.get(n, ""), resolved.slots.get(n), skill_id, confirmations.get(n, "NONE"))
        for n in names
    }
    return Intent(name=resolved.name, slots=slots, confirmation_status=IntentConfirmationStatus(confirmation))


def request_envelope(
    request: Request,
    *,
    skill_id: str,
    user_id: str,
    device_id: str,
    session_id: str | None = None,
    new: bool = True,
    attributes: dict[str, Any] | None = None,
    with_session: bool = True,
    screen: bool = False,
    api_access_token: str | None = None,
) -> dict[str, Any]:
    """The JSON dict Alexa sends for `request`: session, context.System with the application, user and device,
    serialised by the SDK's own models, with the request's UTC timestamp ending in Z. The one envelope
    builder of the project: the simulator, the tests and the benchmarks all use it."""
    application = Application(application_id=skill_id)
    user = User(user_id=user_id)
    interfaces = SupportedInterfaces()
    if screen:
        interfaces = SupportedInterfaces(
            alexa_presentation_apl=AlexaPresentationAplInterface(runtime=Runtime(max_version="2024.3"))
        )
    device = Device(device_id=device_id, supported_interfaces=interfaces)
    session = Session(
        new=new,
        session_id=session_id or f"amzn1.echo-api.session.{uuid.uuid4()}",
        user=user,
        attributes=dict(attributes or {}),
        application=application,
    )
    system = SystemState(application=application, user=user, device=device)
    if api_access_token is not None:
        system = SystemState(
            application=application,
            user=user,
            device=device,
            api_endpoint="https://api.amazonalexa.com",
            api_access_token=api_access_token,
        )
    envelope = RequestEnvelope(
        version="1.0",
        session=session if with_session else None,
        context=Context(system=system),
        request=request,
    )
    serialized = SERIALIZER.serialize(envelope)
    if not isinstance(serialized, dict):
        raise TypeError("a request envelope must serialize to a dict")
    if isinstance(serialized.get("request", {}).get("timestamp"), str):
        serialized["request"]["timestamp"] += "Z"  # Alexa stamps requests in UTC
    return serialized


def _envelope(request: Request, session: SessionState, identity: Identity) -> dict[str, Any]:
    return request_envelope(
        request,
        skill_id=identity.skill_id,
        user_id=identity.user_id,
        device_id=identity.device_id,
        session_id=session.session_id,
        new=session.new,
        attributes={} if session.new else session.attributes,
        screen=identity.screen,
    )


def request_fields(locale: str) -> dict[str, Any]:
    """A request's id (unique per request), timestamp (UTC, to the second) and locale."""
    stamp = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    return {"request_id": f"amzn1.echo-api.request.{uuid.uuid4()}", "timestamp": stamp, "locale": locale}


def launch_envelope(session: SessionState, identity: Identity, locale: str) -> dict[str, Any]:
    """A LaunchRequest envelope."""
    return _envelope(LaunchRequest(**request_fields(locale)), session, identity)


def intent_envelope(
    session: SessionState, identity: Identity, locale: str, intent: Intent, dialog_state: str | None = None
) -> dict[str, Any]:
    """An IntentRequest; `dialog_state` (STARTED, IN_PROGRESS, COMPLETED) for intents with a dialog model."""
    state = DialogState(dialog_state) if dialog_state else None
    request = IntentRequest(**request_fields(locale), dialog_state=state, intent=intent)
    return _envelope(request, session, identity)


def session_ended_envelope(
    session: SessionState, identity: Identity, locale: str, reason: str
) -> dict[str, Any]:
    """A SessionEndedRequest envelope (reason USER_INITIATED, EXCEEDED_MAX_REPROMPTS or ERROR)."""
    request = SessionEndedRequest(**request_fields(locale), reason=SessionEndedReason(reason))
    return _envelope(request, session, identity)
