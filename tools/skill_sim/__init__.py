"""Local Alexa simulator: typed text in, the skill's spoken answer out.

Public API: `Resolver` (text -> `ResolvedIntent`), `Conversation` (`say(text) -> Turn`), `load_model`.
"""

from .model import InteractionModel, ModelError, load_model
from .nlu import ResolvedIntent, ResolvedSlot, Resolver
from .session import Conversation, SkillError, Turn

__all__ = [
    "Conversation",
    "InteractionModel",
    "ModelError",
    "ResolvedIntent",
    "ResolvedSlot",
    "Resolver",
    "SkillError",
    "Turn",
    "load_model",
]
