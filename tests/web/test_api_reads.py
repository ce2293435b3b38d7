"""An open page's polling and live stream only read: while another process holds SQLite's write
lock (a long turn, a scheduler pass), they still answer with what is new. On both backends the
same reads give the page its state and new messages."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from store.models import OutboxMessage
from tests.web.conftest import Browser, RunningChat
from tests.web.test_api import next_event, request_middlemarch, staff

Browsers = Callable[[RunningChat], Browser]


@contextmanager
def write_lock_held(running: RunningChat) -> Iterator[None]:
    """Hold the store's write lock from another connection, as another process would."""
    path = str(running.runtime.engine.url.database)
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):  # held, really
            sqlite3.connect(path, timeout=0).execute("BEGIN IMMEDIATE")
        yield
    finally:
        holder.rollback()
        holder.close()


async def test_a_poll_and_the_stream_answer_while_another_process_holds_the_write_lock(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    pat = browsers(web_chat)
    await pat.sign_in()
    await request_middlemarch(pat)
    _, state = await pat.get("state")
    staff(web_chat, "arrived", "ILL-1", "--due", "2027-01-10")  # its notice goes by email
    with write_lock_held(web_chat):
        status, polled = await pat.get(f"messages?after={state['last']}")
        assert status == 200
        (notice,) = polled["messages"]
        assert (notice["kind"], notice["ref"]) == ("notice", "ILL-1")
        assert polled["last"] == notice["id"]
        event = await asyncio.wait_for(next_event(pat, state["last"]), 30)
        assert event["id"] == notice["id"]
        status, nothing = await pat.get(f"messages?after={polled['last']}")
        assert (status, nothing) == (200, {"messages": [], "last": polled["last"]})


async def test_the_state_and_a_poll_show_a_reply_queued_elsewhere_once_on_each_backend(
    chat_on: RunningChat, browsers: Browsers
) -> None:
    pat = browsers(chat_on)
    await pat.sign_in()
    await request_middlemarch(pat)
    _, before = await pat.get("state")
    staff(chat_on, "arrived", "ILL-1", "--due", "2027-01-10")
    _, polled = await pat.get(f"messages?after={before['last']}")
    assert [m["kind"] for m in polled["messages"]] == ["notice"]
    _, state = await pat.get("state")
    assert state["last"] == polled["last"]
    assert [r["ref"] for r in state["requests"]] == ["ILL-1"]
    assert state["patron"]["name"] == "Pat"
    with chat_on.runtime.sessions() as session:
        web_rows = session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "web"))
        assert {row.state for row in web_rows} == {"sent"}  # every reply the page has is sent
