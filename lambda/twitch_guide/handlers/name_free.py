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

from ..conversation import Conversation
from ..request_reader import BODY_PART, CAUSE, HEALING_CONTEXT, intent_name, slots_of
from ..turns import SlotValue
from .common import ConversationHandler
from .info import info_intents

# Only questions the skill answers in full. Symptoms and the symptom check are never claimed name-free:
# someone describing a symptom to Alexa should not be routed to a skill they did not choose.
ANSWERS_WITH_SLOTS = frozenset({"HealingIntent", "CausesIntent"})


class CanFulfillIntentHandler(ConversationHandler):
    def __init__(self, conversation: Conversation) -> None:
        super().__init__(conversation)
        self.intents = frozenset(info_intents(conversation.rules)) | ANSWERS_WITH_SLOTS

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("CanFulfillIntentRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        name = intent_name(handler_input)
        slots = slots_of(handler_input)
        understood = {slot: self._understands(slot, value) for slot, value in slots.items()}
        can = name in self.intents and all(understood.values())
        verdict = CanFulfillIntent(
            can_fulfill=CanFulfillIntentValues.YES if can else CanFulfillIntentValues.NO,
            slots={slot: _slot_verdict(ok) for slot, ok in understood.items()},
        )
        handler_input.response_builder.set_can_fulfill_intent(verdict)
        response: Response = handler_input.response_builder.response
        return response

    def _understands(self, slot: str, value: SlotValue) -> bool:
        """Whether a slot value names something the rules answer (a body part only colours the question)."""
        if slot == CAUSE:
            return self.conversation.understands_cause(value)
        if slot == HEALING_CONTEXT:
            return self.conversation.understands_healing(value)
        return slot == BODY_PART


def _slot_verdict(understood: bool) -> CanFulfillSlot:
    return CanFulfillSlot(
        can_understand=CanUnderstandSlotValues.YES if understood else CanUnderstandSlotValues.NO,
        can_fulfill=CanFulfillSlotValues.YES if understood else CanFulfillSlotValues.NO,
    )
