"""The base of the thin ASK handlers: each answers through the shared Conversation."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler

from ..conversation import Conversation


class ConversationHandler(AbstractRequestHandler):
    """A request handler that answers through the shared Conversation (built once per container)."""

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
