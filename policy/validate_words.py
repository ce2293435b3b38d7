"""Checks on a profile's words and calendars: Jinja, term calendars, self-contradicting rules."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes

CALENDAR_EXAMPLE = '[["Spring", "01-01", "05-15"], …]'
# Any leap year: the calendar must hold 02-29 too, or a fee in a leap February finds no term.
LEAP = 2024


def toml(value: Any) -> str:
    """Show a value as it is written in TOML ("audiobook", ["a", "b"], true)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def suggestion(word: str, choices: Iterable[str]) -> str | None:
    """Return the choice closest to a misspelled word, if one is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def choices_hint(word: str, choices: Iterable[str]) -> str:
    """Say "did you mean 'x'?" when one choice is close, else list every choice."""
    listed = list(choices)
    near = suggestion(word, listed)
    if near is not None:
        return f"did you mean '{near}'?"
    return f"known: {', '.join(listed)}" if listed else "none are declared"


def template_mistakes(source: str, env: Environment) -> list[str]:
    """Return what is wrong with a Jinja text: syntax errors and filters that do not exist."""
    if "{" not in source:
        return []  # plain words: nothing for Jinja to get wrong
    return list(_template_mistakes(source, env))


@lru_cache(maxsize=4096)  # profiles load at every start and in every test: parse each text once
def _template_mistakes(source: str, env: Environment) -> tuple[str, ...]:
    try:
        tree = env.parse(source)
        # Jinja looks up a filter inside {% if %} only when it renders; look up every one now.
        unknown = sorted({f.name for f in tree.find_all(nodes.Filter) if f.name not in env.filters})
        if unknown:
            return tuple(f"template error: no filter named '{name}'" for name in unknown)
        env.compile(tree)
    except TemplateSyntaxError as exc:
        return (f"template error on line {exc.lineno}: {exc.message}",)
    return ()


def _day(text: Any) -> date | None:
    if not isinstance(text, str) or not re.fullmatch(r"\d\d-\d\d", text):
        return None
    try:
        return date.fromisoformat(f"{LEAP}-{text}")
    except ValueError:
        return None


def _span(first: date, last: date) -> str:
    shown = (first.strftime("%m-%d"), last.strftime("%m-%d"))
    return shown[0] if first == last else f"{shown[0]} to {shown[1]}"


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Group sorted days into runs of consecutive days."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _terms(value: list[Any]) -> tuple[list[tuple[str, date, date]], list[str]]:
    terms: list[tuple[str, date, date]] = []
    mistakes: list[str] = []
    for entry in value:
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)):
            mistakes.append(f'{toml(entry)} is not [name, "MM-DD", "MM-DD"]')
            continue
        name, first, last = entry
        bad = [d for d in (first, last) if _day(d) is None or d == "02-29"]
        for text in bad:
            why = "is not in every year" if text == "02-29" else 'is not a MM-DD date like "08-16"'
            mistakes.append(f"{name}: {toml(text)} {why}")
        if bad:
            continue
        start, end = _day(first), _day(last)
        assert start is not None and end is not None
        if start > end:
            mistakes.append(f"{name}: starts {first}, after it ends {last} (a term ends by 12-31)")
            continue
        terms.append((name, start, end))
    return terms, mistakes


def calendar_mistakes(value: Any) -> list[str]:
    """Return what is wrong with a term calendar: its shape, bad dates, gaps and overlaps."""
    if not isinstance(value, list) or not value:
        return [f"wants a term calendar, like {CALENDAR_EXAMPLE}, not {toml(value)}"]
    terms, mistakes = _terms(value)
    if mistakes:
        return mistakes
    holders: dict[date, list[str]] = {}
    for name, start, end in terms:
        day = start
        while day <= end:
            holders.setdefault(day, []).append(name)
            day += timedelta(days=1)
    year = [date(LEAP, 1, 1) + timedelta(days=n) for n in range(366)]
    for first, last in _runs([d for d in year if d not in holders]):
        if first == last == date(LEAP, 2, 29):
            mistakes.append("no term holds 02-29 in leap years: end a term elsewhere than 02-28")
        else:
            mistakes.append(f"no term holds {_span(first, last)} (the terms must cover the year)")
    overlaps: dict[tuple[str, ...], list[date]] = {}
    for day in year:
        if len(holders.get(day, [])) > 1:
            overlaps.setdefault(tuple(holders[day]), []).append(day)
    for names, days in overlaps.items():
        for first, last in _runs(days):
            mistakes.append(f"{' and '.join(names)} overlap on {_span(first, last)}")
    return mistakes


# "The library cannot …" in a rule that only warns or informs: the reply would say yes and no.
REFUSING = re.compile(
    r"\b(?:cannot|can[’']t|won[’']t|will not|(?:does|do)(?: not|n[’']t) allow"
    r"|(?:is|are) not allowed|not permitted)\b",
    re.IGNORECASE,
)
# Said of others ("lenders won't lend it yet"), a refusal is no contradiction.
OTHERS = re.compile(r"\blend(?:er|ers|ing)\b|\blibraries\b", re.IGNORECASE)


def refusing_words(text: str) -> str | None:
    """Return the words by which a text says the library will not do something, if any."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        found = REFUSING.search(sentence)
        if found and not OTHERS.search(sentence[: found.start()]):
            return found.group(0)
    return None
