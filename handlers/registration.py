"""The ILL registration form, filled in by conversation before a first request."""

from __future__ import annotations

import re

from handlers.turn import Turn
from store.requests import change_patron
from templates.i18n import N_, _

FIELDS = ("name", "status", "department", "email")
LABELS = {
    "name": r"(?:full\s+)?name",
    "status": r"status|position|role|category",
    "department": r"dep(?:ar)?t(?:ment)?|program(?:me)?|major|unit",
    "email": r"e-?mail(?:\s+address)?",
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SEPARATORS = re.compile(r"\s*(?:\n|;|,|\|)\s*")
# What a patron writes when giving one field at a time ("graduate student", "my name is Ana").
STATUS_WORDS = re.compile(
    r"\b(?:faculty|professor|prof|lecturer|adjunct|instructor|graduate|grad|phd|doctoral"
    r"|master'?s|undergrad(?:uate)?|student|staff|employee|visiting|scholar|researcher|postdoc"
    r"|alumn(?:us|a|i|ae))\b",
    re.IGNORECASE,
)
NAME_SAID = re.compile(
    r"^(?:my\s+(?:full\s+)?name\s+is|i'?m|i\s+am|it'?s|this\s+is)\s+(?P<v>.+)$", re.I
)
DEPARTMENT_SAID = re.compile(
    r"^(?:i'?m\s+|i\s+am\s+)?(?:in|from|with)\s+(?:the\s+)?(?P<v>.+?)"
    r"(?:\s+(?:department|dept\.?|program(?:me)?))?$",
    re.IGNORECASE,
)
NAME_LIKE = re.compile(r"^[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){1,3}$")
# A field named by its label without a colon: "department Criminal Justice", "email a@b.edu".
LABEL_OPENS = {
    key: re.compile(rf"^(?:my\s+)?(?:{label})\s+(?:is\s+)?(?P<v>\S.*)$", re.I)
    for key, label in LABELS.items()
}
# What the form never asks, said beside it: "My ID is 12345678", "student ID: 2301".
NOT_ASKED = re.compile(
    r"^(?:my\s+)?(?:student\s+|staff\s+|employee\s+)?(?:id|emplid|barcode)\b", re.I
)
# A department said bare: words without digits ("Criminal Justice", "Law & Society").
BARE_UNIT = re.compile(r"[^\W\d_][^\W\d_&'’ -]*(?:[&'’ -]+[^\W\d_]+)*")
MOST_WORDS = 8  # a longer message is something else than one answer to the form
DEFAULT_LABELS = {
    "name": N_("full name"),
    "status": N_("status"),
    "department": N_("department"),
    "email": N_("email"),
}


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
    parts = [p for p in parts if not NOT_ASKED.match(p)]
    emails = [p for p in parts if EMAIL.fullmatch(p)]
    others = [p for p in parts if p not in emails]
    if len(others) < 3:
        return {}
    found = dict(zip(("name", "status", "department"), others[:3], strict=True))
    if emails:
        found["email"] = emails[0]
    return found


def read_answer(text: str, form: dict[str, str]) -> dict[str, str]:
    """Read the fields a message gives, labelled or bare ("Ana Ruiz", "graduate student").

    Bare answers fill the fields still missing, in the order the form asks them; a question or
    a long message is not an answer to the form.
    """
    found = read_form(text)
    if found:
        return found
    if "?" in text or len(text.split()) > MOST_WORDS:
        return {}
    parts = [p.strip().rstrip(".!") for p in SEPARATORS.split(text.strip()) if p.strip()]
    for part in parts:
        if NOT_ASKED.match(part):
            continue  # an id beside the answers: not a field, and no reason to drop the rest
        field, value = _bare(part, {**form, **found})
        if field is None:
            return {}  # one part is not a field: the message answers something else
        found[field] = value
    return found


def _bare(part: str, known: dict[str, str]) -> tuple[str | None, str]:
    """Say which missing field one bare answer fills, and with what."""
    lacking = missing(known)
    for field, opens in LABEL_OPENS.items():
        labelled = opens.match(part)
        if labelled and field in lacking and (field != "email" or EMAIL.fullmatch(labelled["v"])):
            return field, labelled.group("v").strip()
    if EMAIL.fullmatch(part) and "email" in lacking:
        return "email", part
    said = NAME_SAID.match(part)
    in_a_unit = said is not None and bool(re.match(r"(?:in|from|with)\s", said.group("v"), re.I))
    if said and "name" in lacking and not STATUS_WORDS.search(said.group("v")) and not in_a_unit:
        value = said.group("v").strip()
        return ("name", value) if NAME_LIKE.match(value) else (None, "")
    if STATUS_WORDS.search(part) and "status" in lacking:
        return "status", re.sub(r"^(?:i'?m|i\s+am)\s+(?:an?\s+)?", "", part, flags=re.I)
    if said:
        part = said.group("v").strip()
    department = DEPARTMENT_SAID.match(part)
    if department and "department" in lacking:
        return "department", department.group("v").strip()
    if "name" in lacking and NAME_LIKE.match(part):
        return "name", part
    if "department" in lacking and BARE_UNIT.fullmatch(part):
        return "department", part
    return None, ""


def labels(fields: list[str], asked: object = None) -> list[str]:
    """Name form fields as the library's form does (its own labels when it has four)."""
    own = [str(f) for f in asked] if isinstance(asked, list) and len(asked) == len(FIELDS) else []
    if own:  # the library's own form: its labels as it wrote them
        names = dict(zip(FIELDS, own, strict=True))
        return [names.get(f, f) for f in fields]
    return [_(DEFAULT_LABELS[f]) if f in DEFAULT_LABELS else f for f in fields]


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
