"""Signing in with a library card, and what keeps a session safe: CSRF, Origin, cookies, expiry,
sign-out, rate limits, the security headers, and the purge that forgets it all.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from bot.runtime import Runtime
from store.db import transaction
from store.models import (
    SCRUBBED_TEXT,
    OutboxMessage,
    SignInAttempt,
    SignInCode,
    WebSession,
    WebVisit,
)
from store.outbox import enqueue
from store.retention import purge_finished
from tests.services.sip2_server import Card
from tests.web.conftest import PAT_CARD, Browser, RunningChat, free_port, running_chat

Browsers = Callable[[RunningChat], Browser]
WRONG = "That card number and PIN do not match our records. Please check them and try again."


async def test_a_wrong_pin_and_an_unknown_card_get_the_same_sentence(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(web_chat)
    assert await patron.sign_in(PAT_CARD, "0000") == (401, {"error": WRONG})
    assert await patron.sign_in("21197000009999", "2468") == (401, {"error": WRONG})
    assert patron.cookie("illbot_web") is None
    status, _ = await patron.get("state")
    assert status == 401


async def test_a_valid_card_not_in_the_directory_is_told_whom_to_ask(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    assert web_chat.sip2 is not None
    web_chat.sip2.cards["21197000000555"] = Card(pin="9999", name="Vi New", email="vi@home.example")
    status, answer = await browsers(web_chat).sign_in("21197000000555", "9999")
    assert status == 403
    assert "not registered for interlibrary loan here" in answer["error"]
    assert "the Interlibrary Loan Librarian" in answer["error"]  # sjpl's contact.office


async def test_a_card_the_directory_lacks_is_matched_by_the_email_the_ils_reports(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    assert web_chat.sip2 is not None
    web_chat.sip2.cards["21197000000777"] = Card(pin="1212", name="Pat", email="PAT@sjpl.example")
    patron = browsers(web_chat)
    assert (await patron.sign_in("21197000000777", "1212"))[0] == 200
    _, state = await patron.get("state")
    assert state["patron"]["name"] == "Pat"


async def test_an_ils_that_cannot_be_asked_is_503_with_a_sentence(
    sqlite_runtime: Runtime, tmp_path: Path, browsers: Browsers
) -> None:
    class Gone:
        port = free_port()  # nobody listens there

    with running_chat(sqlite_runtime, tmp_path, Gone()) as chat:  # type: ignore[arg-type]
        status, answer = await browsers(chat).sign_in()
    assert status == 503
    assert "cannot check library cards right now" in answer["error"]


async def test_too_many_wrong_pins_are_refused_and_told_when_to_try_again(
    chat_on: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(chat_on)
    for _ in range(5):
        assert (await patron.sign_in(PAT_CARD, "0000"))[0] == 401
    status, answer = await patron.sign_in()  # even the right PIN, now
    assert status == 429
    assert answer["error"] == "Too many tries. Please try again in 15 minutes."
    chat_on.advance(minutes=16)
    assert (await patron.sign_in())[0] == 200


async def test_a_post_without_the_token_with_a_wrong_one_or_from_another_site_is_refused(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(web_chat)
    await patron.open()
    body = {"card": PAT_CARD, "pin": "2468"}
    token = patron.csrf
    patron.csrf = ""
    assert (await patron.post("sign-in", body))[0] == 403
    patron.csrf = "not-the-token"
    assert (await patron.post("sign-in", body))[0] == 403
    patron.csrf = token
    foreign = {"Origin": "https://evil.example"}
    assert (await patron.post("sign-in", body, foreign))[0] == 403
    assert (await patron.post("sign-in", body, {"Origin": web_chat.url}))[0] == 200
    patron.csrf = str((await patron.post("sign-in", body))[1]["csrf"])
    said = {"id": "m-1", "text": "status"}
    assert (await patron.post("messages", said, foreign))[0] == 403
    patron.csrf = "wrong"
    status, answer = await patron.post("messages", said)
    assert status == 403 and "reload" in answer["error"]


async def test_a_session_ends_after_30_idle_minutes_or_12_hours(
    chat_on: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(chat_on)
    await patron.sign_in()
    chat_on.advance(minutes=29)
    assert (await patron.get("state"))[0] == 200  # in use: the idle time starts again
    chat_on.advance(minutes=31)
    status, answer = await patron.get("state")
    assert status == 401 and "sign in again" in answer["error"]
    await patron.sign_in()
    for _ in range(25):  # busy all day: half an hour at a time, 12.5 hours
        chat_on.advance(minutes=29, seconds=59)
        await patron.get("state")
    assert (await patron.get("state"))[0] == 401


async def test_signing_out_ends_the_session_in_the_store_too(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(web_chat)
    await patron.sign_in()
    token = patron.cookie("illbot_web")
    assert (await patron.post("sign-out", {}))[0] == 200
    assert patron.cookie("illbot_web") is None
    assert (await patron.get("state"))[0] == 401
    patron.http.cookie_jar.update_cookies({"illbot_web": token or ""})  # the old cookie, kept
    assert (await patron.get("state"))[0] == 401


async def test_every_answer_carries_the_security_headers_and_cookie_flags(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(web_chat)
    page = await patron.open()
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert "base-uri 'none'" in policy and "unsafe-inline" not in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "same-origin"
    csrf = page.cookies["illbot_csrf"]
    assert csrf["path"] == "/chat/" and not csrf["httponly"]
    async with patron.http.post(
        f"{patron.base}/chat/api/sign-in",
        json={"card": PAT_CARD, "pin": "2468"},
        headers={"X-CSRF-Token": patron.csrf},
    ) as signed:
        cookie = signed.cookies["illbot_web"]
        assert signed.headers["Cache-Control"] == "no-store"
        assert "Content-Security-Policy" in signed.headers
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/chat/"
    assert not cookie["secure"]  # plain http on loopback
    for path in ("/chat/static/..%2Fapp.py", "/chat/static/.hidden", "/chat/static/nothing.js"):
        async with patron.http.get(patron.base + path) as response:
            assert response.status == 404


async def test_cookies_are_secure_behind_https_and_the_page_may_be_framed_by_the_library(
    sqlite_runtime: Runtime, tmp_path: Path, sip2_server: object, browsers: Browsers
) -> None:
    with running_chat(
        sqlite_runtime,
        tmp_path,
        sip2_server,  # type: ignore[arg-type]
        public_url="https://library.example/ill",
        embed_origins="https://www.library.example",
    ) as chat:
        patron = browsers(chat)
        page = await patron.open()
        assert (
            "frame-ancestors 'self' https://www.library.example;"
            in (page.headers["Content-Security-Policy"])
        )
        assert page.cookies["illbot_csrf"]["secure"]  # so the client keeps it not: send it here
        patron.csrf = page.cookies["illbot_csrf"].value
        origin = {"Origin": "https://library.example"}
        async with patron.http.post(
            f"{chat.url}/chat/api/sign-in",
            json={"card": PAT_CARD, "pin": "2468"},
            headers={"X-CSRF-Token": patron.csrf, **origin},
            cookies={"illbot_csrf": patron.csrf},
        ) as signed:
            assert signed.status == 200
            assert signed.cookies["illbot_web"]["secure"]


def count(runtime: Runtime, model: type) -> int:
    with runtime.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


async def test_the_purge_forgets_ended_sessions_and_attempts(
    chat_on: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(chat_on)
    await patron.sign_in(PAT_CARD, "0000")
    await patron.sign_in()
    assert count(chat_on.runtime, WebSession) == 1 and count(chat_on.runtime, SignInAttempt) > 0
    chat_on.advance(hours=13)
    with transaction(chat_on.runtime.sessions) as session:
        purge_finished(session, chat_on.clock.now(), chat_on.runtime.library)
    for model in (WebSession, SignInAttempt, SignInCode, OutboxMessage):
        assert count(chat_on.runtime, model) == 0, model
    assert count(chat_on.runtime, WebVisit) == 1  # when Pat was last here, until retention
    chat_on.advance(days=91)
    with transaction(chat_on.runtime.sessions) as session:
        purge_finished(session, chat_on.clock.now(), chat_on.runtime.library)
    assert count(chat_on.runtime, WebVisit) == 0


async def test_the_live_stream_ends_when_the_session_does(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(web_chat)
    await patron.sign_in()
    events: list[str] = []

    async def listen() -> None:
        async with patron.http.get(f"{patron.base}/chat/api/events?after=0") as response:
            async for raw in response.content:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    events.append(line[7:])

    listening = asyncio.create_task(asyncio.wait_for(listen(), 30))
    await asyncio.sleep(0.3)
    assert (await patron.post("sign-out", {}))[0] == 200
    await listening  # the stream ended of itself
    assert events == ["signed_out"]
    status, _ = await patron.get("messages?after=0")
    assert status == 401


def test_a_web_message_no_page_fetched_is_given_up_after_a_day(web_chat: RunningChat) -> None:
    runtime, now = web_chat.runtime, web_chat.clock.now()
    with transaction(runtime.sessions) as session:
        enqueue(session, now, kind="reply", channel="web", patron_id="sj-card", address="sj-card",
                template="smalltalk", context={}, meta={}, text="Hello Pat")  # fmt: skip
    web_chat.advance(hours=25)
    with transaction(runtime.sessions) as session:
        purge_finished(session, web_chat.clock.now(), runtime.library)
    with runtime.sessions() as session:
        (row,) = session.scalars(select(OutboxMessage)).all()
        assert row.state == "failed" and "did not open the web chat" in str(row.last_error)
    web_chat.advance(days=91)  # then the retention period scrubs it like any sent message
    with transaction(runtime.sessions) as session:
        purge_finished(session, web_chat.clock.now(), runtime.library)
    with runtime.sessions() as session:
        (row,) = session.scalars(select(OutboxMessage)).all()
        assert (row.patron_id, row.address, row.text) == (None, "", SCRUBBED_TEXT)
