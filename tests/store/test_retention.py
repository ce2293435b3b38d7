"""The retention job, checked the way a privacy officer would check it, on both backends.

The data is made through the simulator (patron messages, staff actions) and the outbox sender's
own claim/mark_sent, so the rows are the ones the running bot writes.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from bot.sim import Simulator
from handlers.core import Library
from store.db import transaction
from store.ledger import StoreLedger
from store.models import Base, IllRequest
from store.outbox import claim, mark_sent
from store.retention import purge_finished
from tests.services.postgres import PostgresCluster

ANN = "p-ann-7"
# Everything that points at Ann: directory id, email, Slack id, name, and a second address.
ANN_IDENTIFIERS = ("p-ann-7", "ann.smith@jjay.example", "U0ANN7", "ann smith", "ann.smith@other")
SCANNED = ("requests", "request_events", "outbox", "conversations")  # patrons: the directory
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

# Ann's book (ILL-1) and article (ILL-2) end; Bob's book (ILL-3) stays open.
STORY = [
    ANN_DIRECTORY,
    BOB_DIRECTORY,
    said("2026-01-05T09:00", BOOK),
    said("2026-01-05T09:05", ARTICLE),
    said("2026-01-05T09:10", "get me ISBN 9780262033848", sender="U0BOB3"),
    staff("2026-01-06T09:00", "sent", "ILL-1", lender="NYPL"),
    staff("2026-01-06T09:00", "sent", "ILL-2", lender="NLM"),
    staff("2026-01-06T09:00", "sent", "ILL-3", lender="NYPL"),
    said("2026-01-07T09:00", "where is ILL-1?", "ann.smith@jjay.example", "email"),
    said("2026-01-07T09:10", "how are my requests?"),
    said("2026-01-07T09:20", "I want to talk to a person about ILL-1"),
    said("2026-01-07T09:30", "is ILL-1 here yet?", "ann.smith@other.example", "email"),
    said("2026-01-07T09:40", "cancel", "ann.smith@jjay.example", "email"),  # never answered
    said("2026-01-07T09:50", "hello there"),  # about no request: not the job's business
    staff("2026-01-12T09:00", "unfilled", "ILL-2", reason="Ann Smith found it elsewhere"),
    *on_loan("ILL-1")[1:],  # sent above, with the others
    staff("2026-02-01T09:00", "returned", "ILL-1"),
    said("2026-02-01T10:00", "renew ILL-1"),  # refused: leaves a "why?" about ILL-1
]


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    runtime = open_runtime(load_settings(), database_url)
    yield runtime
    runtime.engine.dispose()


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
    """Every row of the scanned tables, as lower-case JSON text keyed by table and id."""
    rows = {}
    with runtime.sessions() as session:
        for name in SCANNED:
            for row in session.execute(select(Base.metadata.tables[name])).mappings():
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


def identifying(snap: dict[tuple[str, int], str], requests: set[int]) -> list[tuple[str, int]]:
    """Return the rows tied to the requests that still carry any of Ann's identifiers."""
    return [
        key
        for key, text in snap.items()
        if tied_to(key, text, requests) and any(i.lower() in text for i in ANN_IDENTIFIERS)
    ]


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


def test_after_the_period_nothing_ties_a_finished_request_to_its_patron(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    play(runtime, STORY)
    before = snapshot(runtime)
    assert len(identifying(before, {1, 2})) > 10  # the scan does find Ann before the purge
    contu = contu_count(runtime)

    with caplog.at_level(logging.INFO, logger="store.retention"):
        assert purge(runtime, local(runtime, "2026-05-02T09:00")) == 2

    after = snapshot(runtime)
    assert identifying(after, {1, 2}) == []
    assert linked(runtime) == {1: None, 2: None, 3: "p-bob-3"}
    assert contu_count(runtime) == contu == 1
    untouched = {k: v for k, v in before.items() if not tied_to(k, v, {1, 2})}
    assert {k: after[k] for k in untouched} == untouched  # Bob, and Ann's "hello", as they were
    logged = caplog.text.lower()
    assert "ill-1" in logged and "ill-2" in logged
    assert not [i for i in ANN_IDENTIFIERS if i.lower() in logged]


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
    now = local(runtime, "2026-05-02T09:00")
    assert purge(runtime, now) == 2
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
    before = snapshot(runtime)
    assert purge(runtime, local(runtime, "2029-01-01T09:00")) == 0
    assert snapshot(runtime) == before
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
    assert identifying(snapshot(runtime), {1}) == []


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
