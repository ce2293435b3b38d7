"""`illbot patrons import` and `illbot holdings import`: all rows or none."""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from policy.errors import IllBotError
from policy.profile import Profile
from store.db import analyze
from store.directory import PatronRecord, add_holding, check_patron, upsert_patron
from store.models import Patron

PATRON_COLUMNS = (
    "id",
    "library",
    "category",
    "email",
    "slack",
    "name",
    "registered",
    "standing",
    "cleared",
    "household",
    "card",  # optional: the library card number the web chat signs in with
    "language",  # optional: the language the patron is written to (one the profile lists)
)
HOLDING_COLUMNS = ("library", "title", "isbn", "issn", "status")
TRUE, FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n"}


class CsvImportError(IllBotError):
    """A CSV file that cannot be imported; the message names the file and line."""


def _flag(value: str, default: bool, column: str) -> bool:
    text = value.strip().lower()
    if not text:
        return default
    if text in TRUE | FALSE:
        return text in TRUE
    raise ValueError(f"{column} must be true or false, not '{value}'")


def _rows(
    path: Path, columns: tuple[str, ...], required: tuple[str, ...]
) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = tuple(reader.fieldnames or ())
            missing = [c for c in required if c not in header]
            if missing:
                raise CsvImportError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
            unknown = [c for c in header if c not in columns]
            if unknown:
                raise CsvImportError(f"{path}: line 1: unknown column(s) {', '.join(unknown)}")
            return [
                (reader.line_num, {k: (v or "").strip() for k, v in row.items() if k})
                for row in reader
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CsvImportError(f"{path}: {exc}") from exc


def _each(
    path: Path, rows: list[tuple[int, dict[str, str]]], apply: Callable[[dict[str, str]], Any]
) -> int:
    for line, row in rows:
        try:
            apply(row)
        except (IllBotError, ValueError) as exc:
            raise CsvImportError(f"{path}: line {line}: {exc}") from None
    return len(rows)


def import_patrons(session: Session, path: Path, profiles: Mapping[str, Profile]) -> int:
    """Load or update patrons from CSV in the caller's transaction; return the row count."""

    def apply(row: dict[str, str]) -> None:
        record = PatronRecord(
            id=row["id"],
            library=row["library"],
            category=row["category"],
            email=row.get("email") or None,
            slack=row.get("slack") or None,
            name=row.get("name") or None,
            registered=_flag(row.get("registered", ""), True, "registered"),
            standing=row.get("standing") or "good",
            cleared=_flag(row.get("cleared", ""), False, "cleared"),
            household=row.get("household") or None,
        )
        check_patron(record, profiles)
        patron = upsert_patron(session, record)
        if "card" in row:  # a file without the column leaves cards as they are
            patron.card = _card(session, record, row["card"])
        if "language" in row:  # likewise languages
            patron.language = _language(row["language"], profiles[record.library])
        session.flush()

    count = _each(path, _rows(path, PATRON_COLUMNS, ("id", "library", "category")), apply)
    analyze(session, "patrons")  # a new directory: the planner's row counts are stale
    return count


def _card(session: Session, record: PatronRecord, value: str) -> str | None:
    """Check a card number: printable, at most 64 characters, one patron's in its library."""
    card = value.strip() or None
    if card is None:
        return None
    if len(card) > 64 or not card.isprintable():
        raise ValueError("card must be at most 64 printable characters")
    holder = session.scalars(
        select(Patron.id).where(
            Patron.library == record.library, Patron.card == card, Patron.id != record.id
        )
    ).first()
    if holder is not None:
        raise ValueError(f"card is already patron {holder}'s in {record.library}")
    return card


def _language(value: str, profile: Profile) -> str | None:
    """Check a language code: empty (not known), or one the patron's library answers in."""
    code = value.strip().lower() or None
    if code is not None and not profile.speaks(code):
        offered = ", ".join(profile.languages)
        raise ValueError(f"language '{value}' is not one {profile.id} answers in ({offered})")
    return code


def import_holdings(session: Session, path: Path, profiles: Mapping[str, Profile]) -> int:
    """Load local holdings from CSV in the caller's transaction; return the row count."""

    def apply(row: dict[str, str]) -> None:
        add_holding(
            session,
            profiles,
            library=row["library"],
            title=row["title"],
            isbn=row.get("isbn") or None,
            issn=row.get("issn") or None,
            status=row.get("status") or "available",
        )
        session.flush()  # a value the store refuses names this line

    count = _each(path, _rows(path, HOLDING_COLUMNS, ("library", "title")), apply)
    analyze(session, "holdings")
    return count
