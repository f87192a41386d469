"""Turn one utterance into an understanding: the red flags it affirms or denies, who they are about, when
they happened, any duration, named causes and the information topic asked about. Pure Python, no ASK.

Concepts, not phrases: a red flag is a set of combinations of vocabularies ("a face word + a droop word"),
each met when every part occurs in one statement, in any order. Around that, a few rules of plain English:
- a statement ends at a full stop or a word such as "but" or "because"; a clause inside it ends at "and",
  "then", "now" (the rules' `clause_ends`);
- a negator ("not", "no", "never", "without") denies what follows it, across "or" ("no pain or numbness")
  but not past a `scope_ends` word ("I'm not weak and I can't breathe");
- a suddenness word belongs to the nearest sign or twitch, preferring its own clause, so "my eyelid suddenly
  started going and my arm feels heavy" is about a sudden twitch; a statement that is only a time word ("it
  came on out of nowhere") lends it to its neighbours;
- "long ago" ("when I was a teenager", "back in 2019") makes the signs of its clause history, not findings;
- a sign in a hypothetical ("what if I get numbness") is not reported, unless it is an emergency sign;
- a duration counts when its clause is about the twitch or a sign, not a medicine taken "for years";
- each sign belongs to the person named nearest before it (the caller, another adult, a child, an animal).
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import pairwise
from typing import NamedTuple

from .concepts import (
    GRADUAL,
    LONG_AGO,
    PERSON_MARKERS,
    PLANNED,
    QUESTION,
    REASONS,
    RESOLVED,
    SUDDEN,
    TWITCH,
    Concept,
    FlagConcepts,
    Grammar,
    Who,
)
from .durations import duration_days
from .people import latest_person, person_before, subject, them
from .statements import (
    SUBJECTS,
    Hit,
    Statement,
    StatementReader,
    after_negator,
    inside,
    joined,
    mentioned,
    needed,
    recurs_now,
)

BEGAN = frozenset({"start", "begin", "come", "happen", "kick"})  # "it started three weeks ago"
SEARCH_WORDS = 4  # "dehydrated twitchy muscles link": how short a search-style question is


class Understanding(NamedTuple):
    """What one utterance says. Flags are ordered most serious first."""

    flags: tuple[str, ...] = ()
    denied: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    topic: str | None = None
    healing_context: str | None = None
    about: Who = Who.SELF
    duration_days: int | None = None
    # Emergency flags said only as a plan ("thinking about taking all my tablets"): still flags, but a caller
    # in crisis hears the crisis answer, not "you may have taken ...".
    planned: tuple[str, ...] = ()
    twitch: bool = False  # the twitch itself was mentioned ("my leg twitched")
    crisis: bool = False  # thoughts of suicide or self-harm, whoever they are about
    caller: str | None = None  # a caller in a situation of their own ("already_called", "professional")
    them: str = "them"  # how to speak of another adult the advice is for: "him", "her" or "them"

    def in_earnest(self, flags: Iterable[str]) -> set[str]:
        """The flags told as events: for a caller in crisis, an overdose only planned is not one (the crisis
        answer covers it: "if you're in danger now, call ...")."""
        return set(flags) - set(self.planned) if self.crisis else set(flags)

    @property
    def heard_anything(self) -> bool:
        return bool(
            self.flags or self.denied or self.history or self.causes or self.topic or self.twitch
        ) or bool(self.crisis or self.caller)


class Understander:
    """Compiles a rule set's vocabularies and concepts once; `understand` then reads one utterance."""

    def __init__(
        self,
        grammar: Grammar,
        vocab: Mapping[str, tuple[str, ...]],
        signs: frozenset[str],
        flags: Mapping[str, FlagConcepts],
        topics: Mapping[str, tuple[Concept, ...]],
        causes: Mapping[str, tuple[str, ...]],
        healing: Mapping[str, tuple[str, ...]],
        emergencies: frozenset[str],
        duration_flag: str,
        more_than_days: int,
        southern_locales: frozenset[str] = frozenset(),
        duration_not_about: frozenset[str] = frozenset(),
        crisis: tuple[Concept, ...] = (),
        callers: Mapping[str, tuple[Concept, ...]] | None = None,
        lasting: frozenset[str] = frozenset(),
    ) -> None:
        """`flags` in order of seriousness, most serious first; `topics` in the order they are tried;
        `lasting`: the flags a caller's "it's gone" or "I was only worried" never makes history (emergency
        and urgent ones: a stroke sign or double vision that passes still needs help)."""
        self.grammar = grammar
        self._flags = flags
        self._topics = topics
        self._order = {flag: rank for rank, flag in enumerate(flags)}
        self._emergencies = emergencies
        self._lasting = lasting | emergencies
        self._duration_flag, self._more_than_days = duration_flag, more_than_days
        self._southern_locales = southern_locales
        self._duration_not_about = duration_not_about | {LONG_AGO}
        self._crisis = crisis
        self._callers = dict(callers or {})
        self._causes = tuple(causes)
        self._healing = tuple(healing)
        phrases: dict[str, Iterable[str]] = dict(vocab)
        phrases.update({f"cause:{k}": v for k, v in causes.items()})
        phrases.update({f"healing:{k}": v for k, v in healing.items()})
        for concepts in [
            *(f.concepts for f in flags.values()),
            *topics.values(),
            crisis,
            *self._callers.values(),
        ]:
            for part in (p for c in concepts for p in c.parts if p.startswith("=")):
                phrases[part] = (part[1:],)
        self._reader = StatementReader(grammar, signs, phrases)
        self._signs = signs

    def understand(
        self, text: str, *, today: date | None = None, locale: str = "", asked: bool = False
    ) -> Understanding:
        statements = self._reader.read(text, asked=asked)
        present: dict[str, Who] = {}
        denied: set[str] = set()
        history: set[str] = set()
        planned: set[str] = set()
        told_at: dict[str, tuple[int, int]] = {}  # where each flag was first told: statement, end
        last_person = Who.SELF
        whole = joined(statements)
        for index, statement in enumerate(statements):
            reason = _reason_for(statements, index)
            for flag, rule in self._flags.items():
                if flag in present and flag not in planned:
                    continue
                if rule.scope == "utterance":
                    met = self._met(whole, rule, whole)
                else:
                    met = self._met(statement, rule, whole, reason)
                for hits, negated, view in met:
                    if negated:
                        denied.add(flag)
                    elif flag in present:  # only planned so far: is it also told as an event?
                        if not _planned(view, hits):
                            planned.discard(flag)
                            break
                    elif long_past(view, hits, self._signs):
                        history.add(flag)
                    elif _some_day(view, hits):
                        continue
                    elif (flag in self._emergencies and not _imagined(view, hits)) or not (
                        (view.general and not _the_sign_asked_about(view, self._signs))
                        or any(h.start in view.hypothetical for h in hits)
                    ):
                        present[flag] = _whose(view, hits, last_person)
                        told_at.setdefault(flag, (index, max(h.end for h in hits)))
                        if not _planned(view, hits):
                            break
                        planned.add(flag)  # "thinking about taking all my tablets": still a flag
            last_person = latest_person(statement, last_person)
        _no_longer_told(statements, told_at, present, history, self._signs, self._lasting)
        _told_again(statements, whole, history - denied, present)
        self._across(statements, whole, present, history)
        days = stated_days(
            statements, today, southern=locale in self._southern_locales, not_about=self._duration_not_about
        )
        if days is not None:
            # A stated duration is more precise than a vague phrase: "for two weeks" is not "for weeks".
            present.pop(self._duration_flag, None)
            if days > self._more_than_days:
                present[self._duration_flag] = subject(statements)
        people = {f: who for f, who in present.items() if who is not Who.ANIMAL}
        flags = self._sorted(people)
        about = people[flags[0]] if flags else subject(statements)
        causes = named(statements, "cause:", self._causes)
        return Understanding(
            flags=flags,
            denied=self._sorted(denied - set(people)),
            history=self._sorted(history - set(people)),
            planned=self._sorted(planned & set(people)),
            causes=causes,
            topic=topic_of(self._reader, self._topics, statements, causes, self.grammar.negators),
            healing_context=next(iter(named(statements, "healing:", self._healing)), None),
            about=about,
            duration_days=days,
            twitch=any(h.vocab == TWITCH for s in statements for h in s.hits),
            crisis=self._met_anywhere(statements, self._crisis),
            caller=next(
                (
                    c
                    for c, concepts in self._callers.items()
                    if self._met_anywhere(statements, concepts, told=True)
                ),
                None,
            ),
            them=them(statements, about),
        )

    def _across(
        self, statements: Sequence[Statement], whole: Statement, present: dict[str, Who], judged: set[str]
    ) -> None:
        """An emergency told over two sentences ("it's like indigestion, but worse, and it's going up my
        neck"): caution reads each neighbouring pair as one statement. A flag already denied or history
        (`judged`) stays so, and a thought ("what if") is no telling. `whole`: the utterance, read once."""
        last_person = Who.SELF
        for first, second in pairwise(statements):
            pair = joined((first, second))
            for flag in self._emergencies:
                rule = self._flags[flag]
                if flag in present or flag in judged or rule.scope != "statement":
                    continue
                for hits, negated, view in self._met(pair, rule, whole):
                    if negated or long_past(view, hits, self._signs) or _some_day(view, hits):
                        continue
                    if any(h.start in view.hypothetical for h in hits):
                        continue
                    present[flag] = _whose(view, hits, last_person)
                    break
            last_person = latest_person(first, last_person)

    def _met_anywhere(
        self, statements: Sequence[Statement], concepts: tuple[Concept, ...], *, told: bool = False
    ) -> bool:
        """A concept met and not denied in any statement ("I'm not suicidal" is not a crisis). Only a negator
        denies here, never a "fine" word after it: "I want to kill myself, is it normal to feel like this" is
        a crisis. `told`: not asked before it ("should I call an ambulance?", "he's collapsed, should I ring
        for the ambulance")."""
        for statement in statements:
            asked_at = _asked_at(statement) if told else []
            for concept in concepts:
                found = self._reader.satisfied(statement, concept)
                hits = found[0] if found is not None else []
                denied = any(h.negated and after_negator(statement, self.grammar, h.start) for h in hits)
                if hits and not denied and all(start > min(h.start for h in hits) for start in asked_at):
                    return True
        return False

    def _met(
        self,
        statement: Statement,
        rule: FlagConcepts,
        whole: Statement | None = None,
        reason: Statement | None = None,
    ) -> Iterator[tuple[list[Hit], bool, Statement]]:
        """Each concept of a flag met in the statement (or in one of its clauses), with its hits and whether
        it is denied; `whole` is the utterance an "!a&b" part looks through, and `reason` the statement
        giving the reason for this one, which an `unless` vocabulary may be in."""
        found_here = statement.vocabs()
        if found_here.isdisjoint(mentioned(rule.concepts)) or not any(
            found_here >= needed(c) for c in rule.concepts
        ):
            return  # no concept has all its parts here: the usual case, decided without reading any hit
        if rule.scope == "clause":
            views = [statement.in_clause(c) for c in sorted(set(statement.clauses))]
        else:
            views = [statement]
        # "Sore after the gym" is not the pain a doctor should see (anywhere in the statement).
        unless = rule.unless - {GRADUAL}
        if unless and any(excluded(s, unless, self.grammar) for s in (statement, reason) if s is not None):
            return
        # A slow change rules a sign out too, but not one said to be sudden in a clause of its own.
        slow = GRADUAL in rule.unless and excluded(statement, _SLOW, self.grammar)
        for view in views:
            for concept in rule.concepts:
                found = self._reader.satisfied(view, concept, whole)
                if found is not None and not (slow and _slowed(statement, found[0], self.grammar)):
                    yield found[0], found[1], view

    def _sorted(self, flags: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(flags, key=lambda f: self._order.get(f, len(self._order))))


