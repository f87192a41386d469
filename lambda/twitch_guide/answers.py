"""The answers that are not the symptom check: information topics, causes, healing, and callers who are not
the patient (a child, an animal, a caller in crisis, help already called, a professional)."""

from __future__ import annotations

from .dialog import DialogState
from .responder import Responder
from .triage.rules import SYMPTOM_CHECK, Rules
from .triage.understanding import Understanding
from .turns import SkillReply, SlotValue, Turn

# After a named cause's own explanation, the natural next step is to check the caller's symptoms.
AFTER_A_CAUSE = SYMPTOM_CHECK
CRISIS_ANSWER = "crisis"  # names the crisis line as the last answer, for Repeat


class Answers:
    """Each answer is said, then followed by the offer its rule names (or the check under way resumes)."""

    def __init__(self, rules: Rules, responder: Responder) -> None:
        self.rules = rules
        self.responder = responder

    def info(self, turn: Turn, dialog: DialogState, topic: str) -> SkillReply:
        answer = self.rules.info[topic]
        return self.lines(turn, dialog, [answer.say], answer.offer, f"topic:{topic}")

    def healing(
        self, turn: Turn, dialog: DialogState, heard: Understanding, context: SlotValue | None
    ) -> SkillReply:
        resolved = context.resolved_id if context is not None else None
        context_id = resolved if resolved in self.rules.healing else heard.healing_context
        answer = self.rules.healing[context_id or "general"]
        return self.lines(turn, dialog, [answer.say], answer.offer, "topic:healing")

    def causes(
        self, turn: Turn, dialog: DialogState, heard: Understanding, asked: SlotValue | None
    ) -> SkillReply:
        resolved = asked.resolved_id if asked is not None else None
        cause_id = resolved if resolved in self.rules.causes else next(iter(heard.causes), None)
        if cause_id is not None:
            cause = self.rules.causes[cause_id]
            return self.lines(
                turn, dialog, [cause.explain, cause.tip], AFTER_A_CAUSE, f"topic:cause:{cause_id}"
            )
        overview = self.rules.info["causes_overview"]
        lines = [overview.say]
        if asked is not None and asked.spoken:
            lines.insert(0, self.responder.text("cause_unknown"))  # never drop an unmatched value silently
        return self.lines(turn, dialog, lines, overview.offer, "topic:causes")

    def topic(self, turn: Turn, dialog: DialogState, heard: Understanding) -> SkillReply:
        """The information topic recognised in free text."""
        if heard.topic == "healing":
            return self.healing(turn, dialog, heard, None)
        if heard.topic in ("cause", "causes"):
            return self.causes(turn, dialog, heard, None)
        own_answer = heard.topic is not None and heard.topic in self.rules.info
        return self.info(turn, dialog, heard.topic if own_answer and heard.topic else "when_to_see_doctor")

    def child(self, turn: Turn, dialog: DialogState) -> SkillReply:
        """Never the adult check for a child: their doctor, and the signs that need the emergency number."""
        return self.lines(turn, dialog, [self.rules.info["child"].say], None, "route:child")

    def animal(self, turn: Turn, dialog: DialogState) -> SkillReply:
        return self.lines(turn, dialog, [self.responder.text("animal")], SYMPTOM_CHECK, "route:animal")

    def caller(self, turn: Turn, dialog: DialogState, caller: str, *, end: bool = False) -> SkillReply:
        """A caller in crisis, one whose help is already coming, or a professional: their own answer."""
        answer = self.rules.crisis if caller == "crisis" else self.rules.callers[caller]
        assert answer is not None  # the loader requires [crisis]
        say = self.responder.new_say(turn)
        say.template(answer.say)
        if caller == "crisis":  # the line first and alone; the session stays open for "repeat"
            reprompt = self.responder.text("number_again")
            return self.responder.finish(turn, say, dialog, reprompt=reprompt, answer=CRISIS_ANSWER)
        if end:
            named = f"route:{caller}"
            return self.responder.finish(turn, say, dialog, reprompt=None, end=True, answer=named)
        return self.responder.resume(turn, say, dialog, answer=f"route:{caller}")

    def lines(
        self, turn: Turn, dialog: DialogState, lines: list[str], offer: str | None, answer: str
    ) -> SkillReply:
        say = self.responder.new_say(turn)
        self.responder.disclaim_if_new(turn, say)
        for line in lines:
            say.template(line)
        return self.responder.resume(turn, say, dialog, offer=offer, answer=answer)
