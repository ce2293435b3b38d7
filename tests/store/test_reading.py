"""`store.db.reading`: a read that sees one snapshot and, on SQLite, never takes the write lock
that turns and the scheduler queue for, and refuses to write. On both backends."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from store.db import reading, transaction
from store.directory import PatronRecord, upsert_patron
from store.models import Patron


def record(email: str) -> PatronRecord:
    """A directory row for a patron with this address."""
    return PatronRecord(id=email.split("@")[0], library="sjpl", category="public", email=email)


def add_patron(sessions: sessionmaker[Session], email: str) -> None:
    """Write one patron in an ordinary transaction."""
    with transaction(sessions) as session:
        upsert_patron(session, record(email))


def emails(session: Session) -> list[str]:
    """Return every patron's address the session sees."""
    return sorted(e for e in session.scalars(select(Patron.email)) if e)


@pytest.fixture
def write_lock(engine: Engine) -> Iterator[None]:
    """Another process (a turn, a scheduler pass) holding SQLite's write lock meanwhile."""
    if engine.dialect.name != "sqlite":
        yield
        return
    holder = sqlite3.connect(str(engine.url.database), isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):  # it is held, really
            sqlite3.connect(str(engine.url.database), timeout=0).execute("BEGIN IMMEDIATE")
        yield
    finally:
        holder.rollback()
        holder.close()


def test_a_read_answers_while_another_process_holds_the_write_lock(
    engine: Engine, sessions: sessionmaker[Session], request: pytest.FixtureRequest
) -> None:
    add_patron(sessions, "pat@sjpl.example")
    request.getfixturevalue("write_lock")
    with reading(sessions) as session:
        assert emails(session) == ["pat@sjpl.example"]


def test_a_read_sees_one_snapshot_while_others_commit(sessions: sessionmaker[Session]) -> None:
    add_patron(sessions, "pat@sjpl.example")
    with reading(sessions) as session:
        assert emails(session) == ["pat@sjpl.example"]
        add_patron(sessions, "ann@sjpl.example")  # committed by another connection meanwhile
        assert emails(session) == ["pat@sjpl.example"]
    with reading(sessions) as session:
        assert emails(session) == ["ann@sjpl.example", "pat@sjpl.example"]


def test_a_write_inside_a_read_fails_and_writes_after_it_work(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    refused = "readonly" if engine.dialect.name == "sqlite" else "read-only transaction"
    with pytest.raises(DBAPIError, match=refused), reading(sessions) as session:
        upsert_patron(session, record("x@sjpl.example"))
        session.flush()
    for _ in range(3):  # the pooled connections that read write again in a transaction
        with reading(sessions) as session:
            emails(session)
        add_patron(sessions, f"p{_}@sjpl.example")
    with reading(sessions) as session:
        assert emails(session) == [f"p{n}@sjpl.example" for n in range(3)]
