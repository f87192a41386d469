"""Reading an Alexa request into the conversation's terms: the Turn (locale, date, session state,
preferences) and what the caller said, translated from the interaction model's slots."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ask_sdk_core.handler_input import HandlerInput

from .dialog import unpack
from .preference_store import stored_preferences
from .turns import Preferences, Said, SlotValue, Turn

# Entity resolution's status, compared by its value: importing the models' StatusCode costs a cold start
# ~0.6 ms, and a LaunchRequest has no slots to resolve.
ER_SUCCESS_MATCH = "ER_SUCCESS_MATCH"
TURN_KEY = "turn"  # request attribute: the Turn the request interceptor prepared
PREFS_KEY = "prefs"  # session attribute: the preferences, read from the store once per session
DEFAULT_LOCALE = "en-US"
# The interaction model's slot names (tools/model_source.toml), and what each means to the conversation.
BODY_PART, SYMPTOM, CAUSE, HEALING_CONTEXT = "bodyPart", "symptom", "cause", "healingContext"


def locale_of(handler_input: HandlerInput) -> str:
    locale = getattr(handler_input.request_envelope.request, "locale", None)
    return locale if isinstance(locale, str) and locale else DEFAULT_LOCALE


def intent_name(handler_input: HandlerInput) -> str:
    """The intent's name, or an empty string for requests that carry no intent."""
    intent = getattr(handler_input.request_envelope.request, "intent", None)
    name = getattr(intent, "name", None)
    return name if isinstance(name, str) else ""


def load_turn(handler_input: HandlerInput) -> Turn:
    """Build the conversation's view of this request. Preferences come from the store once per session."""
    envelope = handler_input.request_envelope
    session = envelope.session
    new_session = bool(session is None or session.new)
    # The SDK refuses session attributes on a request without a session (a one-shot from some surfaces).
    state = handler_input.attributes_manager.session_attributes if session is not None else {}
    state = dict(state) if isinstance(state, dict) else {}
    cached = unpack(state.get(PREFS_KEY))
    preferences = (
        Preferences.from_stored(cached) if isinstance(cached, dict) else stored_preferences(handler_input)
    )
    return Turn(
        locale=locale_of(handler_input),
        state=state,
        preferences=preferences,
        new_session=new_session,
        today=_request_date(envelope.request),
    )


def turn_of(handler_input: HandlerInput) -> Turn:
    """The Turn the request interceptor prepared (built now if an interceptor did not run)."""
    turn = handler_input.attributes_manager.request_attributes.get(TURN_KEY)
    return turn if isinstance(turn, Turn) else load_turn(handler_input)


def slots_of(handler_input: HandlerInput) -> dict[str, SlotValue]:
    """Every filled slot with its entity-resolution id, if Alexa matched one."""
    # IntentRequest and CanFulfillIntentRequest both carry an intent with slots.
    intent = getattr(handler_input.request_envelope.request, "intent", None)
    raw_slots = getattr(intent, "slots", None)
    if not isinstance(raw_slots, dict):
        return {}
    slots: dict[str, SlotValue] = {}
    for name, slot in raw_slots.items():
        if slot is None or not isinstance(slot.value, str) or not slot.value.strip():
            continue
        slots[name] = SlotValue(slot.value, _resolved_id(slot))
    return slots


def said_of(handler_input: HandlerInput) -> Said:
    """What the caller said, from the slots. Slots split a sentence ("my face is drooping" -> face +
    drooping), so they are read together, the body part first."""
    slots = slots_of(handler_input)
    words = " ".join(slots[name].spoken or "" for name in sorted(slots, key=lambda n: (n != BODY_PART, n)))
    symptom = slots.get(SYMPTOM)
    return Said(
        words=words,
        resolved=tuple(value.resolved_id for value in slots.values() if value.resolved_id),
        unplaced=bool(symptom and symptom.spoken and symptom.resolved_id is None),
        cause=slots.get(CAUSE),
        healing_context=slots.get(HEALING_CONTEXT),
    )


def _request_date(request: Any) -> str:
    """The day the request was made, from its timestamp (the clock's if the request has none)."""
    stamp = getattr(request, "timestamp", None)
    moment = stamp if isinstance(stamp, datetime) else datetime.now(UTC)
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date().isoformat()


def _resolved_id(slot: Any) -> str | None:
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in authorities:
        status = getattr(getattr(authority, "status", None), "code", None)
        values = getattr(authority, "values", None) or []
        if getattr(status, "value", status) == ER_SUCCESS_MATCH and values:
            value = getattr(values[0], "value", None)
            identifier = getattr(value, "id", None)
            if isinstance(identifier, str):
                return identifier
    return None
