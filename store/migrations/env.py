"""Alembic environment: runs migrations on the engine the caller hands over."""

from __future__ import annotations

from alembic import context

from store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # pragma: no cover - only when run as `alembic` by hand
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///illbot.db")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        # SQLite has transactional DDL, but alembic assumes not and would let the write lock go
        # between migrations: a second command starting on a new store could then run one of
        # them twice. One transaction, BEGIN IMMEDIATE first, reads the version under the lock.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        # One migrator at a time: any number of commands may start on a new database together.
        # SQLite's BEGIN IMMEDIATE (store.db) already holds the write lock for this transaction.
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7271190011)")
        context.run_migrations()
    connection.commit()
