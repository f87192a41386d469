"""How long something has gone on, in days, from the words people use: "three weeks", "a month and a
half", "six weeks or so", "2 and a half weeks", "since january", "since easter", "since last tuesday".

A date-relative phrase ("since january") needs today's date, which the request carries; without it, or
where the date is not knowable ("since the summer" where the seasons are unknown), nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from .language import compiled

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "couple": 2, "few": 3, "several": 3, "half": 0.5,
}  # fmt: skip
_UNIT_DAYS = {
    "minute": 0,
    "hour": 0,
    "day": 1,
    "night": 1,
    "week": 7,
    "fortnight": 14,
    "month": 30,
    "year": 365,
}
_MONTHS = "january february march april may june july august september october november december".split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()

_NUMBER = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
_COUNT = rf"(?P<count>{_NUMBER}(?:[\s-]+{_NUMBER})?)"
_UNIT = r"(?P<unit>minute|hour|day|night|week|fortnight|month|year)s?"
# "more than two weeks", "two and a half weeks", "a month and a half", "six weeks or so".
_SPAN = (
    rf"(?P<more>\b(?:more than|over|longer than|at least|upwards of|getting on for)\s+)?"
    rf"(?:\b(?:the\s+)?(?:past|last)\s+)?"
    rf"\b{_COUNT}\s+(?:and\s+a\s+(?P<half_before>half)\s+)?(?:of\s+)?{_UNIT}\b"
    rf"(?P<and_half>\s+and\s+a\s+half)?(?P<plus>\s+and\s+a\s+bit)?(?P<ago>\s+ago)?(?!\s+olds?\b)"
)
_BARE_UNIT = (
    r"\b(?:a|one|the past|the last)\s+(?P<unit>week|fortnight|month|year)\b(?P<ago>\s+ago)?(?!\s+olds?\b)"
)
# A plural unit with no number means a few of them: "for weeks", "for months now", "the past few days".
_PLURAL = (
    r"\b(?:for|over|these|the past|the last|past|last|(?<!how )many|several)"
    r"\s+(?P<unit>day|week|month|year)s\b"
    r"|\b(?P<unit_now>day|week|month|year)s\s+now\b"
)
_HALF_A = r"\bhalf\s+(?:a|an)\s+(?P<unit>day|week|month|year)\b"
# "since easter", and the start said as a date: "it started back in july", "came on around labor day".
_SINCE = (
    r"\b(?:since|(?:started|began|begun|came on|kicked off|kicked in)(?:\s+back)?\s+(?:in|around|at|on))\b"
    r"(?P<rest>(?:\s+[a-z']+){1,9})"
)
_ISO = r"^p(?:(?P<y>\d+)y)?(?:(?P<m>\d+)m)?(?:(?P<w>\d+)w)?(?:(?P<d>\d+)d)?(?:t[\dhms.]*)?$"
_HOLIDAYS = {
    "christmas": (12, 25), "xmas": (12, 25), "new year": (1, 1), "new years": (1, 1), "halloween": (10, 31),
    "bonfire night": (11, 5), "guy fawkes": (11, 5), "valentine": (2, 14), "valentines": (2, 14),
    "boxing day": (12, 26), "hogmanay": (12, 31), "fourth of": (7, 4), "independence day": (7, 4),
    "canada day": (7, 1), "australia day": (1, 26), "anzac day": (4, 25), "burns night": (1, 25),
    "st patricks": (3, 17), "saint patricks": (3, 17), "paddys day": (3, 17),
    "remembrance day": (11, 11), "armistice day": (11, 11), "veterans day": (11, 11),
    "new years eve": (12, 31), "st andrews day": (11, 30), "st georges day": (4, 23),
}  # fmt: skip
# Holidays on the nth weekday of a month (n = -1: the last): (month, weekday with Monday 0, n).
_WEEKDAY_HOLIDAYS = {
    "labor day": (9, 0, 1), "labour day": (9, 0, 1), "memorial day": (5, 0, -1), "thanksgiving": (11, 3, 4),
    "canadian thanksgiving": (10, 0, 2), "melbourne cup": (11, 1, 1), "mothers day": (5, 6, 2),
    "remembrance sunday": (11, 6, 2), "fathers day": (6, 6, 3), "presidents day": (2, 0, 3),
    "columbus day": (10, 0, 2),
}  # fmt: skip
# Festivals set by a lunar calendar: their dates by year (a year not listed is not guessed).
_LUNAR_HOLIDAYS = {
    "diwali": {2024: (11, 1), 2025: (10, 20), 2026: (11, 8), 2027: (10, 29), 2028: (10, 17)},
    "holi": {2024: (3, 25), 2025: (3, 14), 2026: (3, 4), 2027: (3, 22), 2028: (3, 11)},
    "chinese new year": {2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26)},
    "lunar new year": {2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26)},
}
# Dates of more than one word ("labor day", "chinese new year"), looked up whole before single words.
_MULTI_WORD_DATES = frozenset(
    name for name in [*_HOLIDAYS, *_WEEKDAY_HOLIDAYS, *_LUNAR_HOLIDAYS] if " " in name
)
_LONGEST_DATE = max(len(name.split()) for name in _MULTI_WORD_DATES)
# Seasons as the northern hemisphere counts them (month the season starts); flipped in the south.
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def number_of(words: str) -> float | None:
    """A number said in digits or words ("20", "twenty five", "a couple"), or None."""
    words = words.replace("-", " ").strip()
    if words.startswith(("a ", "an ")):
        words = words.split(" ", 1)[1]  # "a couple", "a few": the article is not a number
    try:
        return float(words)
    except ValueError:
        pass
    parts = words.split()
    if len(parts) == 1:
        return _NUMBERS.get(parts[0])
    # Two number words are one number only as tens and units ("twenty five"): "five a week" is not six.
    tens, units = (_NUMBERS.get(part) for part in parts)
    if tens is not None and units is not None and tens >= 20 and tens % 10 == 0 and 1 <= units <= 9:
        return tens + units if parts[1] not in ("a", "an") else None
    return None


def duration_days(
    text: str, *, today: date | None = None, southern: bool = False, with_ago: bool = True
) -> int | None:
    """The longest span of days the text describes, or None when it names none.

    'More than two weeks' counts as 15, so that it crosses a 'more than 14 days' threshold. A span with "ago"
    ("it started three weeks ago") counts only `with_ago`: it is a duration when it says when the twitching
    began, and only a point in time otherwise ("I fainted five years ago").
    """
    text = " ".join(re.sub(r"[^a-z0-9.' -]+", " ", text.lower()).split())
    spans: list[float] = [iso for word in text.split() if (iso := _iso_days(word)) is not None]
    for match in compiled(_SPAN).finditer(text):
        if text[: match.start()].endswith(("in ", "within ")) and not match.group("more"):
            continue  # "not one in fifteen years" counts a gap, not how long the twitch has gone on
        count = number_of(match.group("count"))
        if count is None or (match.group("ago") and not with_ago):
            continue
        if match.group("half_before") or match.group("and_half"):
            count += 0.5
        days = count * _UNIT_DAYS[match.group("unit")]
        if match.group("more") or match.group("plus"):
            days += 1
        spans.append(days)
    for match in compiled(_BARE_UNIT).finditer(text):
        if match.group("ago") and not with_ago:
            continue
        spans.append(_UNIT_DAYS[match.group("unit")])
    for match in compiled(_PLURAL).finditer(text):
        spans.append(3 * _UNIT_DAYS[match.group("unit") or match.group("unit_now")])
    for match in compiled(_HALF_A).finditer(text):
        spans.append(_UNIT_DAYS[match.group("unit")] / 2)
    if today is not None:
        for match in compiled(_SINCE).finditer(text):
            start = _since(match.group("rest").split(), today, southern=southern)
            if start is not None and start <= today:
                spans.append((today - start).days)
    return int(max(spans)) if spans else None


def _iso_days(word: str) -> int | None:
    """Alexa's AMAZON.DURATION values: "P3W" is 21 days, "PT5H" is 0."""
    match = compiled(_ISO).match(word)
    if match is None or len(word) < 3:
        return None
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    return parts.get("y", 0) * 365 + parts.get("m", 0) * 30 + parts.get("w", 0) * 7 + parts.get("d", 0)


