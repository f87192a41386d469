"""Talk to the real skill through the simulator, checking every response on the way."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import ResponseEnvelope

from skill_sim.model import load_model, model_path
from skill_sim.session import Conversation, Turn
from twitch_guide.dialog import DISPOSITION_KEY
from twitch_guide.persistence import LocalFilePreferences
from twitch_guide.skill import build_handler
from twitch_guide.triage.rules import default_rules

MODELS_DIR = Path(__file__).resolve().parent.parent / "interaction_models"
LOCALES = default_rules().served_locales  # the rules' [locales] tables: the one list of locales
_SERIALIZER = DefaultSerializer()


def checked(handler: Callable[[dict[str, Any], Any], dict[str, Any]]) -> Callable[[dict[str, Any], Any], Any]:
    """Wrap a handler so every response must deserialize as a ResponseEnvelope with well-formed SSML."""

    def call(event: dict[str, Any], context: Any) -> dict[str, Any]:
        response = handler(event, context)
        envelope = _SERIALIZER.deserialize(json.dumps(response), ResponseEnvelope)
        assert isinstance(envelope, ResponseEnvelope)
        for speech in (
            envelope.response.output_speech,
            getattr(envelope.response.reprompt, "output_speech", None),
        ):
            ssml = getattr(speech, "ssml", None)
            if ssml is not None:
                assert ET.fromstring(ssml).tag == "speak", ssml
        return response

    return call


class Chat:
    """One caller talking to the skill in one locale, with their own preference store."""

    def __init__(self, locale: str, *, model_locale: str | None = None, store: Path | None = None) -> None:
        model = load_model(model_path(MODELS_DIR, model_locale or locale))
        adapter = LocalFilePreferences(store) if store is not None else None
        self.conversation = Conversation(
            model,
            checked(build_handler(persistence_adapter=adapter)),
            locale=locale,
            outcome_key=DISPOSITION_KEY,
        )

    @classmethod
    def for_locale_with_model(cls, locale: str, model_locale: str) -> Chat:
        """A locale the skill has no model for, spoken through another locale's model."""
        return cls(locale, model_locale=model_locale)

    def say(self, text: str) -> Turn:
        return self.conversation.say(text)

    @property
    def attributes(self) -> dict[str, Any]:
        return self.conversation.attributes

    @property
    def in_session(self) -> bool:
        return self.conversation.in_session

    @property
    def last(self) -> Turn | None:
        return self.conversation.last


ChatFactory = Callable[[str], Chat]


def answer_no_until_done(chat: Chat, turn: Turn, *, most: int = 12) -> Turn:
    """Answer "no" until the skill gives an outcome or ends; a check that never ends fails the test."""
    for _ in range(most):
        if turn.disposition is not None or turn.end_session:
            return turn
        turn = chat.say("no")
    raise AssertionError(f"no outcome after {most} answers: {turn.speech}")


def launched(chat: ChatFactory, locale: str) -> Chat:
    """A new caller who has just opened the skill."""
    talk = chat(locale)
    talk.say("open muscle twitch guide")
    return talk


def card_text(turn: Turn) -> str:
    """The card's text, or "" when the answer sent no card."""
    return (turn.card or {}).get("text") or ""
