"""A store with years of past requests, built fast through SQLAlchemy Core (plans and purge).

Every patron has about the same number of requests however large the store, so a query that
stays flat with more rows (an index range per patron, per item, per journal) costs the same at
1k and at 1M past requests; only a scan grows. Requests that ended long ago are already purged
(no patron, scrubbed messages), as a store the retention job has run on for years would be;
`purgeable` more ended just past the retention period and wait for the next purge.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from psycopg.types.json import Json
from sqlalchemy import Connection, Engine

from store.ledger import FINISHED_STATUSES, OPEN_STATUSES
from store.models import (
    SCRUBBED_TEXT,
    Conversation,
    IllRequest,
    InboxMessage,
    OutboxMessage,
    Patron,
    RequestEvent,
)

NOW = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)
LIBRARIES = ("johnjay", "johnjay", "johnjay", "sjpl", "bellevue")
REQUESTS_PER_PATRON = 20
JOURNALS = 2000  # periodicals patrons ask articles from, whatever the store's size
YEARS = 3
PURGED_AFTER = timedelta(days=89)  # the shipped periods (90 days): purged by earlier runs
BATCH = 20_000


@dataclass(frozen=True)
class Past:
    """What was built: sizes, and a few values the hot queries can ask about."""

    requests: int
    patrons: int
    outbox: int
    purgeable: int

    def patron(self, n: int) -> str:
        """Return the id of patron n (any integer; wraps)."""
        return f"p{n % self.patrons}"


def email(n: int) -> str:
    """Return patron n's address as the directory spells it (mixed case)."""
    return f"Reader.{n}@Example.org"


def slack(n: int) -> str:
    """Return patron n's Slack user id."""
    return f"U{n:08d}"


def item(n: int) -> str:
    """Return an item key; a few thousand titles are asked for again and again."""
    return f"isbn:978{n:010d}"


def journal(n: int) -> str:
    """Return a periodical's journal key."""
    return f"issn:{n % JOURNALS:04d}-0000"


def build_past(
    engine: Engine, requests: int, outbox_per_request: int = 2, purgeable: int = 100
) -> Past:
    """Fill a migrated, empty store; return what it holds."""
    rng = random.Random(15)
    patrons = max(10, requests // REQUESTS_PER_PATRON)
    total = requests + purgeable
    with engine.begin() as connection:
        _insert(connection, Patron, _patrons(patrons))
        _insert(connection, IllRequest, _requests(rng, requests, purgeable, patrons))
        _insert(connection, RequestEvent, _events(total))
        _insert(connection, OutboxMessage, _outbox(total, requests, outbox_per_request, patrons))
        _insert(connection, InboxMessage, _inbox(total))
        _insert(connection, Conversation, _conversations(patrons))
    return Past(requests, patrons, total * outbox_per_request, purgeable)


def _insert(connection: Connection, model: type[Any], rows: Iterator[dict[str, Any]]) -> None:
    """Insert rows through the driver's executemany: SQLAlchemy's per-value processing (UTC
    datetimes, JSON) would take three quarters of the time, so values are converted here."""
    table = model.__table__
    sqlite = connection.dialect.name == "sqlite"
    for batch in _batches(rows):
        names = list(batch[0])
        missing = [c for c in table.columns if c.name not in names and c.default is not None]
        extra = [c.default.arg(None) if c.default.is_callable else c.default.arg for c in missing]
        tail = tuple(
            _convert(c, sqlite)(v) if v is not None else v
            for c, v in zip(missing, extra, strict=True)
        )
        converters = [_convert(table.columns[n], sqlite) for n in names]
        values = [
            (
                *(
                    f(row[n]) if row[n] is not None else None
                    for f, n in zip(converters, names, strict=True)
                ),
                *tail,
            )
            for row in batch
        ]
        quoted = ", ".join(f'"{c}"' for c in [*names, *(c.name for c in missing)])  # "on"
        marks = ", ".join(["?" if sqlite else "%s"] * (len(names) + len(missing)))
        sql = f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})"
        connection.exec_driver_sql(sql, values)


