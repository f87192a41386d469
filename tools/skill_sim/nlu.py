"""Resolve typed text to an intent and slots the way Alexa would, from an interaction model's samples.

Every sample is compiled once into a token pattern; `{slot}` placeholders capture one or more words. Among
the samples that match, the one with the most literal words wins, then the one whose slot captures are known
values (custom values or synonyms, numbers, durations), then the shorter unknown captures, then an intent
the dialog prefers, then model order. A match must rest on at least one literal word or one known value.
Text that matches nothing, even after dropping a leading carrier phrase ("can you tell me") or small words
("the", "just"), goes to the model's catch-all: the first sample that is one custom slot alone ("{symptom}"),
which Alexa fills with whatever words it heard. A model without one sends AMAZON.FallbackIntent (sent even
when the model does not declare it: the skill should then see what a device would not send, which
`skill-sim --coverage` also flags); so does an utterance with no words at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .builtins import BUILTIN_PHRASES, FALLBACK_INTENT
from .model import InteractionModel, SlotType
from .text import (
    LOOSE_ENDINGS,
    LOOSE_FORMS,
    LOOSE_WORDS,
    Words,
    normal_text,
    normalise,
    parse_duration,
    parse_number,
)

ER_MATCH = "ER_SUCCESS_MATCH"
ER_NO_MATCH = "ER_SUCCESS_NO_MATCH"

# Tried only when the whole text matches nothing: lead-ins that wrap a question without changing it.
CARRIER_PHRASES = tuple(
    tuple(p.split())
    for p in (
        "can you tell me", "could you tell me", "please tell me", "tell me", "i want to know",
        "i would like to know", "i wanted to know", "do you know", "i wonder", "i was wondering",
        "i have a question", "question",
    )
)  # fmt: skip

_PLACEHOLDER = re.compile(r"(\{[^{}]+\})")


@dataclass(frozen=True)
class ResolvedSlot:
    """A filled slot as Alexa reports it.

    `value` is what goes into slot.value: the spoken words for custom and free-text types, the ISO-8601
    duration for AMAZON.DURATION ("P3W"), digits for AMAZON.NUMBER. `status` is ER_SUCCESS_MATCH or
    ER_SUCCESS_NO_MATCH for custom slot types and None for built-in types (Alexa sends no resolutions then).
    `id` and `name` are the first entity-resolution match; `matches` lists all (name, id) pairs. `known`
    is True when Alexa recognises the value (an ER match, a number, a duration), which ranks a match higher.
    """

    value: str
    id: str | None = None
    status: str | None = None
    name: str | None = None
    matches: tuple[tuple[str, str | None], ...] = ()
    known: bool = False


@dataclass(frozen=True)
class ResolvedIntent:
    """The intent Alexa would send, its filled slots, and the model sample that matched (None if none)."""

    name: str
    slots: dict[str, ResolvedSlot] = field(default_factory=dict)
    sample: str | None = None


@dataclass(frozen=True)
class _SlotRef:
    name: str
    type: str


@dataclass(frozen=True)
class _Sample:
    intent: str
    text: str
    elements: tuple[str | _SlotRef, ...]
    literals: frozenset[str]
    literal_count: int
    order: int
    # tokens that must follow element i: literals count one, slots at least one
    min_after: tuple[int, ...]

    @property
    def slotless(self) -> bool:
        return self.literal_count == len(self.elements)


Score = tuple[int, int, int, int, int]
Split = tuple[dict[str, "ResolvedSlot"], int, int]


@dataclass(frozen=True)
class _Candidate:
    score: Score
    sample: _Sample
    slots: dict[str, ResolvedSlot]


def _compile(intent: str, text: str, slot_types: dict[str, str], order: int, loose: bool) -> _Sample | None:
    elements: list[str | _SlotRef] = []
    for part in _PLACEHOLDER.split(text):
        if part.startswith("{") and part.endswith("}"):
            name = part[1:-1]
            elements.append(_SlotRef(name, slot_types[name]))
        else:
            tokens = normalise(part).tokens
            if loose:
                elements.extend(LOOSE_FORMS.get(t, t) for t in tokens if t not in LOOSE_WORDS)
            else:
                elements.extend(tokens)
    if not elements:
        return None
    literals = [e for e in elements if isinstance(e, str)]
    min_after = tuple(len(elements) - i - 1 for i in range(len(elements)))
    return _Sample(intent, text, tuple(elements), frozenset(literals), len(literals), order, min_after)


class _Index:
    """Samples of one matching pass: slotless ones by their exact token tuple, the rest in a list."""

    def __init__(self, samples: Iterable[_Sample]) -> None:
        self.exact: dict[tuple[str, ...], list[_Sample]] = {}
        self.slotted: list[_Sample] = []
        for sample in samples:
            if sample.slotless:
                key = tuple(e for e in sample.elements if isinstance(e, str))
                self.exact.setdefault(key, []).append(sample)
            else:
                self.slotted.append(sample)


class Resolver:
    """Compiles a model once; `resolve(text)` then maps typed text to a `ResolvedIntent`.

    `has_fallback` tells whether the model declares AMAZON.FallbackIntent.
    """

    def __init__(self, model: InteractionModel) -> None:
        self.model = model
        self.has_fallback = model.intent(FALLBACK_INTENT) is not None
        self._values: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
        self._loose_values: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
        for slot_type in model.types.values():
            self._index_type(slot_type)
        strict: list[_Sample] = []
        loose: list[_Sample] = []
        self._own: list[_Sample] = []  # the model's own samples, without the built-in intents' phrases
        self._slot_samples: dict[tuple[str, str], tuple[list[_Sample], list[_Sample]]] = {}
        for order, intent in enumerate(model.intents):
            types = {s.name: s.type for s in intent.slots}
            phrases = list(intent.samples) + list(BUILTIN_PHRASES.get(intent.name, ()))
            self._own += self._compiled(intent.name, intent.samples, types, order, loose=False)
            strict += self._compiled(intent.name, phrases, types, order, loose=False)
            loose += self._compiled(intent.name, phrases, types, order, loose=True)
            for slot in intent.slots:
                # Alexa fills an elicited slot from the slot's own samples or from the bare value.
                slot_phrases = [*slot.samples, "{" + slot.name + "}"]
                self._slot_samples[(intent.name, slot.name)] = (
                    self._compiled(intent.name, slot_phrases, types, order, loose=False),
                    self._compiled(intent.name, slot_phrases, types, order, loose=True),
                )
        self._strict = _Index(strict)
        self._loose = _Index(loose)
        self._catch_all = next(
            (
                (sample.intent, element)
                for sample in strict
                if len(sample.elements) == 1
                and isinstance(element := sample.elements[0], _SlotRef)
                and element.type in self._values
            ),
            None,
        )

    @staticmethod
    def _compiled(
        intent: str, phrases: Sequence[str], types: dict[str, str], order: int, *, loose: bool
    ) -> list[_Sample]:
        compiled = (_compile(intent, p, types, order, loose) for p in phrases)
        return [s for s in compiled if s is not None]

    def _index_type(self, slot_type: SlotType) -> None:
        strict = self._values.setdefault(slot_type.name, {})
        loose = self._loose_values.setdefault(slot_type.name, {})
        # Canonical names first so that a word that is both a name and a synonym resolves to the name.
        spoken = [(v.name, v) for v in slot_type.values]
        spoken += [(s, v) for v in slot_type.values for s in v.synonyms]
        for words, value in spoken:
            key = normal_text(words)
            entry = (value.name, value.id)
            for index, k in ((strict, key), (loose, _loosen(key))):
                if k and entry not in index.setdefault(k, []):
                    index[k].append(entry)

    # -- slot values -----------------------------------------------------------------------------------

    def slot_value(self, slot_type: str, text: str) -> ResolvedSlot | None:
        """Resolve `text` as a value of `slot_type` alone; None when a built-in type cannot parse it."""
        words = normalise(text)
        return self._value(slot_type, words, 0, len(words.tokens)) if words.tokens else None

    def _value(self, slot_type: str, words: Words, start: int, end: int) -> ResolvedSlot | None:
        tokens = words.tokens[start:end]
        spoken = words.surface(start, end) or " ".join(tokens)
        if slot_type in self._values:
            key = " ".join(tokens)
            matches = self._values[slot_type].get(key) or self._loose_values[slot_type].get(_loosen(key))
            if matches:
                name, value_id = matches[0]
                return ResolvedSlot(spoken, value_id, ER_MATCH, name, tuple(matches), known=True)
            return ResolvedSlot(spoken, None, ER_NO_MATCH)
        if slot_type == "AMAZON.DURATION":
            duration = parse_duration(tokens)
            return None if duration is None else ResolvedSlot(duration, known=True)
        if slot_type == "AMAZON.NUMBER":
            number = parse_number(tokens)
            return None if number is None else ResolvedSlot(str(number), known=True)
        # AMAZON.SearchQuery, AMAZON.FirstName and other built-in types: the words as spoken.
        return ResolvedSlot(spoken)

    # -- matching --------------------------------------------------------------------------------------

    def resolve(
        self, text: str, *, prefer: str | None = None, elicit: tuple[str, str] | None = None
    ) -> ResolvedIntent:
        """Map typed text to the intent and slots Alexa would send.

        `prefer` names an intent to win ties (the one a Dialog directive is about). `elicit` is
        (intent, slot) while a Dialog.ElicitSlot is pending: the slot's own samples and its bare value are
        tried first, and free-form text fills a custom slot rather than falling back.
        """
        return self.resolve_any([text], prefer=prefer, elicit=elicit)

    def resolve_any(
        self, texts: Sequence[str], *, prefer: str | None = None, elicit: tuple[str, str] | None = None
    ) -> ResolvedIntent:
        """Resolve each of several readings of one utterance and keep the best (first wins a tie)."""
        readings = [normalise(t) for t in texts]
        if elicit is not None:
            for words in readings:
                filled = self._elicited(words, elicit)
                if filled is not None:
                    return filled
        best: _Candidate | None = None
        for words in readings:
            found = self._best(words, prefer or (elicit[0] if elicit else None))
            if found is not None and (best is None or found.score > best.score):
                best = found
        if best is not None:
            return ResolvedIntent(best.sample.intent, best.slots, best.sample.text)
        if elicit is not None and readings and readings[0].tokens:
            slot = self._free_form(elicit, readings[0])
            if slot is not None:
                return ResolvedIntent(elicit[0], {elicit[1]: slot}, None)
        if self._catch_all is not None and readings and readings[0].tokens:
            intent, ref = self._catch_all
            words = readings[0]
            value = self._value(ref.type, words, 0, len(words.tokens))
            if value is not None:
                return ResolvedIntent(intent, {ref.name: value}, "{" + ref.name + "}")
        return ResolvedIntent(FALLBACK_INTENT)

    def sample_match(self, texts: Sequence[str]) -> ResolvedIntent | None:
        """The first of the model's own samples that one of `texts` says word for word, or None.

        A slot stands for one or more words; a custom slot's words must be one of its type's values or
        synonyms as written, a number or duration slot's words must parse. This is how Amazon checks an
        example phrase, with none of the tolerance `resolve` has for what people say.
        """
        for text in texts:
            words = normalise(text)
            for sample in self._own:
                refs = [e for e in sample.elements if isinstance(e, _SlotRef)]
                for slots, _, _ in self._assignments(sample, words, {}):
                    if all(self._exact_value(ref, slots[ref.name]) for ref in refs):
                        return ResolvedIntent(sample.intent, slots, sample.text)
        return None

    def _exact_value(self, ref: _SlotRef, slot: ResolvedSlot) -> bool:
        values = self._values.get(ref.type)
        return values is None or normal_text(slot.value) in values

    def _elicited(self, words: Words, elicit: tuple[str, str]) -> ResolvedIntent | None:
        pair = self._slot_samples.get(elicit)
        if pair is None:
            return None
        for samples, variant in ((pair[0], words), (pair[1], _loose_words(words))):
            found = self._best_of(samples, variant, None)
            if found is not None and found.slots.get(elicit[1]) is not None:
                sample = found.sample.text if found.sample.literal_count else None
                return ResolvedIntent(elicit[0], found.slots, sample)
        return None

    def _free_form(self, elicit: tuple[str, str], words: Words) -> ResolvedSlot | None:
        intent = self.model.intent(elicit[0])
        slot = intent.slot(elicit[1]) if intent else None
        if slot is None or slot.type in ("AMAZON.DURATION", "AMAZON.NUMBER"):
            return None
        return self._value(slot.type, words, 0, len(words.tokens))

    def _best(self, words: Words, prefer: str | None) -> _Candidate | None:
        for index, variant in ((self._strict, words), (self._loose, _loose_words(words))):
            for reading in (variant, _without_carrier(variant)):
                if reading is None or not reading.tokens:
                    continue
                exact = index.exact.get(reading.tokens)
                if exact:
                    chosen = next((s for s in exact if s.intent == prefer), exact[0])
                    return _Candidate((chosen.literal_count, 0, 0, 0, 0), chosen, {})
                found = self._best_of(index.slotted, reading, prefer)
                if found is not None:
                    return found
        return None

    def _best_of(self, samples: Sequence[_Sample], words: Words, prefer: str | None) -> _Candidate | None:
        tokens = words.tokens
        present = frozenset(tokens)
        cache: dict[tuple[str, int, int], ResolvedSlot | None] = {}
        best: _Candidate | None = None
        for sample in samples:
            if len(sample.elements) > len(tokens) or not sample.literals <= present:
                continue
            first, last = sample.elements[0], sample.elements[-1]
            if isinstance(first, str) and first != tokens[0]:
                continue
            if isinstance(last, str) and last != tokens[-1]:
                continue
            for slots, known, unknown in self._assignments(sample, words, cache):
                if sample.literal_count == 0 and known == 0:
                    continue  # a bare unknown capture is no evidence for this intent
                score = (sample.literal_count, known, -unknown, int(sample.intent == prefer), -sample.order)
                if best is None or score > best.score:
                    best = _Candidate(score, sample, slots)
        return best

    def _assignments(
        self, sample: _Sample, words: Words, cache: dict[tuple[str, int, int], ResolvedSlot | None]
    ) -> Iterator[Split]:
        """Every way the sample's slots can split the tokens, with (slots, known count, unknown words)."""
        tokens = words.tokens
        elements = sample.elements
        count = len(tokens)

        def walk(
            ei: int, ti: int, slots: dict[str, ResolvedSlot], known: int, unknown: int
        ) -> Iterator[Split]:
            if ei == len(elements):
                if ti == count:
                    yield slots, known, unknown
                return
            if ti >= count:
                return
            element = elements[ei]
            if isinstance(element, str):
                if ti < count and tokens[ti] == element:
                    yield from walk(ei + 1, ti + 1, slots, known, unknown)
                return
            following = elements[ei + 1] if ei + 1 < len(elements) else None
            last = count - sample.min_after[ei]
            ends = range(count, count + 1) if following is None else range(ti + 1, last + 1)
            for end in ends:
                if isinstance(following, str) and tokens[end] != following:
                    continue
                key = (element.type, ti, end)
                if key not in cache:
                    cache[key] = self._value(element.type, words, ti, end)
                value = cache[key]
                if value is None:
                    continue
                is_known = value.known
                yield from walk(
                    ei + 1,
                    end,
                    {**slots, element.name: value},
                    known + is_known,
                    unknown + (0 if is_known else end - ti),
                )

        yield from walk(0, 0, {}, 0, 0)


def _loosen(key: str) -> str:
    return " ".join(LOOSE_FORMS.get(t, t) for t in key.split() if t not in LOOSE_WORDS)


def _loose_words(words: Words) -> Words:
    """The loose reading: small words dropped, head nouns folded, a trailing "is that normal" left off."""
    tokens, surfaces = list(words.tokens), list(words.surfaces)
    for ending in LOOSE_ENDINGS:
        if len(tokens) > len(ending) and tuple(tokens[-len(ending) :]) == ending:
            del tokens[-len(ending) :], surfaces[-len(ending) :]
            break
    keep = [i for i, t in enumerate(tokens) if t not in LOOSE_WORDS]
    return Words(tuple(LOOSE_FORMS.get(tokens[i], tokens[i]) for i in keep), tuple(surfaces[i] for i in keep))


def _without_carrier(words: Words) -> Words | None:
    for phrase in CARRIER_PHRASES:
        if words.tokens[: len(phrase)] == phrase and len(words.tokens) > len(phrase):
            n = len(phrase)
            return Words(words.tokens[n:], words.surfaces[n:])
    return None
