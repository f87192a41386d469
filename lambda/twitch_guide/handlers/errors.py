"""The catch-all exception handler: an apology and the safety line instead of a failed request."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .. import speech
from ..conversation import Conversation
from ..request_reader import locale_of

logger = logging.getLogger(__name__)


class CatchAllExceptionHandler(AbstractExceptionHandler):
    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        # The class and place only: an exception's message could quote what the caller said.
        logger.error("request failed", extra={"error": type(exception).__name__})
        reply = self.conversation.error(locale_of(handler_input))
        builder = handler_input.response_builder
        builder.speak(speech.to_ssml(reply.speech))
        builder.set_should_end_session(True)
        response: Response = builder.response
        return response
