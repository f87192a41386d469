"""Shared plumbing for the thin ASK handlers: read a request into a Turn, write a SkillReply out."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.exceptions import AttributesManagerException, PersistenceException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_supported_interfaces
from ask_sdk_model import Response
from ask_sdk_model.slu.entityresolution import StatusCode
from ask_sdk_model.ui import SimpleCard

from .. import speech
from ..conversation import Conversation, Preferences, SkillReply, SlotValue, Turn

logger = logging.getLogger(__name__)

TURN_KEY = "turn"
PREFS_KEY = "prefs"
DEFAULT_LOCALE = "en-US"


class ConversationHandler(AbstractRequestHandler):
    """A request handler that answers through the shared Conversation (built once per container)."""

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation


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
    cached = state.get(PREFS_KEY)
    preferences = (
        Preferences.from_stored(cached) if isinstance(cached, dict) else _stored_preferences(handler_input)
    )
    return Turn(
        locale=locale_of(handler_input),
        state=state,
        preferences=preferences,
        new_session=new_session,
        today=_request_date(envelope.request),
    )


def _request_date(request: Any) -> str:
    """The day the request was made, from its timestamp (the clock's if the request has none)."""
    stamp = getattr(request, "timestamp", None)
    moment = stamp if isinstance(stamp, datetime) else datetime.now(UTC)
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date().isoformat()


def turn_of(handler_input: HandlerInput) -> Turn:
    """The Turn the request interceptor prepared (built now if an interceptor did not run)."""
    turn = handler_input.attributes_manager.request_attributes.get(TURN_KEY)
    return turn if isinstance(turn, Turn) else load_turn(handler_input)


def _stored_preferences(handler_input: HandlerInput) -> Preferences:
    try:
        return Preferences.from_stored(handler_input.attributes_manager.persistent_attributes)
    except AttributesManagerException:
        return Preferences()  # no store configured
    except Exception as error:  # a store fault must not cost the caller an answer
        logger.warning("preferences unavailable, using defaults", extra={"error": _describe(error)})
    return Preferences()


def _describe(error: Exception) -> str:
    """Our own persistence messages name only the operation; anything else is reduced to its class."""
    return str(error) if isinstance(error, PersistenceException) else type(error).__name__


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


def _resolved_id(slot: Any) -> str | None:
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in authorities:
        status = getattr(getattr(authority, "status", None), "code", None)
        values = getattr(authority, "values", None) or []
        if status == StatusCode.ER_SUCCESS_MATCH and values:
            value = getattr(values[0], "value", None)
            identifier = getattr(value, "id", None)
            if isinstance(identifier, str):
                return identifier
    return None


def respond(handler_input: HandlerInput, reply: SkillReply) -> Response:
    """Write the reply into the ASK response: SSML, reprompt, card, optional screen, session state."""
    turn = turn_of(handler_input)
    preferences = reply.preferences or turn.preferences
    if reply.forget:
        preferences = Preferences()
    elif reply.preferences is not None and reply.preferences != turn.preferences:
        _save_preferences(handler_input, reply.preferences)
    if handler_input.request_envelope.session is not None:
        handler_input.attributes_manager.session_attributes = {
            **reply.state,
            PREFS_KEY: preferences.to_stored(),
        }

    builder = handler_input.response_builder
    builder.speak(speech.to_ssml(reply.speech, reply.rate))
    if reply.reprompt and not reply.end_session:
        builder.ask(speech.to_ssml([reply.reprompt], reply.rate))
    builder.set_card(SimpleCard(title=reply.title, content=speech.card_text(reply.card)))
    if _has_screen(handler_input):
        # Imported here: the APL model package costs ~9 ms of cold start, and most speakers have no screen.
        from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

        document, datasources = speech.apl_document(reply.title, reply.card)
        builder.add_directive(
            RenderDocumentDirective(token=speech.APL_TOKEN, document=document, datasources=datasources)
        )
    builder.set_should_end_session(reply.end_session)
    response: Response = builder.response
    return response


def _save_preferences(handler_input: HandlerInput, preferences: Preferences) -> None:
    manager = handler_input.attributes_manager
    try:
        manager.persistent_attributes = preferences.to_stored()
        manager.save_persistent_attributes()
    except AttributesManagerException:
        pass  # no store configured
    except Exception as error:
        logger.warning("preferences not saved", extra={"error": _describe(error)})


def delete_preferences(handler_input: HandlerInput) -> bool:
    """Delete the caller's stored preferences; False if the store could not be reached."""
    try:
        handler_input.attributes_manager.delete_persistent_attributes()
    except AttributesManagerException:
        return True  # no store configured: nothing is kept
    except Exception as error:
        logger.warning("preferences not deleted", extra={"error": _describe(error)})
        return False
    return True


def _has_screen(handler_input: HandlerInput) -> bool:
    try:
        return get_supported_interfaces(handler_input).alexa_presentation_apl is not None
    except (AttributeError, TypeError):
        return False
