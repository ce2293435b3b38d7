"""Which of a library's limits a question is about: "at once", "a week", "a month", "a journal".

"How many books can I have out at once?" is answered with the limit on loans held at one time,
not with the weekly count, the copyright count per journal and the six-month wait between two
loans of one item as well. A question that names no scope ("is there a limit?") hears them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from policy.profile import Rule

# The scope a question names, in English and Spanish.
SCOPES = {
    "at_once": re.compile(
        r"\b(?:at\s+(?:once|one\s+time|a\s+time|the\s+same\s+time)|out\s+at|simultaneous|"
        r"a\s+la\s+vez|al\s+mismo\s+tiempo)\b",
        re.IGNORECASE,
    ),
    "week": re.compile(r"\b(?:a|per|each|every|this|one)\s+week\b|\bweekly\b|\bsemana", re.I),
    "month": re.compile(r"\b(?:a|per|each|every|this|one)\s+month\b|\bmonthly\b|\bmes\b", re.I),
    "year": re.compile(r"\b(?:a|per|each|every|this|one)\s+year\b|\byearly\b|\baño\b", re.I),
    "journal": re.compile(r"\b(?:journal|articles?|revista|art[íi]culos?)\b", re.IGNORECASE),
}


def scope_of(rule: Rule) -> str | None:
    """Return the scope a limit rule counts in, or None when it is no count of requests."""
    if rule.check in ("limit.loans_held", "limit.open"):
        return "at_once"
    if rule.check == "limit.per_week":
        return "week"
    if rule.check == "limit.per_period":
        return str(rule.params.get("period") or "month")
    if rule.check.startswith("copyright."):
        return "journal"
    return None


def asked_scopes(text: str) -> set[str]:
    """Return the scopes a question names ("at once" → at_once)."""
    return {name for name, pattern in SCOPES.items() if pattern.search(text)}


COUNTS = frozenset({"at_once", "week", "month", "year"})  # scopes that cap requests or loans
# A question about copies ("how long do I get to keep a scanned article?").
COPIES = re.compile(r"\b(?:scan\w*|articles?|pdfs?|cop(?:y|ies)|chapters?|art[íi]culos?)\b", re.I)


def caps_requests(rules: Iterable[Rule]) -> bool:
    """Tell whether any rule caps how many requests or loans a patron may have."""
    return any(scope_of(rule) in COUNTS for rule in rules)


def copies_first(rules: list[Rule], text: str) -> list[Rule]:
    """Put the rules on delivered copies first when the question is about a copy."""
    if not COPIES.search(text):
        return rules
    return sorted(rules, key=lambda rule: not rule.check.startswith("copy."))


def narrowed(rules: list[Rule], text: str) -> list[Rule]:
    """Keep the limits the question's scope names, when it names one some rule counts in."""
    asked = asked_scopes(text)
    matching = [rule for rule in rules if scope_of(rule) in asked]
    # the caps on requests or loans first, then what else counts (a wait, copyright)
    return sorted(matching or rules, key=lambda rule: scope_of(rule) not in COUNTS)
