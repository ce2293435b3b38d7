"""The retention job, checked the way a privacy officer would check it, on both backends.

The data is made through the simulator (Slack and mail messages, raw mails whose Message-IDs
hold the address, staff actions, scheduler ticks), the Slack transport's own inbox recording and
the outbox sender's claim/mark_sent, so the rows are the ones the running bot writes. Every table
but the directory (patrons) and the catalogue (holdings) is scanned.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event as sql_event
from sqlalchemy import or_, select

from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from bot.sim import Simulator
from bot.slack.inbound import message_inbound
from handlers.core import Library, handle_message
from store.db import transaction
from store.ledger import StoreLedger
from store.models import Base, Conversation, IllRequest, InboxMessage, OutboxMessage
from store.outbox import claim, mark_sent, receive
from store.retention import PLACEHOLDER, purge_finished, retention_cutoff
from tests.services.postgres import PostgresCluster

ANN = "p-ann-7"
# Everything that points at Ann: directory id, email, Slack id, name, and a second address.
ANN_IDENTIFIERS = ("p-ann-7", "ann.smith@jjay.example", "U0ANN7", "ann smith", "ann.smith@other")
# The directory, the catalogue, and tables that name no one (schedule_marks: one row per library).
NOT_SCANNED = ("patrons", "holdings", "alembic_version", "schedule_marks")
BOOK = "get me ISBN 9780134477824"
ARTICLE = "article PMID 1001 in ISSN 0028-0836"


def patron(pid: str, slack: str, email: str, name: str) -> dict[str, Any]:
    return {
        "type": "patron",
        "id": pid,
        "library": "johnjay",
        "category": "faculty",
        "email": email,
        "slack": slack,
        "name": name,
    }


def said(at: str, text: str, sender: str = "U0ANN7", channel: str = "slack") -> dict[str, Any]:
    return {"type": "message", "at": at, "from": sender, "channel": channel, "text": text}


def mailed(
    at: str, text: str, sender: str = "Ann Smith <ann.smith@jjay.example>"
) -> dict[str, Any]:
    """A real mail, whose Message-ID (as many clients make them) holds the sender's address."""
    address = sender.split("<")[-1].rstrip(">")
    stamp = at.replace(":", "").replace("-", "")
    raw = (
        f"From: {sender}\r\nTo: Interlibrary Loan <ill@illbot.invalid>\r\n"
        f"Subject: interlibrary loan\r\nMessage-ID: <{stamp}.{address}>\r\n"
        f"Date: Mon, 5 Jan 2026 09:00:00 -0500\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
    )
    return {"type": "message", "at": at, "raw": raw}


def staff(at: str, action: str, ref: str, **fields: Any) -> dict[str, Any]:
    return {"type": "staff", "at": at, "action": action, "request": ref, **fields}


def on_loan(ref: str) -> list[dict[str, Any]]:
    """A book's life in staff hands, from sent to checked out."""
    return [
        staff("2026-01-06T09:00", "sent", ref, lender="NYPL"),
        staff("2026-01-09T09:00", "arrived", ref, due="2026-02-06"),
        staff("2026-01-10T09:00", "checked_out", ref),
    ]


def loan(ref: str, returned: str) -> list[dict[str, Any]]:
    """A book's whole loan, returned at a given John Jay local time."""
    return [*on_loan(ref), staff(returned, "returned", ref)]


ANN_DIRECTORY = patron(ANN, "U0ANN7", "ann.smith@jjay.example", "Ann Smith")
BOB_DIRECTORY = patron("p-bob-3", "U0BOB3", "bob@jjay.example", "Bob Jones")