def topic_of(
    reader: StatementReader,
    topics: Mapping[str, tuple[Concept, ...]],
    statements: Sequence[Statement],
    causes: tuple[str, ...],
    negators: frozenset[str],
) -> str | None:
    """The first topic, in the rules' order, whose concept is met. A named cause in a question has its own
    answer ("what causes it, is it the coffee?")."""
    topic = next((name for name, ways in topics.items() if _meets(reader, ways, statements)), None)
    # Asked, or said as a search ("caffeine and twitches", "low calcium twitching"): a few words naming
    # nobody. (A slot value such as "sore after a long run" has lost its "my" but is longer.)
    asked = topic is not None or any(s.asks for s in statements) or searched(statements, negators)
    if causes and asked and topic in (None, "causes", "what_is"):
        return "cause"
    asks_cause = topics.get("causes", ())
    if topic == "when_to_see_doctor" and causes and _meets(reader, asks_cause, statements):
        return "cause"  # "can worry bring on a twitch" asks about a cause, not about worrying
    return topic


def _meets(reader: StatementReader, concepts: Sequence[Concept], statements: Sequence[Statement]) -> bool:
    return any(reader.satisfied(s, c) is not None for s in statements for c in concepts)


def named(statements: Sequence[Statement], prefix: str, order: tuple[str, ...]) -> tuple[str, ...]:
    """The causes ("cause:") or healing contexts ("healing:") the statements name, in the rules' order. Named
    even when denied: "I never drink enough water" is about dehydration."""
    hits = [(s, h) for s in statements for h in s.hits if h.vocab.startswith(prefix)]
    found = {
        h.vocab.removeprefix(prefix)
        for s, h in hits
        if not any(t is s and inside(h, o) and o.vocab != h.vocab for t, o in hits)
    }
    return tuple(item for item in order if item in found)


