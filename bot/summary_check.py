"""Find where a rule's summary contradicts its parameters: numbers and effects it gets wrong.

Only what can be checked is: a summary's numbers (digits, number words, ordinals, amounts, "a
week") must each be among the rule's numbers — its parameters, what follows from them (days as
weeks, cents as dollars) and the numbers in the engine's own description of it ("an 11th
request once 10 are recorded"). A range ("1–7 working days") is fine when one end is. Rules
without numeric parameters say nothing that can be checked, so they are never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from policy.describe import effect_of, what_it_does
from policy.profile import Profile, Rule

COUNTS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty"
)
WORDS = {w: n for n, w in enumerate(COUNTS.split())}
WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100}
# "first" is left out: "the first renewal", "the first 4 requests" are seldom a count of one.
NTHS = "_ _ second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
ORDINALS = {w: n for n, w in enumerate(NTHS.split()) if w != "_"}
# "the automatic first one", "each one": a pronoun after these words, not a count of one.
PRONOUN_AFTER = frozenset(
    {"first", "last", "next", "this", "that", "each", "any", "every", "no", "the", "other"}
)
UNIT_DAYS = {"week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}
NUMBER = r"\d+(?:\.\d+)?|" + "|".join(sorted([*WORDS, *ORDINALS], key=len, reverse=True))
TOKEN = re.compile(
    rf"(?<![\w$.])\$?(?P<n>{NUMBER})(?:st|nd|rd|th)?"
    rf"(?:\s*(?:–|-|to)\s*\$?(?P<m>{NUMBER})(?:st|nd|rd|th)?)?"
    r"(?P<unit>\s+(?:calendar\s+|working\s+)?(?:weeks?|months?|years?))?\b"
    r"|\ba\s+(?P<a>week|month|year)\b"
)
SPAN_BEFORE = frozenset({"within", "in", "for", "than", "about", "after"})
SPAN_AFTER = frozenset({"after", "before", "later", "earlier", "overdue", "late", "past", "from"})
DATES = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{2}-\d{2}\b")
REFUSES = re.compile(r"\b(?:refused|refuses|is refused|are refused|cannot|can't|not allowed)\b")
WARNS = re.compile(r"\bwith a warning\b|\bwarns?\b")


def _value(text: str) -> float:
    text = text.lower()
    return float(WORDS.get(text, ORDINALS.get(text, 0))) if text.isalpha() else float(text)


def _is_span(text: str, match: re.Match[str]) -> bool:
    """Tell "a week after the due date" (a length of time) from "ten a week" (a rate)."""
    before = text[: match.start()].split()[-1:]
    after = text[match.end() :].split()[:1]
    return bool(set(before) & SPAN_BEFORE or {w.strip(".,;:") for w in after} & SPAN_AFTER)


def said(summary: str) -> Iterator[tuple[str, set[float]]]:
    """Yield each number a summary states, as written, with the values it may stand for."""
    text = DATES.sub(" ", summary.lower())
    for match in TOKEN.finditer(text):
        if match.group("a"):
            if _is_span(text, match):
                yield match.group(0), {1.0, float(UNIT_DAYS[match.group("a")])}
            continue
        before = text[: match.start()].split()[-1:]
        if match.group("n") == "one" and before and before[0] in PRONOUN_AFTER:
            continue
        unit = (match.group("unit") or "").split()
        per_day = UNIT_DAYS.get(unit[-1], 1) if unit else 1
        values: set[float] = set()
        for raw in filter(None, (match.group("n"), match.group("m"))):
            n = _value(raw)
            values |= {n, n * per_day}
        yield match.group(0).strip(), values


def numbers(params: dict[str, Any]) -> dict[str, list[float]]:
    """Return every number among a rule's parameters, by key, with what follows from it."""
    found: dict[str, list[float]] = {}
    for key, value in params.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, bool) or not isinstance(item, int | float):
                continue
            found.setdefault(key, []).append(float(item))
    return found


def _allowed(rule: Rule, profile: Profile) -> set[float]:
    allowed: set[float] = set()
    for key, values in numbers(rule.params).items():
        for n in values:
            allowed.add(n)
            if key.endswith("_cents"):
                allowed.add(n / 100)
            if key == "days" and n % 7 == 0:
                allowed.add(n / 7)
    for _written, meant in said(what_it_does(rule, profile)):
        allowed |= meant
    return allowed


def _rule_numbers(rule: Rule) -> str:
    found = numbers(rule.params)
    if list(found) == ["max"] and len(found["max"]) == 1:
        return f"the rule allows {int(found['max'][0])}"
    shown = (f"{k} = {', '.join(f'{v:g}' for v in vs)}" for k, vs in found.items())
    return "the rule says " + "; ".join(shown)


def contradictions(rule: Rule, profile: Profile) -> list[str]:
    """Say where the summary contradicts the rule: each wrong number, a wrong effect."""
    problems: list[str] = []
    if numbers(rule.params):
        allowed = _allowed(rule, profile)
        for written, values in said(rule.summary):
            if not values & allowed:
                shown = written if not written.isalpha() else f"{_value(written):g}"
                problems.append(f"the summary says {shown}, {_rule_numbers(rule)}")
    effect = effect_of(rule)
    summary = rule.summary.lower()
    if effect in ("warn", "hold") and REFUSES.search(summary) and not WARNS.search(summary):
        verb = "only warns" if effect == "warn" else "holds it for staff"
        problems.append(f"the summary says it is refused, the rule {verb}")
    if effect == "refuse" and WARNS.search(summary) and not REFUSES.search(summary):
        problems.append("the summary says it only warns, the rule refuses")
    return problems
