"""The store on SQLite and PostgreSQL: schema, numbering, history, dedupe, time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from store.db import transaction, upgrade
from store.models import Base, IllRequest, OutboxMessage, Patron, RequestEvent
from store.outbox import already_handled, enqueue, mark_sent, pending
from store.requests import change_status, find_patron, open_requests, patron_request, record_request

AT = datetime(2026, 10, 1, 14, 0, tzinfo=UTC)


def _patron(session: Session, pid: str = "p1", email: str | None = "Ann@Example.org") -> Patron:
    patron = Patron(id=pid, library="johnjay", category="faculty", email=email, slack="U1" + pid)
    session.add(patron)
    return patron


def _request(patron_id: str, at: datetime = AT, **extra: object) -> IllRequest:
    fields: dict[str, object] = {
        "patron_id": patron_id,
        "library": "johnjay",
        "category": "faculty",
        "material": "book",
        "title": "Discipline and Punish",
        "item_key": "title:discipline and punish",
        "status": "submitted",
        "channel": "slack",
        "created_at": at,
        "recorded_on": at.date(),
    }
    fields.update(extra)
    return IllRequest(**fields)


def test_migrations_build_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_upgrade_twice_changes_nothing(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) == tables
    assert {"patrons", "holdings", "requests", "request_events", "inbox", "outbox"} <= tables


def test_requests_are_numbered_in_the_order_recorded(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        _patron(session)
        refs = [record_request(session, _request("p1"), actor="patron:p1").ref for _ in range(3)]
    assert refs == ["ILL-1", "ILL-2", "ILL-3"]


def test_every_status_change_is_kept_with_who_and_when(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        _patron(session)
        request = record_request(session, _request("p1"), actor="patron:p1")
        change_status(
            session, request, "sent", at=AT + timedelta(days=1), actor="staff:kim", action="sent"
        )
    with sessions() as session:
        events = session.scalars(select(RequestEvent).order_by(RequestEvent.id)).all()
        assert [(e.actor, e.from_status, e.to_status) for e in events] == [
            ("patron:p1", None, "submitted"),
            ("staff:kim", "submitted", "sent"),
        ]
        assert events[1].at == AT + timedelta(days=1)


def test_times_come_back_as_the_same_instant_in_utc(sessions: sessionmaker[Session]) -> None:
    new_york = timezone(timedelta(hours=-4))
    local = datetime(2026, 10, 1, 22, 30, tzinfo=new_york)
    with transaction(sessions) as session:
        _patron(session)
        record_request(session, _request("p1", at=local), actor="patron:p1")
    with sessions() as session:
        stored = session.scalars(select(IllRequest)).one()
        assert stored.created_at == local
        assert stored.created_at.tzinfo is not None


def test_naive_times_are_refused(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(Exception, match="naive"), transaction(sessions) as session:
        _patron(session)
        record_request(session, _request("p1", at=datetime(2026, 10, 1)), actor="x")


def test_a_redelivered_message_is_recognised(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        assert already_handled(session, "Ev123", "slack", AT) is False
    with transaction(sessions) as session:
        assert already_handled(session, "Ev123", "slack", AT) is True
        assert already_handled(session, "Ev124", "slack", AT) is False


def test_patrons_are_found_by_id_email_any_case_or_slack(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        _patron(session, "p1", "ann@example.org")
    with sessions() as session:
        for sender in ("p1", "ANN@example.org", "U1p1"):
            found = find_patron(session, sender)
            assert found is not None and found.id == "p1"
        assert find_patron(session, "nobody@example.org") is None


def test_another_patrons_request_is_no_such_request(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        _patron(session, "p1")
        _patron(session, "p2", "b@example.org")
        record_request(session, _request("p1"), actor="x")
    with sessions() as session:
        assert patron_request(session, "p1", 1) is not None
        assert patron_request(session, "p2", 1) is None
        assert open_requests(session, "p2") == []


def test_finished_requests_leave_the_open_list_and_get_an_end_time(
    sessions: sessionmaker[Session],
) -> None:
    with transaction(sessions) as session:
        _patron(session)
        request = record_request(session, _request("p1"), actor="x")
        change_status(session, request, "cancelled", at=AT, actor="patron:p1", action="cancel")
    with sessions() as session:
        assert open_requests(session, "p1") == []
        assert session.get(IllRequest, 1).ended_at == AT  # type: ignore[union-attr]


def test_outbox_hands_out_due_messages_once_sent_never_again(
    sessions: sessionmaker[Session],
) -> None:
    with transaction(sessions) as session:
        enqueue(
            session,
            AT,
            kind="reply",
            channel="email",
            address="a@x.org",
            template="t",
            text="hello",
            meta={},
            context={},
        )
        enqueue(
            session,
            AT + timedelta(hours=1),
            kind="reply",
            channel="email",
            address="b@x.org",
            template="t",
            text="later",
            meta={},
            context={},
        )
    with transaction(sessions) as session:
        due = pending(session, "email", AT)
        assert [m.text for m in due] == ["hello"]
        mark_sent(due[0], AT)
    with sessions() as session:
        assert pending(session, "email", AT + timedelta(hours=2))[0].text == "later"
        assert session.scalars(select(OutboxMessage.state).order_by(OutboxMessage.id)).all() == [
            "sent",
            "pending",
        ]


def test_local_dates_are_kept_as_dates(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        _patron(session)
        record_request(session, _request("p1", need_by=date(2026, 12, 24)), actor="x")
    with sessions() as session:
        assert session.get(IllRequest, 1).need_by == date(2026, 12, 24)  # type: ignore[union-attr]
