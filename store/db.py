"""Open the store: engines, sessions and schema migrations."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from store import clip

ANALYSIS_LIMIT = 1000  # index rows ANALYZE samples per index (SQLite's suggested 400-1000)


def make_engine(url: str) -> Engine:
    """Create an engine for a SQLAlchemy URL; SQLite files run in WAL mode."""
    parsed = make_url(url)
    # hide_parameters: SQL errors and echo never carry patron ids, names or addresses into logs.
    if parsed.get_backend_name() != "sqlite":
        # connect_timeout: an unreachable server is reported in seconds, not after minutes.
        connect = {"connect_timeout": 10} if parsed.get_backend_name() == "postgresql" else {}
        return create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args=connect)
    in_memory = parsed.database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if in_memory:
        # One shared connection, or every new connection would see an empty database.
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, hide_parameters=True, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas(wal=not in_memory))
    event.listen(engine, "close", _sqlite_optimize)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(*, wal: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy's recipe for pysqlite: the driver never opens or commits a transaction
        # on its own (its SAVEPOINT RELEASE would commit outside ours); `_sqlite_begin` does.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=10000")  # first: WAL setup may wait for a twin
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")  # durable: a reply is never lost
        cursor.execute("PRAGMA foreign_keys=ON")
        # Statistics for the planner: ANALYZE reads a sample, never a whole million-row index,
        # and a long-lived connection starts by analysing what needs it (SQLite's advice).
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("PRAGMA optimize=0x10002")
        cursor.close()

    return on_connect


def _sqlite_optimize(dbapi_connection: Any, _record: Any) -> None:
    # What this connection's queries showed would benefit from fresh statistics. Busy or
    # broken: skipped, never waited for (the next connection's optimize does it).
    with suppress(sqlite3.Error):
        dbapi_connection.execute("PRAGMA query_only=0")  # the last use may have been a read
        dbapi_connection.execute("PRAGMA busy_timeout=100")
        dbapi_connection.execute("PRAGMA optimize")


def analyze(session: Session, *tables: str) -> None:
    """Refresh the planner's statistics (all tables, or these) after a bulk change."""
    for table in tables or ("",):
        session.execute(text(f"ANALYZE {table}".strip()))


def optimize(session: Session) -> None:
    """Let SQLite refresh the statistics that have gone stale (PostgreSQL's autovacuum does)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA optimize"))


# Waiting for SQLite's write lock: asked again every millisecond, for about ten seconds.
LOCK_TRIES = 10_000
LOCK_PAUSE = 0.001


# The execution option `reading` sets: the transaction only reads.
READ_ONLY = "illbot_read_only"


def _sqlite_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock up front: a turn that reads and then writes can never
    # fail half-way with SQLITE_BUSY because another process wrote in between.
    # SQLite's own busy wait backs off to 100 ms between looks, so a patron's turn could wait
    # out many of a scheduler pass's short transactions; asking every millisecond takes the
    # lock in the gap between two of them.
    raw = connection.connection.dbapi_connection
    read_only = bool(connection.get_execution_options().get(READ_ONLY))
    # query_only: a write slipped into a read fails at once instead of taking the lock late.
    raw.execute(f"PRAGMA query_only={int(read_only)}")
    if read_only:
        raw.execute("BEGIN")  # deferred: WAL gives it a snapshot at its first read, no lock
        return
    raw.execute("PRAGMA busy_timeout=0")
    try:
        for tries_left in range(LOCK_TRIES, 0, -1):
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if ("locked" not in str(exc) and "busy" not in str(exc)) or tries_left == 1:
                    raise
                time.sleep(LOCK_PAUSE)
    finally:
        raw.execute("PRAGMA busy_timeout=10000")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return a session factory whose objects stay readable after commit, and fit to store."""
    factory = sessionmaker(engine, expire_on_commit=False)
    clip.install(factory)  # the same NUL-free, clipped values on SQLite and PostgreSQL
    return factory


def insert_new(session: Session, model: type[Any], **values: Any) -> bool:
    """Insert one row unless a unique key has it already; True when this call inserted it.

    A single `INSERT … ON CONFLICT DO NOTHING` in the caller's transaction: no savepoint, so it
    commits or rolls back with the rest of the turn, and a concurrent twin simply loses.
    """
    dialect = session.get_bind().dialect.name
    statement = _NEW_ROW.get((dialect, model))
    if statement is None:
        # Built once per table: building a statement costs more than running it. On the table
        # through the connection, not the ORM: an ORM-enabled INSERT costs several times more.
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        table = model.__table__
        statement = _NEW_ROW[dialect, model] = (
            insert(table)
            .on_conflict_do_nothing()
            .returning(*table.primary_key.columns)  # psycopg gives no rowcount for it
        )
    if _waiting_for(session, model):  # as the ORM would: rows this one may point at go first
        session.flush()
    found = session.connection().execute(statement, clip.fit_values(model, values))
    return found.scalar_one_or_none() is not None


_NEW_ROW: dict[tuple[str, type[Any]], Any] = {}
_NEEDS: dict[type[Any], tuple[str, ...]] = {}


def _waiting_for(session: Session, model: type[Any]) -> bool:
    """Tell whether unflushed new rows include one of a table `model` points at (or its own).

    Only those must be written before a statement on `model`'s table; the others (a notice's
    outbox rows) wait for one flush of the whole chunk, where the ORM batches them.
    """
    if not session.new:
        return False
    tables = _NEEDS.get(model)
    if tables is None:
        table = model.__table__
        tables = _NEEDS[model] = (
            table.name,
            *(key.column.table.name for key in table.foreign_keys),
        )
    return any(row.__table__.name in tables for row in session.new)


@contextmanager
def flushing_only(session: Session, *models: type[Any]) -> Iterator[Session]:
    """Run queries of `models`' tables with only their own pending changes written first.

    Autoflush would write every pending row before each query; a scheduler pass queues many
    outbox rows that such a read never looks at, and writing them one query at a time costs
    more than the read itself.
    """
    names = {model.__table__.name for model in models}
    if any(row.__table__.name in names for row in (*session.new, *session.dirty)):
        session.flush()
    with session.no_autoflush:
        yield session


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Run a block in one transaction: commit on success, roll back on any error."""
    with factory() as session, session.begin():
        yield session


@contextmanager
def reading(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Read in one consistent snapshot that writes nothing (SQLite: without the write lock)."""
    with factory() as session:
        options: dict[str, Any] = {READ_ONLY: True}
        if session.get_bind().dialect.name == "postgresql":
            # Its reads never wait for writers anyway; REPEATABLE READ makes the block one
            # snapshot there too (read committed would see others' commits between queries),
            # and a read-only one never fails to serialize. Both reset when the pool takes it.
            options |= {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        session.connection(execution_options=options)
        yield session  # closing the session rolls the (empty) transaction back


def alembic_config(engine: Engine) -> Config:
    """Return an Alembic configuration bound to this engine."""
    config = Config()
    config.set_main_option("script_location", "store:migrations")
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet applied."""
    command.upgrade(alembic_config(engine), "head")


def is_empty(engine: Engine) -> bool:
    """Tell whether the store has no tables yet."""
    return not inspect(engine).has_table("alembic_version")