def stated_days(
    statements: Sequence[Statement], today: date | None, *, southern: bool, not_about: frozenset[str]
) -> int | None:
    """The longest duration stated, leaving out clauses about something else ("on the same tablets for
    years", the rules' `[duration] not_about`) or long ago."""
    found: list[int] = []
    for statement in (s for s in statements if not s.general):
        # A clause about something else is left out from where that something is said: in "my leg has
        # twitched for six months, I'm fine in myself" the six months come before the "fine".
        # A long-ago word dates its whole clause ("in hospital for three months in 2010").
        from_here: dict[int, int] = {}
        for h in statement.hits:
            if h.vocab in not_about:
                clause = statement.clause_of(h)
                start = 0 if h.vocab == LONG_AGO else h.start
                from_here[clause] = min(from_here.get(clause, start), start)
        kept = [i for i, c in enumerate(statement.clauses) if i < from_here.get(c, len(statement.clauses))]
        words = " ".join(statement.segment.words[i] for i in kept)
        began = bool(BEGAN & {statement.segment.lemmas[i] for i in kept})
        days = duration_days(words, today=today, southern=southern, with_ago=began)
        if days is not None:
            found.append(days)
    return max(found, default=None)


def _asked_at(statement: Statement) -> list[int]:
    """Where the statement asks something. ("are" asks only where it opens the statement: every "is" and
    "am" reads "be" too.)"""
    lemmas = statement.segment.lemmas
    return [
        h.start
        for h in statement.hits
        if h.vocab == QUESTION and (h.start == 0 or lemmas[h.start : h.end] != ("be",))
    ]


