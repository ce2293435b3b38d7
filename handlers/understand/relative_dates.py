"""Dates counted from today: "tomorrow", "in 2 weeks", "the end of the month", "next week"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from handlers.understand.day_forms import AMOUNT, NUMBER_WORDS
from handlers.understand.seasons import MONTH, MONTHS, recent_or_next

RELATIVE_DAY = re.compile(
    r"\b(?:the\s+)?day\s+after\s+tomorrow\b|\btomorrow\b|\btoday\b|\btonight\b"
    r"|\bthis\s+(?:morning|afternoon|evening)\b|\b(?:the\s+)?end\s+of\s+(?:the\s+)?day\b",
    re.I,
)
IN_AMOUNT = re.compile(
    rf"\b(?:in|within)\s+(?:the\s+next\s+)?{AMOUNT}\s+(?P<unit>day|week|month)s?\b", re.I
)
AMOUNT_FROM_NOW = re.compile(
    rf"\b{AMOUNT}\s+(?P<unit>day|week|month)s?\s+from\s+(?:now|today)\b", re.I
)
PERIOD_END = re.compile(
    r"\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|(?P<next>next)\s+)?(?P<unit>week|month|year)\b"
    # "by eow", "EOM": the chat abbreviations of the same
    r"|\b(?-i:eo|EO)(?P<short>[wmyWMY])\b",
    re.I,
)
_SHORT_UNITS = {"w": "week", "m": "month", "y": "year"}
MONTH_END = re.compile(rf"\b(?:the\s+)?end\s+of\s+{MONTH}", re.I)
NEXT_PERIOD = re.compile(r"\bnext\s+(?P<unit>week|month)\b", re.I)


def relative_day(m: re.Match[str], today: date) -> date | None:
    """Resolve "today", "tomorrow", "the day after tomorrow", "end of the day"."""
    word = m.group(0).lower()
    if "after" in word:
        return today + timedelta(days=2)
    return today + timedelta(days=1) if word.startswith("tomorrow") else today


# "got my book in 3 days", "it came in a week": how long something took, not a date wanted.
_TOOK = re.compile(
    r"\b(?:got|came|arrived|took|received|showed\s+up|delivered|was|were|had)\b[^.?!,;\n]{0,30}$",
    re.I,
)


def in_amount(m: re.Match[str], today: date) -> date | None:
    """Resolve "in 2 weeks", "within 10 days", "a month from now"."""
    if _TOOK.search(m.string, 0, m.start()):
        return None
    raw = m.group("amount").lower()
    amount = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = m.group("unit").lower()
    if unit == "day":
        return today + timedelta(days=amount)
    if unit == "week":
        return today + timedelta(weeks=amount)
    return today + relativedelta(months=amount)


def period_end(m: re.Match[str], today: date) -> date | None:
    """Resolve "the end of the week" (its Friday), "of next month", "of the year"."""
    unit = m.group("unit") or _SHORT_UNITS[m.group("short").lower()]
    unit = unit.lower()
    later = 1 if m.group("next") else 0
    if unit == "week":
        # the working week: a need-by on Friday is the safer reading of "end of the week"
        friday = today + timedelta(days=4 - today.weekday())
        return friday + timedelta(weeks=later)
    if unit == "month":
        first_of_next = (today + relativedelta(months=later + 1)).replace(day=1)
        return first_of_next - timedelta(days=1)
    return date(today.year + later, 12, 31)


def month_end(m: re.Match[str], today: date) -> date | None:
    """Resolve "the end of October" as its last day."""
    month = MONTHS[m.group("month").lower()]

    def last(year: int) -> date:
        return date(year, month, 1) + relativedelta(months=1) - timedelta(days=1)

    return recent_or_next(today, last)


def next_period(m: re.Match[str], today: date) -> date | None:
    """Resolve "next week" (its Monday) and "next month" (its first day)."""
    if m.group("unit").lower() == "week":
        return today + timedelta(days=7 - today.weekday())
    return (today + relativedelta(months=1)).replace(day=1)
