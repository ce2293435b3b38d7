"""Staff moves: later steps imply the earlier ones, impossible ones are refused in plain words,
approval clears a visiting scholar and `unclear` undoes it; the sim prints refusals and goes on."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from bot.sim import SimError, Simulator
from handlers.staff import REPEAT_WINDOW, AlreadyRecorded, StaffAction, record_staff_action
from policy.errors import StaffError
from store.db import transaction
from store.models import IllRequest, Patron, RequestEvent

SJPL_ASK = "Please get me ISBN 9780134477824, I can pay up to $5"
AT = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
PATRONS: list[dict[str, object]] = [
    {
        "type": "patron",
        "id": "f",
        "library": "johnjay",
        "category": "faculty",
        "email": "f@x.example",
    },
    {"type": "patron", "id": "vs", "library": "johnjay", "category": "visiting_scholar"},
]


@pytest.fixture
def runtime(sqlite_url: str) -> Iterator[Runtime]:
    runtime = open_runtime(load_settings(), sqlite_url)
    yield runtime
    runtime.engine.dispose()


def sim(runtime: Runtime, *events: dict[str, object]) -> list[dict[str, object]]:
    out = io.StringIO()
    Simulator(runtime).run([json.dumps(e) for e in events], out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def request_from(runtime: Runtime, who: str = "f", isbn: str = "9780134477824") -> None:
    at = "2026-11-02T09:00"
    sim(
        runtime, *PATRONS, {"type": "message", "at": at, "from": who, "text": f"get me ISBN {isbn}"}
    )


def record(runtime: Runtime, number: int, action: StaffAction, at: datetime = AT) -> None:
    with transaction(runtime.sessions) as session:
        record_staff_action(session, number, action, at, runtime.library)


def history(runtime: Runtime, number: int) -> list[tuple[str, str | None, str, str, datetime]]:
    with runtime.sessions() as session:
        query = select(RequestEvent).where(RequestEvent.request_id == number)
        return [
            (e.action, e.from_status, e.to_status, e.actor, e.at)
            for e in session.scalars(query.order_by(RequestEvent.id))
        ]


def test_arrived_on_a_submitted_request_records_the_implied_sent(runtime: Runtime) -> None:
    request_from(runtime)
    arrived = StaffAction("arrived", due=date(2026, 12, 7), lender="NYPL", actor="ann")
    record(runtime, 1, arrived)
    lines = history(runtime, 1)[1:]
    assert [line[:4] for line in lines] == [
        ("sent", "submitted", "sent", "ann"),
        ("arrived", "sent", "ready", "ann"),
    ]
    assert {line[4] for line in lines} == {AT}  # one moment for both
    with runtime.sessions() as session:
        request = session.get(IllRequest, 1)
        assert request is not None
        assert (request.lender, request.sent_on, request.due_date) == (
            "NYPL",
            date(2026, 11, 2),  # CONTU counts it as sent that day
            date(2026, 12, 7),
        )


def test_a_loan_recorded_straight_away_implies_sent_and_arrived(runtime: Runtime) -> None:
    request_from(runtime)
    record(runtime, 1, StaffAction("checked_out", due=date(2026, 12, 7)))
    assert [line[0] for line in history(runtime, 1)] == [
        "requested",
        "sent",
        "arrived",
        "checked_out",
    ]


@pytest.mark.parametrize(
    ("first", "then", "says"),
    [
        ("arrived", "sent", "ILL-1 is already ready: 'sent' is an earlier step"),
        ("returned", "checked_out", "ILL-1 is already returned (finished)"),
        ("sent", "sent", "ILL-1 is already sent: 'sent' was recorded before"),
        ("sent", "approve", "ILL-1 is not waiting for an approval (it is sent)"),
    ],
)
def test_impossible_moves_are_refused_in_one_staff_sentence(
    runtime: Runtime, first: str, then: str, says: str
) -> None:
    request_from(runtime)
    record(runtime, 1, StaffAction(first, due=date(2026, 12, 7)))
    before = history(runtime, 1)
    with pytest.raises(StaffError) as refused:
        record(runtime, 1, StaffAction(then, due=date(2026, 12, 7)), AT + timedelta(hours=1))
    assert says in str(refused.value)
    assert history(runtime, 1) == before  # nothing half-recorded


def test_a_held_request_is_approved_before_it_moves(runtime: Runtime) -> None:
    request_from(runtime, "vs")
    with pytest.raises(StaffError, match="waiting for an approval: approve or deny it"):
        record(runtime, 1, StaffAction("sent"))


def test_approval_clears_the_scholar_and_unclear_undoes_it(runtime: Runtime) -> None:
    request_from(runtime, "vs")
    record(runtime, 1, StaffAction("approve", actor="ann"))
    with runtime.sessions() as session:
        patron = session.get(Patron, "vs")
        assert patron is not None and patron.cleared is True
    assert history(runtime, 1)[-1][0] == "approve"
    record(runtime, 1, StaffAction("unclear", actor="ann"), AT + timedelta(hours=1))
    with runtime.sessions() as session:
        patron = session.get(Patron, "vs")
        assert patron is not None and patron.cleared is False
        last = session.scalars(select(RequestEvent).order_by(RequestEvent.id.desc())).first()
        assert last is not None and last.action == "unclear" and "revoked" in (last.note or "")
    with pytest.raises(StaffError, match="is not cleared"):
        record(runtime, 1, StaffAction("unclear"), AT + timedelta(hours=2))


def test_the_repeat_guard_still_sees_a_replay(runtime: Runtime) -> None:
    request_from(runtime)
    with transaction(runtime.sessions) as session:
        record_staff_action(
            session, 1, StaffAction("sent"), AT, runtime.library, window=REPEAT_WINDOW
        )
    with pytest.raises(AlreadyRecorded), transaction(runtime.sessions) as session:
        later = AT + timedelta(minutes=2)
        record_staff_action(
            session, 1, StaffAction("sent"), later, runtime.library, window=REPEAT_WINDOW
        )


def test_a_note_from_the_lender_is_kept(runtime: Runtime) -> None:
    request_from(runtime)
    record(runtime, 1, StaffAction.from_fields("sent", {"note": "ships Monday"}))
    with runtime.sessions() as session:
        request = session.get(IllRequest, 1)
        assert request is not None and "ships Monday" in (request.lender_note or "")


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"amount": "abc"}, "the amount must be a number of dollars like 12.50, not 'abc'"),
        ({"amount": "nan"}, "between 0 and 100000"),
        ({"due": "soon"}, "the due date must look like 2026-12-01, not 'soon'"),
    ],
)
def test_bad_values_are_refused_in_words(fields: dict[str, str], says: str) -> None:
    with pytest.raises(StaffError) as refused:
        StaffAction.from_fields("fee", fields)
    assert str(refused.value) == says or says in str(refused.value)


def test_the_sim_prints_a_refusal_and_goes_on(runtime: Runtime) -> None:
    events: list[dict[str, object]] = [
        *PATRONS,
        {
            "type": "message",
            "at": "2026-11-02T09:00",
            "from": "f",
            "text": "get me ISBN 9780134477824",
        },
        {"type": "staff", "at": "2026-11-03T09:00", "action": "approve", "request": "ILL-1"},
        {"type": "staff", "at": "2026-11-03T09:01", "action": "sent", "request": "ILL-1"},
    ]
    out = sim(runtime, *events)
    refusal = next(o for o in out if o.get("outcome") == "refused")
    assert {k: refusal[k] for k in ("kind", "to", "request", "status")} == {
        "kind": "reply",
        "to": "staff",
        "request": "ILL-1",
        "status": "submitted",
    }
    assert "not waiting for an approval" in str(refusal["text"])
    assert any(o.get("notice") == "sent" for o in out)  # the run went on
    assert len({o["id"] for o in out}) == len(out)


def test_the_sim_still_stops_on_an_unknown_action(runtime: Runtime) -> None:
    event = {"type": "staff", "at": "2026-11-03T09:00", "action": "teleport", "request": "ILL-1"}
    with pytest.raises(SimError, match="line 1: unknown staff action 'teleport'"):
        Simulator(runtime).run([json.dumps(event)], io.StringIO())


def test_a_naive_staff_time_is_the_request_librarys(runtime: Runtime) -> None:
    out = sim(
        runtime,
        {"type": "patron", "id": "c", "library": "sjpl", "category": "cardholder"},
        {
            "type": "message",
            "at": "2026-12-01T09:00",
            "from": "c",
            "text": "Please get me ISBN 9780134477824, I can pay up to $5",
        },
        {"type": "staff", "at": "2026-12-01T12:00", "action": "sent", "request": "ILL-1"},
    )
    notice = next(o for o in out if o.get("notice") == "sent")
    assert notice["at"] == "2026-12-01T12:00:00-06:00"
    assert history(runtime, 1)[-1][4] == datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def test_an_implied_step_is_no_replay_for_the_repeat_guard(runtime: Runtime) -> None:
    request_from(runtime)
    record(runtime, 1, StaffAction("arrived", due=date(2026, 12, 7)))
    with pytest.raises(StaffError) as refused, transaction(runtime.sessions) as session:
        later = AT + timedelta(minutes=2)
        record_staff_action(
            session, 1, StaffAction("sent"), later, runtime.library, window=REPEAT_WINDOW
        )
    assert not isinstance(refused.value, AlreadyRecorded)
    assert "ILL-1 is already ready" in str(refused.value)