def _planned(view: Statement, hits: list[Hit]) -> bool:
    """A plan said before the sign in its clause: "I'm thinking about taking all my tablets". Not when someone
    is the subject between them: in "I've thought about it for weeks, I took all my tablets" it was done."""
    first = min(h.start for h in hits)
    lemmas = view.segment.lemmas
    return any(
        h.vocab == PLANNED
        and h.start < first
        and view.clause_of(h) == view.clause_of(hits[0])
        and not _PLAN_BROKEN_BY.intersection(lemmas[h.end : first])
        for h in view.hits
    )


_PLAN_BROKEN_BY = SUBJECTS | {"when"}


def searched(statements: Sequence[Statement], negators: frozenset[str]) -> bool:
    """Said as a search: a few words naming nobody ("caffeine and twitches", "low calcium twitching")."""
    words = [w for s in statements for w in s.segment.lemmas]
    return (
        len(words) <= SEARCH_WORDS
        and not negators.intersection(words)
        and not any(s.names_someone for s in statements)
    )


def _imagined(view: Statement, hits: list[Hit]) -> bool:
    """ "If my face ever drooped I'd ring an ambulance": an "if ... ever" before every sign is only imagined,
    and so is a joke ("my colleague joked I was having a seizure"). Any other
    hypothetical still reports an emergency sign ("what if it's a stroke, my face is drooping", "I'm scared
    it will turn into a stroke, my face is drooping": a fear's reach can hold a telling)."""
    words, lemmas = view.segment.words, view.segment.lemmas
    first, last = min(h.start for h in hits), max(h.end for h in hits)
    if not all(h.start in view.hypothetical for h in hits):
        return False
    joked = any(
        lemma in _JOKES and "not" not in lemmas[max(0, i - 2) : i] and "no" not in lemmas[max(0, i - 2) : i]
        for i, lemma in enumerate(lemmas[:first])
    )
    return joked or ("if" in words[:first] and "ever" in words[max(0, first - 3) : last])


