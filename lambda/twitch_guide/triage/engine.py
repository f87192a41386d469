"""The triage engine: applies the rule set to what a caller has said. Pure Python, no ASK imports.

Rules it keeps (docs/clinical-basis.md): the disposition is the most serious level among the findings, so
adding a finding never lowers it; the interview asks the most serious question not yet answered and stops once
no answer could raise the outcome; "not sure" on an emergency question is never read as "no".
"""

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from .concepts import FlagConcepts
from .levels import Level, most_serious
from .rules import Question, Rules
from .understanding import Understander, Understanding


class Reply(StrEnum):
    """A caller's answer to one interview question."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Findings(NamedTuple):
    """What is known so far: red flags reported directly, and answers to interview questions."""

    flags: frozenset[str] = frozenset()
    replies: Mapping[str, Reply] = {}  # a shared default, never mutated (with_reply copies)

    def with_flags(self, *flag_ids: str) -> "Findings":
        return self._replace(flags=self.flags | frozenset(flag_ids))

    def with_reply(self, question_id: str, reply: Reply) -> "Findings":
        return self._replace(replies={**self.replies, question_id: reply})

    def to_state(self) -> dict[str, Any]:
        """A JSON-safe form for the session (never persisted)."""
        return {"flags": sorted(self.flags), "replies": {q: r.value for q, r in self.replies.items()}}

    @classmethod
    def from_state(cls, state: Any, rules: Rules) -> "Findings":
        """Rebuild findings from session state; raises ValueError if the state is not something we wrote."""
        if not isinstance(state, dict):
            raise ValueError("findings state must be an object")
        flags, replies = state.get("flags", []), state.get("replies", {})
        if not isinstance(flags, list) or not all(isinstance(f, str) and f in rules.red_flags for f in flags):
            raise ValueError("findings state has unknown red flags")
        known_questions = {q.id for q in rules.questions}
        if not isinstance(replies, dict) or not all(q in known_questions for q in replies):
            raise ValueError("findings state has unknown questions")
        return cls(frozenset(flags), {q: Reply(r) for q, r in replies.items()})


class Reason(NamedTuple):
    """One reason behind a disposition, in words that complete 'because ...'."""

    level: Level
    text: str
    unsure: bool = False


class Outcome(NamedTuple):
    """The disposition and why; reasons are ordered most serious first."""

    level: Level
    reasons: tuple[Reason, ...]
    # The caller could not rule out an emergency sign, so the answer must name the emergency number.
    emergency_doubt: bool = False


class Engine:
    """Applies one rule set. Build it once per container: it compiles every vocabulary and concept."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        flags = sorted(rules.red_flags.values(), key=lambda f: f.level.rank)
        lexicon = rules.lexicon
        self._understander = Understander(
            lexicon.grammar,
            lexicon.vocab,
            lexicon.signs,
            flags={f.id: FlagConcepts(f.concepts, frozenset(f.unless), f.scope) for f in flags},
            topics=lexicon.topics,
            causes={c.id: (c.name, *c.synonyms) for c in rules.causes.values()},
            healing={k: a.synonyms for k, a in rules.healing.items() if k != "general"},
            emergencies=frozenset(f.id for f in flags if f.level is Level.EMERGENCY),
            lasting=frozenset(f.id for f in flags if f.level in (Level.EMERGENCY, Level.URGENT)),
            duration_flag=rules.duration.flag,
            more_than_days=rules.duration.more_than_days,
            duration_not_about=frozenset(rules.duration.not_about),
            crisis=rules.crisis.concepts if rules.crisis else (),
            callers={key: caller.concepts for key, caller in rules.callers.items()},
            southern_locales=frozenset(code for code, care in rules.locales.items() if care.southern),
        )

    # --- disposition ----------------------------------------------------------------------------------
    def disposition_for(self, findings: Findings) -> Outcome:
        """The most serious level among the findings, with the reasons for it."""
        reasons: list[Reason] = []
        emergency_doubt = False
        for flag_id in sorted(findings.flags):
            flag = self.rules.red_flags[flag_id]
            reasons.append(Reason(flag.level, flag.reason))
        for question_id, reply in findings.replies.items():
            question = self.rules.question(question_id)
            if reply is Reply.YES:
                reasons.append(Reason(question.level, question.reason))
            elif reply is Reply.UNSURE:
                reasons.append(Reason(question.if_unsure, question.reason, unsure=True))
                emergency_doubt = emergency_doubt or question.level is Level.EMERGENCY
        reasons.sort(key=lambda r: (r.level.rank, r.unsure))
        level = most_serious(r.level for r in reasons)
        return Outcome(level, _dedupe(reasons), emergency_doubt)

    # --- the interview --------------------------------------------------------------------------------
    def next_question(self, findings: Findings) -> Question | None:
        """The most serious question still worth asking, or None when no answer could raise the outcome."""
        current = self.disposition_for(findings).level
        for question in self.rules.questions:
            if question.id in findings.replies or not question.level.is_more_serious_than(current):
                continue
            if question.is_clarifying and not self._clarifier_applies(question, findings):
                continue
            if findings.flags.issuperset(question.flags):
                continue
            return question
        return None

    def _clarifier_applies(self, question: Question, findings: Findings) -> bool:
        return bool(findings.flags & set(question.ask_when_present)) or (
            question.parent is not None and findings.replies.get(question.parent) is Reply.YES
        )

    # --- free text ------------------------------------------------------------------------------------
    def understand(
        self, text: str, *, today: date | None = None, locale: str = "", asked: bool = False
    ) -> Understanding:
        """What one utterance says: red flags, who they are about, causes, a duration, the topic asked.
        `asked`: the words are what a question asks about (a cause named to the causes question), so a sign
        whose rule says `unless = ["question"]` is not taken as told."""
        return self._understander.understand(text, today=today, locale=locale, asked=asked)

    def _by_level(self, flag_ids: set[str]) -> tuple[str, ...]:
        return tuple(sorted(flag_ids, key=lambda f: (self.rules.red_flags[f].level.rank, f)))


def _dedupe(reasons: list[Reason]) -> tuple[Reason, ...]:
    seen: set[str] = set()
    unique = []
    for reason in reasons:
        if reason.text not in seen:
            seen.add(reason.text)
            unique.append(reason)
    return tuple(unique)
