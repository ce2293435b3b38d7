"""Make every value storable alike on SQLite and PostgreSQL: no NUL, no text over its column.

PostgreSQL refuses NUL characters and strings longer than a `String(n)` column; SQLite takes
both silently. Both would make one odd mail or import line behave differently per backend (or
stop a poller), so values are cleaned once, here, before any row is written. Free text (titles,
authors, notes, threads) is clipped to its column; identifiers are never clipped, because a
clipped id names someone else: `IdTooLong` is raised for the caller to refuse them clearly.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import JSON, String, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from policy.errors import IllBotError

# Columns where an over-long value is an identifier: refused, never cut.
IDENTIFIERS = frozenset(
    {
        ("patrons", "id"),
        ("patrons", "email"),
        ("patrons", "slack"),
        ("patrons", "library"),
        ("patrons", "category"),
        ("requests", "patron_id"),
        ("requests", "library"),
        ("conversations", "patron_id"),
        ("outbox", "patron_id"),
        ("inbox", "transport_id"),
    }
)


class IdTooLong(IllBotError):
    """An identifier longer than the store can hold."""


def clean(value: Any) -> Any:
    """Remove NUL characters from a string, or from every string inside JSON data."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def fit(table: str, column: Any, value: Any) -> Any:
    """Return `value` cleaned and, for free text, clipped to the column's length."""
    if value is None:
        return None
    value = clean(value)
    length = getattr(column.type, "length", None)
    if isinstance(value, str) and isinstance(column.type, String) and length:
        if len(value) <= length:
            return value
        if (table, column.name) in IDENTIFIERS:
            raise IdTooLong(f"{column.name} is longer than the {length} characters it may have")
        return value[: length - 1] + "…"
    return value


def fit_values(model: type[Any], values: dict[str, Any]) -> dict[str, Any]:
    """Fit a dict of column values for a Core INSERT on `model`."""
    table = model.__table__
    return {k: fit(table.name, table.c[k], v) if k in table.c else v for k, v in values.items()}


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for instance in (*session.new, *session.dirty):
        state = inspect(instance)
        table, columns = _text_columns(state.mapper)
        # A loaded row was fitted when written: only what changed since needs a look.
        changed = None if state.key is None else state.committed_state
        for key, column in columns:
            if changed is not None and key not in changed:
                continue
            current = getattr(instance, key)
            fitted = fit(table, column, current)
            if fitted is not current and fitted != current:
                setattr(instance, key, fitted)


@cache
def _text_columns(mapper: Any) -> tuple[str, tuple[tuple[str, Any], ...]]:
    """Return a mapper's table name and its own text and JSON columns, by attribute key."""
    table = mapper.local_table
    columns = tuple(
        (mapper.get_property_by_column(column).key, column)
        for column in mapper.columns
        if column.table is table and isinstance(column.type, String | JSON)
    )
    return table.name, columns


def install(factory: sessionmaker[Session]) -> None:
    """Fit every new or changed row of sessions from this factory before it is flushed."""
    event.listen(factory, "before_flush", _before_flush)
