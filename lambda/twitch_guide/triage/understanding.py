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

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .durations import duration_days, number_of
from .language import Segment, Vocabulary, segments, words_of


class Who(StrEnum):
    """Whom a statement is about."""

    SELF = "self"
    ADULT = "adult"
    CHILD = "child"
    ANIMAL = "animal"


# Marker vocabularies every rule set declares; their meaning is the rules of English above.
SUDDEN, LONG_AGO, TWITCH, HYPOTHETICAL, QUESTION, PRONOUN, MALE, FEMALE, FINE = (
    "sudden", "long_ago", "twitch", "hypothetical", "question", "pronoun", "male", "female", "fine"
)  # fmt: skip
PERSON_MARKERS: Mapping[str, Who] = {
    "self": Who.SELF,
    "other_adult": Who.ADULT,
    "child": Who.CHILD,
    "animal": Who.ANIMAL,
}
MARKERS = frozenset(
    {SUDDEN, LONG_AGO, TWITCH, HYPOTHETICAL, QUESTION, PRONOUN, MALE, FEMALE, FINE, *PERSON_MARKERS}
)
# How a general question opens: "can a twitch ...", "does twitching ...", "is it true that ..." (the words as
# said: a slot value such as "been a bit dizzy" has lost its "i have" and is no question).
_GENERAL_OPENERS = frozenset("can could does do will would is are how why when".split())
_GENERAL_SUBJECTS = frozenset(
    {"a", "an", "it", "its", "this", "that", "there", "the", "people", "someone", "you", "long"}
    | {"twitch", "twitches", "twitching", "muscle", "muscles", "bfs", "als", "mnd", "fasciculations"}
)
_BEGAN = frozenset({"start", "begin", "come", "happen", "kick"})  # "it started three weeks ago"
_SUBJECTS = frozenset({"i", "he", "she", "they", "we"})


@dataclass(frozen=True, slots=True)
class Concept:
    """One way to express a finding or topic: every part (a vocabulary name, or "=literal words") in one
    statement."""

    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FlagConcepts:
    """How one red flag is recognised: any of its concepts, unless one of `unless` is in the statement.
    `clause` keeps each concept inside one clause ("the same tablets for years, and my eye has started")."""

    concepts: tuple[Concept, ...]
    unless: frozenset[str] = frozenset()
    scope: str = "statement"  # or "clause", or "utterance" (background said in another sentence)


@dataclass(frozen=True, slots=True)
class Grammar:
    """The rules of plain English the matcher applies, as word lists declared in the rule set."""

    vocabulary: Vocabulary
    negators: frozenset[str]
    scope_ends: frozenset[str]
    clause_ends: frozenset[str]
    glue: frozenset[str]


@dataclass(frozen=True, slots=True)
class Understanding:
    """What one utterance says. Flags are ordered most serious first."""

    flags: tuple[str, ...] = ()
    denied: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    topic: str | None = None
    healing_context: str | None = None
    about: Who = Who.SELF
    duration_days: int | None = None
    twitch: bool = False  # the twitch itself was mentioned ("my leg twitched")
    crisis: bool = False  # thoughts of suicide or self-harm, whoever they are about
    caller: str | None = None  # a caller in a situation of their own ("already_called", "professional")
    them: str = "them"  # how to speak of another adult the advice is for: "him", "her" or "them"

    @property
    def heard_anything(self) -> bool:
        return bool(
            self.flags or self.denied or self.history or self.causes or self.topic or self.twitch
        ) or bool(self.crisis or self.caller)


@dataclass(frozen=True, slots=True)
class _Hit:
    vocab: str
    start: int
    end: int
    negated: bool = False


