"""A pass reads only the requests whose day has come, and sends exactly what reading all would.

The reference store looks at every scheduled request on every pass, as the scheduler did before
it kept `next_check_on`; both stores get the same loans, the same staff actions and a pass every
morning for seven weeks, in all four libraries, and must send the same notices on the same days.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

import handlers.scheduler as scheduler
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from handlers.digest import digest_facts
from handlers.scheduler import owed_requests, run_pass, run_tick
from handlers.staff import StaffAction, record_staff_action
from store.db import transaction
from store.directory import PatronRecord, upsert_patron
from store.models import IllRequest, ScheduleMark
from store.requests import record_request
from store.schedule import SCHEDULED_STATUSES, mark_windows
from templates import render

START = date(2026, 10, 1)
NEW_YORK = ZoneInfo("America/New_York")
# (library, category, status, days from START to the due date; copies: days since delivery)
LOANS = [
    ("johnjay", "faculty", "checked_out", 12),
    ("johnjay", "undergraduate", "checked_out", 5),
    ("johnjay", "graduate", "delivered", -20),
    ("sjpl", "cardholder", "checked_out", 9),
    ("sjpl", "cardholder", "checked_out", 30),
    ("bellevue", "graduate", "checked_out", 7),
    ("bellevue", "community", "checked_out", 15),
    ("bellevue", "undergraduate", "ready", 20),
    ("riverbend", "resident", "checked_out", 10),
    ("riverbend", "homebound", "ready", 14),
]
DAYS = 50


def _all_scheduled(session: object, library: str, today: date) -> list[int]:
    """The old way: every scheduled request of the library, whatever its day."""
    query = select(IllRequest.id).where(
        IllRequest.library == library,
        IllRequest.status.in_(SCHEDULED_STATUSES),
        IllRequest.patron_id.is_not(None),
    )
    return list(session.scalars(query))  # type: ignore[attr-defined]


def _store(url: str) -> Runtime:
    runtime = open_runtime(load_settings(), url)
    serial = count(1)
    at = datetime.combine(START, time(9), NEW_YORK)
    with transaction(runtime.sessions) as session:
        for library, category, status, days in LOANS:
            n = next(serial)
            upsert_patron(
                session, PatronRecord(f"p{n}", library, category, email=f"p{n}@x.example")
            )
            request = IllRequest(
                patron_id=f"p{n}",
                library=library,
                category=category,
                material="article" if status == "delivered" else "book",
                title=f"Book {n}",
                item_key=f"title:book {n}",
                status=status,
                channel="email",
                created_at=at,
                recorded_on=START,
                due_date=None if status == "delivered" else START + timedelta(days=days),
                delivered_on=START + timedelta(days=days) if status == "delivered" else None,
            )
            record_request(session, request, actor="staff")
    return runtime


def _renew(runtime: Runtime, number: int, due: date, at: datetime) -> None:
    with transaction(runtime.sessions) as session:
        record_staff_action(session, number, StaffAction("renewal", due=due), at, runtime.library)


def _seven_weeks(runtime: Runtime) -> Iterator[str]:
    """Run a pass every morning; a renewal on day 8; yield `day ILL-n/notice` for each notice."""
    for day in range(DAYS):
        at = datetime.combine(START + timedelta(days=day), time(10), NEW_YORK)
        if day == 8:
            _renew(runtime, 1, START + timedelta(days=30), at)
        with transaction(runtime.sessions) as session:
            rows = run_tick(session, at, runtime.library)
            told = [
                f"{day} {'staff:' if r.meta.get('to') == 'staff' else ''}"
                f"{r.meta.get('request')}/{r.meta.get('notice') or r.template}"
                for r in rows
                if r.template != "staff/digest"
            ]
        yield from told


@pytest.fixture
def stores(tmp_path: object, database_url: str) -> Iterator[tuple[Runtime, Runtime]]:
    """The store under test (on each backend) and a reference SQLite store."""
    reference = _store(f"sqlite:///{tmp_path}/reference.db")
    tested = _store(database_url)
    yield tested, reference
    tested.engine.dispose()
    reference.engine.dispose()


def test_the_same_notices_on_the_same_days_as_reading_every_loan(
    stores: tuple[Runtime, Runtime], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Due-soon, auto-renewal, pickup deadlines, ladders, suspensions, copies: none early, late
    or missed, and a staff renewal moves the next notice to the new due date."""
    tested, reference = stores
    sent = list(_seven_weeks(tested))
    monkeypatch.setattr(scheduler, "owed_ids", _all_scheduled)
    expected = list(_seven_weeks(reference))
    assert sent == expected
    kinds = {line.split("/")[1] for line in sent}
    # What the seven weeks cover: each kind of schedule rule the four libraries have.
    assert {
        "due_soon",
        "overdue",
        "returned_unclaimed",
        "expired",
        "renewal_requested",
        "privileges_suspended",
    } <= kinds, sent
    assert len(sent) >= 20
    # ILL-1 was due on day 12 and renewed on day 8 until day 30: reminded for the new date only.
    reminded = [int(line.split()[0]) for line in sent if line.endswith("ILL-1/due_soon")]
    assert reminded and all(20 <= day < 30 for day in reminded)