# Ann's book (ILL-1), article (ILL-2) and mailed request (ILL-4) end; Bob's book (ILL-3) stays
# open. Ann also talks about nothing, escalates about nothing, and writes from a second address.
STORY = [
    ANN_DIRECTORY,
    BOB_DIRECTORY,
    said("2026-01-05T09:00", BOOK),
    said("2026-01-05T09:05", ARTICLE),
    said("2026-01-05T09:10", "get me ISBN 9780262033848", sender="U0BOB3"),
    mailed("2026-01-05T09:20", "please get me ISBN 9780131103627"),
    staff("2026-01-06T09:00", "sent", "ILL-1", lender="NYPL"),
    staff("2026-01-06T09:00", "sent", "ILL-2", lender="NLM"),
    staff("2026-01-06T09:00", "sent", "ILL-3", lender="NYPL"),
    said("2026-01-07T09:00", "where is ILL-1?", "ann.smith@jjay.example", "email"),
    mailed("2026-01-07T09:05", "where is ILL-4?"),
    said("2026-01-07T09:10", "how are my requests?"),
    said("2026-01-07T09:20", "I want to talk to a person about ILL-1"),
    said("2026-01-07T09:25", "I want to talk to a person"),  # an escalation about no request
    said("2026-01-07T09:30", "is ILL-1 here yet?", "ann.smith@other.example", "email"),
    mailed("2026-01-07T09:35", "hi, any news?", "Ann Smith <ann.smith@other.example>"),
    said("2026-01-07T09:40", "cancel", "ann.smith@jjay.example", "email"),  # never answered
    said("2026-01-07T09:50", "hello there"),  # small talk, about no request
    staff("2026-01-08T09:00", "unfilled", "ILL-4", reason="Ann Smith asked by phone"),
    staff("2026-01-12T09:00", "unfilled", "ILL-2", reason="Ann Smith found it elsewhere"),
    *on_loan("ILL-1")[1:],  # sent above, with the others
    {"type": "tick", "at": "2026-01-31T09:00"},  # the scheduler: due-soon notice
    staff("2026-02-01T09:00", "returned", "ILL-1"),
    said("2026-02-01T10:00", "renew ILL-1"),  # refused: leaves a "why?" about ILL-1
]
PURGE_AT = "2026-05-02T09:00"  # 90 John Jay days after 1 February, the last of Ann's activity

# Carol's life is recent (her rows are younger than the period); Dave's old messages are still
# waiting: a reply not yet sent and a Slack event acknowledged but not yet handled.
CAROL_DIRECTORY = patron("p-carol-5", "U0CAROL5", "carol@jjay.example", "Carol King")
DAVE_DIRECTORY = patron("p-dave-9", "U0DAVE9", "dave@jjay.example", "Dave Ray")
RECENT = [
    CAROL_DIRECTORY,
    said("2026-04-01T09:00", "get me ISBN 9780596007126", sender="U0CAROL5"),
    staff("2026-04-02T09:00", "unfilled", "ILL-5", reason="Carol King: no lender"),
    said("2026-04-03T09:00", "hello", sender="U0CAROL5"),
    said("2026-04-03T09:10", "I want to talk to a person", sender="U0CAROL5"),
    said("2026-04-03T09:20", "status?", "stranger@example.net", "email"),
    mailed("2026-04-03T09:30", "where is ILL-5?", "Carol King <carol@jjay.example>"),
]
WAITING = [DAVE_DIRECTORY, said("2026-01-07T09:00", "hello", sender="U0DAVE9")]


def local(runtime: Runtime, text: str) -> datetime:
    """Read a John Jay wall-clock time."""
    return datetime.fromisoformat(text).replace(tzinfo=runtime.library.profile("johnjay").timezone)


def play(runtime: Runtime, events: list[dict[str, Any]], deliver: bool = True) -> None:
    """Run sim events, then let the senders deliver everything written."""
    simulator = Simulator(runtime)
    for event in events:
        simulator.event(event)
    if deliver:
        deliver_all(runtime, local(runtime, "2026-12-31T00:00"))


def deliver_all(runtime: Runtime, at: datetime) -> None:
    """Do what the Slack and email senders do: claim due messages and mark them sent."""
    with transaction(runtime.sessions) as session:
        for channel in ("slack", "email"):
            for message in claim(session, channel, at, timedelta(minutes=5), limit=1000):
                mark_sent(message, at)