def _some_day(view: Statement, hits: list[Hit]) -> bool:
    """ "I'm worried I might lose the use of my hand one day": a sign after a modal and followed closely by
    "one day", with no word of now between, is a fear for the future."""
    words, lemmas = view.segment.words, view.segment.lemmas
    first, last = min(h.start for h in hits), max(h.end for h in hits)
    if _FUTURE.isdisjoint(lemmas[max(0, first - 4) : first]):
        return False
    for i in range(last, min(last + 6, len(words))):
        if words[i] in _NOW or (words[i] == "right" and words[i + 1 : i + 2] == ("now",)):
            return False
        if words[i : i + 2] == ("one", "day") and words[i + 2 : i + 3] not in _PAST_DAY:
            return True
    return False


_NOW = frozenset({"now", "today", "tonight", "currently", "already"})


_JOKES = frozenset({"joke", "kid", "tease", "banter"})
_FUTURE = frozenset({"will", "might", "could", "may"})
_PAST_DAY = frozenset({("last",), ("ago",), ("this",), ("at",)})  # "one day last week": a day gone by


def _no_longer_told(
    statements: Sequence[Statement],
    told_at: Mapping[str, tuple[int, int]],
    present: dict[str, Who],
    history: set[str],
    signs: frozenset[str],
    lasting: frozenset[str],
) -> None:
    """A sign said to have gone, or a worry taken back, is history. Never an emergency or urgent sign (a
    stroke sign or double vision that passes still needs help; "I was worried when my chest started
    hurting, but I waited" is chest pain)."""
    for flag, (index, end) in told_at.items():
        if flag in lasting or flag not in present:
            continue
        if _gone(statements, index, end) or _taken_back(statements, index, signs):
            del present[flag]
            history.add(flag)


def _gone(statements: Sequence[Statement], index: int, end: int) -> bool:
    """ "pins and needles from sleeping on my arm, but that went as soon as I moved", "my neck was stiff this
    morning, that's gone now": gone, later in the sign's statement or in the next one."""
    statement = statements[index]
    later = [h for h in statement.hits if h.start >= end]
    after = statements[index + 1] if index + 1 < len(statements) else None
    return bool(later and _says_gone(statement, later)) or (
        after is not None and _says_gone(after, after.hits)
    )


def _taken_back(statements: Sequence[Statement], index: int, signs: frozenset[str]) -> bool:
    """ "I thought I'd lost weight, but it was the scales": thought or feared, then corrected by a "but"
    that tells no sign."""
    after = statements[index + 1] if index + 1 < len(statements) else None
    if after is None or after.segment.opened_by != "but":
        return False
    words = statements[index].segment.words
    first = min((h.start for h in statements[index].hits if h.vocab in signs), default=len(words))
    believed = any(words[i : i + 2] in _PAST_BELIEFS for i in range(max(0, first - 6), first))
    return believed and not any(h.vocab in signs for h in after.hits)


_PAST_BELIEFS = frozenset(
    {("i", "thought"), ("was", "worried"), ("was", "scared"), ("was", "afraid"), ("was", "convinced")}
)


def _says_gone(statement: Statement, hits: Sequence[Hit]) -> bool:
    """Gone for good, not for a while: "but that went", not "but it goes away if I shut one eye" or "it went
    away and now it's back again"."""
    words = statement.segment.words
    returned = any(
        w == "back" and words[i + 1 : i + 2] != ("to",) for i, w in enumerate(words)
    )  # "it's back"
    gone = [h for h in hits if h.vocab == RESOLVED and not h.negated]
    lemmas = statement.segment.lemmas
    # "it's gone" ends what it says: not "that has gone on for days", "it's gone rusty"
    going_on = any(lemmas[h.end - 1] == "go" and words[h.end : h.end + 1] not in _GONE_ENDS for h in gone)
    going_on = going_on or any(words[h.end : h.end + 1] in _STOPPED_WHOM for h in gone)  # "it stopped me"
    return bool(gone) and _NOT_GONE.isdisjoint(words) and not returned and not going_on


_NOT_GONE = frozenset(
    {"if", "when", "whenever", "again", "till", "until", "sometimes", "then", "going"}
    | {
        "goes",
        "comes",
        "settles",
        "stops",
        "passes",
        "clears",
        "wears",
        "disappears",
        "eases",
    }  # it comes and goes
)
_STOPPED_WHOM = frozenset((w,) for w in ("me", "him", "her", "us", "them", "from", "my", "you"))
_GONE_ENDS = frozenset(
    {(), ("now",), ("away",), ("completely",), ("already",), ("by",), ("and",), ("but",), ("since",)}
    | {("today",), ("thankfully",), ("as",), ("after",), ("within",), ("in",)}
)


