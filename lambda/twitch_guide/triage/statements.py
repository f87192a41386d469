"""Reading an utterance into statements: the vocabulary phrases in each, what is negated, and which signs
a suddenness, a long-ago or a hypothetical describes (the rules of plain English in understanding.py)."""

from collections.abc import Callable, Collection, Iterable, Iterator, KeysView, Mapping, Sequence
from functools import cache
from itertools import pairwise
from typing import NamedTuple

from .concepts import (
    FINE,
    HYPOTHETICAL,
    LONG_AGO,
    MANY,
    MARKERS,
    PERSON_MARKERS,
    PREGNANT,
    PRONOUN,
    QUESTION,
    SUDDEN,
    TWITCH,
    Concept,
    Grammar,
)
from .durations import number_of
from .language import Segment, aside, segments, words_of

# How a general question opens: "can a twitch ...", "does twitching ...", "is it true that ..." (the words as
# said: a slot value such as "been a bit dizzy" has lost its "i have" and is no question).
_GENERAL_OPENERS = frozenset("can could does do will would is are how why when".split())
_GENERAL_SUBJECTS = frozenset(
    {"a", "an", "it", "its", "this", "that", "there", "the", "people", "someone", "you", "long"}
    | {"twitch", "twitches", "twitching", "muscle", "muscles", "bfs", "als", "mnd", "fasciculations"}
    | {"tablets", "pills", "medicine", "medicines", "medication", "medications", "meds", "drugs"}
    | {"antidepressants", "steroids", "statins", "antibiotics", "antihistamines", "inhalers"}
)
SUBJECTS = frozenset({"i", "he", "she", "they", "we"})
_TIME_OPENERS = frozenset({"that", "this", "it", "which", "when", "back"})  # "that was years ago"
_THEN_WORDS = frozenset({"then", "until", "till"})  # "she was fine, then ..."
_POSSESSIVES = frozenset({"my", "his", "her", "our", "their"})
_DATING = frozenset(
    {"yesterday", "today", "tonight"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
# Before a possessive, these keep a denial going: "no pain in my chest", "I don't think my face is drooping".
_KEEP_DENIAL_BEFORE = frozenset(
    "in on with of to from about around into down up at under over across through for by near behind "
    "think reckon believe say feel notice see know mean worry and or nor "
    "have without way get not no never".split()
)
_SUBJECT_VERBS = frozenset(
    "be have go keep feel look seem start become get turn just suddenly collapse drop fall pass".split()
)
_NOT_NOUNS = frozenset("it i he she they we you that this not no never".split())


class Hit(NamedTuple):
    vocab: str
    start: int
    end: int
    negated: bool = False


class Statement:
    """A segment with its hits, the clause of each word, and what the markers attached to its signs. (A plain
    class: the reader fills `sudden_at` and `long_ago` after reading every statement.)"""

    __slots__ = (
        "_by_vocab",
        "asks",
        "clauses",
        "hits",
        "hypothetical",
        "long_ago",
        "question",
        "segment",
        "sudden_at",
    )

    def __init__(
        self,
        segment: Segment,
        hits: list[Hit],
        clauses: tuple[int, ...],
        sudden_at: set[int] | None = None,
        long_ago: set[int] | None = None,
        hypothetical: frozenset[int] = frozenset(),
        question: bool = False,
        asks: bool = False,
    ) -> None:
        self.segment = segment
        self.hits = hits
        self.clauses = clauses
        self.sudden_at = set() if sudden_at is None else sudden_at  # starts of sign hits said to be sudden
        self.long_ago = set() if long_ago is None else long_ago  # starts of sign hits placed long ago
        self.hypothetical = hypothetical  # positions inside a hypothetical ("what if I get ...")
        self.question = question
        self.asks = asks
        self._by_vocab: dict[str, list[Hit]] | None = None

    def vocabs(self) -> KeysView[str]:
        """The vocabularies found in the statement."""
        return self._index().keys()

    def hits_of(self, vocab: str) -> list[Hit]:
        """The hits of one vocabulary."""
        return self._index().get(vocab, [])

    def _index(self) -> dict[str, list[Hit]]:
        """The hits by vocabulary, built on first use (a reading asks hundreds of times)."""
        if self._by_vocab is None:
            self._by_vocab = {}
            for hit in self.hits:
                self._by_vocab.setdefault(hit.vocab, []).append(hit)
        return self._by_vocab

    def clause_of(self, hit: Hit) -> int:
        return self.clauses[hit.start]

    @property
    def general(self) -> bool:
        """A question about twitching in general ("can a twitch last for weeks?", "does als twitching happen
        all over", "can low calcium cause tingly lips"): it opens with a question word and names nobody, so it
        reports nothing. A perfect tells what has happened ("is it normal to have lost two stone without
        trying"); "how" and "why" ask about the caller's own ("how come it's getting more often")."""
        words, lemmas = self.segment.words, self.segment.lemmas
        return (
            len(words) > 2
            and words[0] in _GENERAL_OPENERS
            and (words[1] in _GENERAL_SUBJECTS or self._asks_in_general(words, lemmas))
            and not self.names_someone
            and not self.dated  # "is it normal to see double since this morning" is about the caller
            and not any(_perfect(words, lemmas, i) for i in range(1, len(words)))
        )

    def _asks_in_general(self, words: tuple[str, ...], lemmas: tuple[str, ...]) -> bool:
        """ "can statins cause muscle pain", "is dizziness a reason to see a doctor": a question word,
        nobody's anything, and a word that asks what causes or means what. Not "can hardly climb the stairs,
        legs keep giving way", a caller who dropped the "I"."""
        return (
            words[0] in _ASKING | {"is", "are"}
            and words[1] not in _TELLING_ADVERBS
            and not self.possessed
            and not _GENERAL_ASKS.isdisjoint(lemmas)
            and "way" not in lemmas  # "give way"
        )

    @property
    def possessed(self) -> bool:
        """Whether a possessive or "your" names whose something is ("is your face meant to feel numb")."""
        return not _POSSESSIVES.isdisjoint(self.segment.words) or "your" in self.segment.words

    @property
    def dated(self) -> bool:
        return _dated(self.segment, self.hits)

    @property
    def names_someone(self) -> bool:
        """Whether anyone is named, the caller included ("i", "my mum", "he")."""
        return any(h.vocab in PERSON_MARKERS or h.vocab == PRONOUN for h in self.hits)

    def in_clause(self, clause: int) -> "Statement":
        hits = [h for h in self.hits if self.clause_of(h) == clause]
        return Statement(
            self.segment,
            hits,
            self.clauses,
            self.sudden_at,
            self.long_ago,
            self.hypothetical,
            self.question,
            self.asks,
        )


Candidates = list[tuple[tuple[str, ...], str]]  # (the phrase's plain words, its vocabulary), longest first


class PhraseIndex:
    """Every vocabulary phrase, by its first word. Pickled for the build's snapshot, each first word's phrases
    travel as one string and are split the first time that word is heard: a cold start then makes ~2,000
    strings instead of ~15,000 tuples and strings (about a millisecond under python3.13)."""

    def __init__(self, phrases: Mapping[str, Iterable[str]], grammar: Grammar) -> None:
        self._index: dict[str, Candidates] = {}
        self._packed: dict[str, str] = {}
        for name, entries in phrases.items():
            for phrase in entries:
                lemmas = tuple(words_of(phrase, grammar.vocabulary))
                if any(mark in name for mark in "|;") or any(mark in w for w in lemmas for mark in "|; "):
                    raise ValueError(f"{name!r}: {phrase!r} holds a character the snapshot packs with")
                if lemmas:
                    self._index.setdefault(lemmas[0], []).append((lemmas, name))
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -len(c[0]))  # the longest phrase of a vocabulary wins

    def starting_with(self, word: str) -> Candidates:
        found = self._index.get(word)
        if found is None:
            packed = self._packed.pop(word, None)
            if packed is None:
                return []
            found = self._index[word] = [
                (tuple(words.split(" ")), name)
                for words, name in (entry.split("|") for entry in packed.split(";"))
            ]
        return found

    def __getstate__(self) -> dict[str, str]:
        packed = dict(self._packed)
        for word, candidates in self._index.items():
            packed[word] = ";".join(f"{' '.join(words)}|{name}" for words, name in candidates)
        return packed

    def __setstate__(self, packed: dict[str, str]) -> None:
        self._index, self._packed = {}, packed


class StatementReader:
    """Compiles the rules' phrases into an index once; `read` then splits one utterance into statements."""

    def __init__(self, grammar: Grammar, signs: frozenset[str], phrases: Mapping[str, Iterable[str]]) -> None:
        """`phrases`: each vocabulary (or literal concept part) and its phrases, in the rules' own words."""
        self.grammar = grammar
        self._signs = signs
        self._phrases = PhraseIndex(phrases, grammar)

    def read(self, text: str, *, asked: bool = False) -> list[Statement]:
        """`asked`: the words are what a question asks about ("can side effects cause twitching?")."""
        statements = [self._statement(s) for s in segments(text, self.grammar.vocabulary)]
        for statement in statements if asked else ():
            statement.question = statement.asks = True
        self._attach_markers(statements)
        return statements

    def _statement(self, segment: Segment) -> Statement:
        lemmas = segment.lemmas
        present = set(lemmas)  # a phrase whose last word is not said can't match: most are skipped unread
        hits: list[Hit] = []
        for start, lemma in enumerate(lemmas):
            seen: set[str] = set()
            for phrase, name in self._phrases.starting_with(lemma):
                if name in seen or phrase[-1] not in present:
                    continue
                if (end := self._match_end(lemmas, start, phrase)) > start:
                    seen.add(name)
                    hits.append(Hit(name, start, end))
        hits.extend(Hit(MANY, i, i + 1) for i in large_counts(segment.words))
        hits = [h for h in hits if not starts_a_span(h, lemmas)]
        # A person inside a long-ago phrase or a sign's is no person: "as a child" is a time, "every car has a
        # twin" is double vision, "pregnant with twins" a pregnancy.
        holders = [
            h
            for h in hits
            if h.vocab == LONG_AGO
            or ((h.vocab in self._signs or h.vocab == PREGNANT) and h.end - h.start > 1)
        ]
        hits = [h for h in hits if not (h.vocab in PERSON_MARKERS and any(inside(h, t) for t in holders))]
        # "my son is twenty five", "my 30 year old daughter": a grown-up son or daughter is an adult. So is a
        # pregnant daughter: her warning signs are an adult's, never the child path's.
        pregnant = [h.start for h in hits if h.vocab == PREGNANT]
        hits = [
            Hit("other_adult", h.start, h.end)
            if h.vocab == "child" and (said_pregnant(h, pregnant) or grown_up(segment.words, h))
            else h
            for h in hits
        ]
        covered = {i for h in hits if h.vocab not in MARKERS for i in range(h.start, h.end)}
        # "fine" inside a time word ("she was fine ten minutes ago") dates the sign; it doesn't deny it.
        onsets = [h for h in hits if h.vocab == SUDDEN]
        fine = [h for h in hits if h.vocab == FINE and not any(inside(h, o) for o in onsets)]
        # (The comprehension reads `hits` as found so far: the fine rule looks for a sign named between.)
        hits = [
            h
            if h.vocab in MARKERS
            else Hit(h.vocab, h.start, h.end, self._denied(lemmas, h, covered, fine, hits))
            for h in hits
        ]
        # A clause word inside a phrase ("pins and needles") ends no clause.
        within_phrase = {i for h in hits if h.vocab not in MARKERS for i in range(h.start + 1, h.end)}
        clauses, clause = [], 0
        words = segment.words
        for position, word in enumerate(lemmas):
            ends = word in self.grammar.clause_ends and position not in within_phrase
            clause += ends and not aside(words, position)
            clauses.append(clause)
        # A statement is a question when it starts with a question word ("can", "is") or holds a phrase such
        # as "is it"; a question word anywhere still marks a named cause as asked about.
        question = any(h.vocab == QUESTION and (h.start == 0 or h.end - h.start > 1) for h in hits)
        asks = any(h.vocab == QUESTION for h in hits)
        return Statement(
            segment,
            hits,
            tuple(clauses),
            hypothetical=frozenset()
            if _dated(segment, hits)
            else hypothetical_reach(segment, hits, self.grammar.clause_ends),
            question=question,
            asks=asks,
        )

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

    def _denied(
        self, lemmas: tuple[str, ...], hit: Hit, covered: set[int], fine: list[Hit], hits: list[Hit]
    ) -> bool:
        """A negator earlier in its scope, not itself part of a phrase ("no feeling" is numbness), or a fine
        word right after it."""
        return negator_before(lemmas, hit.start, self.grammar, covered) or followed_by(
            hit, fine, hits, lemmas
        )

    def _is_anchor(self, hit: Hit) -> bool:
        """Signs, literal concept words ("=forget") and the twitch: what a time word can describe."""
        return hit.vocab in self._signs or hit.vocab == TWITCH or hit.vocab.startswith("=")

    def _attach_markers(self, statements: list[Statement]) -> None:
        """Give each suddenness word to the nearest sign or twitch, and each long-ago word to what its clause
        says; a statement with no sign lends suddenness to both neighbours, "long ago" to the one before."""
        lends_sudden: list[bool] = []
        lends_long_ago: list[bool] = []
        for statement in statements:
            mark_sudden_after_fine(statement, self._is_anchor)
            orphan_sudden = orphan_long_ago = False
            for marker in (h for h in statement.hits if h.vocab in (SUDDEN, LONG_AGO)):
                anchors = [h for h in statement.hits if self._is_anchor(h) and not inside(h, marker)]
                if marker.vocab == LONG_AGO:
                    orphan_long_ago |= date_long_ago(statement, marker)
                    continue
                if not anchors:
                    orphan_sudden = True
                    continue
                clause = statement.clause_of(marker)
                if onset_of_all(statement.segment.lemmas, marker) or not any(
                    statement.clause_of(h) == clause for h in anchors
                ):
                    # In a clause of its own ("..., and it came on all at once"): every sign came on suddenly.
                    statement.sudden_at.update(h.start for h in anchors if h.vocab != TWITCH)
                    continue
                # In a tie a sign wins over the twitch: caution.
                nearest = min(
                    anchors,
                    key=lambda h: (statement.clause_of(h) != clause, distance(h, marker), h.vocab == TWITCH),
                )
                if nearest.vocab != TWITCH:
                    # Every sign of that clause came on suddenly ("can't hold my phone, it keeps slipping");
                    # opening the statement, every sign told after it ("suddenly a headache, then my arm...").
                    near = statement.clause_of(nearest)
                    statement.sudden_at.update(
                        h.start
                        for h in anchors
                        if h.vocab != TWITCH
                        and (statement.clause_of(h) == near or (marker.start <= 1 and h.start > marker.start))
                    )
                    mark_coordinated(statement, [h for h in anchors if h.vocab != TWITCH])
            lends_sudden.append(orphan_sudden)
            lends_long_ago.append(orphan_long_ago)
        for i, statement in enumerate(statements):
            signs = [h.start for h in statement.hits if self._is_anchor(h) and h.vocab != TWITCH]
            if any(lends_sudden[j] for j in (i - 1, i + 1) if 0 <= j < len(statements)):
                statement.sudden_at.update(signs)
            if i + 1 < len(statements) and lends_long_ago[i + 1]:
                statement.long_ago.update(signs)

    def satisfied(
        self, statement: Statement, concept: Concept, utterance: Statement | None = None
    ) -> tuple[list[Hit], bool] | None:
        """The hits that meet a concept in one statement, and whether they are denied; None if unmet. A
        "!vocabulary" part must not be affirmed in a clause of the hits chosen ("I've been choking on drinks
        more and more" is no breathing emergency; "my eyelid's twitched lately, and now he's choking" is).
        "!a&b" excludes only when every one of them is affirmed anywhere in the `utterance`."""
        if not statement.vocabs() >= needed(concept):
            return None  # most concepts miss a part: a set comparison, before any hit is looked at
        chosen: list[Hit] = []
        negated = False
        sudden = SUDDEN in concept.parts
        for part in concept.parts:
            if part == SUDDEN or part.startswith("!"):
                continue
            candidates = statement.hits_of(part)
            if not candidates:
                return None
            affirmed = [h for h in candidates if not h.negated]
            if statement.hypothetical:  # "is it normal to lose your footing? I've nearly gone down twice"
                affirmed.sort(key=lambda h: h.start in statement.hypothetical)
            if sudden:  # "numb and heavy out of the blue": the sign the suddenness describes
                affirmed.sort(key=lambda h: h.start not in statement.sudden_at)
            chosen.append((affirmed or candidates)[0])
            negated |= not affirmed
        if SUDDEN in concept.parts and not any(h.start in statement.sudden_at for h in chosen):
            return None
        clauses = {statement.clause_of(h) for h in chosen}
        for part in (p[1:] for p in concept.parts if p.startswith("!")):
            if "&" in part:
                told = utterance or statement
                if all(any(not h.negated for h in told.hits_of(name)) for name in part.split("&")):
                    return None
            elif any(_describes(statement, h, chosen, clauses) for h in statement.hits_of(part)):
                return None
        return chosen, negated


def joined(statements: Sequence[Statement]) -> Statement:
    """The whole utterance as one statement, for concepts whose background may be said in another sentence."""
    if len(statements) == 1:
        return statements[0]
    lemmas: list[str] = []
    words: list[str] = []
    hits: list[Hit] = []
    clauses: list[int] = []
    sudden: set[int] = set()
    long_ago: set[int] = set()
    hypothetical: set[int] = set()
    for statement in statements:
        offset, base = len(lemmas), (clauses[-1] + 1 if clauses else 0)
        lemmas.extend(statement.segment.lemmas)
        words.extend(statement.segment.words)
        clauses.extend(base + c for c in statement.clauses)
        hits.extend(Hit(h.vocab, h.start + offset, h.end + offset, h.negated) for h in statement.hits)
        sudden.update(i + offset for i in statement.sudden_at)
        long_ago.update(i + offset for i in statement.long_ago)
        hypothetical.update(i + offset for i in statement.hypothetical)
    question = any(s.question for s in statements)
    asks = any(s.asks for s in statements)
    segment = Segment(tuple(lemmas), tuple(words))
    return Statement(segment, hits, tuple(clauses), sudden, long_ago, frozenset(hypothetical), question, asks)


ADULT_AGE = 16
_AGE_LEAD = frozenset(
    {"is", "s", "who", "whos", "aged", "age", "now", "just", "turned", "nearly", "almost"}
    | {"he", "she", "hes", "shes"}
)


def grown_up(words: tuple[str, ...], child: Hit) -> bool:
    """A son or daughter whose age, said next to them, is an adult's: "is 20", "who's twenty five", "my 30
    year old son"."""
    after = [w for w in words[child.end : child.end + 5] if w not in _AGE_LEAD]
    before = list(words[max(0, child.start - 4) : child.start])
    ages = [" ".join(after[:2]), after[0] if after else ""]
    if words[child.start] in ("year", "years", "yr"):  # the marker is "year old" itself: "my 30 year old"
        ages += [" ".join(before[-2:]), before[-1]] if before else []
    elif before[-2:] in (["year", "old"], ["years", "old"]):
        ages += [" ".join(before[-4:-2]), before[-3]] if len(before) >= 3 else []
    if not _GROWN_UP_LIFE.isdisjoint(words[child.end : child.end + 4]):
        return True  # "my son who's at uni", "my daughter at college"
    return any((age := number_of(text)) is not None and age >= ADULT_AGE for text in ages if text)


_GROWN_UP_LIFE = frozenset({"uni", "university", "college", "married"})


# A number of ten or more counts things ("twenty paracetamol", "12 of the tablets"), unless it measures time,
# age, a dose or a clock ("ten minutes", "is twenty", "50 mg", "at ten").
_MEASURES = frozenset(
    "minute minutes min mins hour hours hr hrs day days night nights week weeks month months year years yr"
    " yrs mg milligram milligrams mcg microgram micrograms ml millilitre millilitres gram grams g percent"
    " degree degrees oclock am pm past kilo kilos kg pound pounds lb lbs stone mile miles km k times"
    " point quid dollars rupees".split()
)
_NOT_COUNTING = frozenset("at is s aged age since till until by from in after before turned turning".split())
_UNITS = frozenset("one two three four five six seven eight nine".split())
_COUNT_WORDS = frozenset(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty"
    " fifty sixty".split()
)


def large_counts(words: tuple[str, ...]) -> Iterator[int]:
    """Where a count of ten or more things is said."""
    for i, word in enumerate(words):
        if not (word.isdigit() or word in _COUNT_WORDS):
            continue
        value = int(word) if word.isdigit() and len(word) < 4 else number_of(word)
        if value is None or value < 10:
            continue
        after = words[i + 1 : i + 3]
        if after and after[0] in _UNITS:  # "twenty five minutes"
            after = after[1:]
        if (after and after[0] in _MEASURES) or (i and words[i - 1] in _NOT_COUNTING):
            continue
        yield i


def said_pregnant(child: Hit, pregnant: list[int]) -> bool:
    """A pregnancy said of the son or daughter just named: "my daughter's pregnant", "my daughter is eight
    months pregnant" (not "I'm pregnant and my little boy ...")."""
    return any(0 <= start - child.end <= 4 for start in pregnant)


def date_long_ago(statement: Statement, marker: Hit) -> bool:
    """Place what a long-ago word dates in the past: everything said in its clause (a fit, a medicine
    started), or for "I had a fit, when I was twelve" the clause before it. True when the statement is itself
    only the time ("that was years ago", "when I was twelve"), which dates the statement before."""
    things = [h for h in statement.hits if h.vocab not in MARKERS and not inside(h, marker)]
    clause = statement.clause_of(marker)
    own = [h for h in things if statement.clause_of(h) == clause]
    # Only a clause that is itself the time ("..., when I was twelve") reaches back.
    opens_clause = all(statement.clauses[i] != clause for i in range(marker.start))
    before = [h for h in things if statement.clause_of(h) == clause - 1] if opens_clause else []
    words = statement.segment.words
    statement.long_ago.update(h.start for h in own or before if not told_as_now(words, marker, h))
    # "she retired years ago" is another event, and dates nothing before it.
    opener = statement.segment.lemmas[0]
    return not things and (marker.start == 0 or opener in _TIME_OPENERS)


def _dated(segment: Segment, hits: list[Hit]) -> bool:
    """Whether a statement says when or how often something happened, as people do of their own symptoms:
    then a question or a "what if" in it is about the caller ("is it normal to see double since this
    morning", "... for the last few days", "is that bad, falling over three times this week", "dizzy on and
    off", "... since september", "I had it done on Friday")."""
    words, lemmas = segment.words, segment.lemmas
    recent = any(w == "the" and words[i + 1 : i + 2] in (("last",), ("past",)) for i, w in enumerate(words))
    this = any(w == "this" and words[i + 1 : i + 2] in _THIS_PERIODS for i, w in enumerate(words))
    since = any(w == "since" and words[i + 1 : i + 2] not in _REASON_STARTS for i, w in enumerate(words))
    counted = any(w == "#" and lemmas[i + 1 : i + 2] == ("time",) for i, w in enumerate(lemmas)) or any(
        words[i : i + 3] in _FREQUENCIES for i in range(len(words))
    )
    return (
        recent
        or this
        or since
        or counted
        or any(h.vocab == SUDDEN for h in hits)
        or not _DATING.isdisjoint(words)
    )


# "since I'm anxious", "since it's the weekend": a reason, not a date.
_REASON_STARTS = frozenset(
    (w,) for w in ("i", "im", "he", "she", "they", "we", "you", "it", "its", "my", "there", "then", "")
) | {()}
_FREQUENCIES = frozenset({("all", "the", "time"), ("on", "and", "off"), ("off", "and", "on")})
_THIS_PERIODS = frozenset(
    (period,) for period in ("week", "month", "morning", "afternoon", "evening", "weekend", "year")
)


def told_as_now(words: tuple[str, ...], marker: Hit, thing: Hit) -> bool:
    """A present tense or a word of now in what a long-ago word would date, or just before it: "my dad aged
    seventy has just collapsed", "he had a stroke years ago, he is slurring again"."""
    between = words[max(thing.start - 2, 0, marker.end if marker.end <= thing.start else 0) : thing.end]
    for i, word in enumerate(between):
        if word in _NOW_WORDS:
            return True
        if word == "has" and between[i + 1 : i + 2] not in (("had",), ("been",), ("always",)):
            return True
    return False


_NOW_WORDS = frozenset("is are am cannot keeps now today tonight again just currently".split())


def followed_by(hit: Hit, fine: list[Hit], hits: list[Hit], lemmas: tuple[str, ...]) -> bool:
    """A sign said to be fine right after it: "I can swallow no problem", "my breathing is fine". Not an
    inability ("I cannot breathe ok"), a question ("my speech is slurred, is that normal?"), a fine that is
    itself denied or compared ("not breathing normally", "more than normal"), a fine joined on by "and" ("my
    chest is crushing and alright, I'm scared"), a word to the listener ("he
    collapsed, ok, what do I do"), or a fine said of something named between ("face drooping, arms ok")."""
    if "cannot" in lemmas[hit.start : hit.end]:
        return False
    for f in fine:
        if not 0 <= f.start - hit.end <= 2:
            continue
        before, after = lemmas[max(f.start - 2, 0) : f.start], lemmas[f.end : f.end + 1]
        if before[-1:] in (("not",), ("than",), ("and",)) or (
            before[:1] == ("be",) and before[1:] in _ASKED_OF
        ):
            continue
        if after and after[0] in _NEXT_QUESTION:
            continue
        if any(hit.end <= h.start and h.end <= f.start for h in hits if h.vocab not in MARKERS):
            continue
        return True
    return False


_ASKED_OF = frozenset({("that",), ("it",), ("this",)})  # "is that normal", "is it ok"
_NEXT_QUESTION = frozenset("what how should do can is why who where".split())  # "ok what do I do"


def inside(hit: Hit, outer: Hit) -> bool:
    return outer.start <= hit.start and hit.end <= outer.end and hit is not outer


def distance(a: Hit, b: Hit) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def hypothetical_reach(segment: Segment, hits: list[Hit], clause_ends: frozenset[str]) -> frozenset[int]:
    """Where a hypothetical reaches: from its marker to the end of its clause, or to a new subject
    ("is twitching a sign of healing | I've started falling over" is a question, then a report). A question
    about the caller's own case ("is it normal", "should I worry") also ends where it starts telling: at a
    "that" or "when" right after it ("is it normal that there's a dent in my hand"), a "keep" ("is it normal
    to keep falling over") or a new subject after a verb of worry ("when should I worry, my eyesight keeps
    going double"), and an "if" after it tells too ("do I need to see someone if my pee is cola coloured").
    An example given ("for example I keep falling over") is told, and so is a habit ("if I look to the left
    everything is double")."""
    lemmas, words = segment.lemmas, segment.words
    reach: set[int] = set()
    markers = [h for h in hits if h.vocab == HYPOTHETICAL]
    if words and words[0] in _ASKING and "cause" in lemmas:  # "can stress cause double vision"
        markers += [Hit(HYPOTHETICAL, i, i + 1) for i, lemma in enumerate(lemmas) if lemma == "cause"]
    asked = any(
        h.vocab == QUESTION and (h.start == 0 or h.end - h.start > 1 or lemmas[h.start] != "be") for h in hits
    )
    own_case_at = min((h.start for h in markers if _own_case(lemmas, h)), default=len(lemmas))
    for marker in markers:
        phrase = words[marker.start : marker.end]
        if phrase in _WHENEVER and (
            own_case_at < marker.start
            or (not asked and _MODALS.isdisjoint(lemmas[1:]) and "ever" not in words)
        ):
            continue  # "if I look to the left everything is double": whenever, not what if
        reach.update(range(marker.start, _reach_end(segment, marker, clause_ends)))
    return frozenset(reach)


def _reach_end(segment: Segment, marker: Hit, clause_ends: frozenset[str]) -> int:
    lemmas, words = segment.lemmas, segment.words
    phrase, own_case = words[marker.start : marker.end], _own_case(lemmas, marker)
    position = marker.end
    if (
        own_case
        and position < len(lemmas)
        and (lemmas[position] in _TOLD_AFTER or lemmas[position] in _POSSESSIVES)
    ):
        return position  # "should I be worried my heart pounds at night"
    while position < len(lemmas) and lemmas[position] not in clause_ends:
        if lemmas[position] in SUBJECTS and (position > marker.end or phrase in _EXAMPLES):
            break
        if lemmas[position] in _POSSESSIVES and _opens_subject(lemmas, position, after_worry=own_case):
            break  # "in case it helps, my wife has had double vision"
        if own_case and (lemmas[position] == "keep" or _perfect(words, lemmas, position)):
            break  # "is it normal to keep falling over", "... to have lost two stone without trying"
        position += 1
    return position


def _own_case(lemmas: tuple[str, ...], marker: Hit) -> bool:
    return tuple(lemma for lemma in lemmas[marker.start : marker.end] if lemma != "be") in _OWN_CASE_QUESTIONS


def _perfect(words: tuple[str, ...], lemmas: tuple[str, ...], at: int) -> bool:
    """ "to have lost", "to have gone": a perfect after "to" tells what has happened."""
    return (
        words[at - 1 : at + 1] == ("to", "have")
        and at + 1 < len(words)
        and words[at + 1] != lemmas[at + 1]
        and words[at + 1] not in ("a", "an", "the", "to")
    )


# Questions a caller asks about their own case, as lemmas without "be" ("is it normal", "should I be
# worried", "would it", "does it mean"): what follows may be told, not imagined.
_OWN_CASE_QUESTIONS = frozenset(
    tuple(phrase.split())
    for phrase in (
        "it normal",
        "should i worry",
        "when should",
        "do i need",
        "when do i",
        "will it",
        "do it mean",
    )
)
_EXAMPLES = frozenset({("for", "example"), ("such", "as")})
_TOLD_AFTER = frozenset({"that", "when"})
# "if" said of what happens each time: a conditional with no question, modal or "ever" tells a habit.
_WHENEVER = frozenset({("if", "i"), ("if", "it"), ("if", "my"), ("if", "the"), ("if", "he"), ("if", "she")})
_ASKING = frozenset({"can", "could", "does", "do", "will", "would", "might", "may"})
_TELLING_ADVERBS = frozenset(
    {"hardly", "barely", "only", "just", "never", "still", "not", "no", "really", "even"}
)
_GENERAL_ASKS = frozenset(
    {"cause", "make", "give", "trigger", "bring", "mean", "sign", "symptom", "reason", "normal", "common"}
    | {"link", "linked", "relate", "related", "connect", "connected", "part", "check", "doctor"}
)


def recurs_now(statement: Statement) -> int | None:
    """ "I had a fit last year, I'm having them again today": a pronoun then "again" (or "another one", or
    "it's back"), after
    something placed long ago, says that it is happening again now; returns where that pronoun (or "another")
    is, so that the person before it is whom it is about. Not when denied ("it
    never happened again"), imagined ("I'm scared I'll have one again", "another one would be awful") or
    about the twitch ("it's twitching again")."""
    if not statement.long_ago:
        return None
    lemmas, words, first_past = statement.segment.lemmas, statement.segment.words, min(statement.long_ago)
    twitching = {i for h in statement.hits if h.vocab == TWITCH for i in range(h.start, h.end)}
    for position, lemma in enumerate(lemmas):
        another = lemma == "another" and words[position + 1 : position + 2] == ("one",)  # "another one now"
        returned = lemma == "back" and lemmas[position - 2 : position] in (("it", "be"), ("they", "be"))
        if returned and words[position + 1 : position + 2] != (
            "to",
        ):  # "now it's back", not "back to normal"
            return position - 2
        if not (lemma == "again" or another) or position < first_past or position in statement.hypothetical:
            continue
        before, after = lemmas[max(0, position - 3) : position], lemmas[position + 1 : position + 4]
        if not (another or not _RECURRING.isdisjoint(before)) or not _NEGATED_BEFORE.isdisjoint(before):
            continue
        if not _MODALS.isdisjoint(lemmas[max(first_past, position - 5) : position]) or not _MODALS.isdisjoint(
            after
        ):
            continue
        if not twitching.isdisjoint(range(position - 3, position + 2)):
            continue
        if another:
            return position
        return max(i for i in range(max(0, position - 3), position) if lemmas[i] in _RECURRING)
    return None


_MODALS = frozenset({"will", "could", "might", "may", "if", "should"})
_RECURRING = frozenset({"them", "it", "one", "another", "those", "these"})
_NEGATED_BEFORE = frozenset({"not", "never", "no", "without"})


def starts_a_span(hit: Hit, lemmas: tuple[str, ...]) -> bool:
    """ "since last month", "it started in March": a long-ago word after "since" or a verb of starting is
    where a duration begins, not a date that puts what is said in the past."""
    return hit.vocab == LONG_AGO and hit.start > 0 and lemmas[hit.start - 1] in _SPAN_STARTS


_SPAN_STARTS = frozenset({"since", "start", "begin", "from"})


def onset_of_all(lemmas: tuple[str, ...], marker: Hit) -> bool:
    """ "... and a terrible headache, it came on just now": "it" with a verb of onset before a time word tells
    when everything said before it began."""
    before = lemmas[max(0, marker.start - 3) : marker.start]
    return any(before[-len(opener) :] == opener for opener in _ONSET_OPENERS if len(before) >= len(opener))


_ONSET_OPENERS = (
    ("it", "come", "on"),
    ("it", "all", "start"),
    ("it", "start"),
    ("this", "start"),
    ("it", "happen"),
)


def mark_coordinated(statement: Statement, signs: Sequence[Hit]) -> None:
    """Signs joined by a bare "and" or "or" came on together: "went weak and tingly just now" makes the
    weakness sudden too, though the "and" starts a new clause."""
    words = statement.segment.words
    spread = True
    while spread:
        spread = False
        for a, b in pairwise(signs):
            if b.start == a.end + 1 and words[a.end] in ("and", "or"):
                for one, other in ((a, b), (b, a)):
                    if one.start in statement.sudden_at and other.start not in statement.sudden_at:
                        statement.sudden_at.add(other.start)
                        spread = True


def mark_sudden_after_fine(statement: Statement, is_anchor: Callable[[Hit], bool]) -> None:
    """ "She was fine watching telly, then she couldn't stay upright": what follows a "fine ... then" (or
    "until") came on suddenly."""
    lemmas = statement.segment.lemmas
    for fine in (h for h in statement.hits if h.vocab == FINE):
        turn = next((i for i in range(fine.end, len(lemmas)) if lemmas[i] in _THEN_WORDS), None)
        if turn is not None:
            after = (h for h in statement.hits if h.start > turn and is_anchor(h))
            statement.sudden_at.update(h.start for h in after)


@cache
def needed(concept: Concept) -> frozenset[str]:
    """The vocabularies a concept needs in a statement (its parts but `sudden` and "!" ones)."""
    return frozenset(p for p in concept.parts if p != SUDDEN and not p.startswith("!"))


@cache
def mentioned(concepts: tuple[Concept, ...]) -> frozenset[str]:
    """Every vocabulary the concepts need: a statement with none of them meets none of them."""
    return frozenset().union(*map(needed, concepts))


def after_negator(statement: Statement, grammar: Grammar, start: int) -> bool:
    """A negator earlier in the same clause and scope, inside a phrase or not ("hasn't even been")."""
    clause = statement.clauses[start]
    opens = statement.clauses.index(clause)  # clause numbers only grow along a statement
    return negator_before(statement.segment.lemmas, start, grammar, since=opens)


def negator_before(
    lemmas: tuple[str, ...], start: int, grammar: Grammar, covered: Collection[int] = (), since: int = 0
) -> bool:
    """A negator between `since` and `start`, with no scope end after it and not at a `covered` position.
    A new subject also ends the scope: speech has no commas, so in "not to be dramatic my face is drooping"
    or "no nothing like that my arm's gone dead" the denial is over before "my"."""
    for back in range(start - 1, since - 1, -1):
        word = lemmas[back]
        if word in grammar.scope_ends or (word in _POSSESSIVES and _opens_subject(lemmas, back)):
            return False
        if word == "it" and _it_is_again(lemmas, back):
            return False  # "it's not my stomach, it's my chest"
        if word in grammar.negators and back not in covered:
            return True
    return False


def _it_is_again(lemmas: tuple[str, ...], at: int) -> bool:
    """ "it is" (or "it feels") said afresh after a denial: a contrast ("it's not X, it's Y", "no one can
    understand my speech, it's slurred", "it's not chest pain exactly, it feels like indigestion"), not a
    thought ("I don't think it's my heart")."""
    return (
        lemmas[at + 1 : at + 2] in (("be",), ("feel",), ("seem",))
        and lemmas[at + 2 : at + 3] != ("not",)
        and (lemmas[at - 1] if at > 0 else "") not in _KEEP_DENIAL_BEFORE | {"that", "if"}
    )


def _opens_subject(lemmas: tuple[str, ...], at: int, *, after_worry: bool = False) -> bool:
    """ "my face is", "my left arm has gone", "my husband collapsed": a possessive that starts a sentence (not
    the object of a preposition or of a verb of thinking), followed by a short noun phrase and its verb.
    `after_worry`: a verb of worry may come before it ("should I worry my eyesight keeps going double")."""
    before = lemmas[at - 1] if at > 0 else ""
    if (before in _KEEP_DENIAL_BEFORE and not (after_worry and before in _WORRY)) or (
        before == "that" and lemmas[at - 2 : at - 1] == ("not",)
    ):
        return False  # "no pain in my chest", "never had my arm go dead", "not that my chest is tight"
    for word in lemmas[at + 1 : at + 4]:
        if word in _SUBJECT_VERBS:
            return True
        if word in _NOT_NOUNS:
            return False
    return False


_WORRY = frozenset({"worry", "think", "reckon", "notice"})


def _describes(statement: Statement, hit: Hit, chosen: list[Hit], clauses: set[int]) -> bool:
    """An excluding hit describes the concept's hits: affirmed, in their clause, and with no new subject
    between ("my twitching's got worse over months he's choking" is about two things)."""
    if hit.negated or statement.clause_of(hit) not in clauses:
        return False
    lemmas = statement.segment.lemmas
    for other in chosen:
        first, second = sorted((hit, other), key=lambda h: h.start)
        if not SUBJECTS.intersection(lemmas[first.end : second.start]):  # the words between the two
            return True
    return False