def purge(runtime: Runtime, now: datetime, library: Library | None = None) -> int:
    with transaction(runtime.sessions) as session:
        return purge_finished(session, now, library or runtime.library)


def snapshot(runtime: Runtime) -> dict[tuple[str, int], str]:
    """Every row of every table but the directory, as lower-case JSON text by table and id."""
    rows = {}
    with runtime.sessions() as session:
        for name, table in Base.metadata.tables.items():
            if name in NOT_SCANNED:
                continue
            for row in session.execute(select(table)).mappings():
                text = json.dumps(dict(row), default=str, ensure_ascii=False).lower()
                rows[(name, row["id"])] = text
    return rows


def tied_to(key: tuple[str, int], text: str, requests: set[int]) -> bool:
    """Tell whether a row is about one of the requests or names one of them."""
    row = json.loads(text)
    if key[0] == "requests" and row["id"] in requests:
        return True
    if row.get("request_id") in requests:
        return True
    named = {int(n) for n in re.findall(r"ill-(\d+)\b", text)}
    data = row.get("data") or {}
    numbers = set(data.get("candidates", [])) | {data.get("request")}
    return bool((named | numbers) & requests)


def holding(snap: dict[tuple[str, int], str], identifiers: tuple[str, ...]) -> list[str]:
    """Return the rows (with what they hold) that carry any of the identifiers."""
    return [
        f"{key}: {[i for i in identifiers if i.lower() in text]}"
        for key, text in snap.items()
        if any(i.lower() in text for i in identifiers)
    ]


def identifying(snap: dict[tuple[str, int], str], requests: set[int]) -> list[tuple[str, int]]:
    """Return the rows tied to the requests that still carry any of Ann's identifiers."""
    return [
        key
        for key, text in snap.items()
        if tied_to(key, text, requests) and any(i.lower() in text for i in ANN_IDENTIFIERS)
    ]


def young_or_waiting(runtime: Runtime, cutoff: datetime) -> set[tuple[str, int]]:
    """Rows the purge must leave alone: younger than the period, or still to be sent or run."""
    with runtime.sessions() as session:
        outbox = session.scalars(
            select(OutboxMessage.id).where(
                or_(OutboxMessage.created_at >= cutoff, OutboxMessage.state == "pending")
            )
        )
        inbox = session.scalars(
            select(InboxMessage.id).where(
                or_(InboxMessage.received_at >= cutoff, InboxMessage.state == "received")
            )
        )
        talks = session.scalars(select(Conversation.id).where(Conversation.updated_at >= cutoff))
        return (
            {("outbox", n) for n in outbox}
            | {("inbox", n) for n in inbox}
            | {("conversations", n) for n in talks}
        )


def receive_slack_dm(runtime: Runtime, at: datetime, user: str, text: str, handle: bool) -> None:
    """Record a Slack DM the way the Slack transport does; with `handle`, run its turn too."""
    event_id = f"Ev{user}{at:%H%M%S}"
    body = {
        "event_id": event_id,
        "event": {"type": "message", "channel_type": "im", "user": user, "text": text},
    }
    inbound = message_inbound(body, at)
    assert inbound is not None and inbound.transport_id
    with transaction(runtime.sessions) as session:
        receive(session, inbound.transport_id, "slack", at, body)
    if handle:
        with transaction(runtime.sessions) as session:
            handle_message(session, inbound, runtime.library)


def contu_count(runtime: Runtime) -> int:
    with runtime.sessions() as session:
        article = session.get(IllRequest, 2)
        assert article is not None and article.journal_key is not None
        ledger = StoreLedger(session)
        return ledger.articles_this_year("johnjay", article.journal_key, date(2026, 5, 2))