def _told_again(
    statements: Sequence[Statement], whole: Statement, history: set[str], present: dict[str, Who]
) -> None:
    """ "I had a fit last year, I'm having them again today": what was history is happening now."""
    again = recurs_now(whole) if history else None
    if again is not None:
        for flag in sorted(history):
            present.setdefault(flag, person_before(whole, again, subject(statements)))


def _the_sign_asked_about(view: Statement, signs: frozenset[str]) -> bool:
    """ "is the double vision part of it", "does the numbness mean anything": a sign the question opens with,
    as "the", is one the caller has (not "can the tablets cause numbness")."""
    return view.segment.words[1] == "the" and any(h.start == 2 and h.vocab in signs for h in view.hits)


def _whose(view: Statement, hits: list[Hit], last: Who) -> Who:
    """Whom a finding is about: a person its concept names ("child" + "gone stiff"), else the person named
    nearest before it."""
    named = next((h for h in hits if h.vocab in PERSON_MARKERS), None)
    return PERSON_MARKERS[named.vocab] if named else person_before(view, hits[0].start, last)


def long_past(view: Statement, hits: list[Hit], signs: frozenset[str]) -> bool:
    """The finding is history when its sign is placed long ago. Background said in the past doesn't make it
    so: "he used to drink a bottle a night, and now he's shaking" is withdrawal today."""
    found = [h for h in hits if h.vocab in signs or h.vocab.startswith("=")]
    return any(h.start in view.long_ago for h in found or hits)


def _reason_for(statements: Sequence[Statement], index: int) -> Statement | None:
    """The statement after this one when it gives this one's reason ("... because I slept on it"); not a
    reason denied or doubted just before it ("it wasn't because I slept on it", "I thought it was")."""
    following = statements[index + 1] if index + 1 < len(statements) else None
    if following is None or following.segment.opened_by not in REASONS:
        return None
    return None if _DOUBTED.intersection(statements[index].segment.lemmas[-3:]) else following


_DOUBTED = frozenset({"not", "never", "no", "think", "thought", "wonder", "maybe", "if", "sure"})


def _slowed(statement: Statement, hits: Sequence[Hit], grammar: Grammar) -> bool:
    """Whether the statement's slow change is the sign's: not when the sign is sudden in a clause of its own,
    nor when the change only describes the twitch in another clause ("I've twitched for weeks and I can't
    swallow anything", "my twitch is getting worse and my throat is closing up")."""
    if _sudden_apart(statement, hits):
        return False
    signs = {statement.clause_of(h) for h in hits}
    twitching = {statement.clause_of(h) for h in statement.hits if h.vocab == TWITCH}
    return any(
        statement.clause_of(h) in signs or statement.clause_of(h) not in twitching
        for h in statement.hits
        if h.vocab == GRADUAL and not after_negator(statement, grammar, h.start)
    )


def _sudden_apart(statement: Statement, hits: Sequence[Hit]) -> bool:
    """A sign the slow change does not describe: said to be sudden or now in a clause with no word of slow
    change ("I've twitched for months and now I can't swallow at all")."""
    lemmas = statement.segment.lemmas
    slow = [h for h in statement.hits if h.vocab == GRADUAL and not h.negated]
    ruling_out = {statement.clause_of(h) for h in slow}
    now = {statement.clause_of(h) for h in statement.hits if h.vocab == SUDDEN}
    now.update(statement.clauses[i] for i, word in enumerate(lemmas) if word in _NOW)
    return any(statement.clause_of(h) in now - ruling_out for h in hits)


_NOW = frozenset({"now", "today", "tonight"})
_SLOW = frozenset({GRADUAL})


def excluded(statement: Statement, unless: frozenset[str], grammar: Grammar) -> bool:
    """An `unless` vocabulary is in the statement (a question is one when the statement asks). Any negator
    before it in its scope denies it, even one inside a phrase: "he hasn't even been working out" excludes
    nothing."""
    if QUESTION in unless and statement.question and not statement.names_someone:
        return True  # "can tablets cause twitching?"; but "could my new tablets be doing it?" links them
    return any(
        h.vocab in unless and h.vocab != QUESTION and not after_negator(statement, grammar, h.start)
        for h in statement.hits
    )
