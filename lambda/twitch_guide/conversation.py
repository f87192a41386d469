"""What to say or ask next: the skill's conversation, independent of Alexa's request and response types.

Every turn first screens what the caller said for red flags (a symptom volunteered at any point is applied at
once; an emergency interrupts whatever is going on), then does what the turn asked. `Conversation` is the
facade the handlers call; the symptom check, the answers and the reply plumbing live in their own modules,
and the state between turns is a typed DialogState.
"""

from __future__ import annotations

from collections.abc import Callable

from .answers import CRISIS_ANSWER, Answers
from .dialog import FAREWELL, DialogState
from .prompts import Prompts
from .responder import Responder, Say
from .symptom_check import EMERGENCY_ANSWER, SymptomCheck
from .triage.concepts import Who
from .triage.engine import Engine, Reply
from .triage.levels import Level
from .triage.rules import SYMPTOM_CHECK, Question, Rules
from .triage.understanding import Understanding
from .turns import RATES, Said, SkillReply, SlotValue, Turn

NOTHING_SAID = Said()  # a turn with no words (an intent without slots, or an offer taken)


class Conversation:
    """The skill's dialogue over one rule set. Build once per container; every method is a pure function of
    its arguments."""

    def __init__(self, rules: Rules, prompts: Prompts) -> None:
        self.rules = rules
        self.prompts = prompts
        self.engine = Engine(rules)
        self.responder = Responder(rules, prompts)
        self.check = SymptomCheck(self.engine, self.responder)
        self.answers = Answers(rules, self.responder)

    # --- entry points, one per kind of request -------------------------------------------------------
    def launch(self, turn: Turn) -> SkillReply:
        say, prefs = self._say(turn), self.responder.visit(turn)
        heard = turn.preferences.disclaimer_heard
        say.template(self._text("welcome_back" if heard else "welcome"))
        say.template(self._text("disclaimer_short" if heard else "disclaimer_full"))
        say.disclaimed = True
        say.template(self._text("menu"))
        dialog = self._dialog(turn).relaunched()
        return self.responder.finish(turn, say, dialog, reprompt=self._text("menu_reprompt"), prefs=prefs)

    def info(self, turn: Turn, topic: str, said: Said = NOTHING_SAID) -> SkillReply:
        """General information: what twitching is, how long it lasts, self-care, BFS, ALS, doctors."""
        heard = self._understand(turn, said)
        if topic == "child" or heard.about is Who.CHILD:
            return self.answers.child(turn, self._dialog(turn))
        return self._unless_a_sign(turn, heard, said) or self.answers.info(turn, self._dialog(turn), topic)

    def healing(self, turn: Turn, said: Said) -> SkillReply:
        heard = self._understand(turn, said)
        answer = self._unless_a_sign(turn, heard, said)
        return answer or self.answers.healing(turn, self._dialog(turn), heard, said.healing_context)

    def causes(self, turn: Turn, said: Said) -> SkillReply:
        heard = self._understand(turn, said, asked=said.cause is not None)
        answer = self._unless_a_sign(turn, heard, said)
        return answer or self.answers.causes(turn, self._dialog(turn), heard, said.cause)

    def start_check(self, turn: Turn, said: Said = NOTHING_SAID) -> SkillReply:
        heard = self._understand(turn, said)
        flags = turn_flags(self.rules, heard, said)
        return self.check.start(turn, self._dialog(turn), flags, patient=patient(heard))

    def report_symptom(self, turn: Turn, said: Said) -> SkillReply:
        """Whatever a caller says that no other intent caught: a symptom, a question, a story. A red flag is
        applied at once (an emergency interrupts everything); a question without one is answered."""
        question = self._dialog(turn).question
        return self._heard(turn, as_answer(self._understand, turn, said, question), said)

    def _heard(self, turn: Turn, heard: Understanding, said: Said) -> SkillReply:
        dialog = self._dialog(turn)
        flags = turn_flags(self.rules, heard, said)
        findings = dialog.findings.with_flags(*flags)
        told = dialog.findings.with_flags(*heard.in_earnest(flags))
        emergency = self.engine.disposition_for(told).level is Level.EMERGENCY
        if heard.crisis and not emergency:
            return self.answers.caller(turn, dialog, "crisis")  # first, whoever it is about
        if heard.caller is not None and not (emergency and heard.caller == "professional"):
            # Help is already coming, or a professional is asking: their own answer, never the check.
            return self.answers.caller(turn, dialog, heard.caller, end=heard.caller == "already_called")
        if emergency:  # the number first; a caller in crisis then hears the crisis line
            return self.check.conclude(
                turn,
                self._say(turn),
                dialog,
                findings,
                them=whom(self.rules, heard, flags),
                crisis=heard.crisis,
            )
        if heard.about is Who.CHILD:
            return self.answers.child(turn, dialog)  # never the adult check for a child
        if not flags and heard.about is Who.ANIMAL:
            return self.answers.animal(turn, dialog)
        if not flags and heard.topic is not None:
            return self.answers.topic(turn, dialog, heard)
        if not (flags or heard.heard_anything) and said.unplaced:
            return self.fallback(turn)  # words we could not place: Alexa's fallback, with the safety line
        say = self._say(turn)
        self.responder.disclaim_if_new(turn, say)
        say.template(self._text("symptom_heard"))
        if dialog.question is None:
            say.template(self._text("symptom_check_offer"))
            dialog = dialog._replace(patient=patient(heard))
            if dialog.patient is not None:
                say.template(self._text("symptom_check_for_other"), them=dialog.patient)
        return self.check.proceed(turn, say, dialog, findings)

    def reply(self, turn: Turn, reply: Reply) -> SkillReply:
        """Yes, no or not sure: an answer to the current question, or to the offer just made."""
        dialog = self._dialog(turn)
        if dialog.question is not None:
            return self.check.answer(turn, dialog, reply)
        if dialog.offer is None and after_danger(dialog):
            return self.repeat(turn)  # "yes" or "no" after the number: say it again, never the menu
        say = self._say(turn)
        if dialog.offer == FAREWELL and reply is Reply.NO:
            return self.goodbye(turn)
        if dialog.offer == FAREWELL:
            say.template(self._text("menu"))
            return self._menu(turn, say, dialog._replace(offer=None))
        if dialog.offer is not None and reply is Reply.YES:
            return self._take_offer(turn, dialog._replace(offer=None), dialog.offer)
        if dialog.offer is not None:
            say.template(self._text("anything_else"))
            return self._menu(turn, say, dialog._replace(offer=FAREWELL))  # a "no" to "what else?" ends
        say.template(self._text("nothing_asked"))
        say.template(self._text("menu"))
        return self._menu(turn, say, dialog)

    def help(self, turn: Turn) -> SkillReply:
        return self._with_question(turn, "help_interview", "help")

    def fallback(self, turn: Turn) -> SkillReply:
        return self._with_question(turn, "fallback_interview", "fallback")

    def goodbye(self, turn: Turn) -> SkillReply:
        """Stop, Cancel and Navigate Home. During a check, leave the caller with the advice so far."""
        dialog, say = self._dialog(turn), self._say(turn)
        if dialog.question is not None:
            self.check.advice_so_far(say, dialog)
            say.template(self._text("goodbye_interview"))
        else:
            say.template(self._text("goodbye"))
        return self.responder.finish(turn, say, dialog, reprompt=None, end=True)

    def repeat(self, turn: Turn) -> SkillReply:
        dialog = self._dialog(turn)
        if (last := dialog.last) is not None:
            state, rate = dialog.to_session(), turn.preferences.rate
            return SkillReply(last.speech, last.card, last.title, last.reprompt, False, state, rate)
        say = self._say(turn)
        say.template(self._text("nothing_to_repeat"))
        say.template(self._text("menu"))
        return self._menu(turn, say, dialog)

    def start_over(self, turn: Turn) -> SkillReply:
        return self.check.restart(turn, self._dialog(turn))

    def set_rate(self, turn: Turn, rate: str) -> SkillReply:
        rate = rate if rate in RATES else "normal"
        prefs = (self.responder.visit(turn) or turn.preferences)._replace(rate=rate)
        say = self._say(turn)
        say.template(self._text({"slow": "rate_slower", "fast": "rate_faster"}.get(rate, "rate_normal")))
        return self.responder.resume(turn, say, self._dialog(turn), prefs=prefs)

    def forget(self, turn: Turn, *, succeeded: bool = True) -> SkillReply:
        say = self._say(turn)
        say.template(self._text("forgotten" if succeeded else "forget_failed"))
        reply = self.responder.resume(turn, say, self._dialog(turn))
        return reply._replace(forget=True, preferences=None, rate="normal")

    def understands_cause(self, value: SlotValue) -> bool:
        """Whether a cause named to the skill is one the rules can answer (for name-free routing)."""
        known = value.resolved_id in self.rules.causes
        return known or bool(self.engine.understand(value.spoken or "").causes)

    def understands_healing(self, value: SlotValue) -> bool:
        known = value.resolved_id in self.rules.healing
        return known or self.engine.understand(value.spoken or "").healing_context is not None

    def error(self, locale: str) -> SkillReply:
        return self.responder.error(locale)

    # --- plumbing ----------------------------------------------------------------------------------------
    def _dialog(self, turn: Turn) -> DialogState:
        return DialogState.from_session(turn.state, self.rules, self.prompts.offers)

    def _understand(self, turn: Turn, said: Said, *, asked: bool = False) -> Understanding:
        """The one reading of this turn's words (`asked`: they name what a question asks about)."""
        if not said.words.strip():
            return Understanding()
        return self.engine.understand(said.words, today=turn.date, locale=turn.locale, asked=asked)

    def _unless_a_sign(self, turn: Turn, heard: Understanding, said: Said) -> SkillReply | None:
        """A symptom inside a question ("can stress cause twitching and chest pain?") comes first."""
        if heard.flags or heard.crisis or heard.caller:
            return self._heard(turn, heard._replace(topic=None), said)
        return None

    def _take_offer(self, turn: Turn, dialog: DialogState, offer: str) -> SkillReply:
        turn = turn._replace(state=dialog.to_session())
        if offer == SYMPTOM_CHECK:
            return self.start_check(turn)
        if offer == "causes":
            return self.answers.causes(turn, dialog, Understanding(), None)
        return self.info(turn, offer)

    def _with_question(self, turn: Turn, during_check: str, otherwise: str) -> SkillReply:
        """Help and Fallback: during a check, the line for it and the question again; else the menu line."""
        dialog, say = self._dialog(turn), self._say(turn)
        if dialog.question is not None:
            say.template(self._text(during_check))
            return self.responder.finish(turn, say, dialog, reprompt=self.responder.ask(say, dialog))
        say.template(self._text(otherwise))
        if otherwise == "help":
            dialog = dialog._replace(offer=None)
        return self._menu(turn, say, dialog)

    def _menu(self, turn: Turn, say: Say, dialog: DialogState) -> SkillReply:
        return self.responder.finish(turn, say, dialog, reprompt=self._text("menu_reprompt"))

    def _say(self, turn: Turn) -> Say:
        return self.responder.new_say(turn)

    def _text(self, key: str) -> str:
        return self.responder.text(key)


