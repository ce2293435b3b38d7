"""The ILL registration form, filled in by conversation before a first request."""

from __future__ import annotations

import re

from handlers.turn import Turn
from store.requests import change_patron

FIELDS = ("name", "status", "department", "email")
LABELS = {
    "name": r"(?:full\s+)?name",
    "status": r"status|position|role|category",
    "department": r"dep(?:ar)?t(?:ment)?|program(?:me)?|major|unit",
    "email": r"e-?mail(?:\s+address)?",
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SEPARATORS = re.compile(r"\s*(?:\n|;|,|\|)\s*")


def read_form(text: str) -> dict[str, str]:
    """Read the form's fields from "Name: …" lines, or from four comma-separated answers."""
    found: dict[str, str] = {}
    for key, label in LABELS.items():
        match = re.search(rf"(?im)\b(?:{label})\s*[:=\-–]\s*([^\n,;|]+)", text)
        if match and match.group(1).strip():
            found[key] = match.group(1).strip().rstrip(".")
    if not found:
        found = _in_order(text)
    if "email" not in found and (email := EMAIL.search(text)):
        found["email"] = email.group(0)
    return found


def _in_order(text: str) -> dict[str, str]:
    """Read bare answers given in the order asked: name, status, department, email."""
    parts = [p.strip().rstrip(".") for p in SEPARATORS.split(text.strip()) if p.strip()]
    emails = [p for p in parts if EMAIL.fullmatch(p)]
    others = [p for p in parts if p not in emails]
    if len(others) < 3:
        return {}
    found = dict(zip(("name", "status", "department"), others[:3], strict=True))
    if emails:
        found["email"] = emails[0]
    return found


def missing(form: dict[str, str]) -> list[str]:
    """Return the fields the form still lacks."""
    return [f for f in FIELDS if not form.get(f)]


def register(turn: Turn, form: dict[str, str]) -> None:
    """Record the completed form on the patron's directory entry."""
    change_patron(
        turn.session,
        turn.patron,
        registered=True,
        name=form["name"],
        department=form["department"],
        email=turn.patron.email or form["email"],
    )
