"""Handlers for launch, Alexa's built-in intents, preferences and session end."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from ..preference_store import delete_preferences
from ..request_reader import intent_name, turn_of
from ..response_writer import respond
from .common import ConversationHandler

RATE_INTENTS = {"SpeakSlowerIntent": "slow", "SpeakFasterIntent": "fast", "SpeakNormallyIntent": "normal"}
GOODBYE_INTENTS = ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")


class LaunchHandler(ConversationHandler):
    """Welcome, the disclaimer (short once heard), and what the caller can ask."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, self.conversation.launch(turn_of(handler_input)))


class HelpHandler(ConversationHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("AMAZON.HelpIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, self.conversation.help(turn_of(handler_input)))


class GoodbyeHandler(ConversationHandler):
    """Stop, Cancel and Navigate Home end the session; during a check they leave one safety line."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in GOODBYE_INTENTS)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, self.conversation.goodbye(turn_of(handler_input)))


class RepeatHandler(ConversationHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("AMAZON.RepeatIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, self.conversation.repeat(turn_of(handler_input)))


class FallbackHandler(ConversationHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("AMAZON.FallbackIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, self.conversation.fallback(turn_of(handler_input)))


class SpeakingRateHandler(ConversationHandler):
    """'Speak slower' and 'speak faster': a non-health preference that is remembered."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in RATE_INTENTS)

    def handle(self, handler_input: HandlerInput) -> Response:
        rate = RATE_INTENTS[intent_name(handler_input)]
        return respond(handler_input, self.conversation.set_rate(turn_of(handler_input), rate))


class ForgetMeHandler(ConversationHandler):
    """'Forget me': delete the stored preferences and say whether it worked."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("ForgetMeIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        deleted = delete_preferences(handler_input)
        return respond(handler_input, self.conversation.forget(turn_of(handler_input), succeeded=deleted))


class SessionEndedHandler(AbstractRequestHandler):
    """The session is over (the caller left, or an error): nothing may be said; nothing is kept."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("SessionEndedRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        response: Response = handler_input.response_builder.response
        return response


class UnhandledRequestHandler(ConversationHandler):
    """Registered last: any request no other handler takes gets the fallback answer, never silence."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, self.conversation.fallback(turn_of(handler_input)))
