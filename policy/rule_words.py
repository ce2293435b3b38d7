"""Small phrases the request-time kinds' describers share ("Refuses a 3rd open request …").

Kept apart from policy/describe.py, which imports the engine: these modules are imported by it.
"""

from __future__ import annotations

from collections.abc import Iterable

from policy.kinds import KINDS
from policy.profile import Profile, Rule

VERBS = {
    "refuse": "Refuses",
    "warn": "Warns about, but accepts,",
    "hold": "Holds for staff review",
    "inform": "Only mentions (never acts on)",
}


def verb(rule: Rule) -> str:
    """Say what the rule's effect does, its kind's default when the profile sets none."""
    kind = KINDS.get(rule.check)
    effect = rule.effect or (kind.default_effect if kind is not None else "refuse")
    return VERBS.get(effect, "Refuses")


def ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 11th, 22nd…"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def article(n: int) -> str:
    """Return the article a number is read with: "an 11th", "a 6th"."""
    return "an" if str(n).startswith("8") or n in (11, 18) else "a"


def count(n: int, noun: str) -> str:
    """Say "1 month", "3 months"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def listed(words: Iterable[str], last: str = "and") -> str:
    """Join words as a sentence does: "a", "a and b", "a, b and c"."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


PLURALS = {
    "chapter": "chapter scans",
    "media": "DVDs and other audiovisual items",
    "thesis": "theses",
    "periodical_issue": "whole journal issues or volumes",
    "other": "other items",
}


def material_names(names: Iterable[str]) -> str:
    """Name material types in the plural ("books or audiobooks")."""
    return listed((PLURALS.get(n, f"{n.replace('_', ' ')}s") for n in names), "or")


def who(rule: Rule, profile: Profile) -> str:
    """Say which patrons a rule is limited to ("; only for faculty"), or ""."""
    from policy.describe import categories  # describe imports the kinds, and so this module

    only = rule.params.get("only_categories") or getattr(rule, "only_categories", ())
    never = rule.params.get("except_categories") or getattr(rule, "except_categories", ())
    if only:
        return f"; only for {categories(profile, only)}"
    if never:
        return f"; never for {categories(profile, never)}"
    return ""
