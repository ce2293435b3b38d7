"""Record Slack payloads in the inbox before they are acknowledged, many per commit.

Every event must be in the store before Slack hears "200" (bot/slack/received.py). One
transaction per event made 100 events arriving together wait for 100 commits in turn, each an
fsync, behind the turns already running in the shared thread pool: the last ack came seconds
late. Here the payloads waiting at the same moment are written together, on a thread of their
own, in one INSERT … ON CONFLICT DO NOTHING (store/outbox.receive's, for many rows), and each
caller returns only once the commit holding its row is done (group commit). Should that fail,
each payload is tried alone, so one bad row only fails its own event. Turns wait for the
recorder to be quiet before taking the store (Deps.store_turn), so a burst of turns never
starves the acks of SQLite's one write lock.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from store.clip import fit_values
from store.db import transaction
from store.models import InboxMessage
from store.outbox import transport_key

MOST_PER_COMMIT = 200  # payloads written in one transaction at most


@dataclass(frozen=True)
class Pending:
    """One payload to record, and the future its caller waits on."""

    key: str
    channel: str
    at: datetime
    payload: dict[str, Any]
    done: asyncio.Future[bool]


@cache
def _insert_new(dialect: str) -> Any:
    """The inbox INSERT … ON CONFLICT DO NOTHING for this dialect, returning the new keys."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert(InboxMessage).on_conflict_do_nothing().returning(InboxMessage.transport_id)


class InboxRecorder:
    """Write inbox rows for many waiting callers at once; `receive` returns after the commit."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self._waiting: list[Pending] = []
        self._writer: asyncio.Task[None] | None = None
        # Its own thread: never queued behind the turns in asyncio's default pool.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slack-inbox")

    async def receive(self, key: str, channel: str, at: datetime, payload: dict[str, Any]) -> bool:
        """Record a payload under its key; True when it is new (not a redelivery)."""
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append(Pending(key, channel, at, payload, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write(), name="slack inbox writer")
        return await done

    async def _write(self) -> None:
        """Write what is waiting, batch after batch, until nothing is left."""
        loop = asyncio.get_running_loop()
        while self._waiting:
            batch = self._waiting[:MOST_PER_COMMIT]
            del self._waiting[:MOST_PER_COMMIT]
            try:
                results = await loop.run_in_executor(self._thread, self._together, batch)
            except Exception:  # one row spoils the batch: each alone, each its own answer
                results = await loop.run_in_executor(self._thread, self._alone, batch)
            for pending, result in zip(batch, results, strict=True):
                if pending.done.done():
                    continue  # its caller gave up (cancelled)
                if isinstance(result, BaseException):
                    pending.done.set_exception(result)
                else:
                    pending.done.set_result(result)

    def _together(self, batch: list[Pending]) -> list[bool | BaseException]:
        """Insert the batch in one statement; True for each payload whose row is new."""
        keys = [transport_key(p.key) for p in batch]
        first: dict[str, int] = {}  # a key twice in one batch (a quick retry): the first runs
        rows = []
        for index, (pending, key) in enumerate(zip(batch, keys, strict=True)):
            if key in first:
                continue
            first[key] = index
            values = {
                "transport_id": key,
                "channel": pending.channel,
                "received_at": pending.at,
                "state": "received",
                "payload": pending.payload,
            }
            rows.append(fit_values(InboxMessage, values))
        with transaction(self.sessions) as session:
            statement = _insert_new(session.get_bind().dialect.name)
            # executemany of one cached statement: a VALUES list built per batch was compiled
            # anew each time, most of the batch's cost while the acks waited on it.
            new = set(session.scalars(statement, rows))
        return [key in new and first[key] == index for index, key in enumerate(keys)]

    def _alone(self, batch: list[Pending]) -> list[bool | BaseException]:
        results: list[bool | BaseException] = []
        for pending in batch:
            try:
                results.extend(self._together([pending]))
            except Exception as exc:
                results.append(exc)
        return results

    async def quiet(self) -> None:
        """Wait until every payload waiting now is written (turns wait for acks, not so far)."""
        writer = self._writer
        if writer is not None and not writer.done():
            await asyncio.wait({writer})

    def close(self) -> None:
        """Let the recorder's thread end once its work is done."""
        self._thread.shutdown(wait=False)