def linked(runtime: Runtime) -> dict[int, str | None]:
    with runtime.sessions() as session:
        rows = session.execute(select(IllRequest.id, IllRequest.patron_id))
        return {number: patron_id for number, patron_id in rows}


def ann_by_slack_transport(runtime: Runtime) -> None:
    """Ann's DMs as the Slack transport records them: inbox rows, one of them with a payload."""
    receive_slack_dm(runtime, local(runtime, "2026-01-07T10:00"), "U0ANN7", "status", handle=True)
    receive_slack_dm(runtime, local(runtime, "2026-01-07T10:05"), "U0ANN7", "thanks", handle=True)
    deliver_all(runtime, local(runtime, "2026-01-07T10:06"))


def test_after_the_period_no_row_anywhere_names_the_patron(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    play(runtime, STORY)
    ann_by_slack_transport(runtime)
    before = snapshot(runtime)
    # The scan does find Ann before the purge, in every kind of row the bot writes.
    found = holding(before, ANN_IDENTIFIERS)
    assert {key.split(",")[0] for key in found} >= {
        "('outbox'",
        "('inbox'",
        "('conversations'",
        "('request_events'",
    }
    assert any("ann.smith@other" in row for row in found)  # the unknown address too
    contu = contu_count(runtime)

    with caplog.at_level(logging.INFO, logger="store.retention"):
        assert purge(runtime, local(runtime, PURGE_AT)) == 3

    after = snapshot(runtime)
    assert holding(after, ANN_IDENTIFIERS) == []
    assert linked(runtime) == {1: None, 2: None, 3: "p-bob-3", 4: None}
    assert contu_count(runtime) == contu == 1
    # Bob's open request, and every message about it, as they were.
    bobs = {k: v for k, v in before.items() if tied_to(k, v, {3}) and not tied_to(k, v, {1, 2, 4})}
    assert bobs and {k: after.get(k) for k in bobs} == bobs
    logged = caplog.text.lower()
    assert "ill-1" in logged and "ill-2" in logged and "ill-4" in logged
    assert not [i for i in ANN_IDENTIFIERS if i.lower() in logged]


def test_purged_messages_say_they_were_removed_and_keep_their_counts(runtime: Runtime) -> None:
    play(runtime, STORY)
    with runtime.sessions() as session:
        kinds = sorted(session.execute(select(OutboxMessage.kind, OutboxMessage.template)).all())
    purge(runtime, local(runtime, PURGE_AT))
    with runtime.sessions() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert sorted((row.kind, row.template) for row in rows) == kinds  # still countable
        ann = [row for row in rows if row.request_id != 3]
        assert ann and {row.text for row in ann} == {PLACEHOLDER}
        assert {row.address for row in ann} <= {"", "staff"}
        assert "staff" in {row.address for row in ann}  # escalations still count as staff's
        book = next(row for row in ann if row.request_id == 1)
        assert book.context.get("ref") == "ILL-1" and book.meta.get("request") == "ILL-1"
        assert "rules" in book.meta and "to" not in book.meta and "entities" not in book.meta


def test_young_rows_and_waiting_messages_are_untouched(runtime: Runtime) -> None:
    play(runtime, STORY)
    ann_by_slack_transport(runtime)
    play(runtime, RECENT)
    play(runtime, WAITING, deliver=False)  # Dave's old reply, never sent
    old = local(runtime, "2026-01-07T11:00")
    receive_slack_dm(runtime, old, "U0DAVE9", "renew ILL-1", handle=False)  # acked, not run
    now = local(runtime, PURGE_AT)
    cutoff = retention_cutoff(runtime.library.profile("johnjay"), now)
    kept = young_or_waiting(runtime, cutoff)
    tables = {table for table, _ in kept}
    assert {"outbox", "inbox", "conversations"} <= tables
    before = snapshot(runtime)

    purge(runtime, now)

    after = snapshot(runtime)
    assert {k: after.get(k) for k in kept} == {k: before[k] for k in kept}
    assert linked(runtime)[5] == "p-carol-5"  # ended in April: its period has not run out
    still = holding(after, ("p-dave-9", "U0DAVE9", "dave@jjay.example"))
    assert still  # Dave's unsent reply and unhandled event keep what they need
    assert holding(after, ("carol@jjay.example", "stranger@example.net", "U0CAROL5"))
    assert holding(after, ANN_IDENTIFIERS) == []  # and Ann, all of whose rows are old, is gone


def test_old_inbox_rows_go_so_redelivery_is_deduped_for_the_period_only(runtime: Runtime) -> None:
    play(runtime, STORY[:1])
    at = local(runtime, "2026-01-07T10:00")
    receive_slack_dm(runtime, at, "U0ANN7", "hello", handle=True)
    with runtime.sessions() as session:
        assert session.scalars(select(InboxMessage.transport_id)).all()
    purge(runtime, at + timedelta(days=89))
    with runtime.sessions() as session:
        assert len(session.scalars(select(InboxMessage.id)).all()) == 1  # within the period
    purge(runtime, at + timedelta(days=90))
    with runtime.sessions() as session:
        assert session.scalars(select(InboxMessage.id)).all() == []


def test_purged_requests_keep_what_statistics_need(runtime: Runtime) -> None:
    play(runtime, STORY)
    purge(runtime, local(runtime, "2026-05-02T09:00"))
    with runtime.sessions() as session:
        book = session.get(IllRequest, 1)
        assert book is not None
        kept = (book.library, book.category, book.material, book.status, book.lender)
        assert kept == ("johnjay", "faculty", "book", "returned", "NYPL")
        assert (book.recorded_on, book.sent_on) == (date(2026, 1, 5), date(2026, 1, 6))
        assert [(e.actor, e.action, e.to_status) for e in book.history] == [
            ("patron", "requested", "submitted"),
            ("staff", "sent", "sent"),
            ("staff", "arrived", "ready"),
            ("staff", "checked_out", "checked_out"),
            ("staff", "returned", "returned"),
        ]


def test_a_second_run_purges_nothing(runtime: Runtime) -> None:
    play(runtime, STORY)
    now = local(runtime, PURGE_AT)
    assert purge(runtime, now) == 3
    once = snapshot(runtime)
    assert purge(runtime, now) == 0
    assert purge(runtime, now + timedelta(days=400)) == 0
    assert snapshot(runtime) == once


def test_the_period_counts_library_local_days_not_hours(runtime: Runtime) -> None:
    # ILL-1 ends late on 1 March, ILL-2 early on 2 March (New York time). 90 local days later,
    # just after midnight on 30 May, ILL-1 goes although only 88 days 23½ hours have passed.
    play(
        runtime,
        [
            ANN_DIRECTORY,
            said("2026-01-05T09:00", BOOK),
            said("2026-01-05T09:01", "get me ISBN 9780262033848"),
            *loan("ILL-1", returned="2026-03-01T23:30"),
            *loan("ILL-2", returned="2026-03-02T00:30"),
        ],
    )
    assert purge(runtime, local(runtime, "2026-05-29T23:59")) == 0  # day 89 for ILL-1
    assert purge(runtime, local(runtime, "2026-05-30T00:01")) == 1  # day 90 for ILL-1
    assert linked(runtime) == {1: None, 2: ANN}
    assert purge(runtime, local(runtime, "2026-05-31T00:01")) == 1
    assert linked(runtime) == {1: None, 2: None}


def test_an_open_request_is_never_touched_however_old(runtime: Runtime) -> None:
    play(runtime, [ANN_DIRECTORY, said("2026-01-05T09:00", BOOK), *on_loan("ILL-1")])
    before = {k: v for k, v in snapshot(runtime).items() if tied_to(k, v, {1})}
    assert purge(runtime, local(runtime, "2029-01-01T09:00")) == 0
    assert {k: snapshot(runtime).get(k) for k in before} == before
    assert linked(runtime) == {1: ANN}


def test_each_library_keeps_requests_for_its_own_period(runtime: Runtime) -> None:
    play(
        runtime, [ANN_DIRECTORY, said("2026-01-05T09:00", BOOK), *loan("ILL-1", "2026-02-01T09:00")]
    )
    profiles = runtime.library.profiles
    short = {**profiles, "johnjay": replace(profiles["johnjay"], retention_days=30)}
    library = replace(runtime.library, profiles=short)
    assert purge(runtime, local(runtime, "2026-03-02T09:00"), library) == 0  # day 29
    assert purge(runtime, local(runtime, "2026-03-03T09:00"), library) == 1  # day 30


def test_a_request_waits_while_a_message_about_it_is_unsent(runtime: Runtime) -> None:
    events = [
        ANN_DIRECTORY,
        said("2026-01-05T09:00", ARTICLE),
        staff("2026-01-06T09:00", "unfilled", "ILL-1"),
    ]
    play(runtime, events, deliver=False)  # the "unfilled" notice is still in the outbox
    now = local(runtime, "2026-06-01T09:00")
    assert purge(runtime, now) == 0
    assert linked(runtime) == {1: ANN}
    deliver_all(runtime, now)
    assert purge(runtime, now) == 1
    assert holding(snapshot(runtime), ANN_IDENTIFIERS) == []


@pytest.mark.postgres
def test_two_workers_never_purge_the_same_request(postgres_cluster: PostgresCluster) -> None:
    url = postgres_cluster.create_database(f"t_{uuid.uuid4().hex[:12]}")
    runtime = open_runtime(load_settings(), url)
    try:
        play(
            runtime,
            [ANN_DIRECTORY, said("2026-01-05T09:00", BOOK), *loan("ILL-1", "2026-02-01T09:00")],
        )
        now = local(runtime, "2026-06-01T09:00")
        with runtime.sessions() as first, first.begin():
            assert purge_finished(first, now, runtime.library) == 1
            # The first worker has not committed: the second skips the row it holds.
            assert purge(runtime, now) == 0
        assert purge(runtime, now) == 0
        assert linked(runtime) == {1: None}
    finally:
        runtime.engine.dispose()


def isbn(n: int) -> str:
    """A valid ISBN-13 for a made-up book."""
    body = f"978{n:09d}"
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10) % 10
    return f"{body}{check}"


