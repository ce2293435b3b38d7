"""The patron directory and local holdings: validated upserts shared by CSV import and sim."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session
from stdnum import isbn as stdisbn

from policy.errors import IllBotError
from policy.keys import isbn13, normalise_title
from store.models import Holding, Patron

CATEGORIES = frozenset(
    {
        "faculty",
        "staff",
        "graduate",
        "undergraduate",
        "research_assistant",
        "visiting_scholar",
        "alumni",
        "community",
        "cardholder",
        "reciprocal",
        "public",
    }
)
STANDINGS = frozenset({"good", "blocked"})
HOLDING_STATUSES = frozenset({"available", "clics", "missing", "lost", "electronic_only"})


class DirectoryError(IllBotError):
    """A directory or holdings record that cannot be stored; the message says which field."""


@dataclass(frozen=True)
class PatronRecord:
    """One patron as given by a CSV row or a sim event."""

    id: str
    library: str
    category: str
    email: str | None = None
    slack: str | None = None
    name: str | None = None
    registered: bool = True
    standing: str = "good"
    cleared: bool = False


def check_patron(record: PatronRecord, libraries: set[str]) -> None:
    """Refuse a record with an unknown library, category or standing."""
    if not record.id.strip():
        raise DirectoryError("id is empty")
    if record.library not in libraries:
        raise DirectoryError(f"unknown library '{record.library}'")
    if record.category not in CATEGORIES:
        raise DirectoryError(f"unknown category '{record.category}'")
    if record.standing not in STANDINGS:
        raise DirectoryError(f"standing must be good or blocked, not '{record.standing}'")
    if record.email and "@" not in record.email:
        raise DirectoryError(f"not an email address: '{record.email}'")


def upsert_patron(session: Session, record: PatronRecord) -> Patron:
    """Add a patron or update the one with the same id."""
    patron = session.get(Patron, record.id) or Patron(id=record.id)
    patron.library = record.library
    patron.category = record.category
    patron.email = record.email.strip().lower() if record.email else None
    patron.slack = record.slack or None
    patron.name = record.name or None
    patron.registered = record.registered
    patron.standing = record.standing
    patron.cleared = record.cleared
    session.add(patron)
    return patron


def add_holding(
    session: Session,
    *,
    library: str,
    title: str,
    isbn: str | None = None,
    issn: str | None = None,
    status: str = "available",
) -> Holding:
    """Add a title to a library's local holdings."""
    if not title.strip():
        raise DirectoryError("title is empty")
    if status not in HOLDING_STATUSES:
        raise DirectoryError(f"unknown holding status '{status}'")
    try:
        normal_isbn = isbn13(stdisbn.validate(isbn)) if isbn else None
    except Exception as exc:  # stdnum raises several ValidationError kinds
        raise DirectoryError(f"not an ISBN: '{isbn}'") from exc
    holding = Holding(
        library=library,
        title=title.strip(),
        title_key=normalise_title(title),
        isbn=normal_isbn,
        issn=issn.upper() if issn else None,
        status=status,
    )
    session.add(holding)
    return holding
