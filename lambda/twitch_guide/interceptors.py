"""Cross-cutting work around every request: log context, timing, loading the conversation's Turn, and
saving preferences a reply changed."""

from __future__ import annotations

import logging
import time

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .logs import clear_request_context, set_request_context
from .preference_store import save_preferences
from .request_reader import TURN_KEY, load_turn, turn_of
from .response_writer import REPLY_KEY
from .turns import SkillReply

logger = logging.getLogger(__name__)
_STARTED = "started_at"


class RequestLogInterceptor(AbstractRequestInterceptor):
    """Sets the log context (request id, type, intent name, locale) and logs the request's arrival."""

    def process(self, handler_input: HandlerInput) -> None:
        handler_input.attributes_manager.request_attributes[_STARTED] = time.perf_counter()
        request = handler_input.request_envelope.request
        intent = getattr(request, "intent", None)
        session = handler_input.request_envelope.session
        set_request_context(
            request_id=getattr(request, "request_id", None),
            request_type=getattr(request, "object_type", None),
            intent=getattr(intent, "name", None),
            locale=getattr(request, "locale", None),
            new_session=getattr(session, "new", None),
        )
        logger.debug("request")  # the response line carries the same context: one INFO line a request


# Requests answered without speaking, so without a Turn. Alexa sends a CanFulfillIntentRequest to many skills
# for one name-free question: reading that user's preferences for it would cost a DynamoDB read per probe.
_NO_TURN_REQUESTS = frozenset({"CanFulfillIntentRequest", "SessionEndedRequest"})


class TurnLoaderInterceptor(AbstractRequestInterceptor):
    """Reads session state and preferences once, for whichever handler speaks."""

    def process(self, handler_input: HandlerInput) -> None:
        if getattr(handler_input.request_envelope.request, "object_type", None) in _NO_TURN_REQUESTS:
            return
        handler_input.attributes_manager.request_attributes[TURN_KEY] = load_turn(handler_input)


class PreferencesInterceptor(AbstractResponseInterceptor):
    """Saves the caller's preferences when the reply changed them (the only store write of a turn)."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        reply = handler_input.attributes_manager.request_attributes.get(REPLY_KEY)
        if not isinstance(reply, SkillReply) or reply.forget or reply.preferences is None:
            return
        if reply.preferences != turn_of(handler_input).preferences:
            save_preferences(handler_input, reply.preferences)


class ResponseLogInterceptor(AbstractResponseInterceptor):
    """Logs how long the request took and whether the session ended; never what was said."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        started = handler_input.attributes_manager.request_attributes.get(_STARTED)
        elapsed = round((time.perf_counter() - started) * 1000, 2) if isinstance(started, float) else None
        end = getattr(response, "should_end_session", None)
        logger.info("response", extra={"ms": elapsed, "end_session": end})
        clear_request_context()  # the request is answered; its id must not label the next one's lines
