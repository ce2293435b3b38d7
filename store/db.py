"""Open the store: engines, sessions and schema migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from store import clip


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
        cursor.close()

    return on_connect


def _sqlite_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock up front: a turn that reads and then writes can never
    # fail half-way with SQLITE_BUSY because another process wrote in between.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


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
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(model)
        .values(**clip.fit_values(model, values))
        .on_conflict_do_nothing()
        .returning(model.id)  # psycopg reports no rowcount for this statement
    )
    return session.execute(statement).scalar_one_or_none() is not None


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Run a block in one transaction: commit on success, roll back on any error."""
    with factory() as session, session.begin():
        yield session


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
