"""The purge's indexed paths still clear everything: old messages found through request ids and
the partial index of unscrubbed rows, and requests of unknown libraries still reported, on a
store with years of history (bench/history.py) on both backends."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from bench.history import NOW, build_past
from bot.runtime import Runtime
from policy.profile import Profile
from store.db import transaction
from store.models import OutboxMessage
from store.outbox import enqueue
from store.retention import PLACEHOLDER, purge_finished

OLD = NOW - timedelta(days=200)


@dataclass
class Only:
    """The installation's libraries, reduced to some of them."""

    profiles: dict[str, Profile]


def test_old_messages_about_purged_requests_or_none_lose_every_identifier(
    runtime: Runtime,
) -> None:
    build_past(runtime.engine, 1000, purgeable=3)
    with transaction(runtime.sessions) as session:
        # Written after request 1 was purged (a staff follow-up), and one about no request.
        for number in (1, None):
            row = enqueue(
                session,
                at=OLD,
                kind="reply",
                channel="email",
                address="reader.1@example.org",
                thread="<thread-reader.1@example.org>",
                request_id=number,
                template="request_received",
                text="Reader 1, about ILL-1",
            )
            row.state = "sent"
    with transaction(runtime.sessions) as session:
        assert purge_finished(session, NOW, runtime.library) == 3
    with runtime.sessions() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.created_at == OLD)).all()
        assert [(r.address, r.thread, r.text) for r in rows] == [("", "", PLACEHOLDER)] * 2


def test_finished_requests_of_a_library_no_longer_loaded_are_reported_each_tick(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    build_past(runtime.engine, 1000, purgeable=0)
    profiles = runtime.library.profiles
    with caplog.at_level(logging.WARNING, "store.retention"):
        with transaction(runtime.sessions) as session:
            purge_finished(session, NOW, runtime.library)
        assert "unknown libraries" not in caplog.text
        with transaction(runtime.sessions) as session:
            purge_finished(session, NOW, Only({k: v for k, v in profiles.items() if k != "sjpl"}))
    assert "finished request(s) of unknown libraries kept" in caplog.text
