"""Triage levels, most serious first: the stable ids used in code, tests and tools."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Level(StrEnum):
    """Triage levels, most serious first. The values are stable ids used in code, tests and tools."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SEE_DOCTOR = "see_doctor"
    SELF_CARE = "self_care"

    @property
    def rank(self) -> int:
        """0 for the most serious level; higher numbers are less serious."""
        return _LEVEL_ORDER.index(self)

    def is_more_serious_than(self, other: Level) -> bool:
        return self.rank < other.rank


_LEVEL_ORDER = tuple(Level)


def most_serious(levels: Iterable[Level]) -> Level:
    """The most serious of the given levels; self-care when there are none."""
    return min(levels, key=lambda level: level.rank, default=Level.SELF_CARE)
