"""What goes into the conversation and what comes out of it, for one request: independent of Alexa's types."""

from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

from .triage.levels import Level

RATES = ("slow", "normal", "fast")
DEFAULT_TITLE = "Muscle Twitch Guide"


class SlotValue(NamedTuple):
    """One filled slot: what the caller said, and the rule id entity resolution matched it to, if any."""

    spoken: str | None
    resolved_id: str | None = None


class Preferences(NamedTuple):
    """Non-health preferences that may be kept between sessions."""

    disclaimer_heard: bool = False
    rate: str = "normal"
    visits: int = 0
    last_visit: str | None = None

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any] | None) -> "Preferences":
        """Tolerates missing or damaged items: a bad preference is dropped, never an error."""
        stored = stored or {}
        rate = stored.get("rate")
        visits = stored.get("visits")
        last = stored.get("last_visit")
        return cls(
            disclaimer_heard=stored.get("disclaimer_heard") is True,
            rate=rate if rate in RATES else "normal",
            visits=visits if isinstance(visits, int) and not isinstance(visits, bool) and visits >= 0 else 0,
            last_visit=last if isinstance(last, str) and len(last) <= 10 else None,
        )

    def to_stored(self) -> dict[str, Any]:
        return {
            "disclaimer_heard": self.disclaimer_heard,
            "rate": self.rate,
            "visits": self.visits,
            "last_visit": self.last_visit,
        }


class Turn(NamedTuple):
    """Everything the conversation needs to know about one request."""

    locale: str
    state: Mapping[str, Any]  # the session attributes as received: read only by DialogState.from_session
    preferences: Preferences
    new_session: bool = False
    today: str | None = None  # the request's date, ISO 8601 ("since january" is judged against it)

    @property
    def date(self) -> date | None:
        try:
            return date.fromisoformat(self.today) if self.today else None
        except ValueError:
            return None


class SkillReply(NamedTuple):
    """What to say, as plain sentences; the speech layer turns it into SSML, a card and a screen."""

    speech: tuple[str, ...]
    card: tuple[str, ...]
    title: str
    reprompt: str | None
    end_session: bool
    state: dict[str, Any]  # the session attributes to keep: written only by DialogState.to_session
    rate: str = "normal"
    disposition: Level | None = None
    preferences: Preferences | None = None  # set when preferences changed and should be saved
    forget: bool = False  # the caller asked to delete stored preferences


class Said(NamedTuple):
    """What the caller said this turn, as the channel heard it (the handlers translate Alexa's slots)."""

    words: str = ""  # everything said, in speaking order, for the understanding
    resolved: tuple[str, ...] = ()  # rule ids the channel matched ("chest_pain" for "my chest hurts")
    unplaced: bool = False  # words the channel heard but could not place anywhere
    cause: SlotValue | None = None  # a cause asked about by name ("can coffee do that?")
    healing_context: SlotValue | None = None  # what the twitching came after ("after an injury")