def statements_to_purge(runtime: Runtime, first: int, books: int, month: int) -> list[str]:
    """Let Ann's requests ILL-first… end in a month; return the SQL statements their purge ran."""
    life: list[dict[str, Any]] = [ANN_DIRECTORY]
    for n in range(first, first + books):
        day = f"2026-{month:02d}-{n - first + 1:02d}"
        life.append(said(f"{day}T09:00", f"get me ISBN {isbn(n)}"))
        life.append(staff(f"{day}T10:00", "unfilled", f"ILL-{n}"))
        life.append(said(f"{day}T11:00", f"why? ILL-{n}"))
        life.append(mailed(f"{day}T12:00", f"thanks for ILL-{n}"))
    play(runtime, life)
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    sql_event.listen(runtime.engine, "before_cursor_execute", record)
    try:
        assert purge(runtime, local(runtime, f"2026-{month + 4:02d}-01T09:00")) == books
    finally:
        sql_event.remove(runtime.engine, "before_cursor_execute", record)
    assert holding(snapshot(runtime), ANN_IDENTIFIERS) == []
    return seen


def test_the_purge_runs_the_same_few_statements_however_many_requests(runtime: Runtime) -> None:
    few = statements_to_purge(runtime, 1, 2, month=1)
    many = statements_to_purge(runtime, 3, 9, month=3)
    for seen in (few, many):
        assert not [s for s in seen if " like " in s.lower() and "outbox" in s.lower()]
    assert 5 < len(few) == len(many) < 40  # by id lists and dates, not row by row
