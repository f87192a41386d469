"""The spoken symptom check: the most serious questions first, then one clear disposition."""

from __future__ import annotations

from .dialog import DialogState
from .responder import Responder, Say
from .triage.engine import Engine, Findings, Outcome, Reply
from .triage.levels import Level
from .turns import SkillReply, Turn

EMERGENCY_ANSWER = "emergency"  # names the last answer for Repeat (the session already holds the disposition)


class SymptomCheck:
    """Asks the rules' questions in order and concludes; every step is a pure function of its arguments."""

    def __init__(self, engine: Engine, responder: Responder) -> None:
        self.engine = engine
        self.rules = engine.rules
        self.responder = responder

    def start(
        self, turn: Turn, dialog: DialogState, flags: set[str], *, patient: str | None = None
    ) -> SkillReply:
        """A new check, with what this turn reported; answers other than yes are asked again. `patient`
        names the adult the caller answers for (None: the caller)."""
        dialog = dialog.for_a_new_check()._replace(patient=patient)
        say = self.responder.new_say(turn)
        self.responder.disclaim_if_new(turn, say)
        say.template(self.responder.text("check_intro"))
        if patient is not None:
            say.template(self.responder.text("symptom_check_for_other"), them=patient)
        return self.proceed(turn, say, dialog, dialog.findings.with_flags(*flags))

    def restart(self, turn: Turn, dialog: DialogState) -> SkillReply:
        """Start Over: yes answers and reported symptoms are kept, so the outcome cannot drop."""
        dialog = dialog.for_a_new_check()
        findings = dialog.findings
        say = self.responder.new_say(turn)
        say.template(
            self.responder.text("check_restart" if findings.flags or findings.replies else "check_intro")
        )
        return self.proceed(turn, say, dialog, findings)

    def answer(self, turn: Turn, dialog: DialogState, reply: Reply) -> SkillReply:
        """Yes, no or not sure to the question under way."""
        assert dialog.question is not None  # the caller checks: only a question under way is answered
        findings = dialog.findings.with_reply(dialog.question.id, reply)
        return self.proceed(turn, self.responder.new_say(turn), dialog, findings)

    def proceed(self, turn: Turn, say: Say, dialog: DialogState, findings: Findings) -> SkillReply:
        """The next question, or the outcome once no answer could change it."""
        question = self.engine.next_question(findings)
        if question is None:
            return self.conclude(turn, say, dialog, findings)
        dialog = dialog._replace(question=question, offer=None, findings=findings)
        return self.responder.finish(turn, say, dialog, reprompt=self.responder.ask(say, dialog))

    def conclude(
        self,
        turn: Turn,
        say: Say,
        dialog: DialogState,
        findings: Findings,
        *,
        them: str | None = None,
        crisis: bool = False,
    ) -> SkillReply:
        """The outcome. `them` names the patient when the caller is with someone else ("call 911 for him"),
        "" when the words are about the caller, None to keep whom the check is for; a caller in `crisis`
        hears the crisis line once the emergency advice is given."""
        outcome = self.engine.disposition_for(findings)
        disposition = self.rules.dispositions[outcome.level]
        emergency = outcome.level is Level.EMERGENCY
        them = dialog.patient if them is None else (them or None)
        dialog = dialog._replace(patient=them)  # what Repeat and the next turn say it about
        if emergency:
            say.restart()  # the emergency advice first, whatever was said before it this turn
        if outcome.emergency_doubt and not emergency:
            say.template(self.responder.text("outcome_unsure_emergency"))
        if them is not None:
            say.template(disposition.say_for_other or disposition.say, them=them)
            if any(reason.level is outcome.level for reason in outcome.reasons):
                # The rules' reasons speak to the patient ("you have chest pain"); this caller is not.
                say.template(self.responder.text("outcome_because_other"), them=them)
            say.template(disposition.do_now_for_other or disposition.do_now, them=them)
        else:
            say.template(disposition.say)
            self._say_reasons(say, outcome)
            say.template(disposition.do_now)
        for flag in sorted(findings.flags | self._said_yes_to(findings)):
            extra = self.rules.red_flags[flag].also_say
            if extra and self.rules.red_flags[flag].level is outcome.level:
                say.template(extra)
        if crisis and self.rules.crisis is not None and self.rules.crisis.after_emergency:
            say.template(self.rules.crisis.after_emergency)
        dialog = dialog._replace(question=None, offer=None, findings=findings, disposition=outcome.level)
        # The session stays open after an emergency too, so "repeat" can say the number again.
        close = self.responder.text("number_again" if emergency else "outcome_close")
        return self.responder.finish(
            turn,
            say,
            dialog,
            reprompt=close,
            title=disposition.title,
            disposition=outcome.level,
            answer=EMERGENCY_ANSWER if emergency else None,
        )

    def advice_so_far(self, say: Say, dialog: DialogState) -> None:
        """For a caller who stops mid-check: the level reached so far, and any emergency doubt."""
        outcome = self.engine.disposition_for(dialog.findings)
        if outcome.emergency_doubt:
            say.template(self.responder.text("outcome_unsure_emergency"))
        if outcome.level is not Level.SELF_CARE:
            disposition = self.rules.dispositions[outcome.level]
            opening = (disposition.say_for_other or disposition.say) if dialog.patient else disposition.say
            say.template(opening, them=dialog.patient or "them")

    def _said_yes_to(self, findings: Findings) -> set[str]:
        """The red flags of the questions answered yes: any of them may be what the caller meant."""
        yes = {q for q, reply in findings.replies.items() if reply is Reply.YES}
        return {flag for q in self.rules.questions if q.id in yes for flag in q.flags}

    def _say_reasons(self, say: Say, outcome: Outcome) -> None:
        """One reason, the most serious, so the answer stays short enough to remember."""
        top = [r for r in outcome.reasons if r.level is outcome.level]
        if not top:
            return
        first = top[0]
        parts = [self.responder.text("outcome_because")]
        if first.unsure:
            parts.append(self.responder.text("outcome_unsure_whether"))
        sentence = " ".join([*parts, first.text])
        if len(top) > 1:
            sentence += f", {self.responder.text('outcome_more')}"
        say.plain(sentence + ".")
