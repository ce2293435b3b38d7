"""Calendar windows the policies count in: weeks, terms, calendar months and years."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta


def week_of(day: date) -> tuple[date, date]:
    """Return the Monday and Sunday of the calendar week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def year_of(day: date) -> tuple[date, date]:
    """Return the first and last day of the calendar year holding `day`."""
    return date(day.year, 1, 1), date(day.year, 12, 31)


def term_of(day: date, terms: list[Any]) -> tuple[date, date]:
    """Return the term holding `day`; terms are [name, "MM-DD", "MM-DD"] within one year."""
    for _name, first, last in terms:
        start = date.fromisoformat(f"{day.year}-{first}")
        end = date.fromisoformat(f"{day.year}-{last}")
        if start <= day <= end:
            return start, end
    raise ValueError(f"no term holds {day.isoformat()}")


def term_name(day: date, terms: list[Any]) -> str:
    """Return the name of the term holding `day` (e.g. "Fall 2026")."""
    start, _end = term_of(day, terms)
    for name, first, _last in terms:
        if date.fromisoformat(f"{day.year}-{first}") == start:
            return f"{name} {day.year}"
    return str(day.year)


def months_after(day: date, months: int) -> date:
    """Return the same day `months` calendar months later (clamped to the month's end)."""
    return day + relativedelta(months=months)


def months_before(day: date, months: int) -> date:
    """Return the same day `months` calendar months earlier (clamped to the month's end)."""
    return day - relativedelta(months=months)
