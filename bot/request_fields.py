"""The Edit form's fields, checked the same way on every channel that shows the form.

Slack's modal (bot/slack/request_form.py) and the web chat's form (bot/web) both hand the
fields a patron wrote to `check_fields`, which tidies them and says what is wrong, by field.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from handlers.confirm import FORMAT_LABELS

FIELDS = (
    "title", "author", "format", "edition", "chapter", "pages", "copies", "need_by", "max_cost",
)  # fmt: skip
LIMITS = {
    "title": 500, "author": 300, "edition": 50, "chapter": 50, "pages": 50, "copies": 3,
    "need_by": 10, "max_cost": 12,
}  # fmt: skip


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


def check_fields(fields: dict[str, str]) -> dict[str, str]:
    """Check the fields in place (the cost becomes 0.00 dollars); return errors by field."""
    errors: dict[str, str] = {}
    if not fields.get("title"):
        errors["title"] = "Write the title you'd like."
    if fields.get("format") not in FORMAT_LABELS:
        errors["format"] = "Pick one of the formats."
    for name, limit in LIMITS.items():
        if len(fields.get(name, "")) > limit and name not in errors:
            errors[name] = f"Write at most {limit} characters here."
    copies = fields.get("copies", "")
    if copies and not (copies.isdigit() and 1 <= int(copies) <= 99):
        errors["copies"] = "Write a number of copies from 1 to 99."
    need_by = fields.get("need_by", "")
    if need_by and not iso_date(need_by):
        errors["need_by"] = "Pick a date."
    cost = fields.get("max_cost", "").lstrip("$").strip()
    if cost and "max_cost" not in errors:
        try:
            amount = float(cost)
            if not math.isfinite(amount) or not 0 <= amount <= 100000:
                raise ValueError(cost)
            fields["max_cost"] = f"{amount:.2f}"
        except ValueError:
            errors["max_cost"] = "Write an amount in dollars, such as 15 or 0."
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
