"""A request keeps everything staff key into a lending system (issue 13, part 3).

Requests are made through the simulator on a fresh store of each backend, so the rows are the
ones the running bot writes; the retention purge then takes the patron's own words with the
patron link.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.runtime import Runtime
from bot.sim import Simulator
from store.db import transaction
from store.models import IllRequest
from store.outbox import claim, mark_sent
from store.requests import LENDER_NOTE_LENGTH, note_from_lender, request_queue
from store.retention import purge_finished

CHAPTER_SCAN = "Could I get a scan of chapter 3 of The Culture of Control by Garland?"
APA_ARTICLE = (
    "Please get me Smith, J., & Doe, A. (2019). Sleep and memory in students. "
    "Journal of Sleep Research, 12(3), 45-67."
)
APA_CHAPTER = (
    "Lee, K. (2015). Prisons and punishment. In R. Hall (Ed.), The Oxford Handbook of "
    "Criminology (pp. 201-230). Oxford University Press."
)


def patron(pid: str, library: str = "johnjay", category: str = "faculty") -> dict[str, Any]:
    return {
        "type": "patron",
        "id": pid,
        "library": library,
        "category": category,
        "email": f"{pid}@example.edu",
        "name": f"Name of {pid}",
    }


def said(at: str, text: str, sender: str = "p1") -> dict[str, Any]:
    return {"type": "message", "at": at, "from": sender, "text": text}


def play(runtime: Runtime, *events: dict[str, Any]) -> Simulator:
    simulator = Simulator(runtime)
    for event in events:
        simulator.event(event)
    return simulator


def stored(runtime: Runtime, number: int) -> IllRequest:
    with runtime.sessions() as session:
        request = session.get(IllRequest, number)
        assert request is not None
        session.expunge(request)
        return request


def test_a_chapter_scan_keeps_the_chapter_the_book_and_the_words(runtime: Runtime) -> None:
    play(runtime, patron("p1"), said("2026-09-01T10:00", CHAPTER_SCAN))
    request = stored(runtime, 1)
    assert (request.title, request.material) == ("The Culture of Control", "chapter")
    assert request.chapter == "3"
    assert request.book_title == "The Culture of Control"
    assert request.format == "scan"
    assert request.patron_words == CHAPTER_SCAN


def test_a_pasted_article_keeps_volume_issue_pages_and_every_author(runtime: Runtime) -> None:
    play(runtime, patron("p1"), said("2026-09-01T10:00", APA_ARTICLE))
    request = stored(runtime, 1)
    assert request.journal == "Journal of Sleep Research"
    assert (request.volume, request.issue, request.pages) == ("12", "3", "45-67")
    assert request.authors is not None and "Doe" in request.authors
    assert request.chapter is None and request.book_title is None


def test_a_pasted_chapter_keeps_the_book_it_is_in(runtime: Runtime) -> None:
    play(runtime, patron("p1"), said("2026-09-01T10:00", APA_CHAPTER))
    request = stored(runtime, 1)
    assert request.material == "chapter"
    assert request.title == "Prisons and punishment"
    assert request.book_title == "The Oxford Handbook of Criminology"
    assert request.pages == "201-230"


def test_edition_and_format_are_kept(runtime: Runtime) -> None:
    text = "I need the 2nd edition of Introduction to Algorithms by Cormen, in print please"
    play(runtime, patron("p1"), said("2026-09-01T10:00", text))
    request = stored(runtime, 1)
    assert request.edition == "2nd"
    assert request.format == "print"


def test_words_over_several_messages_are_kept_in_order(runtime: Runtime) -> None:
    first = "please get me Beloved by Toni Morrison"
    play(
        runtime,
        patron("p1", library="bellevue"),
        said("2026-09-01T10:00", first),  # Bellevue asks for a need-by date
        said("2026-09-01T10:02", "by October 20"),
    )
    request = stored(runtime, 1)
    assert request.need_by is not None
    assert request.patron_words == f"{first}\nby October 20"


def test_the_purge_takes_the_patrons_words_with_the_link(runtime: Runtime) -> None:
    play(
        runtime,
        patron("p1"),
        said("2026-01-05T10:00", CHAPTER_SCAN),
        {"type": "staff", "at": "2026-01-06T09:00", "action": "unfilled", "request": "ILL-1"},
    )
    zone = runtime.library.profile("johnjay").timezone
    deliver_all(runtime, datetime(2026, 12, 31, tzinfo=zone))
    with transaction(runtime.sessions) as session:
        assert purge_finished(session, datetime(2026, 3, 1, tzinfo=zone), runtime.library) == 0
    assert stored(runtime, 1).patron_words == CHAPTER_SCAN  # not yet aged out
    with transaction(runtime.sessions) as session:
        assert purge_finished(session, datetime(2026, 6, 1, tzinfo=zone), runtime.library) == 1
    request = stored(runtime, 1)
    assert request.patron_id is None
    assert request.patron_words is None
    # What statistics and the lending side need stays.
    assert (request.chapter, request.book_title, request.material) == (
        "3",
        "The Culture of Control",
        "chapter",
    )


def deliver_all(runtime: Runtime, at: datetime) -> None:
    """Do what the senders do, so no unsent message holds the purge back."""
    with transaction(runtime.sessions) as session:
        for channel in ("slack", "email"):
            for message in claim(session, channel, at, timedelta(minutes=5), limit=1000):
                mark_sent(message, at)


def test_what_the_lender_said_is_kept_newest_last(runtime: Runtime) -> None:
    play(runtime, patron("p1"), said("2026-09-01T10:00", CHAPTER_SCAN))
    with transaction(runtime.sessions) as session:
        request = session.get(IllRequest, 1)
        assert request is not None
        note_from_lender(request, "  Will ship Tuesday\x00 ")
        note_from_lender(request, "Will ship Tuesday")  # the same words twice: kept once
        note_from_lender(request, "   ")
        note_from_lender(request, "Shipped by UPS")
    assert stored(runtime, 1).lender_note == "Will ship Tuesday\nShipped by UPS"
    with transaction(runtime.sessions) as session:
        request = session.get(IllRequest, 1)
        assert request is not None
        note_from_lender(request, "x" * 1500)
        note_from_lender(request, "y" * 1500)
    note = stored(runtime, 1).lender_note
    assert note == "y" * 1500  # the oldest made room
    assert len(note) <= LENDER_NOTE_LENGTH


def test_the_queue_is_soonest_need_by_first_then_oldest(runtime: Runtime) -> None:
    play(
        runtime,
        patron("p1"),
        patron("p2", library="sjpl", category="cardholder"),
        said("2026-09-01T10:00", "get me ISBN 9780134477824"),  # no need-by: last
        said("2026-09-01T10:05", "get me ISBN 9780262033848 by Oct 20"),
        said("2026-09-01T10:10", "get me ISBN 9780131103627 by Oct 10"),
        said("2026-09-01T10:15", "get me ISBN 9780596007126, I'll pay up to $5", sender="p2"),
        {"type": "staff", "at": "2026-09-02T09:00", "action": "unfilled", "request": "ILL-2"},
    )
    with runtime.sessions() as session:
        assert [r.ref for r in request_queue(session)] == ["ILL-3", "ILL-1", "ILL-4"]
        assert [r.ref for r in request_queue(session, library="johnjay")] == ["ILL-3", "ILL-1"]
        everything = request_queue(session, None)
        assert [r.ref for r in everything] == ["ILL-3", "ILL-2", "ILL-1", "ILL-4"]
        assert [r.ref for r in request_queue(session, ("unfilled",))] == ["ILL-2"]
        assert session.scalars(select(IllRequest.patron_words)).all()[0] is not None
