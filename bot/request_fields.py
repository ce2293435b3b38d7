"""The Edit form's fields, checked the same way on every channel that shows the form.

Slack's modal (bot/slack/request_form.py) and the web chat's form (bot/web) both hand the
fields a patron wrote to `check_fields`, which tidies them and says what is wrong, by field.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from handlers.confirm import FORMAT_LABELS
from templates.i18n import N_, SOURCE, translate

FIELDS = (
    "title", "author", "format", "edition", "chapter", "pages", "copies", "need_by", "max_cost",
)  # fmt: skip
LIMITS = {
    "title": 500, "author": 300, "edition": 50, "chapter": 50, "pages": 50, "copies": 3,
    "need_by": 10, "max_cost": 12,
}  # fmt: skip
NO_TITLE = N_("Write the title you'd like.")
NO_FORMAT = N_("Pick one of the formats.")
TOO_LONG = N_("Write at most %(limit)s characters here.")
BAD_COPIES = N_("Write a number of copies from 1 to 99.")
BAD_DATE = N_("Pick a date.")
BAD_COST = N_("Write an amount in dollars, such as 15 or 0.")


def iso_date(value: str) -> bool:
    """Tell whether a value is a date written YYYY-MM-DD."""
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def read_fields(raw: dict[str, Any]) -> dict[str, str]:
    """Take the form's known fields as trimmed text; the format defaults to a book."""
    fields = {name: str(raw.get(name) or "").strip() for name in FIELDS}
    fields["format"] = fields["format"] or "book"
    return fields


def check_fields(fields: dict[str, str], language: str = SOURCE) -> dict[str, str]:
    """Check the fields in place (the cost becomes 0.00 dollars); return errors by field."""
    errors: dict[str, str] = {}

    def say(message: str, **values: object) -> str:
        text = translate(language, message)
        return text % values if values else text

    if not fields.get("title"):
        errors["title"] = say(NO_TITLE)
    if fields.get("format") not in FORMAT_LABELS:
        errors["format"] = say(NO_FORMAT)
    for name, limit in LIMITS.items():
        if len(fields.get(name, "")) > limit and name not in errors:
            errors[name] = say(TOO_LONG, limit=limit)
    copies = fields.get("copies", "")
    if copies and not (copies.isdigit() and 1 <= int(copies) <= 99):
        errors["copies"] = say(BAD_COPIES)
    need_by = fields.get("need_by", "")
    if need_by and not iso_date(need_by):
        errors["need_by"] = say(BAD_DATE)
    cost = fields.get("max_cost", "").lstrip("$").strip()
    if cost and "max_cost" not in errors:
        try:
            amount = float(cost)
            if not math.isfinite(amount) or not 0 <= amount <= 100000:
                raise ValueError(cost)
            fields["max_cost"] = f"{amount:.2f}"
        except ValueError:
            errors["max_cost"] = say(BAD_COST)
    return errors


def describe_fields(fields: dict[str, str]) -> str:
    """Put the Edit form in words, as the patron's message it stands for."""
    shown = {**fields, "format": FORMAT_LABELS.get(fields.get("format", ""), "")}
    labels = (
        ("title", "Title"), ("author", "Author"), ("format", "Format"), ("edition", "Edition"),
        ("chapter", "Chapter"), ("pages", "Pages"), ("copies", "Copies"),
        ("need_by", "Needed by"), ("max_cost", "Most I'll pay"),
    )  # fmt: skip
    return "; ".join(f"{label}: {shown[name]}" for name, label in labels if shown.get(name))