@dataclass(slots=True)
class _Statement:
    """A segment with its hits, the clause of each word, and what the markers attached to its signs."""

    segment: Segment
    hits: list[_Hit]
    clauses: tuple[int, ...]
    sudden_at: set[int] = field(default_factory=set)  # starts of sign hits described as sudden
    long_ago: set[int] = field(default_factory=set)  # starts of sign hits placed long ago
    hypothetical: frozenset[int] = frozenset()  # positions inside a hypothetical ("what if I get ...")
    question: bool = False
    asks: bool = False

    def clause_of(self, hit: _Hit) -> int:
        return self.clauses[hit.start]

    @property
    def general(self) -> bool:
        """A question about twitching in general ("can a twitch last for weeks?", "does als twitching happen
        all over"): it opens with a question word and names nobody, so it reports nothing."""
        words = self.segment.words
        return (
            len(words) > 2
            and words[0] in _GENERAL_OPENERS
            and words[1] in _GENERAL_SUBJECTS
            and not any(h.vocab in PERSON_MARKERS or h.vocab == PRONOUN for h in self.hits)
        )

    def in_clause(self, clause: int) -> _Statement:
        hits = [h for h in self.hits if self.clause_of(h) == clause]
        return _Statement(
            self.segment,
            hits,
            self.clauses,
            self.sudden_at,
            self.long_ago,
            self.hypothetical,
            self.question,
            self.asks,
        )


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
    ) -> None:
        """`flags` in order of seriousness, most serious first; `topics` in the order they are tried."""
        self.grammar = grammar
        self._signs = signs
        self._flags = flags
        self._topics = topics
        self._order = {flag: rank for rank, flag in enumerate(flags)}
        self._emergencies = emergencies
        self._duration_flag, self._more_than_days = duration_flag, more_than_days
        self._southern_locales = southern_locales
        self._duration_not_about = duration_not_about | {LONG_AGO}
        self._crisis = crisis
        self._callers = dict(callers or {})
        self._causes = tuple(causes)
        self._healing = tuple(healing)
        self._index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
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
        for name, entries in phrases.items():
            for phrase in entries:
                lemmas = words_of(phrase, grammar.vocabulary)
                if lemmas:
                    self._index.setdefault(lemmas[0], []).append((lemmas, name))
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -len(c[0]))  # the longest phrase of a vocabulary wins

    # --- the one entry point --------------------------------------------------------------------------
    def understand(self, text: str, *, today: date | None = None, locale: str = "") -> Understanding:
        statements = [self._statement(s) for s in segments(text, self.grammar.vocabulary)]
        self._attach_markers(statements)
        present: dict[str, Who] = {}
        denied: set[str] = set()
        history: set[str] = set()
        last_person = Who.SELF
        whole = _joined(statements)
        for statement in statements:
            for flag, rule in self._flags.items():
                if flag in present:
                    continue
                for hits, negated, view in self._met(whole if rule.scope == "utterance" else statement, rule):
                    if negated:
                        denied.add(flag)
                    elif any(h.start in view.long_ago for h in hits):
                        history.add(flag)
                    elif flag in self._emergencies or not (
                        view.general or any(h.start in view.hypothetical for h in hits)
                    ):
                        present[flag] = self._person_before(view, hits[0].start, last_person)
                        break
            last_person = self._last_person(statement, last_person)
        days = self._days(statements, today, southern=locale in self._southern_locales)
        if days is not None:
            # A stated duration is more precise than a vague phrase: "for two weeks" is not "for weeks".
            present.pop(self._duration_flag, None)
            if days > self._more_than_days:
                present[self._duration_flag] = self._subject(statements)
        people = {f: who for f, who in present.items() if who is not Who.ANIMAL}
        flags = self._sorted(people)
        about = people[flags[0]] if flags else self._subject(statements)
        causes = self._named(statements, "cause:", self._causes)
        return Understanding(
            flags=flags,
            denied=self._sorted(denied - set(people)),
            history=self._sorted(history - set(people)),
            causes=causes,
            topic=self._topic(statements, causes),
            healing_context=next(iter(self._named(statements, "healing:", self._healing)), None),
            about=about,
            duration_days=days,
            twitch=any(h.vocab == TWITCH for s in statements for h in s.hits),
            crisis=self._met_anywhere(statements, self._crisis),
            caller=next(
                (c for c, concepts in self._callers.items() if self._met_anywhere(statements, concepts)), None
            ),
            them=self._them(statements, about),
        )

    def _met_anywhere(self, statements: Sequence[_Statement], concepts: tuple[Concept, ...]) -> bool:
        """A concept met and not denied in any statement ("I'm not suicidal" is not a crisis)."""
        for statement in statements:
            for concept in concepts:
                found = self._satisfied(statement, concept)
                if found is not None and not found[1]:
                    return True
        return False

    @staticmethod
    def _them(statements: Sequence[_Statement], about: Who) -> str:
        """ "him" or "her" for the adult the advice is for, when the words say which; else "them"."""
        if about is not Who.ADULT:
            return "them"
        for statement in statements:
            for hit in sorted(statement.hits, key=lambda h: h.start):
                if hit.vocab in (MALE, FEMALE):
                    return "him" if hit.vocab == MALE else "her"
        return "them"

    # --- statements and hits --------------------------------------------------------------------------
    def _statement(self, segment: Segment) -> _Statement:
        lemmas = segment.lemmas
        hits: list[_Hit] = []
        for start, lemma in enumerate(lemmas):
            seen: set[str] = set()
            for phrase, name in self._index.get(lemma, ()):
                if name not in seen and (end := self._match_end(lemmas, start, phrase)) > start:
                    seen.add(name)
                    hits.append(_Hit(name, start, end))
        long_ago = [h for h in hits if h.vocab == LONG_AGO]
        # "as a child" is a time, not a child: a person inside a long-ago phrase is no person.
        hits = [h for h in hits if not (h.vocab in PERSON_MARKERS and any(_inside(h, t) for t in long_ago))]
        # "my son is twenty five", "my 30 year old daughter": a grown-up son or daughter is an adult.
        hits = [
            _Hit("other_adult", h.start, h.end) if h.vocab == "child" and _grown_up(segment.words, h) else h
            for h in hits
        ]
        covered = {i for h in hits if h.vocab not in MARKERS for i in range(h.start, h.end)}
        fine = [h for h in hits if h.vocab == FINE]
        hits = [
            h
            if h.vocab in MARKERS
            else _Hit(
                h.vocab, h.start, h.end, self._negated(lemmas, h.start, covered) or _followed_by(h, fine)
            )
            for h in hits
        ]
        # A clause word inside a phrase ("pins and needles") ends no clause.
        inside = {i for h in hits if h.vocab not in MARKERS for i in range(h.start + 1, h.end)}
        clauses, clause = [], 0
        for position, word in enumerate(lemmas):
            clause += word in self.grammar.clause_ends and position not in inside
            clauses.append(clause)
        # A statement is a question when it starts with a question word ("can", "is") or holds a phrase such
        # as "is it"; a question word anywhere still marks a named cause as asked about.
        question = any(h.vocab == QUESTION and (h.start == 0 or h.end - h.start > 1) for h in hits)
        asks = any(h.vocab == QUESTION for h in hits)
        return _Statement(
            segment,
            hits,
            tuple(clauses),
            hypothetical=self._hypothetical(lemmas, hits),
            question=question,
            asks=asks,
        )

    def _hypothetical(self, lemmas: tuple[str, ...], hits: list[_Hit]) -> frozenset[int]:
        """Where a hypothetical reaches: from its marker to the end of its clause, or to a new subject
        ("is twitching a sign of healing | I've started falling over" is a question, then a report)."""
        reach: set[int] = set()
        for marker in (h for h in hits if h.vocab == HYPOTHETICAL):
            position = marker.end
            while position < len(lemmas) and lemmas[position] not in self.grammar.clause_ends:
                if lemmas[position] in _SUBJECTS and position > marker.end:
                    break
                position += 1
            reach.update(range(marker.start, position))
        return frozenset(reach)

    def _match_end(self, lemmas: tuple[str, ...], start: int, phrase: tuple[str, ...]) -> int:
        """Just past the phrase if it matches at start (small words such as "my" allowed inside), else -1."""
        position = start + 1
        for token in phrase[1:]:
            skipped = 0
            while position < len(lemmas) and lemmas[position] != token:
                if lemmas[position] not in self.grammar.glue or skipped >= 2:
                    return -1
                skipped += 1
                position += 1
            if position >= len(lemmas):
                return -1
            position += 1
        return position

    def _negated(self, lemmas: tuple[str, ...], start: int, covered: set[int]) -> bool:
        """A negator earlier in the same scope, not itself part of a phrase ("no feeling" is numbness)."""
        for back in range(start - 1, -1, -1):
            word = lemmas[back]
            if word in self.grammar.scope_ends:
                return False
            if word in self.grammar.negators and back not in covered:
                return True
        return False

    def _is_anchor(self, hit: _Hit) -> bool:
        """Signs, literal concept words ("=forget") and the twitch: what a time word can describe."""
        return hit.vocab in self._signs or hit.vocab == TWITCH or hit.vocab.startswith("=")

    def _attach_markers(self, statements: list[_Statement]) -> None:
        """Give each suddenness word to the nearest sign or twitch, and each long-ago word to what its clause
        says; a statement with no sign lends suddenness to both neighbours, "long ago" to the one before."""
        lends_sudden: list[bool] = []
        lends_long_ago: list[bool] = []
        for statement in statements:
            orphan_sudden = orphan_long_ago = False
            for marker in (h for h in statement.hits if h.vocab in (SUDDEN, LONG_AGO)):
                anchors = [h for h in statement.hits if self._is_anchor(h) and not _inside(h, marker)]
                if marker.vocab == LONG_AGO:
                    # Everything said in its clause (a fit, a medicine started); for "I had a fit, when I was
                    # twelve" the clause before it.
                    things = [h for h in statement.hits if h.vocab not in MARKERS and not _inside(h, marker)]
                    clause = statement.clause_of(marker)
                    own = [h for h in things if statement.clause_of(h) == clause]
                    # Only a clause that is itself the time ("..., when I was twelve") reaches back.
                    opens_clause = all(statement.clauses[i] != clause for i in range(marker.start))
                    before = (
                        [h for h in things if statement.clause_of(h) == clause - 1] if opens_clause else []
                    )
                    statement.long_ago.update(h.start for h in own or before)
                    orphan_long_ago |= not things
                    continue
                if not anchors:
                    orphan_sudden = True
                    continue
                clause = statement.clause_of(marker)
                if not any(statement.clause_of(h) == clause for h in anchors):
                    # In a clause of its own ("..., and it came on all at once"): every sign came on suddenly.
                    statement.sudden_at.update(h.start for h in anchors if h.vocab != TWITCH)
                    continue
                # In a tie a sign wins over the twitch: caution.
                nearest = min(
                    anchors,
                    key=lambda h: (statement.clause_of(h) != clause, _distance(h, marker), h.vocab == TWITCH),
                )
                if nearest.vocab != TWITCH:
                    # Every sign of that clause came on suddenly ("can't hold my phone, it keeps slipping").
                    near = statement.clause_of(nearest)
                    statement.sudden_at.update(
                        h.start for h in anchors if h.vocab != TWITCH and statement.clause_of(h) == near
                    )
            lends_sudden.append(orphan_sudden)
            lends_long_ago.append(orphan_long_ago)
        for i, statement in enumerate(statements):
            signs = [h.start for h in statement.hits if self._is_anchor(h) and h.vocab != TWITCH]
            if any(lends_sudden[j] for j in (i - 1, i + 1) if 0 <= j < len(statements)):
                statement.sudden_at.update(signs)
            if i + 1 < len(statements) and lends_long_ago[i + 1]:
                statement.long_ago.update(signs)

    def _met(
        self, statement: _Statement, rule: FlagConcepts
    ) -> Iterator[tuple[list[_Hit], bool, _Statement]]:
        """Each concept of a flag met in the statement (or in one of its clauses), with its hits and whether
        it is denied."""
        if rule.scope == "clause":
            views = [statement.in_clause(c) for c in sorted(set(statement.clauses))]
        else:
            views = [statement]
        if rule.unless and self._excluded(statement, rule.unless):
            return  # "sore after the gym" is not the pain a doctor should see (anywhere in the statement)
        for view in views:
            for concept in rule.concepts:
                found = self._satisfied(view, concept)
                if found is not None:
                    yield found[0], found[1], view

    @staticmethod
    def _excluded(statement: _Statement, unless: frozenset[str]) -> bool:
        """An `unless` vocabulary is in the statement (a question is one when the statement asks)."""
        if QUESTION in unless and statement.question:
            return True
        return any(h.vocab in unless and h.vocab != QUESTION and not h.negated for h in statement.hits)

    def _satisfied(self, statement: _Statement, concept: Concept) -> tuple[list[_Hit], bool] | None:
        """The hits that meet a concept in one statement, and whether they are denied; None if unmet."""
        chosen: list[_Hit] = []
        negated = False
        sudden = SUDDEN in concept.parts
        for part in concept.parts:
            if part == SUDDEN:
                continue
            candidates = [h for h in statement.hits if h.vocab == part]
            if not candidates:
                return None
            affirmed = [h for h in candidates if not h.negated]
            if sudden:  # "numb and heavy out of the blue": the sign the suddenness describes
                affirmed.sort(key=lambda h: h.start not in statement.sudden_at)
            chosen.append((affirmed or candidates)[0])
            negated |= not affirmed
        if SUDDEN in concept.parts and not any(h.start in statement.sudden_at for h in chosen):
            return None
        return chosen, negated

    # --- time ---------------------------------------------------------------------------------------------
    def _days(self, statements: Sequence[_Statement], today: date | None, *, southern: bool) -> int | None:
        """The longest duration stated, leaving out clauses about something else ("on the same tablets for
        years", the rules' `[duration] not_about`) or long ago."""
        found: list[int] = []
        for statement in (s for s in statements if not s.general):
            skipped = {statement.clause_of(h) for h in statement.hits if h.vocab in self._duration_not_about}
            kept = [i for i, clause in enumerate(statement.clauses) if clause not in skipped]
            words = " ".join(statement.segment.words[i] for i in kept)
            began = bool(_BEGAN & {statement.segment.lemmas[i] for i in kept})
            days = duration_days(words, today=today, southern=southern, with_ago=began)
            if days is not None:
                found.append(days)
        return max(found, default=None)

    # --- people -------------------------------------------------------------------------------------------
    def _person_before(self, statement: _Statement, position: int, last: Who) -> Who:
        who = self._nearest_person(statement, position, last)
        humans = [h for h in statement.hits if h.vocab in ("other_adult", "child")]
        if who is Who.ANIMAL and humans:
            # Caution: with a person named in the statement, a sign is theirs ("dad was walking the dog and
            # his chest went tight", "her hands curl up like a bird's claw").
            before = [h for h in humans if h.start < position]
            return PERSON_MARKERS[(before[-1] if before else humans[0]).vocab]
        return who

    def _nearest_person(self, statement: _Statement, position: int, last: Who) -> Who:
        people = sorted(
            (h for h in statement.hits if h.vocab in PERSON_MARKERS or h.vocab == PRONOUN),
            key=lambda h: h.start,
        )
        before = [h for h in people if h.start < position]
        chosen = before[-1] if before else (people[0] if people else None)
        if chosen is None:
            return last
        if chosen.vocab != PRONOUN:
            return PERSON_MARKERS[chosen.vocab]
        # "he", "she": the last person named before it in this statement, else in the ones before.
        named = [h for h in people if h.start < chosen.start and h.vocab not in (PRONOUN, "self")]
        if named:
            return PERSON_MARKERS[named[-1].vocab]
        return last if last is not Who.SELF else Who.ADULT

    @staticmethod
    def _last_person(statement: _Statement, last: Who) -> Who:
        for hit in statement.hits:
            if hit.vocab in PERSON_MARKERS:
                last = PERSON_MARKERS[hit.vocab]
        return last

    def _subject(self, statements: Sequence[_Statement]) -> Who:
        """Whom an utterance with no sign is about: the person nearest before the twitch, else the first
        person named."""
        last = Who.SELF
        first: Who | None = None
        for statement in statements:
            for hit in sorted(statement.hits, key=lambda h: h.start):
                if hit.vocab == TWITCH:
                    return self._person_before(statement, hit.start, last) if first is not None else last
                if hit.vocab in PERSON_MARKERS:
                    last = PERSON_MARKERS[hit.vocab]
                    first = first or last
        return first or Who.SELF

    # --- topics and named things ----------------------------------------------------------------------
    @staticmethod
    def _named(statements: Sequence[_Statement], prefix: str, order: tuple[str, ...]) -> tuple[str, ...]:
        # Named even when denied: "I never drink enough water" is about dehydration.
        hits = [(s, h) for s in statements for h in s.hits if h.vocab.startswith(prefix)]
        named = {
            h.vocab.removeprefix(prefix)
            for s, h in hits
            if not any(t is s and _inside(h, o) and o.vocab != h.vocab for t, o in hits)
        }
        return tuple(item for item in order if item in named)

    def _topic(self, statements: Sequence[_Statement], causes: tuple[str, ...]) -> str | None:
        """The first topic, in the rules' order, whose concept is met. A named cause in a question has its own
        answer ("what causes it, is it the coffee?")."""
        topic = next(
            (
                name
                for name, concepts in self._topics.items()
                if any(self._satisfied(s, c) is not None for s in statements for c in concepts)
            ),
            None,
        )
        # Asked, or said as a search ("caffeine and twitches", "low calcium twitching"): a few words naming
        # nobody. (A slot value such as "sore after a long run" has lost its "my" but is longer.)
        asked = topic is not None or any(s.asks for s in statements) or self._search(statements)
        if causes and asked and topic in (None, "causes", "what_is"):
            return "cause"
        if causes and topic == "when_to_see_doctor" and self._meets("causes", statements):
            return "cause"  # "can worry bring on a twitch" asks about a cause, not about worrying
        return topic

    def _search(self, statements: Sequence[_Statement]) -> bool:
        words = [w for s in statements for w in s.segment.lemmas]
        return (
            len(words) <= SEARCH_WORDS
            and not self.grammar.negators.intersection(words)
            and not any(h.vocab in PERSON_MARKERS or h.vocab == PRONOUN for s in statements for h in s.hits)
        )

    def _meets(self, topic: str, statements: Sequence[_Statement]) -> bool:
        concepts = self._topics.get(topic, ())
        return any(self._satisfied(s, c) is not None for s in statements for c in concepts)

    def _sorted(self, flags: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(flags, key=lambda f: self._order.get(f, len(self._order))))


