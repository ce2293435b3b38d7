"""The web chat's API over real HTTP, on SQLite and PostgreSQL: a patron signs in with a card,
requests, confirms, asks the status, cancels; another patron can reach none of it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from store.db import transaction
from store.models import OutboxMessage, WebLine
from store.retention import purge_finished
from tests.web.conftest import ANN_CARD, ANN_PIN, Browser, RunningChat, staff

Browsers = Callable[[RunningChat], Browser]


def texts(answer: dict[str, Any]) -> str:
    """All the bot's words in an answer, as one string."""
    return "\n".join(m["text"] for m in answer["messages"])


async def request_middlemarch(patron: Browser) -> dict[str, Any]:
    """Ask for a title, confirm it with its Submit answer, say what it may cost."""
    card = await patron.say("Middlemarch")
    (shown,) = card["messages"]
    assert "Shall I request this?" in shown["text"]
    assert shown["answers"] == [{"label": "Submit", "says": "yes"}]
    assert shown["form"]["title"] == "Middlemarch"  # the confirm card's Edit
    assert card["requests"] == []  # nothing recorded before the patron says so
    await patron.say(shown["answers"][0]["says"])
    return await patron.say("up to $5")


async def test_a_patron_requests_confirms_asks_status_and_cancels(
    chat_on: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(chat_on)
    status, _ = await patron.sign_in()
    assert status == 200
    done = await request_middlemarch(patron)
    assert "I've requested Middlemarch for you as ILL-1" in texts(done)
    assert [(r["ref"], r["title"], r["cancel"]) for r in done["requests"]] == [
        ("ILL-1", "Middlemarch", True)
    ]
    assert "ILL-1" in texts(await patron.say("status"))
    asked = await patron.say("cancel ILL-1")
    (question,) = asked["messages"]
    assert "Cancel ILL-1" in question["text"]
    assert [a["says"] for a in question["answers"]] == ["yes", "no"]
    cancelled = await patron.say("yes")
    assert "Cancelled: ILL-1" in texts(cancelled)
    assert cancelled["requests"] == []
    _, state = await patron.get("state")
    assert state["requests"] == []
    said = [(m["kind"], m["text"][:20]) for m in state["messages"]]
    assert said[:3] == [
        ("patron", "Middlemarch"),
        ("reply", "Here's what I'll req"),
        ("patron", "yes"),
    ]
    assert said[-2:] == [("patron", "yes"), ("reply", "Cancelled: ILL-1 “Mi")]
    chat_on.advance(hours=25)
    with transaction(chat_on.runtime.sessions) as session:
        purge_finished(session, chat_on.clock.now(), chat_on.runtime.library)
    with chat_on.runtime.sessions() as session:
        assert session.scalars(select(WebLine)).all() == []  # the patron's words: a day only


async def test_a_message_sent_twice_is_answered_once(
    chat_on: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(chat_on)
    await patron.sign_in()
    first = await patron.say("status", client_id="c-1")
    again = await patron.say("status", client_id="c-1")
    assert "no open interlibrary loan requests" in texts(first)
    assert again["messages"] == []
    _, state = await patron.get("state")
    assert [m["kind"] for m in state["messages"]] == ["patron", "reply"]


async def test_another_patron_can_reach_nothing_of_the_first_ones(
    chat_on: RunningChat, browsers: Browsers
) -> None:
    pat, ann = browsers(chat_on), browsers(chat_on)
    await pat.sign_in()
    await request_middlemarch(pat)
    await ann.open("/chat/bellevue/")
    status, _ = await ann.post("sign-in", {"card": ANN_CARD, "pin": ANN_PIN, "library": "bellevue"})
    assert status == 200
    refused = await ann.say("cancel ILL-1")
    assert "can't find ILL-1 among your requests" in texts(refused)
    await ann.say("yes")
    renew = await ann.say("renew ILL-1")
    assert "ILL-1" in texts(renew) and renew["requests"] == []
    _, state = await ann.get("state")
    assert state["requests"] == [] and state["notices"] == []
    assert "Middlemarch" not in json.dumps(state)
    _, polled = await ann.get("messages?after=0")
    assert "Middlemarch" not in json.dumps(polled)
    _, still = await pat.get("state")
    assert [r["ref"] for r in still["requests"]] == ["ILL-1"]  # untouched


async def next_event(patron: Browser, after: int) -> dict[str, Any]:
    """Open the live stream and return the first message event's data."""
    async with patron.http.get(f"{patron.base}/chat/api/events?after={after}") as response:
        assert response.headers["Content-Type"].startswith("text/event-stream")
        event = ""
        async for raw in response.content:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "message":
                return dict(json.loads(line[6:]))
    raise AssertionError("the stream ended without a message")


async def test_a_notice_staff_record_reaches_the_open_page_live_and_by_polling(
    chat_on: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(chat_on)
    await patron.sign_in()
    await request_middlemarch(patron)
    _, state = await patron.get("state")
    listening = asyncio.create_task(asyncio.wait_for(next_event(patron, state["last"]), 30))
    await asyncio.sleep(0.3)  # the stream is open before staff act (either order works)
    staff(chat_on, "arrived", "ILL-1", "--due", "2027-01-10")
    event = await listening
    assert (event["kind"], event["ref"]) == ("notice", "ILL-1")
    assert "has arrived" in event["text"]
    _, polled = await patron.get(f"messages?after={state['last']}")
    assert [m["id"] for m in polled["messages"]] == [event["id"]]
    assert polled["last"] == event["id"]


async def test_a_notice_on_a_web_request_goes_by_email_and_waits_on_the_next_visit(
    chat_on: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(chat_on)
    await patron.sign_in()
    await request_middlemarch(patron)
    assert (await patron.post("sign-out", {}))[0] == 200
    chat_on.advance(minutes=5)
    staff(chat_on, "arrived", "ILL-1", "--due", "2027-01-10")
    with chat_on.runtime.sessions() as session:
        (row,) = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "notice"))
        assert (row.channel, row.address) == ("email", "pat@sjpl.example")  # email carries it
    chat_on.advance(minutes=5)
    back = browsers(chat_on)
    await back.sign_in()
    _, state = await back.get("state")
    (notice,) = state["notices"]
    assert (notice["kind"], notice["ref"]) == ("notice", "ILL-1")
    assert "has arrived" in notice["text"] and "-- \n" not in notice["text"]  # no mail signature
    assert (await back.post("sign-out", {}))[0] == 200
    chat_on.advance(minutes=5)
    again = browsers(chat_on)
    await again.sign_in()
    assert (await again.get("state"))[1]["notices"] == []  # nothing new since the last visit
