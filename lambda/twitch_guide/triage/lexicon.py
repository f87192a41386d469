"""Load the rule set's language: [language] (rewrites, idioms, fillers, negation), [vocab] (markers, places,
signs, topic words) and [topics]; and read the concepts that red flags and topics are made of.

Validated as strictly as the rest of the rules: a concept that names an unknown vocabulary, a marker that is
missing, or a vocabulary claimed by two groups fails at load, so a typo fails the tests and never a caller.
"""

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from .concepts import MARKERS, NAMED_VOCABULARIES, Concept, Grammar
from .language import Vocabulary
from .validation import Entry, FilePath

# Markers have a built-in meaning; signs are what happens to a body (a time word attaches to the nearest one);
# context is where and in what circumstances; topics are the words of information questions.
VOCAB_GROUPS = ("markers", "context", "signs", "topics")
# The topics the conversation answers; the rule set says how each is recognised, and in which order.
TOPICS = ("als", "bfs", "healing", "self_care", "how_long", "when_to_see_doctor", "causes", "what_is")


class PhrasesLeftOut(Mapping[str, tuple[str, ...]]):
    """Stands for a lexicon's phrase lists in the build's snapshot, which carries them only compiled, in its
    engine (~30 KB less to ship). Nothing else reads them; reading them anyway is a mistake, and says so."""

    def __getitem__(self, name: str) -> tuple[str, ...]:
        raise LookupError(_LEFT_OUT)

    def __iter__(self) -> Iterator[str]:
        raise LookupError(_LEFT_OUT)

    def __len__(self) -> int:
        raise LookupError(_LEFT_OUT)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhrasesLeftOut)

    def __hash__(self) -> int:
        return hash(PhrasesLeftOut)


_LEFT_OUT = (
    "the build's snapshot carries the vocabulary compiled, not as phrases: load the rules to read them"
)


class Lexicon(NamedTuple):
    grammar: Grammar
    vocab: Mapping[str, tuple[str, ...]]
    signs: frozenset[str]
    topics: Mapping[str, tuple[Concept, ...]]

    def concepts(self, entry: Entry, key: str = "concepts") -> tuple[Concept, ...]:
        """A list of concepts, each a list of vocabulary names, '=literal words' and '!vocabulary' (not
        affirmed in the clause) or '!a&b' (not all of them affirmed in the utterance)."""
        raw = entry.table.get(key)
        if not isinstance(raw, list) or not raw:
            entry.fail(f"'{key}' must be a non-empty list of concepts (lists of vocabulary names)")
        concepts: list[Concept] = []
        for concept in raw:
            if not isinstance(concept, list) or not concept or not all(isinstance(p, str) for p in concept):
                entry.fail(f"'{key}': {concept!r} must be a non-empty list of names")
            for part in concept:
                if part.startswith("!") and any(name not in self.vocab for name in part[1:].split("&")):
                    entry.fail(f"'{key}' excludes unknown vocabulary {part!r}")
                if not part.startswith(("=", "!")) and part not in self.vocab:
                    entry.fail(f"'{key}' names unknown vocabulary {part!r}")
                if part.startswith("=") and not part[1:].strip():
                    entry.fail(f"'{key}' has an empty literal")
            concepts.append(Concept(tuple(concept)))
        return tuple(concepts)

    def names(self, entry: Entry, key: str) -> tuple[str, ...]:
        """A list of vocabulary names (for `unless`)."""
        names = entry.texts(key)
        unknown = [n for n in names if n not in self.vocab]
        if unknown:
            entry.fail(f"'{key}' names unknown vocabulary {unknown}")
        return names


def load_lexicon(
    path: FilePath, document: Mapping[str, Any], inflections: Mapping[str, str] | None = None
) -> Lexicon:
    language = Entry(path, "[language]", document.get("language"))
    # `not_inflections` is read by tools/build_inflections.py only; the skill reads the table it generates.
    language.only(
        {"fillers", "breaks", "negators", "scope_ends", "clause_ends", "glue", "rewrites", "idioms"}
        | {"not_inflections"}
    )
    language.texts("not_inflections")
    vocabulary = Vocabulary.build(
        _pairs(Entry(path, "[language.rewrites]", language.table["rewrites"])),
        _pairs(Entry(path, "[language.idioms]", language.table["idioms"])),
        language.texts("fillers"),
        language.texts("breaks"),
        kept_numbers=_emergency_numbers(document),
        inflections=inflections,
    )
    grammar = Grammar(
        vocabulary,
        negators=frozenset(language.texts("negators")),
        scope_ends=frozenset(language.texts("scope_ends")),
        clause_ends=frozenset(language.texts("clause_ends")),
        glue=frozenset(language.texts("glue")),
    )
    groups = Entry(path, "[vocab]", document.get("vocab"))
    groups.only(set(VOCAB_GROUPS))
    vocab: dict[str, tuple[str, ...]] = {}
    signs: set[str] = set()
    for group in VOCAB_GROUPS:
        table = Entry(path, f"[vocab.{group}]", groups.table[group])
        for name in table.table:
            if name in vocab:
                table.fail(f"vocabulary {name!r} is declared in two groups")
            if not name.replace("_", "").isalnum() or not name.islower():
                table.fail(f"vocabulary name {name!r} must be lower-case letters and underscores")
            vocab[name] = table.texts(name)
        if group == "markers":
            missing = MARKERS - set(table.table)
            if missing:
                table.fail(f"missing marker vocabularies {sorted(missing)}")
            extra = set(table.table) - MARKERS
            if extra:
                table.fail(
                    f"unknown markers {sorted(extra)}; other vocabularies go under context, signs or topics"
                )
        if group == "signs":
            signs.update(table.table)
    missing = NAMED_VOCABULARIES - set(vocab)
    if missing:
        groups.fail(f"missing vocabularies the reader names: {sorted(missing)}")
    lexicon = Lexicon(grammar, vocab, frozenset(signs), {})
    topics_entry = Entry(path, "[topics]", document.get("topics"))
    topics_entry.only(set(TOPICS))
    topics: dict[str, tuple[Concept, ...]] = {}
    for topic, table in topics_entry.table.items():  # in the file's order: the first topic met wins
        entry = Entry(path, f"[topics.{topic}]", table)
        entry.only({"concepts"})
        topics[topic] = lexicon.concepts(entry)
    return Lexicon(grammar, vocab, frozenset(signs), topics)


def _pairs(entry: Entry) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for key, value in entry.table.items():
        if not isinstance(value, str) or not key.strip():
            entry.fail(f"{key!r} must map to text")
        pairs[key.lower()] = value.lower()
    return pairs


def _emergency_numbers(document: Mapping[str, Any]) -> frozenset[str]:
    """The locales' emergency numbers in digits ("999", "112"), and any other they name ("108" in India)."""
    numbers: set[str] = set()
    for care in (document.get("locales") or {}).values():
        if isinstance(care, dict):
            for key in ("emergency_number", "emergency_extra_written"):
                numbers.update(re.findall(r"\b\d{3}\b", str(care.get(key, ""))))
    return frozenset(numbers)
