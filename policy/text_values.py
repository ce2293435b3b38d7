"""What each Jinja text of a profile is given, and the check that it names nothing else.

A rule's `explain` and `instead` (and its `summary`, which stands in for a missing explain) are
rendered by handlers/turn.py explain(): every rule gets RULE_WORDS, and a rule the values its
kind declares where the kind is defined (`words`, `sometimes`: policy/kinds.py), which are its
findings' data and what the handlers showing it pass; a rule shown in a notice gets the
notice's text values (NOTICE_WORDS). `[texts]."notices/NAME"` gets the notice variables below,
`"replies/NAME"` the variables its shipped template uses and what the outbox gives every
message. tests/policy/test_validation_words_values.py holds the declarations to what the
scenarios' renderings really receive.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError, meta

from policy.kinds import KINDS, RULE_WORDS, Kind
from policy.validate_words import suggestion
from templates import environment

# What a notice's text may use, a library's own ([texts]."notices/NAME") as much as the shipped
# one; tests/templates/test_library_texts.py holds it to the real context of every notice sent.
NOTICE_VARIABLES = {
    "ref": "the request's number: ILL-12",
    "title": "the item's title (its number when it has none)",
    "name": "the request as the patron knows it: ILL-12 “The Loud Year”",
    "material": "book, chapter, article, audiobook, media, thesis, textbook, …",
    "status": "the request's status now: ready, checked_out, …",
    "due": "the due date, or empty: the patron reads it in words (Tuesday, October 20)",
    "asked_on": "the day the request was recorded",
    "need_by": "the need-by date, or empty",
    "desk": "where items are picked up and returned (the profile's contact.desk)",
    "fee": "the patron's fees on this request so far, in cents: {{ fee | money }} says $1.00",
    "lender_fee": "what the lender charges, in cents (0 when nothing)",
    "max_cost": "what the patron said they would pay, in cents, or none",
    "proxy": "the patron's proxy, or empty",
    "pickup_by": "the last day to pick the item up, or empty",
    "last_day": "the last day a delivered copy can be read, or empty",
    "days_overdue": "how many days the loan is overdue today (0 when it is not)",
    "academic_hold": "true when the patron's academic records are held because of this loan",
    "billed_on": "the day the replacement cost was billed, or empty",
    "billed_through": "how the patron's category is billed (its billed_through), or empty",
    "fine": "the overdue fine run up so far, in cents (fine.daily)",
    "can_renew": "true when the renewal rules would allow a renewal today",
    "no_renewal": "why not, in a few words, when a checked-out loan can't be renewed",
    "pays_fees": "false when every fee rule exempts the patron's category (no fee words)",
    "notice": "the notice type: overdue, final_warning, …",
    "reasons": "the rules behind it: each has explain, instead, says and id",
    "library": "the library's name",
    "library_id": "the profile's id",
    "contact": "the profile's [contact] table: contact.office, contact.desk, …",
    "rules": "the ids of the rules behind the notice",
    "today": "the day the message is written; like every date here, printed in words",
    "locale": "the patron's language: en, es (one of the profile's languages)",
}
# Variables only some notices have, and which.
SOME_NOTICES = {
    "owed": "fee, fee_ask, fine_charged, lender_fine: what the patron owes, in cents",
    "covered": "fee: what the library pays of the lender's charge, in cents",
    "reason": "unfilled, lender_fine: why, as staff recorded it (too_new, …), or empty",
    "count": "privileges_suspended: how many items were left unclaimed",
    "overdue": "overdue ladder steps: the overdue request's number",
    "minimum": "overdue ladder steps, billed: the bill's minimum, in cents (0 when none)",
    "days_late": "fine_charged: the days the fine counts",
    "capped": "fine_charged: true when the fine reached its most",
}
# What handlers/outbox.py gives every message besides its own context (a reply's ref only when
# it is about a request: its template names it then; today only to a patron).
OUTBOX_VALUES = ("library", "library_id", "contact", "fee", "rules", "today", "locale")
RULE_TEXTS = ("explain", "instead")  # rendered with the rule's values; summary when no explain


def rule_values(kind: Kind) -> tuple[str, ...]:
    """Return every value a rule of this kind may name in its explain and instead."""
    return tuple(dict.fromkeys((*kind.words, *kind.sometimes, *RULE_WORDS)))


def text_values(key: str) -> tuple[str, ...] | None:
    """Return the values a `[texts]` entry is given, or None when its key names no text."""
    folder, _, name = key.partition("/")
    if folder == "notices":
        return (*NOTICE_VARIABLES, *SOME_NOTICES)
    if folder == "replies" and name and not name.startswith("_"):
        return reply_values(name)
    return None


@cache
def reply_values(name: str) -> tuple[str, ...] | None:
    """Return what a reply's text is given: its shipped template's variables and the outbox's."""
    env = environment("text")
    try:
        used = _template_variables(env, f"replies/{name}.txt.j2", set())
    except TemplateNotFound:
        return None  # no such reply: reported as an unknown reply already
    return tuple(dict.fromkeys((*sorted(used), *OUTBOX_VALUES)))


def _template_variables(env: Environment, name: str, seen: set[str]) -> set[str]:
    """The variables a shipped template uses, with those of the templates it includes."""
    assert env.loader is not None
    seen.add(name)
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    found = set(meta.find_undeclared_variables(tree))
    for included in meta.find_referenced_templates(tree):
        if included is not None and included not in seen:  # None: a name built at render time
            found |= _template_variables(env, included, seen)
    return found


def unknown_values(source: str, known: Iterable[str]) -> list[str]:
    """Return a line for each value a Jinja text names that it is never given."""
    if "{" not in source:
        return []  # plain words name no values
    listed = tuple(dict.fromkeys(known))
    lines = []
    for name in sorted(_names(source) - set(listed)):
        near = suggestion(name, listed)
        hint = f"did you mean '{near}'?; " if near else ""
        lines.append(f"unknown value '{name}' ({hint}known: {', '.join(listed)})")
    return lines


@lru_cache(maxsize=4096)  # profiles load at every start and in every test: parse each text once
def _names(source: str) -> frozenset[str]:
    """The values a text reads from its context (not those it sets, loops over or Jinja's own)."""
    env = environment("text")
    try:
        names = meta.find_undeclared_variables(env.parse(source))
    except TemplateSyntaxError:  # also an unknown filter, found as the names are traced
        return frozenset()  # reported as a template error already
    return frozenset(names - set(env.globals))


def value_mistakes(data: dict[str, Any], where: str) -> list[str]:
    """Name each value a profile file's rule texts and `[texts]` use that they are never given."""
    mistakes = []
    rules = data.get("rules", [])
    for number, raw in enumerate(rules if isinstance(rules, list) else [], start=1):
        check = raw.get("check") if isinstance(raw, dict) else None
        kind = KINDS.get(check) if isinstance(check, str) else None
        if kind is None:
            continue  # not a rule table, or an unknown kind: reported already
        name = raw.get("id")
        label = f"rule {name}" if isinstance(name, str) and name else f"rule #{number}"
        keys = RULE_TEXTS if raw.get("explain") else (*RULE_TEXTS, "summary")
        for key in keys:
            if isinstance(raw.get(key), str):
                found = unknown_values(raw[key], rule_values(kind))
                mistakes += [f"{where}: {label}: {key}: {m}" for m in found]
    texts = data.get("texts", {})
    for key, value in texts.items() if isinstance(texts, dict) else ():
        known = text_values(str(key))
        if known is not None and isinstance(value, str):
            mistakes += [f'{where}: texts."{key}": {m}' for m in unknown_values(value, known)]
    return mistakes