def _joined(statements: Sequence[_Statement]) -> _Statement:
    """The whole utterance as one statement, for concepts whose background may be said in another sentence."""
    if len(statements) == 1:
        return statements[0]
    lemmas: list[str] = []
    words: list[str] = []
    hits: list[_Hit] = []
    clauses: list[int] = []
    sudden: set[int] = set()
    long_ago: set[int] = set()
    hypothetical: set[int] = set()
    for statement in statements:
        offset, base = len(lemmas), (clauses[-1] + 1 if clauses else 0)
        lemmas.extend(statement.segment.lemmas)
        words.extend(statement.segment.words)
        clauses.extend(base + c for c in statement.clauses)
        hits.extend(_Hit(h.vocab, h.start + offset, h.end + offset, h.negated) for h in statement.hits)
        sudden.update(i + offset for i in statement.sudden_at)
        long_ago.update(i + offset for i in statement.long_ago)
        hypothetical.update(i + offset for i in statement.hypothetical)
    question = any(s.question for s in statements)
    asks = any(s.asks for s in statements)
    segment = Segment(tuple(lemmas), tuple(words))
    return _Statement(
        segment, hits, tuple(clauses), sudden, long_ago, frozenset(hypothetical), question, asks
    )


ADULT_AGE = 16
SEARCH_WORDS = 4  # "dehydrated twitchy muscles link": how short a search-style question is
_AGE_LEAD = frozenset({"is", "s", "who", "whos", "aged", "age", "now", "just", "turned", "nearly", "almost"})


