"""Dates in patron-facing text as words with the weekday: "Thursday, December 3".

Contexts keep dates as ISO strings (the outbox stores them as JSON, and forms, calendars and
`illbot sim` read them back), so the words are made only as a template prints a value. Which
values are dates is known by their keys (DATE_KEYS): only a date the bot itself supplies (a due
date, a need-by date, a rule's next allowed day) is ever put in words; a title or anything a
patron typed is never read as a date, even "2026-10-01".

A context that carries `today` (the day the message is written, in the library's time zone) is
read by a patron: its dates print in words. One without it (staff messages, which quote the ISO
dates staff type back in commands) prints them as ISO.

The year is left out only when it is obvious: the same calendar year as today and no more than
YEAR_AFTER_DAYS away. "Friday, January 8, 2027" in December 2026; "Tuesday, February 3, 2026"
in December 2026, since by then "February 3" could as well be next year's.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from babel.dates import format_date
from jinja2 import pass_context
from jinja2.runtime import Context

DEFAULT_LOCALE = "en_US"
YEAR_AFTER_DAYS = 120  # about four months either side of today: past that, the year is said
TODAY = "today"  # context key: the day the message is written (ISO), for the patron's words
LOCALE = "locale"  # context key: the patron's language, when a template set is not English

# The keys under which contexts carry the bot's own dates, in notices, replies and rule texts.
DATE_KEYS = frozenset(
    {
        "today",
        "due",
        "need_by",
        "asked_on",
        "pickup_by",
        "last_day",
        "billed_on",
        "past",  # a need-by date that has already passed
        "on",  # a replacement bill's day, in policy answers
        "last",  # a rule's: the patron's last textbook request
        "next_allowed",
        "returned",
        "week_ends",
        "since",
        "period_starts",
        "period_ends",
        "last_late",
        "until",
        "restored_on",
    }
)
# Per language: the pattern without the year, and with it (CLDR's "full" lacks a yearless form).
PATTERNS = {
    "en": ("EEEE, MMMM d", "EEEE, MMMM d, y"),
    "es": ("EEEE, d 'de' MMMM", "EEEE, d 'de' MMMM 'de' y"),
}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# How a patron would type a day, per language: "Dec 16", "16 de diciembre" (example answers).
TYPED = {"en": "MMM d", "es": "d 'de' MMMM"}
EXAMPLE_DAYS_AHEAD = 14


def day_words(day: date, today: date | None = None, locale: str = DEFAULT_LOCALE) -> str:
    """Say a day in words with its weekday, with the year when today does not make it plain."""
    short, full = PATTERNS.get(locale.split("_")[0], (None, "full"))
    pattern = short if short and not needs_year(day, today) else full
    return format_date(day, format=pattern, locale=locale)


def typed_day(day: date, locale: str = DEFAULT_LOCALE) -> str:
    """Write a day as a patron would type it in a message ("Dec 16", "16 de diciembre")."""
    return format_date(day, format=TYPED.get(locale.split("_")[0], "MMM d"), locale=locale)


def example_day(today: date | None, locale: str = DEFAULT_LOCALE) -> str:
    """Return a need-by day to give as an example answer: two weeks after today, never past."""
    start = today if isinstance(today, date) else date(2026, 10, 1)  # staff text: any day
    return typed_day(start + timedelta(days=EXAMPLE_DAYS_AHEAD), locale)


def needs_year(day: date, today: date | None) -> bool:
    """Say whether a day needs its year to be read right on `today` (always, with no today)."""
    if today is None:
        return True
    return day.year != today.year or abs((day - today).days) > YEAR_AFTER_DAYS


def with_dates(context: dict[str, Any]) -> dict[str, Any]:
    """Return a context whose ISO strings under DATE_KEYS are dates, for the finalize to word."""
    return {key: _dated(key, value) for key, value in context.items()}


def _dated(key: str, value: Any) -> Any:
    if isinstance(value, str):
        if key in DATE_KEYS and _ISO_DAY.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value  # "2026-02-30": not a day, printed as it is
        return value
    if isinstance(value, dict):
        return with_dates(value)
    if isinstance(value, list | tuple):
        return [_dated(key, item) for item in value]  # a list of items: each may carry dates
    return value


@pass_context
def finalize_day(context: Context, value: Any) -> Any:
    """Turn a date a template prints into words when the context's reader is a patron."""
    if not isinstance(value, date) or isinstance(value, datetime):
        return value
    today = context.get(TODAY)
    if not isinstance(today, date):
        return value.isoformat()  # staff text: the ISO dates staff type back in commands
    return day_words(value, today, str(context.get(LOCALE) or DEFAULT_LOCALE))
