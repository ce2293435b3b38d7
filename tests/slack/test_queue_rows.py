"""The staff queue's outbox rows, written by the core and by notices, without Slack running."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.runtime import Runtime
from handlers.core import handle_message
from handlers.digest import staff_digest as digest
from handlers.library import Library
from handlers.messages import Inbound
from policy.errors import ProfileError
from policy.profile import parse_digest_at
from store.db import transaction
from store.models import IllRequest, OutboxMessage
from tests.support.scenarios import is_staff_post, run_scenario, sim

PATRON: dict[str, object] = {
    "type": "patron",
    "id": "f",
    "library": "johnjay",
    "category": "faculty",
    "email": "f@jjay.example",
    "name": "Fay <b> Lee",
}
ASK: dict[str, object] = {
    "type": "message",
    "at": "2026-10-01T09:00",
    "from": "f",
    "text": "get me ISBN 9780134477824 by 2026-11-01, up to $20",
}


class Crash(Exception):
    """A turn that dies after its rows are written."""


def _queue(runtime: Runtime) -> list[OutboxMessage]:
    with runtime.sessions() as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == "staff_post")
        return list(session.scalars(query.order_by(OutboxMessage.id)))


def test_a_request_and_its_life_make_one_post_and_a_thread(runtime: Runtime) -> None:
    printed = sim(
        runtime,
        PATRON,
        ASK,
        {"type": "message", "at": "2026-10-01T09:05", "from": "f", "text": "where is ILL-1?"},
        {"type": "staff", "at": "2026-10-02T09:00", "action": "sent", "request": "ILL-1"},
    )
    # Everything the bot sends is printed: each staff post after the patron's output it follows.
    assert [(line["kind"], line["to"]) for line in printed] == [
        ("reply", "f"),
        ("staff_post", "staff"),
        ("reply", "f"),
        ("staff_post", "staff"),
        ("notice", "f"),
        ("staff_post", "staff"),
    ]
    every = _queue(runtime)
    # The post itself is written again as it is now (Slack edits it: its buttons follow the
    # status); the simulator leaves that edit out, as it shows nothing new.
    assert [r.template for r in every] == [
        "staff/request", "staff/patron", "staff/update", "staff/request_now",
    ]  # fmt: skip
    assert "Status: sent" in every[-1].text and every[-1].meta["status"] == "sent"
    rows = every[:-1]
    assert [line["text"] for line in printed if is_staff_post(line)] == [r.text for r in rows]
    assert {(r.channel, r.address, r.request_id, r.patron_id) for r in rows} == {
        ("slack", "staff", 1, None)
    }
    root = rows[0].text
    for fact in (
        "Fay &lt;b&gt; Lee",
        "f@jjay.example",
        "faculty",
        "ISBN: 9780134477824",
        "Need by: 2026-11-01",
        "Maximum cost: $20.00",
        "up to $20",
    ):
        assert fact in root, fact
    assert rows[0].meta["to"] == "staff" and rows[0].meta["request"] == "ILL-1"
    assert "where is ILL-1?" in rows[1].text
    assert rows[2].meta["notice"] == "sent" and "Asked of a lending library" in rows[2].text


def test_the_post_is_written_in_the_turn_and_lost_with_it(runtime: Runtime) -> None:
    sim(runtime, PATRON)
    at = datetime(2026, 10, 1, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    inbound = Inbound(channel="slack", sender="f", text=str(ASK["text"]), at=at, transport_id="E1")
    with pytest.raises(Crash), transaction(runtime.sessions) as session:
        handle_message(session, inbound, runtime.library)
        raise Crash
    assert _queue(runtime) == []
    with transaction(runtime.sessions) as session:
        reply, returned = handle_message(session, inbound, runtime.library)
        assert reply.meta["outcome"] == "accepted"
        assert (returned.kind, returned.template) == ("staff_post", "staff/request")
    (post,) = _queue(runtime)
    assert post.id == returned.id and post.id > reply.id  # the patron hears first


def test_a_thread_update_is_not_held_for_the_patrons_sending_hours(runtime: Runtime) -> None:
    sim(runtime, PATRON, ASK)
    sim(runtime, {"type": "staff", "at": "2026-10-02T23:30", "action": "sent", "request": "ILL-1"})
    with runtime.sessions() as session:
        notice = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "notice")).one()
        assert notice.next_attempt_at > notice.created_at  # the patron hears in the morning
    update = next(r for r in _queue(runtime) if r.template == "staff/update")
    assert update.next_attempt_at == update.created_at


def test_a_refused_request_is_not_queued(runtime: Runtime) -> None:
    sim(
        runtime,
        {**PATRON, "category": "alumni"},
        {**ASK, "text": "get me ISBN 9780134477824 by 2026-11-01"},
    )
    with runtime.sessions() as session:
        assert session.scalars(select(IllRequest)).all() == []
    assert _queue(runtime) == []


def test_the_scenario_runner_leaves_staff_posts_out_unless_asked(tmp_path: Path) -> None:
    assert is_staff_post({"kind": "staff_post", "to": "staff"})
    assert not is_staff_post({"kind": "escalation", "to": "staff"})
    scenario = tmp_path / "queue.jsonl"
    lines = [PATRON, ASK, {"expect": {"outcome": "accepted", "request": "ILL-1"}}]
    scenario.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    run_scenario(scenario)


def _with_digest(runtime: Runtime, at: str | None = "08:30") -> Library:
    """The shipped profiles, with only John Jay's digest, at `at` (None: no digest at all)."""
    when = time.fromisoformat(at) if at else None
    profiles = {
        key: replace(profile, digest_at=when if key == "johnjay" else None)
        for key, profile in runtime.library.profiles.items()
    }
    return replace(runtime.library, profiles=profiles)


