"""A turn is all or nothing on both backends: a failure after the inbox claim loses nothing.

On SQLite the claim used to sit in a SAVEPOINT that pysqlite committed by itself, so a turn that
failed later left its message marked handled with no reply, and a scheduler pass that failed
after claiming a notice lost that notice for good.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.runtime import Runtime
from handlers.core import handle_message
from handlers.messages import Inbound
from handlers.scheduler import run_tick
from store.db import transaction
from store.models import InboxMessage, NoticeSent, OutboxMessage
from store.outbox import claim
from tests.support.scenarios import sim

AT = datetime(2026, 10, 1, 14, 0, tzinfo=UTC)
LOAN: list[dict[str, object]] = [
    {"type": "patron", "id": "f", "library": "johnjay", "category": "faculty"},
    {"type": "message", "at": "2026-10-01T09:00", "from": "f", "text": "get ISBN 9780134477824"},
    {"type": "staff", "at": "2026-10-02T09:00", "action": "sent", "request": "ILL-1"},
    {"type": "staff", "at": "2026-10-09T09:00", "action": "arrived", "request": "ILL-1"},
    {"type": "staff", "at": "2026-10-10T09:00", "action": "checked_out", "request": "ILL-1"},
]
LOAN[3]["due"] = "2026-11-05"


class Crash(Exception):
    """What a turn dies of after its work is written (a bug, a lost connection)."""


def _count(runtime: Runtime, model: type) -> int:
    with transaction(runtime.sessions) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_turn_that_fails_after_its_claim_is_handled_again(runtime: Runtime) -> None:
    sim(runtime, {"type": "patron", "id": "f", "library": "johnjay", "category": "faculty"})
    inbound = Inbound(
        channel="slack", sender="f", text="get ISBN 9780134477824", at=AT, transport_id="Ev1"
    )
    with pytest.raises(Crash), transaction(runtime.sessions) as session:
        assert handle_message(session, inbound, runtime.library)  # reply written …
        raise Crash  # … and then the turn dies before it commits
    assert _count(runtime, InboxMessage) == 0
    assert _count(runtime, OutboxMessage) == 0
    with transaction(runtime.sessions) as session:
        rows = handle_message(session, inbound, runtime.library)  # the redelivery
        # The reply and the request's staff queue post, once each.
        assert [(r.kind, r.meta.get("outcome")) for r in rows] == [
            ("reply", "accepted"),
            ("staff_post", None),
        ]
    with transaction(runtime.sessions) as session:
        assert handle_message(session, inbound, runtime.library) == []  # and only once


def _about_loans(rows: list[OutboxMessage]) -> list[OutboxMessage]:
    """Leave out the staff channel's daily digest, which a pass may also write."""
    return [r for r in rows if r.template != "staff/digest"]


def test_a_scheduler_pass_that_fails_after_claiming_loses_no_notice(runtime: Runtime) -> None:
    sim(runtime, *LOAN)
    moment = datetime(2026, 11, 4, 14, 0, tzinfo=UTC)  # the day before the due date, 09:00 local
    with pytest.raises(Crash), transaction(runtime.sessions) as session:
        assert run_tick(session, moment, runtime.library)
        raise Crash
    assert _count(runtime, NoticeSent) == 0
    with transaction(runtime.sessions) as session:
        rows = _about_loans(run_tick(session, moment, runtime.library))
        sent = [(r.kind, r.meta["notice"]) for r in rows]
    assert sent == [("notice", "due_soon"), ("staff_post", "due_soon")]  # the staff thread too
    with transaction(runtime.sessions) as session:
        assert run_tick(session, moment, runtime.library) == []  # the day's digests too: once


def test_a_notice_owed_at_night_waits_for_the_sending_hours(runtime: Runtime) -> None:
    sim(runtime, *LOAN)
    night = datetime(2026, 11, 4, 5, 5, tzinfo=UTC)  # 00:05 in New York
    with transaction(runtime.sessions) as session:
        row, update = _about_loans(run_tick(session, night, runtime.library))
        assert row.meta["notice"] == "due_soon"
        assert row.next_attempt_at == datetime(2026, 11, 4, 13, 0, tzinfo=UTC)  # 08:00 local
        assert (update.kind, update.address, update.meta["notice"]) == (
            "staff_post",
            "staff",
            "due_soon",
        )
        assert update.next_attempt_at == night  # the staff thread hears at once
    lease = timedelta(minutes=1)
    with transaction(runtime.sessions) as session:
        early = claim(session, "slack", datetime(2026, 11, 4, 12, 59, tzinfo=UTC), lease)
        assert [r for r in early if r.address != "staff"] == []  # the staff queue is not held
    with transaction(runtime.sessions) as session:
        morning = claim(session, "slack", datetime(2026, 11, 4, 13, 0, tzinfo=UTC), lease)
        assert [r.meta["notice"] for r in morning if r.address != "staff"] == ["due_soon"]
