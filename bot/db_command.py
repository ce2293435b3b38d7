"""`illbot db upgrade|current|check|backup` and the ILLBOT_AUTO_MIGRATE rule for startup."""

from __future__ import annotations

import logging
import sqlite3
import warnings
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, NoSuchModuleError

from bot.settings import Settings
from policy.errors import ConfigError
from store.db import alembic_config, make_engine, upgrade
from store.models import Base

UPGRADE_HINT = "run `illbot db upgrade`"


def auto_migrate_enabled(settings: Settings) -> bool:
    """ILLBOT_AUTO_MIGRATE (default true): whether commands that open the store migrate it."""
    return settings.auto_migrate


def revisions(engine: Engine) -> tuple[str | None, str]:
    """The store's migration revision (None when never migrated) and the newest one."""
    newest = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    quiet = logging.getLogger("alembic.runtime.migration")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # "Context impl SQLiteImpl." is noise beside a one-line error
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    finally:
        quiet.setLevel(level)
    return current, newest or ""


def prepare_store(engine: Engine, settings: Settings) -> None:
    """Migrate the store, or with ILLBOT_AUTO_MIGRATE=false refuse one that is not current."""
    current, newest = revisions(engine)  # read first: an upgrade holds the write lock
    if current == newest:
        return
    if auto_migrate_enabled(settings) or _in_memory(engine):  # a scratch store has no one else
        upgrade(engine)
        return
    if current != newest:
        raise ConfigError(
            f"the store is at revision {current or 'none (empty)'}, the newest is {newest}, and"
            f" ILLBOT_AUTO_MIGRATE is false: {UPGRADE_HINT}"
        )


def _in_memory(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and engine.url.database in (None, "", ":memory:")


def _open(url: str) -> Engine:
    try:
        engine = make_engine(url)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:  # e.g. mysql:// with no driver
        raise ConfigError(f"ILLBOT_DATABASE_URL: no driver for this store ({exc})") from None
    try:
        engine.connect().close()
    except DBAPIError as exc:
        engine.dispose()
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise ConfigError(f"ILLBOT_DATABASE_URL: cannot open the store: {first}") from None
    return engine


def run_upgrade(url: str) -> str:
    """Apply every pending migration, whatever ILLBOT_AUTO_MIGRATE says."""
    engine = _open(url)
    try:
        upgrade(engine)
        current, _ = revisions(engine)
    finally:
        engine.dispose()
    return f"store is up to date (revision {current})"


def current_state(url: str) -> tuple[str, bool]:
    """One line on the store's revision, and whether it is the newest."""
    engine = _open(url)
    try:
        current, newest = revisions(engine)
    finally:
        engine.dispose()
    if current == newest:
        return f"revision {current} (the newest)", True
    shown = current or "none (empty store)"
    return f"revision {shown}; the newest is {newest}: {UPGRADE_HINT}", False


def check_store(url: str) -> list[str]:
    """Where the store's tables differ from the models, one line each; empty when they agree."""
    engine = _open(url)
    try:
        if revisions(engine)[0] is None:  # not a list of every table: one line to act on
            return [f"the store is empty: {UPGRADE_HINT}"]
        with engine.connect() as connection, warnings.catch_warnings():
            # SQLite's reflection cannot read the lower(email) index; the migration made it.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression")
            warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expr")
            diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    lines: list[str] = []
    for diff in diffs:
        # Column changes come as lists of tuples, table and index changes as single tuples.
        for item in diff if isinstance(diff, list) else [diff]:
            lines.append(describe_difference(item))
    return lines


def describe_difference(item: tuple[Any, ...]) -> str:
    """One readable line for one of alembic's autogenerate differences."""
    kind = item[0]
    if kind in ("add_table", "remove_table"):
        where = "in the models, not in the store" if kind == "add_table" else "only in the store"
        return f"table {item[1].name}: {where}"
    if kind in ("add_column", "remove_column"):
        where = "in the models, not in the store" if kind == "add_column" else "only in the store"
        return f"column {item[2]}.{item[3].name}: {where}"
    if kind.startswith("modify_"):
        _, _, table, column, _, store_value, model_value = item
        what = kind.removeprefix("modify_")
        return (
            f"column {table}.{column}: {what} is {store_value} in the store,"
            f" {model_value} in the models"
        )
    if kind in ("add_index", "remove_index", "add_constraint", "remove_constraint"):
        thing = item[1]
        table = getattr(getattr(thing, "table", None), "name", "?")
        where = "in the models, not in the store" if kind.startswith("add") else "only in the store"
        return f"{kind.split('_')[1]} {thing.name} on {table}: {where}"
    if kind in ("add_fk", "remove_fk"):
        fk = item[1]
        where = "in the models, not in the store" if kind == "add_fk" else "only in the store"
        return f"foreign key on {fk.parent.name}: {where}"
    return f"{kind}: {item[1:]!r}"


def backup_sqlite(url: str, target: Path) -> str:
    """Copy a SQLite store to TARGET while it is in use (sqlite3's online backup API)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise ConfigError(
            "db backup copies SQLite stores; for PostgreSQL use pg_dump (README, Deploying)"
        )
    if parsed.database in (None, "", ":memory:"):
        raise ConfigError("ILLBOT_DATABASE_URL: an in-memory store cannot be backed up")
    source_path = Path(parsed.database)
    if not source_path.exists():
        raise ConfigError(f"ILLBOT_DATABASE_URL: no store at {source_path}")
    if target.exists():
        raise ConfigError(f"{target} exists already: choose a new file")
    try:
        source = sqlite3.connect(source_path, timeout=10)
        copy = sqlite3.connect(target)
    except sqlite3.Error as exc:
        raise ConfigError(f"cannot back up to {target}: {exc}") from None
    try:
        # All pages in one step: a consistent snapshot even while serve is writing (WAL).
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        tables = copy.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise ConfigError(f"cannot back up to {target}: {exc}") from None
    finally:
        source.close()
        copy.close()
    return f"backed up {source_path} to {target}: {tables[0]} tables, integrity {verdict}"
