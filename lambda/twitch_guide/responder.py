"""How a reply is put together: sentences for voice and card at once, then the SkillReply with its state.

Shared by the symptom check and the answers, so that every reply ends the same way: the disclaimer when a
caller first hears one, one offer or the question under way, and the last reply kept for Repeat.
"""

from __future__ import annotations

from .dialog import DialogState, LastReply
from .prompts import Prompts, fill
from .triage.levels import Level
from .triage.rules import LocaleCare, Rules
from .turns import DEFAULT_TITLE, Preferences, SkillReply, Turn


class Say:
    """Collects sentences for voice and for the card at once (numbers spoken aloud, digits on screen)."""

    __slots__ = ("card", "care", "disclaimed", "speech")

    def __init__(self, care: LocaleCare) -> None:
        self.care = care
        self.speech: list[str] = []
        self.card: list[str] = []
        self.disclaimed = False  # the full disclaimer was said, so the caller has now heard it

    def template(self, text: str, *, them: str = "them") -> None:
        spoken = fill(text, self.care, spoken=True, them=them)
        if spoken:  # a locale line the locale does not have ("{poison_line}" outside the US) says nothing
            self.speech.append(spoken)
            self.card.append(fill(text, self.care, spoken=False, them=them))

    def plain(self, text: str) -> None:
        """Text with no placeholders (reasons and questions, which come straight from the rules)."""
        self.speech.append(text)
        self.card.append(text)

    def restart(self) -> None:
        """Drop what was said so far this turn: the emergency advice comes first."""
        self.speech.clear()
        self.card.clear()
        self.disclaimed = False


class Responder:
    """Builds replies over one rule set and one set of conversation lines."""

    def __init__(self, rules: Rules, prompts: Prompts) -> None:
        self.rules = rules
        self.prompts = prompts
        # Once per container: the conversation lines with the rules' safety line where they say {safety_line}.
        self._lines = {
            key: line.replace("{safety_line}", rules.safety_line) for key, line in prompts.text.items()
        }

    def text(self, key: str) -> str:
        """A conversation line, ready for the locale's placeholders."""
        return self._lines[key]

    def error(self, locale: str) -> SkillReply:
        """The answer when anything fails: an apology and the safety line, never silence."""
        say = Say(self.rules.care_for(locale))
        say.template(self.text("error"))
        say.template(self.rules.safety_line)
        return SkillReply(tuple(say.speech), tuple(say.card), DEFAULT_TITLE, None, True, {})

    def new_say(self, turn: Turn) -> Say:
        return Say(self.rules.care_for(turn.locale))

    def disclaim_if_new(self, turn: Turn, say: Say) -> None:
        """The first answer a caller ever hears carries the full disclaimer (Alexa's health policy)."""
        if turn.new_session and not turn.preferences.disclaimer_heard:
            say.template(self.text("disclaimer_full"))
            say.disclaimed = True

    @staticmethod
    def ask(say: Say, dialog: DialogState) -> str:
        """Say the question under way, worded for whom the check is for; returns its reprompt."""
        ask, reprompt = dialog.ask()
        if dialog.patient is None:
            say.plain(ask)
        else:
            say.template(ask, them=dialog.patient)
        return reprompt

    @staticmethod
    def visit(turn: Turn) -> Preferences | None:
        """Count a visit at the start of a session (non-health data only)."""
        if not turn.new_session:
            return None
        return turn.preferences._replace(visits=turn.preferences.visits + 1, last_visit=turn.today)

    def resume(
        self,
        turn: Turn,
        say: Say,
        dialog: DialogState,
        *,
        offer: str | None = None,
        prefs: Preferences | None = None,
        answer: str | None = None,
    ) -> SkillReply:
        """After an aside, go back to the symptom check if one is under way; otherwise make one offer."""
        if dialog.question is not None:
            say.template(self.text("back_to_check"))
            reprompt = self.ask(say, dialog)
            return self.finish(turn, say, dialog, reprompt=reprompt, prefs=prefs, answer=answer)
        if offer is None:
            say.template(self.text("anything_else"))
            return self.finish(
                turn, say, dialog, reprompt=self.text("menu_reprompt"), prefs=prefs, answer=answer
            )
        offer_text = self.prompts.offers[offer]
        say.template(offer_text)
        dialog = dialog._replace(offer=offer)
        return self.finish(turn, say, dialog, reprompt=offer_text, prefs=prefs, answer=answer)

    def finish(
        self,
        turn: Turn,
        say: Say,
        dialog: DialogState,
        *,
        reprompt: str | None,
        end: bool = False,
        title: str = DEFAULT_TITLE,
        disposition: Level | None = None,
        prefs: Preferences | None = None,
        answer: str | None = None,
    ) -> SkillReply:
        care = self.rules.care_for(turn.locale)
        them = dialog.patient or "them"
        reprompt_text = fill(reprompt, care, spoken=True, them=them) if reprompt else None
        if prefs is None:
            prefs = self.visit(turn)
        if say.disclaimed:
            prefs = (prefs or turn.preferences)._replace(disclaimer_heard=True)
        last = LastReply(tuple(say.speech), tuple(say.card), reprompt_text, title, answer)
        return SkillReply(
            speech=tuple(say.speech),
            card=tuple(say.card),
            title=title,
            reprompt=reprompt_text,
            end_session=end,
            state=dialog._replace(last=last).to_session(),
            rate=prefs.rate if prefs is not None else turn.preferences.rate,
            disposition=disposition,
            preferences=prefs,
        )
