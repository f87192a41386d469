"""Handlers for the information intents: what twitching is, causes, healing, self-care, BFS, ALS, doctors."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from ..conversation import Conversation
from ..request_reader import intent_name, said_of, turn_of
from ..response_writer import respond
from ..triage.rules import Rules
from .common import ConversationHandler


def info_intents(rules: Rules) -> dict[str, str]:
    """Intent name -> the [info] answer it asks for, as each answer declares in rules.toml."""
    return {answer.intent: key for key, answer in rules.info.items() if answer.intent}


class InfoIntentHandler(ConversationHandler):
    """General information answers, each followed by one offer."""

    def __init__(self, conversation: Conversation) -> None:
        super().__init__(conversation)
        self.intents = info_intents(conversation.rules)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in self.intents

    def handle(self, handler_input: HandlerInput) -> Response:
        topic = self.intents[intent_name(handler_input)]
        reply = self.conversation.info(turn_of(handler_input), topic, said_of(handler_input))
        return respond(handler_input, reply)


class HealingIntentHandler(ConversationHandler):
    """Is twitching a sign of healing? Honest, with an optional context (exercise, injury, nerve)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("HealingIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        reply = self.conversation.healing(turn_of(handler_input), said_of(handler_input))
        return respond(handler_input, reply)


class CausesIntentHandler(ConversationHandler):
    """What causes twitching, or can a named cause do it."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("CausesIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        reply = self.conversation.causes(turn_of(handler_input), said_of(handler_input))
        return respond(handler_input, reply)
