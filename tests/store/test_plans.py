"""The hot queries' plans at 100k past requests: no full scan of a table that grows, either backend.

The statements are the ones the real functions send (captured as they run), explained with
their own parameters after ANALYZE: the patron lookups, a patron's requests and the policy
counts, the sender's outbox, the inbox dedupe and every statement of a retention purge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, event, inspect
from sqlalchemy.orm import Session

from bench.history import NOW, Past, build_past
from bench.plans import hot_queries
from bot.runtime import Runtime
from store.db import alembic_config, analyze, transaction
from store.requests import find_patron
from store.retention import purge_finished

PAST = 100_000
LARGE = 50_000  # rows: a table this size is never worth reading whole for a hot query
# Tables that grow with every message and request: a scan of one costs more each year.
GROWING = ("requests", "request_events", "outbox", "inbox", "patrons", "conversations")
SQLITE_SCAN = re.compile(rf"^SCAN ({'|'.join(GROWING)})\b")  # a whole table or index
POSTGRES_SCAN = re.compile(rf"Seq Scan on ({'|'.join(GROWING)})\b")
SKIPPED = ("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "ANALYZE", "SAVEPOINT", "RELEASE")
TODAY = NOW.date()


@contextmanager
def captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Collect the statements (and their parameters) an engine sends while the block runs."""
    seen: list[tuple[str, Any]] = []

    def before(_c: Any, _cur: Any, statement: str, parameters: Any, _x: Any, many: bool) -> None:
        if not many and not statement.lstrip().upper().startswith(SKIPPED):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def full_scans(engine: Engine, statement: str, parameters: Any) -> list[str]:
    """Return the lines of a statement's plan that read a growing table whole."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            return [row[3] for row in rows if SQLITE_SCAN.search(row[3])]
        rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
        found = [POSTGRES_SCAN.search(row[0]) for row in rows]
        # PostgreSQL rightly reads a few thousand rows whole rather than probe an index for a
        # fifth of them (conversations, patrons of a library): only large tables count there.
        return [m.group(0) for m in found if m and m.group(1) in large_tables(connection)]


def large_tables(connection: Connection) -> set[str]:
    """Return the growing tables holding at least LARGE rows."""
    counts = {t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in GROWING}
    return {table for table, count in counts.items() if (count or 0) >= LARGE}


def run_captured(runtime: Runtime, work: Callable[[Session], Any]) -> list[tuple[str, Any]]:
    """Run `work` in a transaction that is rolled back; return the statements it sent."""
    with captured(runtime.engine) as seen, runtime.sessions() as session:
        work(session)
        session.rollback()
    return seen


@pytest.fixture
def past(runtime: Runtime) -> Past:
    """100k past requests with their messages, statistics fresh."""
    built = build_past(runtime.engine, PAST, outbox_per_request=2, purgeable=100)
    with transaction(runtime.sessions) as session:
        analyze(session)
    return built


def test_no_hot_query_reads_a_growing_table_whole(runtime: Runtime, past: Past) -> None:
    scans: dict[str, list[str]] = {}
    for name, work in hot_queries(past).items():
        statements = run_captured(runtime, work)
        assert statements, f"{name}: sent no statement"
        for statement, parameters in statements:
            if found := full_scans(runtime.engine, statement, parameters):
                scans[f"{name}: {' '.join(statement.split())[:120]}"] = found
    assert scans == {}


def test_the_purge_clears_what_is_due_without_reading_a_growing_table_whole(
    runtime: Runtime, past: Past
) -> None:
    with captured(runtime.engine) as statements, transaction(runtime.sessions) as session:
        assert purge_finished(session, NOW, runtime.library) == past.purgeable
    scans = {
        " ".join(statement.split())[:160]: found
        for statement, parameters in statements
        if (found := full_scans(runtime.engine, statement, parameters))
    }
    assert scans == {}
    with transaction(runtime.sessions) as session:
        assert purge_finished(session, NOW + timedelta(hours=1), runtime.library) == 0


def test_the_plan_indexes_come_off_and_back_on(runtime: Runtime) -> None:
    config = alembic_config(runtime.engine)
    command.downgrade(config, "0007")
    assert "ix_requests_library" in request_indexes(runtime.engine)
    command.upgrade(config, "head")
    assert {"ix_requests_patron_id_status", "ix_requests_linked_ended_at"} <= request_indexes(
        runtime.engine
    )
    with runtime.sessions() as session:
        assert find_patron(session, "nobody@example.org") is None


def request_indexes(engine: Engine) -> set[str]:
    """Return the names of the requests table's indexes."""
    return {str(index["name"]) for index in inspect(engine).get_indexes("requests")}
