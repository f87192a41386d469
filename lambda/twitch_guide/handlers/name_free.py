"""CanFulfillIntentRequest: tell Alexa truthfully which name-free questions this skill can answer."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response
from ask_sdk_model.canfulfill import (
    CanFulfillIntent,
    CanFulfillIntentValues,
    CanFulfillSlot,
    CanFulfillSlotValues,
    CanUnderstandSlotValues,
)

from .common import ConversationHandler, intent_name, slots_of
from .info import INFO_INTENTS

# Only questions the skill answers in full. Symptoms and the symptom check are never claimed name-free:
# someone describing a symptom to Alexa should not be routed to a skill they did not choose.
NAME_FREE_INTENTS = frozenset(INFO_INTENTS) | {"HealingIntent", "CausesIntent"}


class CanFulfillIntentHandler(ConversationHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("CanFulfillIntentRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        name = intent_name(handler_input)
        slots = slots_of(handler_input)
        understood = {slot: self.conversation.understands(slot, value) for slot, value in slots.items()}
        can = name in NAME_FREE_INTENTS and all(understood.values())
        verdict = CanFulfillIntent(
            can_fulfill=CanFulfillIntentValues.YES if can else CanFulfillIntentValues.NO,
            slots={slot: _slot_verdict(ok) for slot, ok in understood.items()},
        )
        handler_input.response_builder.set_can_fulfill_intent(verdict)
        response: Response = handler_input.response_builder.response
        return response


def _slot_verdict(understood: bool) -> CanFulfillSlot:
    return CanFulfillSlot(
        can_understand=CanUnderstandSlotValues.YES if understood else CanUnderstandSlotValues.NO,
        can_fulfill=CanFulfillSlotValues.YES if understood else CanFulfillSlotValues.NO,
    )
