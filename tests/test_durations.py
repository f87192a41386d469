"""durations.py: how long something has gone on, from the words people use, against the request's date."""

from __future__ import annotations

from datetime import date

import pytest

from twitch_guide.triage.durations import duration_days

TODAY = date(2026, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("it came on the day after thanksgiving", None),  # no "since": a point in time, not a span
        ("ever since thanksgiving", 5),  # the fourth Thursday of November: 26 November 2026
        ("since the melbourne cup", 28),  # the first Tuesday of November: 3 November
        ("since canadian thanksgiving", 50),  # the second Monday of October: 12 October
        ("since memorial day", 190),  # the last Monday of May: 25 May
        ("since labour day", 85),  # the first Monday of September: 7 September
        ("since st patricks day", 259),
        ("it started back in july", 153),  # a start said as a date is a "since"
        ("it kicked in in the summer", 183),
        ("my twitch started in my thumb", None),
        ("it has not stopped since diwali", 23),  # 8 November 2026: a lunar date, from a table by year
        ("since chinese new year", 287),  # 17 February 2026
        ("since remembrance sunday", 23),  # the second Sunday of November: 8 November
        ("its been twitching since last year", 335),  # at least since 31 December 2025
        ("since armistice day", 20),
        ("since fathers day", 163),  # the third Sunday of June: 21 June
    ],
)
def test_holidays_and_start_dates_count_from_today(text: str, days: int | None) -> None:
    assert duration_days(text, today=TODAY) == days


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("the toddler wakes me at five a week of it so far", 7),  # "five a" is not six
        ("twenty five days", 25),
        ("thirty one days", 31),
        ("how many weeks does a twitch usually last", None),  # a question about weeks is no duration
        ("for many weeks", 21),
    ],
)
def test_number_words_combine_only_as_tens_and_units(text: str, days: int | None) -> None:
    assert duration_days(text, today=TODAY) == days


def test_a_lunar_festival_in_a_year_the_table_lacks_is_not_guessed() -> None:
    assert duration_days("since diwali", today=date(2035, 12, 1)) is None
