"""What to say or ask next: the skill's conversation, independent of Alexa's request and response types.

Every turn first screens what the caller said for red flags (a symptom volunteered at any point is applied at
once; an emergency interrupts whatever is going on), then does what the turn asked. Session state is a plain
JSON-safe dict; health information lives only there and is never persisted or logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .prompts import Prompts, fill
from .triage.engine import Engine, Findings, Outcome, Reply
from .triage.levels import Level
from .triage.rules import LocaleCare, Question, Rules
from .triage.understanding import Understanding, Who

RATES = ("slow", "normal", "fast")
FAREWELL = "farewell"  # the pending "offer" after "What else would you like to know?"

# Info topics (answers in rules.toml [info]) and the one follow-up offered after each.
# Topics recognised in free text that have an [info] answer of their own.
INFO_TOPICS = frozenset({"what_is", "how_long", "self_care", "bfs", "als", "when_to_see_doctor"})
INFO_OFFERS: Mapping[str, str] = {
    "what_is": "causes",
    "how_long": "when_to_see_doctor",
    "self_care": "when_to_see_doctor",
    "bfs": "when_to_see_doctor",
    "als": "symptom_check",
    "when_to_see_doctor": "symptom_check",
}
DEFAULT_TITLE = "Muscle Twitch Guide"


@dataclass(frozen=True, slots=True)
class SlotValue:
    """One filled slot: what the caller said, and the rule id entity resolution matched it to, if any."""

    spoken: str | None
    resolved_id: str | None = None


@dataclass(frozen=True, slots=True)
class Preferences:
    """Non-health preferences that may be kept between sessions."""

    disclaimer_heard: bool = False
    rate: str = "normal"
    visits: int = 0
    last_visit: str | None = None

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any] | None) -> Preferences:
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


@dataclass(frozen=True, slots=True)
class Turn:
    """Everything the conversation needs to know about one request."""

    locale: str
    state: Mapping[str, Any]
    preferences: Preferences
    new_session: bool = False
    today: str | None = None  # the request's date, ISO 8601 ("since january" is judged against it)

    @property
    def date(self) -> date | None:
        try:
            return date.fromisoformat(self.today) if self.today else None
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class SkillReply:
    """What to say, as plain sentences; the speech layer turns it into SSML, a card and a screen."""

    speech: tuple[str, ...]
    card: tuple[str, ...]
    title: str
    reprompt: str | None
    end_session: bool
    state: dict[str, Any]
    rate: str = "normal"
    disposition: Level | None = None
    preferences: Preferences | None = None  # set when preferences changed and should be saved
    forget: bool = False  # the caller asked to delete stored preferences


@dataclass
class _Say:
    """Collects sentences for voice and for the card at once (numbers spoken aloud, digits on screen)."""

    care: LocaleCare
    speech: list[str] = field(default_factory=list)
    card: list[str] = field(default_factory=list)
    disclaimed: bool = False  # the full disclaimer was said, so the caller has now heard it

    def template(self, text: str, *, them: str = "them") -> None:
        spoken = fill(text, self.care, spoken=True, them=them)
        if spoken:  # a locale line the locale does not have ("{poison_line}" outside the US) says nothing
            self.speech.append(spoken)
            self.card.append(fill(text, self.care, spoken=False, them=them))

    def plain(self, text: str) -> None:
        """Text with no placeholders (reasons, which come straight from the rules)."""
        self.speech.append(text)
        self.card.append(text)


class Conversation:
    """The skill's dialogue over one rule set. Build once per container; every method is a pure function of
    its arguments."""

    def __init__(self, rules: Rules, prompts: Prompts) -> None:
        self.rules = rules
        self.prompts = prompts
        self.engine = Engine(rules)

    # --- entry points, one per kind of request -------------------------------------------------------
    def launch(self, turn: Turn) -> SkillReply:
        say, prefs = self._new_say(turn), self._visit(turn)
        heard = turn.preferences.disclaimer_heard
        say.template(self._text("welcome_back" if heard else "welcome"))
        say.template(self._text("disclaimer_short" if heard else "disclaimer_full"))
        say.disclaimed = True
        say.template(self._text("menu"))
        return self._finish(
            turn, say, _fresh_state(turn.state), reprompt=self._text("menu_reprompt"), prefs=prefs
        )

    def info(self, turn: Turn, topic: str, slots: Mapping[str, SlotValue] | None = None) -> SkillReply:
        """General information: what twitching is, how long it lasts, self-care, BFS, ALS, doctors."""
        heard = self._understand(turn, slots or {})
        if topic == "child" or heard.about is Who.CHILD:
            return self._child(turn, heard)
        return self._answer(turn, heard, [self.rules.info[topic].say], INFO_OFFERS[topic], f"topic:{topic}")

    def healing(self, turn: Turn, slots: Mapping[str, SlotValue]) -> SkillReply:
        return self._healing(turn, self._understand(turn, slots), slots.get("healingContext"))

    def causes(self, turn: Turn, slots: Mapping[str, SlotValue]) -> SkillReply:
        return self._causes(turn, self._understand(turn, slots), slots.get("cause"))

    def _healing(self, turn: Turn, heard: Understanding, context: SlotValue | None = None) -> SkillReply:
        resolved = context.resolved_id if context is not None else None
        context_id = resolved if resolved in self.rules.healing else heard.healing_context
        answer = self.rules.healing[context_id or "general"]
        return self._answer(turn, heard, [answer.say], "when_to_see_doctor", "topic:healing")

    def _causes(self, turn: Turn, heard: Understanding, asked: SlotValue | None = None) -> SkillReply:
        resolved = asked.resolved_id if asked is not None else None
        cause_id = resolved if resolved in self.rules.causes else next(iter(heard.causes), None)
        if cause_id is not None:
            cause = self.rules.causes[cause_id]
            return self._answer(
                turn, heard, [cause.explain, cause.tip], "symptom_check", f"topic:cause:{cause_id}"
            )
        lines = [self.rules.info["causes_overview"].say]
        if asked is not None and asked.spoken:
            lines.insert(0, self._text("cause_unknown"))  # never drop an unmatched value silently
        return self._answer(turn, heard, lines, "self_care", "topic:causes")

    def _topic(self, turn: Turn, heard: Understanding) -> SkillReply:
        """Answer the information topic recognised in free text."""
        if heard.topic == "healing":
            return self._healing(turn, heard)
        if heard.topic in ("cause", "causes"):
            return self._causes(turn, heard)
        topic = heard.topic if heard.topic in INFO_TOPICS else "when_to_see_doctor"
        return self._answer(turn, heard, [self.rules.info[topic].say], INFO_OFFERS[topic], f"topic:{topic}")

    def _child(self, turn: Turn, heard: Understanding) -> SkillReply:
        """Never the adult check for a child: their doctor, and the signs that need the emergency number."""
        # Not through _answer: a child's non-emergency sign is answered here, never by the adult check.
        return self._say_lines(turn, [self.rules.info["child"].say], None, "route:child")

    def _caller(self, turn: Turn, caller: str, *, end: bool) -> SkillReply:
        answer = self.rules.crisis if caller == "crisis" else self.rules.callers[caller]
        assert answer is not None  # the loader requires [crisis]
        state, _ = self._state(turn)
        say = self._new_say(turn)
        say.template(answer.say)
        if end:
            return self._finish(
                turn,
                say,
                state,
                reprompt=None,
                end=True,
                answer=caller if caller == "crisis" else f"route:{caller}",
            )
        return self._resume(turn, say, state, answer=f"route:{caller}")

    def _animal(self, turn: Turn, heard: Understanding) -> SkillReply:
        return self._answer(turn, heard, [self._text("animal")], "symptom_check", "route:animal")

    def start_check(self, turn: Turn, slots: Mapping[str, SlotValue] | None = None) -> SkillReply:
        state, findings = self._state(turn)
        # A new check asks again what was answered no or not sure; symptoms and yes answers stay.
        heard = self._understand(turn, slots or {})
        findings = _kept_for_a_new_check(findings.with_flags(*self._flags_heard(heard, slots or {})))
        say = self._new_say(turn)
        self._disclaim_if_new(turn, say)
        say.template(self._text("check_intro"))
        return self._continue_check(turn, say, state, findings)

    def report_symptom(self, turn: Turn, slots: Mapping[str, SlotValue]) -> SkillReply:
        """Whatever a caller says that no other intent caught: a symptom, a question, a story. A red flag is
        applied at once (an emergency interrupts everything); a question without one is answered."""
        return self._heard(turn, self._understand(turn, slots), slots)

    def _heard(self, turn: Turn, heard: Understanding, slots: Mapping[str, SlotValue]) -> SkillReply:
        state, findings = self._state(turn)
        if heard.crisis:
            return self._caller(turn, "crisis", end=True)  # before anything else, whoever it is about
        if heard.caller is not None:
            # Help is already coming, or a professional is asking: their own answer, never the check.
            return self._caller(turn, heard.caller, end=heard.caller == "already_called")
        flags = self._flags_heard(heard, slots)
        findings = findings.with_flags(*flags)
        if self.engine.disposition_for(findings).level is Level.EMERGENCY:
            them = heard.them if heard.about is not Who.SELF else None
            return self._conclude(turn, self._new_say(turn), state, findings, them=them)
        if heard.about is Who.CHILD:
            return self._child(turn, heard)  # never the adult check for a child
        if not flags:
            if heard.about is Who.ANIMAL:
                return self._animal(turn, heard)
            if heard.topic is not None:
                return self._topic(turn, heard)
        if not (flags or heard.heard_anything) and _said_something_unclear(slots):
            return self.fallback(turn)  # words we could not place: Alexa's fallback, with the safety line
        say = self._new_say(turn)
        self._disclaim_if_new(turn, say)
        say.template(self._text("symptom_heard"))
        if self._current_question(state) is None:
            say.template(self._text("symptom_check_offer"))
        return self._continue_check(turn, say, state, findings)

    def reply(self, turn: Turn, reply: Reply) -> SkillReply:
        """Yes, no or not sure: an answer to the current question, or to the offer just made."""
        state, findings = self._state(turn)
        question_id = state.get("question")
        say = self._new_say(turn)
        if isinstance(question_id, str):
            findings = findings.with_reply(question_id, reply)
            return self._continue_check(turn, say, state, findings)
        offer = state.get("offer")
        if offer == FAREWELL and reply is Reply.NO:
            return self.goodbye(turn)
        if offer == FAREWELL:
            say.template(self._text("menu"))
            return self._finish(turn, say, _without(state, "offer"), reprompt=self._text("menu_reprompt"))
        if isinstance(offer, str) and offer in self.prompts.offers and reply is Reply.YES:
            return self._take_offer(turn, offer)
        if isinstance(offer, str):
            say.template(self._text("anything_else"))
            state = {**state, "offer": FAREWELL}  # a "no" to "what else?" means goodbye
            return self._finish(turn, say, state, reprompt=self._text("menu_reprompt"))
        say.template(self._text("nothing_asked"))
        say.template(self._text("menu"))
        return self._finish(turn, say, state, reprompt=self._text("menu_reprompt"))

    def help(self, turn: Turn) -> SkillReply:
        state, _ = self._state(turn)
        say = self._new_say(turn)
        question = self._current_question(state)
        if question is not None:
            say.template(self._text("help_interview"))
            say.plain(question.ask)
            return self._finish(turn, say, state, reprompt=question.reprompt)
        say.template(self._text("help"))
        return self._finish(turn, say, _without(state, "offer"), reprompt=self._text("menu_reprompt"))

    def goodbye(self, turn: Turn) -> SkillReply:
        """Stop, Cancel and Navigate Home. During a check, leave the caller with the advice so far."""
        state, findings = self._state(turn)
        say = self._new_say(turn)
        if self._current_question(state) is not None:
            outcome = self.engine.disposition_for(findings)
            if outcome.emergency_doubt:
                say.template(self._text("outcome_unsure_emergency"))
            if outcome.level is not Level.SELF_CARE:
                say.template(self.rules.dispositions[outcome.level].say)
            say.template(self._text("goodbye_interview"))
        else:
            say.template(self._text("goodbye"))
        return self._finish(turn, say, state, reprompt=None, end=True)

    def repeat(self, turn: Turn) -> SkillReply:
        last = turn.state.get("last")
        if (
            isinstance(last, dict)
            and _is_text_list(last.get("speech"))
            and _is_text_list(last.get("card"))
            and any(_sayable(part) for part in last["speech"])
        ):
            reprompt = last.get("reprompt")
            return SkillReply(
                speech=tuple(last["speech"]),
                card=tuple(last["card"]),
                title=str(last.get("title", DEFAULT_TITLE)),
                reprompt=reprompt if isinstance(reprompt, str) and _sayable(reprompt) else None,
                end_session=False,
                state=dict(turn.state),
                rate=turn.preferences.rate,
            )
        say = self._new_say(turn)
        say.template(self._text("nothing_to_repeat"))
        say.template(self._text("menu"))
        return self._finish(turn, say, dict(turn.state), reprompt=self._text("menu_reprompt"))

    def start_over(self, turn: Turn) -> SkillReply:
        """Restart the questions. Yes answers and reported symptoms are kept, so the outcome cannot drop."""
        state, findings = self._state(turn)
        findings = _kept_for_a_new_check(findings)
        say = self._new_say(turn)
        say.template(self._text("check_restart" if findings.flags or findings.replies else "check_intro"))
        return self._continue_check(turn, say, _without(state, "question"), findings)

    def fallback(self, turn: Turn) -> SkillReply:
        state, _ = self._state(turn)
        say = self._new_say(turn)
        question = self._current_question(state)
        if question is not None:
            say.template(self._text("fallback_interview"))
            say.plain(question.ask)
            return self._finish(turn, say, state, reprompt=question.reprompt)
        say.template(self._text("fallback"))
        return self._finish(turn, say, state, reprompt=self._text("menu_reprompt"))

    def set_rate(self, turn: Turn, rate: str) -> SkillReply:
        rate = rate if rate in RATES else "normal"
        prefs = replace(self._visit(turn) or turn.preferences, rate=rate)
        state, _ = self._state(turn)
        say = self._new_say(turn)
        say.template(self._text({"slow": "rate_slower", "fast": "rate_faster"}.get(rate, "rate_normal")))
        return self._resume(turn, say, state, prefs=prefs)

    def forget(self, turn: Turn, *, succeeded: bool = True) -> SkillReply:
        state, _ = self._state(turn)
        say = self._new_say(turn)
        say.template(self._text("forgotten" if succeeded else "forget_failed"))
        reply = self._resume(turn, say, state)
        return replace(reply, forget=True, preferences=None, rate="normal")

    def understands(self, slot: str, value: SlotValue) -> bool:
        """Whether a slot value names something the rules can answer (for name-free routing)."""
        if slot == "cause":
            return value.resolved_id in self.rules.causes or bool(self._understand_text(value.spoken).causes)
        if slot == "healingContext":
            known = value.resolved_id in self.rules.healing
            return known or self._understand_text(value.spoken).healing_context is not None
        return slot == "bodyPart"  # a body part only colours the question; any is fine

    def error(self, locale: str) -> SkillReply:
        """The answer when anything fails: an apology and the safety line, never silence."""
        say = _Say(self.rules.care_for(locale))
        say.template(self._text("error"))
        say.template(self.rules.safety_line)
        return SkillReply(tuple(say.speech), tuple(say.card), DEFAULT_TITLE, None, True, {})

    # --- the symptom check ---------------------------------------------------------------------------
    def _continue_check(self, turn: Turn, say: _Say, state: dict[str, Any], findings: Findings) -> SkillReply:
        question = self.engine.next_question(findings)
        if question is None:
            return self._conclude(turn, say, state, findings)
        state = {**_without(state, "offer"), "question": question.id, "findings": findings.to_state()}
        say.plain(question.ask)
        return self._finish(turn, say, state, reprompt=question.reprompt)

    def _conclude(
        self, turn: Turn, say: _Say, state: dict[str, Any], findings: Findings, *, them: str | None = None
    ) -> SkillReply:
        """The outcome. `them` names the patient when the caller is with someone else ("call 911 for him")."""
        outcome = self.engine.disposition_for(findings)
        disposition = self.rules.dispositions[outcome.level]
        emergency = outcome.level is Level.EMERGENCY
        if emergency:
            # The emergency advice comes first, whatever was said before it this turn (so no disclaimer
            # was heard after all).
            say.speech.clear()
            say.card.clear()
            say.disclaimed = False
        if outcome.emergency_doubt and not emergency:
            say.template(self._text("outcome_unsure_emergency"))
        if them is not None and disposition.say_for_other is not None:
            say.template(disposition.say_for_other, them=them)
        else:
            say.template(disposition.say)
        self._say_reasons(say, outcome)
        say.template(disposition.do_now)
        for flag in sorted(findings.flags):
            extra = self.rules.red_flags[flag].also_say
            if extra and self.rules.red_flags[flag].level is outcome.level:
                say.template(extra)
        state = {
            **_without(state, "question", "offer"),
            "findings": findings.to_state(),
            "disposition": outcome.level.value,
        }
        return self._finish(
            turn,
            say,
            state,
            reprompt=None if emergency else self._text("outcome_close"),
            end=emergency,
            title=disposition.title,
            disposition=outcome.level,
        )

    def _say_reasons(self, say: _Say, outcome: Outcome) -> None:
        """One reason, the most serious, so the answer stays short enough to remember."""
        top = [r for r in outcome.reasons if r.level is outcome.level]
        if not top:
            return
        first = top[0]
        parts = [self._text("outcome_because")]
        if first.unsure:
            parts.append(self._text("outcome_unsure_whether"))
        sentence = " ".join([*parts, first.text])
        if len(top) > 1:
            sentence += f", {self._text('outcome_more')}"
        say.plain(sentence + ".")

    def _current_question(self, state: Mapping[str, Any]) -> Question | None:
        question_id = state.get("question")
        if not isinstance(question_id, str):
            return None
        try:
            return self.rules.question(question_id)
        except KeyError:
            return None

    # --- understanding what was said ------------------------------------------------------------------
    def _understand(self, turn: Turn, slots: Mapping[str, SlotValue]) -> Understanding:
        """The one reading of this turn's words. Slots split a sentence ("my face is drooping" -> face +
        drooping), so they are read together, the body part first."""
        text = " ".join(slots[name].spoken or "" for name in sorted(slots, key=_body_part_first))
        return (
            self.engine.understand(text, today=turn.date, locale=turn.locale)
            if text.strip()
            else Understanding()
        )

    def _understand_text(self, text: str | None) -> Understanding:
        return self.engine.understand(text or "")

    def _flags_heard(self, heard: Understanding, slots: Mapping[str, SlotValue]) -> set[str]:
        """The red flags of this turn: what was understood, and any slot Alexa resolved to a red flag
        (unless the caller denied it: "no chest pain" may still resolve to chest pain)."""
        flags = set(heard.flags)
        for value in slots.values():
            flag = value.resolved_id
            if (
                flag is not None
                and flag in self.rules.red_flags
                and flag not in (*heard.denied, *heard.history)
            ):
                flags.add(flag)
        return flags

    # --- answers and offers --------------------------------------------------------------------------
    def _answer(
        self, turn: Turn, heard: Understanding, lines: list[str], offer: str | None, answer: str
    ) -> SkillReply:
        if heard.flags or heard.crisis or heard.caller:
            # A symptom inside a question ("can stress cause twitching and chest pain?") comes first.
            return self._heard(turn, replace(heard, topic=None), {})
        return self._say_lines(turn, lines, offer, answer)

    def _say_lines(self, turn: Turn, lines: list[str], offer: str | None, answer: str) -> SkillReply:
        state, _ = self._state(turn)
        say = self._new_say(turn)
        self._disclaim_if_new(turn, say)
        for line in lines:
            say.template(line)
        return self._resume(turn, say, state, offer=offer, answer=answer)

    def _resume(
        self,
        turn: Turn,
        say: _Say,
        state: dict[str, Any],
        *,
        offer: str | None = None,
        prefs: Preferences | None = None,
        answer: str | None = None,
    ) -> SkillReply:
        """After an aside, go back to the symptom check if one is under way; otherwise make one offer."""
        question = self._current_question(state)
        if question is not None:
            say.template(self._text("back_to_check"))
            say.plain(question.ask)
            return self._finish(turn, say, state, reprompt=question.reprompt, prefs=prefs, answer=answer)
        if offer is None:
            say.template(self._text("anything_else"))
            return self._finish(
                turn, say, state, reprompt=self._text("menu_reprompt"), prefs=prefs, answer=answer
            )
        offer_text = self.prompts.offers[offer]
        say.template(offer_text)
        return self._finish(
            turn, say, {**state, "offer": offer}, reprompt=offer_text, prefs=prefs, answer=answer
        )

    def _take_offer(self, turn: Turn, offer: str) -> SkillReply:
        turn = replace(turn, state=_without(dict(turn.state), "offer"))
        if offer == "symptom_check":
            return self.start_check(turn)
        if offer == "causes":
            return self._causes(turn, Understanding())
        return self.info(turn, offer)

    # --- plumbing ----------------------------------------------------------------------------------------
    def _text(self, key: str) -> str:
        """A conversation line, with the rules' safety line where it says {safety_line}."""
        return self.prompts.text[key].replace("{safety_line}", self.rules.safety_line)

    def _new_say(self, turn: Turn) -> _Say:
        return _Say(self.rules.care_for(turn.locale))

    def _disclaim_if_new(self, turn: Turn, say: _Say) -> None:
        """The first answer a caller ever hears carries the full disclaimer (Alexa's health policy)."""
        if turn.new_session and not turn.preferences.disclaimer_heard:
            say.template(self._text("disclaimer_full"))
            say.disclaimed = True

    def _visit(self, turn: Turn) -> Preferences | None:
        """Count a visit at the start of a session (non-health data only)."""
        if not turn.new_session:
            return None
        return replace(turn.preferences, visits=turn.preferences.visits + 1, last_visit=turn.today)

    def _state(self, turn: Turn) -> tuple[dict[str, Any], Findings]:
        """The session state and findings; damaged state is dropped rather than trusted."""
        state = dict(turn.state)
        try:
            findings = Findings.from_state(state.get("findings", {}), self.rules)
        except ValueError:
            return {}, Findings()
        if "question" in state and self._current_question(state) is None:
            state.pop("question")
        return state, findings

    def _finish(
        self,
        turn: Turn,
        say: _Say,
        state: dict[str, Any],
        *,
        reprompt: str | None,
        end: bool = False,
        title: str = DEFAULT_TITLE,
        disposition: Level | None = None,
        prefs: Preferences | None = None,
        answer: str | None = None,
    ) -> SkillReply:
        care = self.rules.care_for(turn.locale)
        reprompt_text = fill(reprompt, care, spoken=True) if reprompt else None
        if prefs is None:
            prefs = self._visit(turn)
        if say.disclaimed:
            prefs = replace(prefs or turn.preferences, disclaimer_heard=True)
        state = {
            **state,
            # `answer` names what was answered ("topic:als", "route:child"): no health detail, session only.
            "last": {
                "speech": say.speech,
                "card": say.card,
                "reprompt": reprompt_text,
                "title": title,
                **({"answer": answer} if answer else {}),
            },
        }
        rate = prefs.rate if prefs is not None else turn.preferences.rate
        return SkillReply(
            speech=tuple(say.speech),
            card=tuple(say.card),
            title=title,
            reprompt=reprompt_text,
            end_session=end,
            state=state,
            rate=rate,
            disposition=disposition,
            preferences=prefs,
        )


def _kept_for_a_new_check(findings: Findings) -> Findings:
    return Findings(findings.flags, {q: r for q, r in findings.replies.items() if r is Reply.YES})


def _fresh_state(state: Mapping[str, Any]) -> dict[str, Any]:
    """A launch inside a session keeps only what safety needs: findings and any disposition given."""
    return {k: v for k, v in state.items() if k in ("findings", "disposition")}


def _without(state: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in state.items() if k not in keys}


def _body_part_first(slot_name: str) -> tuple[bool, str]:
    return (slot_name != "bodyPart", slot_name)


def _sayable(text: str) -> bool:
    return bool("".join(ch for ch in text if ch.isprintable()).strip())


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _said_something_unclear(slots: Mapping[str, SlotValue]) -> bool:
    return any(v.spoken and v.resolved_id is None for k, v in slots.items() if k == "symptom")