def _convert(column: Any, sqlite: bool) -> Callable[[Any], Any]:
    """How a column's values go to the driver, stored as SQLAlchemy would store them."""
    kind = type(column.type).__name__
    if kind == "UTCDateTime":
        if sqlite:
            return lambda v: v.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        return lambda v: v.astimezone(UTC)
    if kind == "Date" and sqlite:
        return date.isoformat
    if kind == "JSON":
        return json.dumps if sqlite else Json
    return _same


def _same(value: Any) -> Any:
    return value


def ended(n: int, requests: int) -> datetime:
    """Return when request n ended: the oldest ids years ago, the purgeable ones 95 days ago."""
    if n > requests:
        return NOW - timedelta(days=95, minutes=n - requests)
    return NOW - timedelta(days=YEARS * 365 * (requests - n) / requests, hours=1)


def _patrons(count: int) -> Iterator[dict[str, Any]]:
    for n in range(count):
        yield {
            "id": f"p{n}",
            "library": LIBRARIES[n % len(LIBRARIES)],
            "category": "faculty",
            "email": email(n),
            "slack": slack(n),
            "name": f"Reader {n}",
        }


def _requests(
    rng: random.Random, requests: int, purgeable: int, patrons: int
) -> Iterator[dict[str, Any]]:
    for n in range(1, requests + purgeable + 1):
        end = ended(n, requests)
        recent = NOW - end < timedelta(days=45)
        status = rng.choice(OPEN_STATUSES if recent else FINISHED_STATUSES[:3])
        patron = n % patrons
        article = n % 5 < 2
        yield {
            "id": n,
            "patron_id": None if NOW - end > PURGED_AFTER and n <= requests else f"p{patron}",
            "library": LIBRARIES[patron % len(LIBRARIES)],
            "category": "faculty",
            "material": "article" if article else "book",
            "title": f"Title {n}",
            "journal": f"Journal {n % JOURNALS}" if article else None,
            "year": 2000 + n % 27,
            "item_key": f"doi:10.1/{n}" if article else item(rng.randrange(max(1, requests // 4))),
            "journal_key": journal(n) if article else None,
            "status": status,
            "channel": "slack" if n % 2 else "email",
            "created_at": end - timedelta(days=20),
            "recorded_on": (end - timedelta(days=20)).date(),
            "ended_at": None if status in OPEN_STATUSES else end,
            "sent_on": (end - timedelta(days=19)).date(),
        }


def _events(total: int) -> Iterator[dict[str, Any]]:
    for n in range(1, total + 1):
        yield {
            "request_id": n,
            "at": NOW - timedelta(minutes=n),
            "actor": f"patron:p{n}",
            "action": "requested",
            "to_status": "submitted",
            "note": None,
        }


def _outbox(total: int, requests: int, each: int, patrons: int) -> Iterator[dict[str, Any]]:
    for n in range(1, total + 1):
        end = ended(n, requests)
        scrubbed = NOW - end > PURGED_AFTER and n <= requests
        patron = n % patrons
        for k in range(each):
            yield {
                "created_at": end - timedelta(days=20 - k),
                "kind": "reply" if k == 0 else "notice",
                "channel": "email",
                "patron_id": None if scrubbed else f"p{patron}",
                "address": "" if scrubbed else email(patron),
                "request_id": n,
                "template": "request_received",
                "text": SCRUBBED_TEXT if scrubbed else f"Your request ILL-{n} is on its way.",
                "state": "sent",
                "next_attempt_at": end - timedelta(days=20 - k),
                "sent_at": end - timedelta(days=20 - k),
            }


def _inbox(total: int) -> Iterator[dict[str, Any]]:
    # Only the retention period's messages: older inbox rows were deleted by earlier purges.
    for n in range(max(1, total - total // 30), total + 1):
        yield {
            "transport_id": f"slack:T{n}",
            "channel": "slack",
            "received_at": NOW - timedelta(minutes=total - n),
        }


def _conversations(patrons: int) -> Iterator[dict[str, Any]]:
    for n in range(patrons):
        yield {
            "patron_id": f"p{n}",
            "channel": "slack",
            "thread": "",
            "state": "idle",
            "data": {},
            "updated_at": NOW - timedelta(days=n % 80),  # idle longer: forgotten by earlier runs
        }


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
