"""One patron, one turn at a time: twin asks on four workers make one request, never two.

Each worker is its own process with its own engine on the same store, as `illbot serve` runs
on several machines. For every patron the four workers wait at a barrier, then hand the core
the same "get me ISBN …" at once, two by Slack and two by email (every transport id differs).
On PostgreSQL the patron's row lock makes the twins wait for the first turn, which they then
see; on SQLite BEGIN IMMEDIATE already runs one writer at a time.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from datetime import UTC, datetime, timedelta
from multiprocessing.synchronize import Barrier

from sqlalchemy import select

from bot.runtime import open_runtime
from bot.settings import load_settings
from handlers.core import handle_message
from handlers.messages import Inbound
from store.db import transaction
from store.directory import PatronRecord, upsert_patron
from store.ledger import OPEN_STATUSES
from store.models import IllRequest, OutboxMessage

PATRONS = 60
WORKERS = 4
AT = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)


def _isbn(n: int) -> str:
    body = f"978{n:09d}"
    total = sum((1 if i % 2 == 0 else 3) * int(d) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _sender(worker: int, n: int) -> tuple[str, str]:
    """Return (channel, sender): even workers write by Slack, odd ones by email."""
    return ("slack", f"U{n:04d}") if worker % 2 == 0 else ("email", f"patron{n}@example.edu")


def _worker(url: str, worker: int, barrier: Barrier, answered: multiprocessing.Queue) -> None:
    runtime = open_runtime(load_settings(), url)
    try:
        for n in range(PATRONS):
            channel, sender = _sender(worker, n)
            text = f"Please get me ISBN {_isbn(n + 1)}"
            inbound = Inbound(
                channel, sender, text, AT + timedelta(seconds=n), transport_id=f"w{worker}-{n}"
            )
            barrier.wait(timeout=60)  # the four twins start together
            with transaction(runtime.sessions) as session:
                rows = handle_message(session, inbound, runtime.library)
                replies = [r.meta.get("outcome") for r in rows if r.kind == "reply"]
            answered.put((n, worker, replies))
    finally:
        runtime.engine.dispose()


def test_twin_asks_on_four_workers_make_one_open_request_per_patron(database_url: str) -> None:
    runtime = open_runtime(load_settings(), database_url)  # migrates before the workers start
    with transaction(runtime.sessions) as session:
        for n in range(PATRONS):
            record = PatronRecord(
                f"p{n}", "johnjay", "faculty", email=f"patron{n}@example.edu", slack=f"U{n:04d}"
            )
            upsert_patron(session, record)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WORKERS)
    answered: multiprocessing.Queue = context.Queue()
    workers = [
        context.Process(target=_worker, args=(database_url, w, barrier, answered))
        for w in range(WORKERS)
    ]
    for process in workers:
        process.start()
    results = [answered.get(timeout=300) for _ in range(PATRONS * WORKERS)]
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    with transaction(runtime.sessions) as session:
        open_items = session.execute(
            select(IllRequest.patron_id, IllRequest.isbn).where(
                IllRequest.status.in_(OPEN_STATUSES)
            )
        ).all()
        replies = session.scalars(
            select(OutboxMessage.address).where(OutboxMessage.kind == "reply")
        )
        replied_to = Counter(replies)
    runtime.engine.dispose()
    per_patron = Counter(open_items)
    assert sum(count - 1 for count in per_patron.values()) == 0  # no duplicate open request
    assert len(per_patron) == PATRONS
    # Every message answered: one reply per message, one of the four says it was recorded.
    assert all(len(replies) == 1 for _n, _w, replies in results)
    outcomes = Counter(replies[0] for _n, _w, replies in results)
    assert outcomes["accepted"] == PATRONS
    assert sum(replied_to.values()) == PATRONS * WORKERS
