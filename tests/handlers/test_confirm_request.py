"""Confirm when unsure: what would be recorded is shown and the patron says yes, changes or no."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from handlers.core import handle_form
from handlers.messages import Inbound
from handlers.understand import Entities, Item, Reading
from store.db import transaction
from store.models import Conversation
from tests.handlers.chat import Chat, chat_fixture  # noqa: F401  (the `chat` fixture)

SHALL_I = "Shall I request this? Reply yes, or tell me what to change."


def _unsure(text: str, *items: Item, **entities: object) -> Reading:
    return Reading("request", Entities(items=items, **entities), text=text, sure=False)  # type: ignore[arg-type]


def test_the_card_shows_every_field_it_will_record_and_records_nothing_yet(chat: Chat) -> None:
    chat.patron("sj", "sjpl", "cardholder")
    text = "for my book club, 6 copies of chapter 3 (pp. 49-80) of the 3rd ed of Sapiens, Harari"
    item = Item(
        title="Sapiens", author="Harari", material="chapter", edition="3rd", chapter="3",
        pages="49-80",
    )  # fmt: skip
    chat.readings[text] = _unsure(text, item, copies=6, need_by=date(2026, 10, 1), max_cost=15.0)
    (card,) = chat.say("sj", text)
    assert (card["intent"], card["outcome"]) == ("request", "needs_info")
    for line in (
        "- Title: Sapiens",
        "- Author: Harari",
        "- Format: chapter scan",
        "- Edition: 3rd",
        "- Chapter 3, pages 49-80",
        "- Copies: 6",
        "- Needed by: Thursday, October 1",
        "- Most you'll pay: $15.00",
        SHALL_I,
    ):
        assert line in card["text"]
    assert chat.requests() == []


def test_yes_goes_on_as_a_sure_request_does_with_its_questions(chat: Chat) -> None:
    chat.patron("bu", "bellevue", "undergraduate")
    chat.unsure = True
    (card,) = chat.say("bu", "Sapiens by Yuval Noah Harari")
    assert SHALL_I in card["text"]
    (asked,) = chat.say("bu", "yes")
    assert asked["rules"] == ["bellevue.need_by.required"]  # policy's question, as today
    (done,) = chat.say("bu", "Oct 15")
    assert (done["outcome"], done["request"]) == ("accepted", "ILL-1")
    (request,) = chat.requests()
    assert (request.title, request.author, str(request.need_by)) == (
        "Sapiens",
        "Yuval Noah Harari",
        "2026-10-15",
    )


def test_a_change_shows_the_card_again_and_yes_with_details_keeps_them(chat: Chat) -> None:
    chat.patron("bu", "bellevue", "undergraduate")
    chat.unsure = True
    chat.say("bu", "Sapiens")
    (again,) = chat.say("bu", "the author is Harari")
    assert "OK, I've noted the author: Harari." in again["text"]
    assert "- Author: Harari" in again["text"] and SHALL_I in again["text"]
    (again,) = chat.say("bu", "make it the audiobook")
    assert "- Format: audiobook" in again["text"]
    assert chat.requests() == []
    (done,) = chat.say("bu", "yes, and I need it by Friday")  # 2026-09-01 is a Tuesday
    assert (done["outcome"], done["entities"]["need_by"]) == ("accepted", "2026-09-04")
    (request,) = chat.requests()
    assert (request.material, request.format, request.author) == (
        "audiobook",
        "audiobook",
        "Harari",
    )


def test_no_or_never_mind_drops_the_draft_and_says_so(chat: Chat) -> None:
    chat.patron("bu", "bellevue", "undergraduate")
    chat.unsure = True
    chat.say("bu", "Sapiens")
    (dropped,) = chat.say("bu", "no")
    assert dropped["text"].startswith("OK, I won't request Sapiens.")
    chat.say("bu", "Deep Work")
    (dropped,) = chat.say("bu", "never mind")
    assert "I won't request Deep Work" in dropped["text"]
    assert chat.requests() == []


def test_a_request_with_an_identifier_goes_straight_through(chat: Chat) -> None:
    chat.patron("g", "johnjay", "graduate")
    text = "get me ISBN 9780134477824"
    chat.readings[text] = _unsure(text, Item(isbn="9780134477824"))
    (done,) = chat.say("g", text)
    assert (done["outcome"], done["request"]) == ("accepted", "ILL-1")


def test_a_pending_card_is_asked_again_after_another_question(chat: Chat) -> None:
    chat.patron("g", "johnjay", "graduate")
    chat.unsure = True
    chat.say("g", "Sapiens")
    status, again = chat.say("g", "where are my requests?")
    assert status["intent"] == "status"
    assert again["text"].startswith("Still waiting on: your go-ahead to request “Sapiens”.")
    assert SHALL_I in again["text"]
    (done,) = chat.say("g", "yes")
    assert done["outcome"] == "accepted"


def test_the_edit_form_records_the_request_as_the_patron_wrote_it(chat: Chat) -> None:
    chat.patron("g", "johnjay", "graduate", slack="UG")
    chat.unsure = True
    chat.say("g", "Sapiens")
    form = {
        "title": "Sapiens: A Brief History of Humankind",
        "author": "Yuval Noah Harari",
        "format": "ebook",
        "edition": "2nd",
        "need_by": "2026-10-30",
        "max_cost": "0.00",
    }
    at = datetime(2026, 9, 1, 11, 0, tzinfo=ZoneInfo("America/New_York"))
    inbound = Inbound("slack", "g", "Title: Sapiens…", at, transport_id="slack:view:V1")
    # The sim speaks for g on Slack too: the conversation is the same one.
    with transaction(chat.runtime.sessions) as session:
        rows = handle_form(session, inbound, chat.runtime.library, form)
        assert [r.meta["outcome"] for r in rows if r.kind == "reply"] == ["accepted"]
    with transaction(chat.runtime.sessions) as session:  # the same form again: nothing
        assert handle_form(session, inbound, chat.runtime.library, form) == []
    (request,) = chat.requests()
    assert (request.title, request.author, request.material, request.format) == (
        "Sapiens: A Brief History of Humankind",
        "Yuval Noah Harari",
        "book",
        "ebook",
    )
    assert (request.edition, str(request.need_by), request.max_cost_cents) == (
        "2nd",
        "2026-10-30",
        0,
    )
    assert request.patron_words == "Sapiens"  # the patron's own words, not the form's
    with chat.runtime.sessions() as session:
        state = session.scalars(select(Conversation).where(Conversation.patron_id == "g")).one()
        assert state.state == "idle"
