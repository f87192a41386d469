"""What to say or ask next: the skill's conversation, independent of Alexa's request and response types.

Every turn first screens what the caller said for red flags (a symptom volunteered at any point is applied at
once; an emergency interrupts whatever is going on), then does what the turn asked. Session state is a plain
JSON-safe dict; health information lives only there and is never persisted or logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .prompts import Prompts, fill
from .triage.engine import Engine, Findings, Outcome, Reply
from .triage.matching import PhraseIndex
from .triage.rules import Level, LocaleCare, Question, Rules

RATES = ("slow", "normal", "fast")
FAREWELL = "farewell"  # the pending "offer" after "What else would you like to know?"

# Info topics (answers in rules.toml [info]) and the one follow-up offered after each.
INFO_OFFERS: Mapping[str, str] = {
    "what_is": "causes",
    "how_long": "when_to_see_doctor",
    "self_care": "when_to_see_doctor",
    "bfs": "when_to_see_doctor",
    "als": "symptom_check",
    "when_to_see_doctor": "symptom_check",
    "child": "when_to_see_doctor",
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
    today: str | None = None


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

    def template(self, text: str) -> None:
        self.speech.append(fill(text, self.care, spoken=True))
        self.card.append(fill(text, self.care, spoken=False))

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
        self._healing_index = PhraseIndex({k: v.synonyms for k, v in rules.healing.items() if k != "general"})

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
        return self._answer(turn, slots or {}, [self.rules.info[topic].say], INFO_OFFERS[topic])

    def healing(self, turn: Turn, slots: Mapping[str, SlotValue]) -> SkillReply:
        context = slots.get("healingContext")
        context_id = self._resolve(context, self.rules.healing, self._healing_index)
        return self._answer(
            turn, slots, [self.rules.healing[context_id or "general"].say], "when_to_see_doctor"
        )

    def causes(self, turn: Turn, slots: Mapping[str, SlotValue]) -> SkillReply:
        asked = slots.get("cause")
        cause_id = self._resolve(asked, self.rules.causes, self.engine.cause_index)
        if cause_id is not None:
            cause = self.rules.causes[cause_id]
            return self._answer(turn, slots, [cause.explain, cause.tip], "symptom_check")
        lines = [self.rules.info["causes_overview"].say]
        if asked is not None and asked.spoken:
            lines.insert(0, self._text("cause_unknown"))  # never drop an unmatched value silently
        return self._answer(turn, slots, lines, "self_care")

    def start_check(self, turn: Turn, slots: Mapping[str, SlotValue] | None = None) -> SkillReply:
        state, findings = self._state(turn)
        # A new check asks again what was answered no or not sure; symptoms and yes answers stay.
        findings = _kept_for_a_new_check(self._screen(findings, slots or {}))
        say = self._new_say(turn)
        self._disclaim_if_new(turn, say)
        say.template(self._text("check_intro"))
        return self._continue_check(turn, say, state, findings)

    def report_symptom(self, turn: Turn, slots: Mapping[str, SlotValue]) -> SkillReply:
        """A symptom volunteered at any point: apply it at once, then screen for anything more serious."""
        state, findings = self._state(turn)
        before = findings.flags
        findings = self._screen(findings, slots).with_flags(*self._flags_from_reported_causes(slots))
        say = self._new_say(turn)
        self._disclaim_if_new(turn, say)
        recognised = findings.flags != before or any(self._flags_in(value) for value in slots.values())
        if self.engine.disposition_for(findings).level is Level.EMERGENCY:
            return self._conclude(turn, say, state, findings)
        if self._current_question(state) is not None:
            say.template(self._text("symptom_heard" if recognised else "help_interview"))
        elif recognised or not _said_something_unclear(slots):
            say.template(self._text("symptom_heard"))
            say.template(self._text("symptom_check_offer"))
        else:
            say.template(self._text("symptom_unclear"))
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
            return self._resolve(value, self.rules.causes, self.engine.cause_index) is not None
        if slot == "healingContext":
            return self._resolve(value, self.rules.healing, self._healing_index) is not None
        return slot == "bodyPart"  # a body part only colours the question; any is fine

    def error(self, locale: str) -> SkillReply:
        """The answer when anything fails: an apology and the safety line, never silence."""
        say = _Say(self.rules.care_for(locale))
        say.template(self._text("error"))
        say.template(self._text("safety_line"))
        return SkillReply(tuple(say.speech), tuple(say.card), DEFAULT_TITLE, None, True, {})

    # --- the symptom check ---------------------------------------------------------------------------
    def _continue_check(self, turn: Turn, say: _Say, state: dict[str, Any], findings: Findings) -> SkillReply:
        question = self.engine.next_question(findings)
        if question is None:
            return self._conclude(turn, say, state, findings)
        state = {**_without(state, "offer"), "question": question.id, "findings": findings.to_state()}
        say.plain(question.ask)
        return self._finish(turn, say, state, reprompt=question.reprompt)

    def _conclude(self, turn: Turn, say: _Say, state: dict[str, Any], findings: Findings) -> SkillReply:
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
        say.template(disposition.say)
        self._say_reasons(say, outcome)
        say.template(disposition.do_now)
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

    # --- screening what was said -------------------------------------------------------------------
    def _screen(self, findings: Findings, slots: Mapping[str, SlotValue]) -> Findings:
        """Apply every red flag the slots mention: resolved ids, free-text phrases and durations."""
        flags: set[str] = set()
        for value in slots.values():
            flags.update(self._flags_in(value))
        # Slots split one phrase ("my face is drooping" -> face + drooping); read them together as well.
        together = " ".join(slots[name].spoken or "" for name in sorted(slots, key=_body_part_first))
        if len(slots) > 1:
            flags.update(self.engine.match_text(together).red_flags)
        return findings.with_flags(*flags) if flags else findings

    def _flags_in(self, value: SlotValue) -> set[str]:
        flags: set[str] = set()
        if value.resolved_id is not None and value.resolved_id in self.rules.red_flags:
            flags.add(value.resolved_id)
        if value.spoken:
            flags.update(self.engine.match_text(value.spoken).red_flags)  # durations included
        return flags

    def _flags_from_reported_causes(self, slots: Mapping[str, SlotValue]) -> set[str]:
        """A cause the caller says applies to them may itself be a red flag ("I'm on steroids")."""
        flags: set[str] = set()
        for value in slots.values():
            for cause_id in self.engine.match_text(value.spoken or "").causes:
                red_flag = self.rules.causes[cause_id].red_flag
                if red_flag is not None:
                    flags.add(red_flag)
        return flags

    @staticmethod
    def _resolve(value: SlotValue | None, known: Mapping[str, Any], index: PhraseIndex) -> str | None:
        """The rule id a slot resolved to; if resolution missed, one whose synonym the words contain."""
        if value is None:
            return None
        if value.resolved_id in known:
            return value.resolved_id
        hits = [hit for hit in index.find(value.spoken or "") if not hit.negated]
        return hits[0].entry_id if hits else None

    # --- answers and offers --------------------------------------------------------------------------
    def _answer(self, turn: Turn, slots: Mapping[str, SlotValue], lines: list[str], offer: str) -> SkillReply:
        state, findings = self._state(turn)
        screened = self._screen(findings, slots)
        if screened.flags != findings.flags:
            # A symptom inside a question ("can stress cause twitching and chest pain?") comes first.
            return self.report_symptom(turn, slots)
        say = self._new_say(turn)
        self._disclaim_if_new(turn, say)
        for line in lines:
            say.template(line)
        return self._resume(turn, say, state, offer=offer)

    def _resume(
        self,
        turn: Turn,
        say: _Say,
        state: dict[str, Any],
        *,
        offer: str | None = None,
        prefs: Preferences | None = None,
    ) -> SkillReply:
        """After an aside, go back to the symptom check if one is under way; otherwise make one offer."""
        question = self._current_question(state)
        if question is not None:
            say.template(self._text("back_to_check"))
            say.plain(question.ask)
            return self._finish(turn, say, state, reprompt=question.reprompt, prefs=prefs)
        if offer is None:
            say.template(self._text("anything_else"))
            return self._finish(turn, say, state, reprompt=self._text("menu_reprompt"), prefs=prefs)
        offer_text = self.prompts.offers[offer]
        say.template(offer_text)
        return self._finish(turn, say, {**state, "offer": offer}, reprompt=offer_text, prefs=prefs)

    def _take_offer(self, turn: Turn, offer: str) -> SkillReply:
        turn = replace(turn, state=_without(dict(turn.state), "offer"))
        if offer == "symptom_check":
            return self.start_check(turn)
        if offer == "causes":
            return self.causes(turn, {})
        return self.info(turn, offer)

    # --- plumbing ----------------------------------------------------------------------------------------
    def _text(self, key: str) -> str:
        return self.prompts.text[key]

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
    ) -> SkillReply:
        care = self.rules.care_for(turn.locale)
        reprompt_text = fill(reprompt, care, spoken=True) if reprompt else None
        if prefs is None:
            prefs = self._visit(turn)
        if say.disclaimed:
            prefs = replace(prefs or turn.preferences, disclaimer_heard=True)
        state = {
            **state,
            "last": {"speech": say.speech, "card": say.card, "reprompt": reprompt_text, "title": title},
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
