"""Strict reading of TOML content files: every error names the file and the entry, so a typo fails the tests,
never a caller. Shared by the rules, the language tables and the conversation's prompts."""

from __future__ import annotations

import os
import string
from collections import Counter
from collections.abc import Mapping
from typing import Any, NoReturn

from .levels import Level

# The patient, when the caller answers for another adult: "him", "he", "his" (or "her", "she", "her"; or
# "them", "this person", "their"). {they} always takes a singular verb.
PATIENT = frozenset({"them", "they", "their"})
PLACEHOLDERS = frozenset(
    {"emergency_number", "doctor", "emergency_department", "advice_line", "crisis_line", "poison_line"}
    | {"emergency_extra", "als_name"}
    | PATIENT
)


# A content file's path: a string or a pathlib.Path. The skill's own modules use os.path, not pathlib, which
# costs a cold start ~1.5 ms to import under python3.13.
FilePath = str | os.PathLike[str]


class RulesError(ValueError):
    """The rule file breaks the format; the message names the file and the entry."""


def read_toml(path: FilePath) -> dict[str, Any]:
    # Imported here: a cold start that finds the build's snapshot (twitch_guide/snapshot.py) parses no TOML.
    import tomllib

    try:
        with open(path, encoding="utf-8") as file:
            return tomllib.loads(file.read())
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RulesError(f"{os.path.basename(path)}: cannot be read: {error}") from error


class Entry:
    """Reads one table of a TOML document, naming file and entry in every error (also used for prompts)."""

    def __init__(self, path: FilePath, where: str, table: Any) -> None:
        self.path, self.where = path, where
        if not isinstance(table, dict):
            self.fail("must be a table")
        self.table: dict[str, Any] = table
        if isinstance(table.get("id"), str):
            self.where = f"{where} '{table['id']}'"

    def fail(self, problem: str) -> NoReturn:
        raise RulesError(f"{os.path.basename(self.path)}: {self.where}: {problem}")

    def only(self, required: set[str], optional: frozenset[str] = frozenset()) -> None:
        unknown = set(self.table) - required - optional
        if unknown:
            self.fail(f"unknown key(s) {sorted(unknown)}")
        missing = required - set(self.table)
        if missing:
            self.fail(f"missing key(s) {sorted(missing)}")

    def text(self, key: str, *, spoken: bool = False, also: frozenset[str] = frozenset()) -> str:
        """Non-empty text; spoken text may use PLACEHOLDERS (and the names in `also`) only."""
        value = self.table.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{key}' must be non-empty text")
        if spoken:
            _check_placeholders(self, key, value, PLACEHOLDERS | also)
        return value.strip()

    def optional_text(self, key: str, *, spoken: bool = False) -> str | None:
        return self.text(key, spoken=spoken) if key in self.table else None

    def texts(self, key: str, *, min_count: int = 1) -> tuple[str, ...]:
        values = self.table.get(key)
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            self.fail(f"'{key}' must be a list of non-empty texts")
        if len(values) < min_count:
            self.fail(f"'{key}' needs at least {min_count} entries, has {len(values)}")
        normalised = [" ".join(v.lower().split()) for v in values]
        duplicates = sorted(v for v, count in Counter(normalised).items() if count > 1)
        if duplicates:
            self.fail(f"'{key}' repeats {duplicates}")
        return tuple(v.strip() for v in values)

    def level(self, key: str) -> Level:
        value = self.table.get(key)
        try:
            return Level(str(value))
        except ValueError:
            self.fail(f"'{key}' = {value!r} is not a level (one of {[lv.value for lv in Level]})")

    def sources(self, known: Mapping[str, object]) -> tuple[str, ...]:
        cited = self.texts("sources")
        unknown = [s for s in cited if s not in known]
        if unknown:
            self.fail(f"cites unknown source(s) {unknown}")
        return cited


def _check_placeholders(entry: Entry, key: str, value: str, known: frozenset[str]) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        entry.fail(f"'{key}' has a broken placeholder: {error}")
    unknown = names - known
    if unknown:
        entry.fail(f"'{key}' uses unknown placeholder(s) {sorted(unknown)}; known: {sorted(known)}")
