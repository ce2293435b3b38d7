"""What the engine does with a rule's parameters, in plain words (`illbot policy show`).

Every sentence is generated from the parameters and the rule's effect, never from the author's
summary, so a librarian can check the words against the written policy: a rule that only warns
reads as a warning. This module holds the shared words (used by the newer kinds' describers too)
and the table; the describers of the seed kinds are in policy/describe_requests.py and
policy/describe_loans.py. They file into OWN and are attached to the kinds registry
(policy/kinds.py, `describer`) once the engine has defined the kinds, so no import order matters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from policy import engine  # noqa: F401  (defines every kind: the checks and their params)
from policy.checks import REQUEST_CHECKS
from policy.fees import FEE_CHECKS
from policy.kinds import KINDS, Describer, describer
from policy.profile import Profile, Rule
from templates.words import money

OWN: dict[str, Describer] = {}  # kind → describer, for the seed kinds (describe_requests, _loans)

MATERIALS_PLURAL = {
    "book": "books",
    "chapter": "chapter scans",
    "article": "articles",
    "audiobook": "audiobooks",
    "media": "DVDs and other audiovisual items",
    "thesis": "theses",
    "textbook": "textbooks",
    "periodical_issue": "whole journal issues or volumes",
    "other": "other items",
}
UNCOUNTED = frozenset({"faculty", "staff", "alumni", "public"})  # "faculty", never "facultys"
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def describes(*names: str) -> Callable[[Describer], Describer]:
    """File a describer under one or more kinds (attached to the registry by `attach`)."""

    def keep(fn: Describer) -> Describer:
        for name in names:
            OWN[name] = fn
        return fn

    return keep


def attach() -> None:
    """Attach every describer filed here to its kind, for the kinds defined by now."""
    for name, fn in OWN.items():
        kind = KINDS.get(name)
        if kind is not None and kind.describe is None:
            describer(name)(fn)


def what_it_does(rule: Rule, profile: Profile) -> str:
    """Say what the engine does with this rule's parameters, or that no one described it."""
    kind = KINDS.get(rule.check)
    fn = kind.describe if kind is not None and kind.describe is not None else OWN.get(rule.check)
    if fn is None:
        return f"(No description of what check kind '{rule.check}' does.)"
    text = fn(rule, profile)
    if OWN.get(rule.check) is fn:  # the newer kinds' describers say whom they apply to
        text = text.removesuffix(".") + _scope(rule, profile) + "."
    return text


def _scope(rule: Rule, profile: Profile) -> str:
    """Say whom a rule is limited to (only_categories, except_categories), where it counts."""
    only, never = (
        list(rule.params.get(key) or getattr(rule, key, None) or ())
        for key in ("only_categories", "except_categories")
    )
    scoped = f"; only for {categories(profile, only)}" if only else ""
    scoped += f"; never for {categories(profile, never)}" if never else ""
    if not scoped or rule.check in REQUEST_CHECKS or rule.check in FEE_CHECKS:
        return scoped
    return "; (its only_categories / except_categories are not applied by this kind)"


# --- words -------------------------------------------------------------------------------


def effect_of(rule: Rule, profile: Profile | None = None) -> str:
    """Return the rule's effect: its own, else its kind's default.

    The CONTU count's effect is the library's copyright.action rule's (warn without one).
    """
    if rule.check == "copyright.rule_of_five" and profile is not None:
        actions = profile.rules_checking("copyright.action")
        return (effect_of(actions[0]) if actions else "") or "warn"
    if rule.effect:
        return rule.effect
    kind = KINDS.get(rule.check)
    return kind.default_effect if kind is not None else "refuse"


def act(rule: Rule, what: str) -> str:
    """Start a sentence with what the rule's effect does to `what` ("Refuses a 3rd request")."""
    effect = effect_of(rule)
    if effect == "warn":
        return f"warns, but accepts, {what}"
    if effect == "hold":
        return f"holds for staff review {what}"
    if effect == "inform":
        return f"only informs about (never refuses) {what}"
    return f"refuses {what}"


def ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 11th, 22nd…"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def a(n: int) -> str:
    """Return the article a number is read with: "an 11th", "a 6th"."""
    return "an" if str(n).startswith("8") or n in (11, 18) else "a"


def listed(words: Iterable[str], last: str = "and") -> str:
    """Join words as a sentence does: "a", "a and b", "a, b and c"."""
    items = [w for w in words if w]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def materials(names: Iterable[str], last: str = "and") -> str:
    """Name material types in the plural ("theses and textbooks")."""
    return listed((MATERIALS_PLURAL.get(m, m.replace("_", " ") + "s") for m in names), last)


def categories(profile: Profile, names: Iterable[str], last: str = "and") -> str:
    """Name patron categories in the plural, in the library's words ("community users")."""
    return listed((_plural(_category_words(profile, n)) for n in names), last)


def _category_words(profile: Profile, name: str) -> str:
    category = profile.categories.get(name)
    return (category.words if category and category.words else name).replace("_", " ")


def _plural(words: str) -> str:
    head, sep, tail = words.partition(" of ")
    last = head.rsplit(" ", 1)[-1]
    if last in UNCOUNTED or last.endswith("s"):
        return words
    return f"{head}s{sep}{tail}"


def count(n: int, noun: str) -> str:
    """Say "1 day", "3 days"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def exempt(profile: Profile, params: dict[str, Any], pay: str = "are exempt") -> str:
    """Say which categories a fee spares ("; faculty and staff are exempt"), or ""."""
    names = list(params.get("exempt", []))
    return f"; {categories(profile, names)} {pay}" if names else ""


def sentence(*parts: str) -> str:
    """Join clauses with semicolons into one sentence ending in a full stop."""
    text = "; ".join(p.strip().rstrip(".") for p in parts if p.strip())
    return text[:1].upper() + text[1:] + "."


def dollars(cents: Any) -> str:
    """Say an amount in cents as dollars ($1.00)."""
    return money(int(cents)) if int(cents) else "$0.00"


# The describers, filed in OWN when these modules load (each attaches what it filed).
from policy import describe_loans, describe_requests  # noqa: E402,F401

attach()