def test_the_daily_digest_says_what_waits_is_overdue_and_due_soon_once_a_day(
    runtime: Runtime,
) -> None:
    sim(
        runtime,
        PATRON,
        ASK,
        {**ASK, "at": "2026-10-01T09:01", "text": "get me ISBN 9780262033848"},
        {"type": "staff", "at": "2026-10-02T09:00", "action": "sent", "request": "ILL-2"},
        {"type": "staff", "at": "2026-10-03T09:00", "action": "arrived", "request": "ILL-2"}
        | {"due": "2026-10-20"},
        {"type": "staff", "at": "2026-10-04T09:00", "action": "checked_out", "request": "ILL-2"},
    )
    library = _with_digest(runtime)
    zone = ZoneInfo("America/New_York")
    with transaction(runtime.sessions) as session:
        early = datetime(2026, 10, 18, 8, 29, tzinfo=zone)
        assert digest(session, early, library) == []  # not yet 08:30 at the library
        (soon,) = digest(session, datetime(2026, 10, 18, 8, 30, tzinfo=zone), library)
        assert digest(session, datetime(2026, 10, 18, 15, 0, tzinfo=zone), library) == []
        assert (soon.kind, soon.address, soon.template) == ("staff_post", "staff", "staff/digest")
        assert "Waiting for staff (1)" in soon.text and "ILL-1" in soon.text
        assert "Due soon (1)" in soon.text and "ILL-2" in soon.text and "Overdue" not in soon.text
        (late,) = digest(session, datetime(2026, 10, 22, 9, 0, tzinfo=zone), library)
        assert "Overdue (1)" in late.text and "was due 2026-10-20" in late.text
    with transaction(runtime.sessions) as session:  # no digest_at: no digest
        no_digest = _with_digest(runtime, None)
        assert digest(session, datetime(2026, 10, 23, 9, 0, tzinfo=zone), no_digest) == []


@pytest.mark.parametrize("value", ["8:30", "25:00", "08:30pm", 830, ""])
def test_a_bad_digest_at_names_the_file_and_the_key(value: object) -> None:
    with pytest.raises(ProfileError, match=r"x\.toml: digest_at must be a time of day"):
        parse_digest_at(value, "x.toml")
    assert parse_digest_at("08:30", "x.toml") == time(8, 30)
    assert parse_digest_at(None, "x.toml") is None