def _since(words: list[str], today: date, *, southern: bool) -> date | None:
    """The date a "since ..." names: its first date word ("since the start of january", "since before her
    birthday in october", "since I got back from holiday in august", "since the clocks went back")."""
    if words[:2] == ["the", "clocks"]:
        return _last(today, _clocks_back)
    if words[:2] == ["last", "year"]:
        return date(today.year - 1, 12, 31)  # at the latest: "since last year" is at least this long
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        if word in _AMBIGUOUS and i and before not in _DATE_LEAD:
            continue  # "since I may have", "since I had a fall": not a month or a season
        phrases = (" ".join(words[i : i + size]) for size in range(_LONGEST_DATE, 1, -1))
        whole = next((phrase for phrase in phrases if phrase in _MULTI_WORD_DATES), None)
        found = _date_of(whole, today, southern=southern) if whole else None
        found = found or _date_of(word, today, southern=southern)
        if found is not None:
            return found
    return None


# Words that are dates only after "the", "in", "last" and the like: "since the fall", not "since a fall".
_AMBIGUOUS = frozenset({"may", "fall", "march", "spring"})
_DATE_LEAD = frozenset({"the", "in", "of", "last", "this", "early", "late", "mid", "since", "start", "end"})


def _clocks_back(year: int) -> date:
    """The last Sunday of October, when Europe's clocks go back (the US follows a week later)."""
    last = date(year, 10, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _date_of(what: str, today: date, *, southern: bool) -> date | None:
    """The most recent past date a word names: a month, a weekday, a holiday, a season, or None."""
    first = what.split()[0]
    if first in _MONTHS:
        month = _MONTHS.index(first) + 1
        year = today.year if month <= today.month else today.year - 1
        return date(year, month, 1)
    if first in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS.index(first)) % 7 or 7
        return today - timedelta(days=back)
    if first in ("yesterday", "today", "tonight"):
        return today - timedelta(days=1 if first == "yesterday" else 0)
    if first == "easter":
        return _last(today, _easter)
    if what in _HOLIDAYS or first in _HOLIDAYS:
        month, day = _HOLIDAYS.get(what) or _HOLIDAYS[first]
        return _last(today, lambda year: date(year, month, day))
    lunar = _LUNAR_HOLIDAYS.get(what) or _LUNAR_HOLIDAYS.get(first)
    if lunar:
        dates = [date(year, *day) for year, day in lunar.items() if date(year, *day) <= today]
        return max(dates) if dates and (today - max(dates)).days < 366 else None
    if what in _WEEKDAY_HOLIDAYS or first in _WEEKDAY_HOLIDAYS:
        month, weekday, n = _WEEKDAY_HOLIDAYS.get(what) or _WEEKDAY_HOLIDAYS[first]
        return _last(today, lambda year: _nth_weekday(year, month, weekday, n))
    if first in _SEASONS:
        month = _SEASONS[first]
        if southern:
            month = (month + 5) % 12 + 1
        return _last(today, lambda year: date(year, month, 1))
    return None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The nth given weekday of a month ("the fourth Thursday of November"); n = -1 is the last."""
    if n < 0:
        after = date(year + month // 12, month % 12 + 1, 1)
        return after - timedelta(days=(after.weekday() - weekday - 1) % 7 + 1)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last(today: date, on: Callable[[int], date]) -> date:
    this_year = on(today.year)
    return this_year if this_year <= today else on(today.year - 1)


def _easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)