def _grown_up(words: tuple[str, ...], child: _Hit) -> bool:
    """A son or daughter whose age, said next to them, is an adult's: "is 20", "who's twenty five", "my 30
    year old son"."""
    after = [w for w in words[child.end : child.end + 5] if w not in _AGE_LEAD]
    before = list(words[max(0, child.start - 4) : child.start])
    ages = [" ".join(after[:2]), after[0] if after else ""]
    if words[child.start] in ("year", "years", "yr"):  # the marker is "year old" itself: "my 30 year old"
        ages += [" ".join(before[-2:]), before[-1]] if before else []
    elif before[-2:] in (["year", "old"], ["years", "old"]):
        ages += [" ".join(before[-4:-2]), before[-3]] if len(before) >= 3 else []
    return any((age := number_of(text)) is not None and age >= ADULT_AGE for text in ages if text)


def _followed_by(hit: _Hit, fine: list[_Hit]) -> bool:
    """A sign said to be fine right after it: "I can swallow no problem", "my breathing is fine"."""
    return any(0 <= f.start - hit.end <= 2 for f in fine)


def _inside(hit: _Hit, outer: _Hit) -> bool:
    return outer.start <= hit.start and hit.end <= outer.end and hit is not outer


def _distance(a: _Hit, b: _Hit) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0