def test_a_repeat_pass_reads_no_request(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    """After the morning pass (its days given in rounds of three), another finds nothing to do."""
    monkeypatch.setattr(scheduler, "FILL", 3)
    tested = _store(str(runtime.engine.url.render_as_string(hide_password=False)))
    at = datetime.combine(START + timedelta(days=9), time(10), NEW_YORK)
    with transaction(tested.sessions) as session:
        assert owed_requests(session, at, tested.library) != []
    assert run_pass(tested.sessions, at, tested.library, chunk=2)
    with transaction(tested.sessions) as session:
        assert owed_requests(session, at, tested.library) == []
        assert owed_requests(session, at + timedelta(hours=6), tested.library) == []
    tested.engine.dispose()


def test_a_changed_schedule_works_every_day_out_again(runtime: Runtime) -> None:
    """A library that edits its notice windows has its requests' days cleared, once."""
    tested = _store(str(runtime.engine.url.render_as_string(hide_password=False)))
    at = datetime(2026, 10, 3, 14, tzinfo=UTC)
    run_pass(tested.sessions, at, tested.library)
    with transaction(tested.sessions) as session:
        mark = session.get(ScheduleMark, "johnjay")
        assert mark is not None
        assert not mark_windows(session, "johnjay", mark.windows)  # the same: nothing cleared
        assert mark_windows(session, "johnjay", "another schedule")
        days = session.scalars(
            select(IllRequest.next_check_on).where(IllRequest.library == "johnjay")
        ).all()
        assert days and all(d is None for d in days)
        others = session.scalars(
            select(IllRequest.next_check_on).where(IllRequest.library == "sjpl")
        ).all()
        assert all(d is not None for d in others)
        session.execute(update(ScheduleMark).values(windows="stale"))
    tested.engine.dispose()


def test_a_long_digest_lists_the_first_loans_and_counts_the_rest(runtime: Runtime) -> None:
    """Staff at a big library read the 25 longest overdue, then "…and 15 more"."""
    at = datetime.combine(START, time(9), NEW_YORK)
    with transaction(runtime.sessions) as session:
        upsert_patron(session, PatronRecord("f", "johnjay", "faculty", email="f@x.example"))
        for n in range(40):
            due = START + timedelta(days=n - 50)  # all overdue, the oldest first in the digest
            request = IllRequest(
                patron_id="f", library="johnjay", category="faculty", material="book",
                title=f"Loan {n}", item_key=f"title:loan {n}", status="checked_out",
                channel="email", created_at=at, recorded_on=START, due_date=due,
            )  # fmt: skip
            record_request(session, request, actor="staff")
    with transaction(runtime.sessions) as session:
        facts = digest_facts(session, runtime.library.profile("johnjay"), START)
        assert facts["overdue_count"] == 40 and len(facts["overdue"]) == 25
        assert facts["overdue"][0]["title"] == "Loan 0"
        assert [line["title"] for line in facts["overdue"]][-1] == "Loan 24"
        text = render("staff/digest", "slack", {"library": "John Jay", "day": "d", **facts})
    assert "*Overdue (40)*" in text and "…and 15 more" in text
    assert "Loan 25" not in text
