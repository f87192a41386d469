"""Handlers for the information intents: what twitching is, causes, healing, self-care, BFS, ALS, doctors."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from .common import ConversationHandler, intent_name, respond, slots_of, turn_of

# Intent name -> information topic (conversation.INFO_OFFERS).
INFO_INTENTS = {
    "WhatIsTwitchingIntent": "what_is",
    "HowLongIntent": "how_long",
    "SelfCareIntent": "self_care",
    "BenignFasciculationIntent": "bfs",
    "AlsWorryIntent": "als",
    "WhenToSeeDoctorIntent": "when_to_see_doctor",
    "ChildTwitchingIntent": "child",
}


class InfoIntentHandler(ConversationHandler):
    """General information answers, each followed by one offer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in INFO_INTENTS)

    def handle(self, handler_input: HandlerInput) -> Response:
        topic = INFO_INTENTS[intent_name(handler_input)]
        reply = self.conversation.info(turn_of(handler_input), topic, slots_of(handler_input))
        return respond(handler_input, reply)


class HealingIntentHandler(ConversationHandler):
    """Is twitching a sign of healing? Honest, with an optional context (exercise, injury, nerve)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("HealingIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        reply = self.conversation.healing(turn_of(handler_input), slots_of(handler_input))
        return respond(handler_input, reply)


class CausesIntentHandler(ConversationHandler):
    """What causes twitching, or can a named cause do it."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("CausesIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        reply = self.conversation.causes(turn_of(handler_input), slots_of(handler_input))
        return respond(handler_input, reply)
