"""Dates said in calendar words: "by October", "mid-Oct", "the 20th", "the weekend",
"end of term" (holidays: see holiday_dates). Each resolver returns the day a librarian would write
down as the need-by date: the first day a vague phrase could mean, so nothing arrives late.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from handlers.understand.reading import Terms

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "weds": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b\.?"
# Short day names that are also English words ("I sat down", "the sun"): read only where a day
# is plainly meant, after "by"/"on"/"next", beside a date, or as a whole answer ("sat?").
SHORT_DAYS = {"wed": 2, "sat": 5, "sun": 6}
ALL_WEEKDAYS = {**WEEKDAYS, **SHORT_DAYS}
ANY_WEEKDAY_NAME = "|".join(sorted(ALL_WEEKDAYS, key=len, reverse=True))
# Which day of the month "early/mid/late October" is taken to mean.
_PART_DAY = {"early": 1, "beginning": 1, "start": 1, "mid": 15, "middle": 15, "late": 25}

MONTH_PART = re.compile(
    rf"\b(?P<part>early|mid|late|(?:the\s+)?(?:beginning|start|middle)\s+of)[\s-]*{MONTH}", re.I
)
# A month on its own is a date only with need-by wording ("by October"), see WEAK below.
# A month word before a colon opens a title or a heading ("August: Osage County"), not a date.
MONTH_ONLY = re.compile(rf"\b{MONTH}(?!\s*[\d/:-])", re.I)
# "the 20th" (a day of this or next month); not "the 20th century" or "the 2nd floor".
DAY_OF_MONTH = re.compile(
    r"\bthe\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:century|centuries"
    r"|edition|ed\b|anniversary|amendment|floor|street|st\b|avenue|ave\b|chapter|time|place"
    r"|row|grade|one|of\s+(?:the|my|your|this)\b))",
    re.I,
)
WEEKDAY_AND_DAY = re.compile(
    rf"\b(?P<weekday>{ANY_WEEKDAY_NAME})\b\.?,?\s+(?:the\s+)?(?P<day>[1-9]|[12]\d|3[01])"
    r"(?:st|nd|rd|th)?\b",
    re.I,
)
WEEKEND = re.compile(r"\b(?:the\s+|this\s+|(?P<next>next)\s+)weekend\b", re.I)
TERM_END = re.compile(
    r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|(?P<next>next)\s+)?"
    r"|(?P<start>(?:the\s+)?(?:start|beginning)\s+of\s+(?:the\s+)?next\s+))"
    r"(?:(?P<season>spring|summer|fall|autumn|winter)\s+)?"
    r"(?:term|semester|quarter|session)\b|\b(?:the\s+)?(?:term|semester)\s+ends\b",
    re.I,
)


# A day of the year this recently past is asked about, not moved to next year: "by Aug 3" on
# Sept 1 is a slip or a date already missed, and recording Aug 3 of next year would be wrong.
PAST_WINDOW = timedelta(days=120)


def recent_or_next(
    today: date, on_year: Callable[[int], date | None], window: timedelta = PAST_WINDOW
) -> date | None:
    """Return the day `on_year` gives that is next, or that has only just passed.

    A day passed within `window` is returned as it is (before today): the reader marks it
    past so the core can ask, rather than silently reading it as next year's.
    """
    candidates = [on_year(year) for year in range(today.year - 1, today.year + 5)]
    days = [day for day in candidates if day is not None]
    recent = [day for day in days if today - window <= day < today]
    if recent:
        return recent[-1]
    return next((day for day in days if day >= today), None)


def day_in(year: int, month: int, day: int) -> date | None:
    """Return the date, or None when the year has no such day (Feb 29, Sept 31)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """Return the nth given weekday of a month; n = -1 for the last one."""
    if n < 0:
        last = date(year, month, 1) + relativedelta(months=1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def month_part(m: re.Match[str], today: date) -> date | None:
    """Resolve "mid-October", "early Nov", "the beginning of December"."""
    part = next(word for word in m.group("part").lower().split() if word != "the")
    month = MONTHS[m.group("month").lower().rstrip(".")]
    return recent_or_next(today, lambda year: date(year, month, _PART_DAY.get(part, 1)))


def month_only(m: re.Match[str], today: date) -> date | None:
    """Resolve "by October" as its first day (today, if October has begun)."""
    month = MONTHS[m.group("month").lower().rstrip(".")]
    if month == today.month:
        return today
    return recent_or_next(today, lambda year: date(year, month, 1))


def day_of_month(m: re.Match[str], today: date) -> date | None:
    """Resolve "the 20th" as the next 20th after today."""
    return day_of_month_after(today, int(m.group("day")))


def day_of_month_after(today: date, day: int) -> date | None:
    """Return the first date after `today` whose day of the month is `day`."""
    for ahead in range(1, 13):
        month_start = today.replace(day=1) + relativedelta(months=ahead - 1)
        try:
            candidate = month_start.replace(day=day)
        except ValueError:
            continue
        if candidate > today:
            return candidate
    return None


def weekday_and_day(m: re.Match[str], today: date) -> date | None:
    """Resolve "Monday the 14th": the next 14th that falls on a Monday, else the next 14th."""
    name = m.group("weekday")
    weekday = ALL_WEEKDAYS[name.lower().rstrip(".")]
    if name in SHORT_DAYS and not re.search(r"the|st|nd|rd|th", m.group(0)[len(name) :], re.I):
        return None  # "I sat 12 hours": a verb, not Saturday the 12th
    day = int(m.group("day"))
    probe = today
    for _ in range(14):
        found = day_of_month_after(probe, day)
        if found is None or found.weekday() == weekday:
            return found
        probe = found
    return day_of_month_after(today, day)


def weekend(m: re.Match[str], today: date) -> date | None:
    """Resolve "the weekend" as its Saturday (today, during a weekend)."""
    if today.weekday() >= 5 and not m.group("next"):
        return today
    saturday = today + timedelta(days=5 - today.weekday())
    return saturday + timedelta(weeks=1) if m.group("next") else saturday


# The months a term named by its season may end in.
_SEASON_MONTHS = {
    "spring": (3, 4, 5, 6), "summer": (6, 7, 8, 9), "fall": (9, 10, 11, 12),
    "autumn": (9, 10, 11, 12), "winter": (12, 1, 2, 3),
}  # fmt: skip


def term_end(m: re.Match[str], today: date, terms: Terms) -> date | None:
    """Resolve "end of term" with the library's terms ("start of next term": the day after)."""
    years = (today.year, today.year + 1)
    ends = sorted(date(year, month, day) for year in years for month, day in terms)
    upcoming = [end for end in ends if end >= today]
    season = (m.group("season") or "").lower()
    if season:  # "the end of summer term": the term that ends in that season
        upcoming = [end for end in upcoming if end.month in _SEASON_MONTHS[season]]
    later = 1 if (m.group("next") or m.group("start")) else 0
    if len(upcoming) <= later:
        return None
    if m.group("start"):
        return upcoming[0] + timedelta(days=1)
    return upcoming[later]