def turn_flags(rules: Rules, heard: Understanding, said: Said) -> set[str]:
    """The red flags of this turn: what was understood, and any id the channel resolved to a red flag (unless
    the caller denied it: "no chest pain" may still resolve to chest pain). Where the words were read, a lower
    flag the reading did not find stays out ("for ages" when I sit is no persistent twitch)."""
    resolved = {f for f in said.resolved if f in rules.red_flags} - {*heard.denied, *heard.history}
    if heard.heard_anything:
        resolved = {f for f in resolved if rules.red_flags[f].level is Level.EMERGENCY}
    return set(heard.flags) | resolved


def patient(heard: Understanding) -> str | None:
    """Whom a check is for: None for the caller, else how to name the adult they answer for."""
    return heard.them if heard.about is Who.ADULT else None


def as_answer(
    understand: Callable[[Turn, Said], Understanding], turn: Turn, said: Said, question: Question | None
) -> Understanding:
    """The turn's reading; words that raise nothing but describe what the question under way asks about are
    read as about it ("it came on in minutes, my whole left side"), for that question's flags only."""
    heard = understand(turn, said)
    if question is None or not question.answers_describe or heard.flags or not said.words.strip():
        return heard
    described = understand(turn, said._replace(words=f"{question.answers_describe} {said.words}"))
    answered = tuple(f for f in described.flags if f in question.flags)
    return heard._replace(flags=answered) if answered else heard


def after_danger(dialog: DialogState) -> bool:
    """Whether the last answer was the emergency advice or the crisis line."""
    return dialog.last is not None and dialog.last.answer in (EMERGENCY_ANSWER, CRISIS_ANSWER)


def whom(rules: Rules, heard: Understanding, flags: set[str]) -> str | None:
    """Whom an emergency told this turn is about ("" the caller); None when the emergency was told before,
    so "my wife's here with me now" doesn't make it hers."""
    if not any(rules.red_flags[f].level is Level.EMERGENCY for f in flags):
        return None
    return heard.them if heard.about is not Who.SELF else ""
