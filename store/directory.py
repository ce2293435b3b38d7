"""The patron directory and local holdings: validated upserts shared by CSV import and sim."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session
from stdnum import isbn as stdisbn

from policy.errors import IllBotError
from policy.keys import isbn13, normalise_title
from policy.profile import Profile
from store.models import Holding, Patron

STANDINGS = frozenset({"good", "blocked"})


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
    household: str | None = None  # patrons sharing one are counted together by some limits
    language: str | None = None  # the language they are written to; None leaves it as it is


def _library(name: str, profiles: Mapping[str, Profile]) -> Profile:
    if name not in profiles:
        raise DirectoryError(f"unknown library '{name}' (known: {', '.join(sorted(profiles))})")
    return profiles[name]


def check_patron(record: PatronRecord, profiles: Mapping[str, Profile]) -> None:
    """Refuse a record whose library, category (the library's own) or standing is unknown."""
    if not record.id.strip():
        raise DirectoryError("id is empty")
    profile = _library(record.library, profiles)
    if record.category not in profile.categories:
        raise DirectoryError(
            f"category '{record.category}' is not one of {profile.id}'s "
            f"({', '.join(profile.categories)})"
        )
    if record.standing not in STANDINGS:
        raise DirectoryError(f"standing must be good or blocked, not '{record.standing}'")
    if record.email and "@" not in record.email:
        raise DirectoryError(f"not an email address: '{record.email}'")
    if record.language and not profile.speaks(record.language):
        raise DirectoryError(
            f"language '{record.language}' is not one {profile.id} answers in "
            f"({', '.join(profile.languages)})"
        )


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
    patron.household = (record.household or "").strip() or None
    if record.language is not None:
        patron.language = record.language or None
    session.add(patron)
    return patron


def add_holding(
    session: Session,
    profiles: Mapping[str, Profile],
    *,
    library: str,
    title: str,
    isbn: str | None = None,
    issn: str | None = None,
    status: str = "available",
) -> Holding:
    """Add a title to a library's local holdings, its status one the library declares."""
    profile = _library(library, profiles)
    if not title.strip():
        raise DirectoryError("title is empty")
    if status not in profile.holding_statuses:
        raise DirectoryError(
            f"holding status '{status}' is not one of {profile.id}'s "
            f"({', '.join(profile.holding_statuses)})"
        )
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
