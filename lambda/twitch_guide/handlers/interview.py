"""Handlers for the spoken symptom check: start it, answer it, volunteer a symptom, start over."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from ..request_reader import intent_name, said_of, turn_of
from ..response_writer import respond
from ..triage.engine import Reply
from .common import ConversationHandler

ANSWER_INTENTS = {"AMAZON.YesIntent": Reply.YES, "AMAZON.NoIntent": Reply.NO, "UnsureIntent": Reply.UNSURE}


class SymptomCheckHandler(ConversationHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("SymptomCheckIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        reply = self.conversation.start_check(turn_of(handler_input), said_of(handler_input))
        return respond(handler_input, reply)


class AnswerHandler(ConversationHandler):
    """Yes, no and not sure: to the current question, or to the last offer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in ANSWER_INTENTS

    def handle(self, handler_input: HandlerInput) -> Response:
        answer = ANSWER_INTENTS[intent_name(handler_input)]
        return respond(handler_input, self.conversation.reply(turn_of(handler_input), answer))


class ReportSymptomHandler(ConversationHandler):
    """A symptom volunteered at any point ("my leg is twitching and it feels weak")."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("ReportSymptomIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        reply = self.conversation.report_symptom(turn_of(handler_input), said_of(handler_input))
        return respond(handler_input, reply)


class StartOverHandler(ConversationHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("AMAZON.StartOverIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, self.conversation.start_over(turn_of(handler_input)))
