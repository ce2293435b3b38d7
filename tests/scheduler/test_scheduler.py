"""The scheduler sends each notice once: under repeats, two workers, and the clock change."""

from __future__ import annotations

import threading
import uuid
from datetime import datetime

import pytest
from sqlalchemy import delete, func, select

from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from handlers.queue import KIND
from handlers.scheduler import run_pass, run_tick
from store.db import transaction
from store.models import NoticeSent, OutboxMessage
from tests.support.scenarios import sim


def _loans(runtime: Runtime, count: int, due: str) -> None:
    """Put `count` checked-out John Jay loans, all due on `due`, in the store."""
    events: list[dict[str, object]] = [
        {"type": "patron", "id": "f", "library": "johnjay", "category": "faculty"}
    ]
    for n in range(1, count + 1):
        isbn = ["9780134477824", "9780262033848", "9780131103627", "9780201633610"][n - 1]
        events += [
            {"type": "message", "at": "2026-10-01T09:00", "from": "f", "text": f"get ISBN {isbn}"},
            {"type": "staff", "at": "2026-10-02T09:00", "action": "sent", "request": f"ILL-{n}"},
            {
                "type": "staff",
                "at": "2026-10-09T09:00",
                "action": "arrived",
                "request": f"ILL-{n}",
                "due": due,
            },
            {
                "type": "staff",
                "at": "2026-10-10T09:00",
                "action": "checked_out",
                "request": f"ILL-{n}",
            },
        ]
    sim(runtime, *events)


def _pass(runtime: Runtime, at: str) -> list[OutboxMessage]:
    with transaction(runtime.sessions) as session:
        rows = run_tick(session, datetime.fromisoformat(at), runtime.library)
        session.expunge_all()
        return rows


def _tick(runtime: Runtime, at: str) -> list[str]:
    """Say what a pass sent: `ILL-n/NOTICE` to the patron, `staff:ILL-n/NOTICE` in its thread.

    The staff channel's daily digest is left out here (see the digest test).
    """
    return [
        f"{'staff:' if r.meta['to'] == 'staff' else ''}{r.meta['request']}/{r.meta['notice']}"
        for r in _pass(runtime, at)
        if r.template != "staff/digest"
    ]


def test_each_library_gets_one_staff_digest_a_day_after_its_digest_at(runtime: Runtime) -> None:
    """The digest comes from any scheduler pass (cron's `illbot tick` too), once a day."""
    _loans(runtime, 2, "2026-11-13")

    def digests(at: str) -> list[str]:
        return [r.text for r in _pass(runtime, at) if r.template == "staff/digest"]

    assert digests("2026-11-12T08:00-05:00") == []  # before 08:30 in New York and Omaha
    (johnjay,) = digests("2026-11-12T08:45-05:00")  # John Jay's 08:30 has passed; not Central
    assert "ILL-1" in johnjay and "ILL-2" in johnjay  # both loans due soon
    # Riverbend's 09:00 (New York time) has passed; Bellevue's and SJPL's 08:30 Central too.
    assert len(digests("2026-11-12T12:00-05:00")) == 3
    assert digests("2026-11-12T17:00-05:00") == []  # once a day, however many passes
    assert len(digests("2026-11-13T09:45-05:00")) == 4  # the next day: each library once


def test_a_repeated_pass_sends_nothing_new(runtime: Runtime) -> None:
    """Running the scheduler again for the same moment (or later that day) sends nothing."""
    _loans(runtime, 2, "2026-11-13")
    assert _tick(runtime, "2026-11-10T08:00-05:00") == [
        "ILL-1/due_soon",
        "staff:ILL-1/due_soon",
        "ILL-2/due_soon",
        "staff:ILL-2/due_soon",
    ]
    assert _tick(runtime, "2026-11-10T08:00-05:00") == []
    assert _tick(runtime, "2026-11-10T17:00-05:00") == []


def test_staff_hear_of_a_notice_in_the_request_thread_and_only_there(runtime: Runtime) -> None:
    """Loans handled in one chunk: each update goes to its own thread; no thread, no update.

    The pass looks up the chunk's staff threads in one query; a loan whose thread is gone
    (its post removed) must not borrow another loan's.
    """
    _loans(runtime, 3, "2026-11-13")
    with transaction(runtime.sessions) as session:
        session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.request_id == 2, OutboxMessage.template == "staff/request"
            )
        )
    sessions = runtime.sessions
    told = run_pass(sessions, datetime.fromisoformat("2026-11-10T08:00-05:00"), runtime.library)
    assert [(t.kind, t.request) for t in told if t.notice == "due_soon"] == [
        ("notice", "ILL-1"),
        (KIND, "ILL-1"),
        ("notice", "ILL-2"),
        ("notice", "ILL-3"),
        (KIND, "ILL-3"),
    ]
    with transaction(sessions) as session:
        updates = session.scalars(
            select(OutboxMessage).where(OutboxMessage.template == "staff/update")
        ).all()
        due_soon = [r.request_id or 0 for r in updates if r.meta.get("notice") == "due_soon"]
        assert sorted(due_soon) == [1, 3]


def test_a_missed_week_catches_up_with_one_notice_per_loan(runtime: Runtime) -> None:
    """A scheduler that was down since before the due date sends the current notice only."""
    _loans(runtime, 2, "2026-11-13")
    assert _tick(runtime, "2026-11-20T08:00-05:00") == [
        "ILL-1/overdue",
        "staff:ILL-1/overdue",
        "ILL-2/overdue",
        "staff:ILL-2/overdue",
    ]


def test_local_dates_across_the_clock_change(runtime: Runtime) -> None:
    """New York falls back on 2026-11-01: days are the library's, not UTC's."""
    _loans(runtime, 1, "2026-11-04")  # due_soon on Nov 1, three days before
    # 03:30 UTC on Nov 1 is still Oct 31 in New York: too early.
    assert _tick(runtime, "2026-11-01T03:30+00:00") == []
    # 01:30 EDT, the first of the two 01:30s of Nov 1.
    assert _tick(runtime, "2026-11-01T05:30+00:00") == ["ILL-1/due_soon", "staff:ILL-1/due_soon"]
    # 01:30 EST, an hour later on the same local date: nothing new.
    assert _tick(runtime, "2026-11-01T06:30+00:00") == []
    # The day after the due date, just after local midnight.
    assert _tick(runtime, "2026-11-05T05:05+00:00") == ["ILL-1/overdue", "staff:ILL-1/overdue"]


@pytest.mark.postgres
def test_two_workers_at_once_send_each_notice_once(postgres_cluster) -> None:
    """Two scheduler passes racing on PostgreSQL: every loan gets exactly one reminder."""
    url = postgres_cluster.create_database(f"t_{uuid.uuid4().hex[:12]}")
    runtime = open_runtime(load_settings(), url)
    try:
        _loans(runtime, 4, "2026-11-13")
        barrier = threading.Barrier(2)
        sent: list[list[str]] = []

        def worker() -> None:
            barrier.wait()
            sent.append(_tick(runtime, "2026-11-10T08:00-05:00"))

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        together = sorted(sent[0] + sent[1])
        patron = [f"ILL-{n}/due_soon" for n in range(1, 5)]
        assert together == patron + [f"staff:{notice}" for notice in patron]
        with runtime.sessions() as session:
            notices = session.scalar(
                select(func.count(OutboxMessage.id)).where(
                    OutboxMessage.template == "notices/due_soon"
                )
            )
            claims = session.scalar(select(func.count(NoticeSent.id)))
        assert notices == 4 and claims == 4
    finally:
        runtime.engine.dispose()
