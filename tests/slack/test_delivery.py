"""Slack delivery: signatures, fast acks, retried events, 429s and clean shutdown."""

from __future__ import annotations

import asyncio
import json
import time

from tests.slack.conftest import STAFF, SlackBot

ISBN_REQUEST = "Please get me ISBN 9780134477824"


def _dm_body(user: str, text: str, event_id: str) -> str:
    event = {"type": "message", "channel_type": "im", "channel": "D1", "user": user, "text": text}
    return json.dumps({"type": "event_callback", "event_id": event_id, "event": event})


async def test_a_request_with_a_wrong_signature_is_refused_and_does_nothing(bot: SlackBot) -> None:
    body = _dm_body("UFAC", ISBN_REQUEST, "EvForged")
    status, _ = await bot.slack.post(body, "application/json", secret="not-the-secret")
    assert status == 401
    await asyncio.sleep(0.5)
    assert bot.requests() == []
    assert not bot.fake.called("chat.postMessage")


async def test_a_stale_signature_is_refused_and_does_nothing(bot: SlackBot) -> None:
    body = _dm_body("UFAC", ISBN_REQUEST, "EvReplayed")
    six_minutes_ago = int(time.time()) - 6 * 60
    status, _ = await bot.slack.post(body, "application/json", timestamp=six_minutes_ago)
    assert status == 401
    await asyncio.sleep(0.5)
    assert bot.requests() == []
    assert not bot.fake.called("chat.postMessage")


async def test_a_retried_event_is_acted_on_once(bot: SlackBot) -> None:
    assert await bot.slack.dm("UFAC", ISBN_REQUEST, event_id="EvOnce") == 200
    await bot.dms("UFAC")
    assert await bot.slack.dm("UFAC", ISBN_REQUEST, event_id="EvOnce", retry=1) == 200
    assert await bot.slack.dm("UFAC", ISBN_REQUEST, event_id="EvOnce", retry=2) == 200
    await asyncio.sleep(0.7)
    assert len(bot.fake.called("chat.postMessage", channel="UFAC")) == 1
    assert len(bot.requests()) == 1


async def test_a_retry_whose_first_delivery_never_arrived_is_handled(bot: SlackBot) -> None:
    assert await bot.slack.dm("UFAC", ISBN_REQUEST, event_id="EvLostFirst", retry=1) == 200
    (reply,) = await bot.dms("UFAC")
    assert "as ILL-1" in reply.params["text"]


async def test_slow_work_happens_after_the_ack(bot: SlackBot) -> None:
    bot.fake.slow["users.info"] = 3.5  # matching an unknown user by email takes a while
    bot.fake.users["UMAIL"] = "mail@jjay.example"
    started = time.monotonic()
    assert await bot.slack.dm("UMAIL", ISBN_REQUEST) == 200
    assert time.monotonic() - started < 1.5
    (reply,) = await bot.dms("UMAIL", timeout=15)
    assert "as ILL-1" in reply.params["text"]


async def test_after_a_429_the_message_waits_retry_after_and_arrives_once(bot: SlackBot) -> None:
    bot.fake.refuse("chat.postMessage", status=429, retry_after=1)
    started = time.monotonic()
    await bot.slack.dm("UFAC", ISBN_REQUEST)
    (reply,) = await bot.dms("UFAC")
    assert time.monotonic() - started >= 1.0  # Retry-After was honoured
    assert "as ILL-1" in reply.params["text"]
    refused = [c for c in bot.fake.calls if c.method == "chat.postMessage" and c.status == 429]
    assert len(refused) == 1
    await asyncio.sleep(0.5)
    assert len(bot.fake.called("chat.postMessage", channel="UFAC")) == 1
    (row,) = [r for r in bot.outbox() if r.kind != "staff_post"]  # not the staff queue post
    assert (row.state, row.attempts) == ("sent", 1)  # a 429 is not counted against the row


async def test_a_message_slack_will_never_take_is_not_retried_and_staff_are_told(
    bot: SlackBot,
) -> None:
    bot.fake.refuse("chat.postMessage", status=200, error="channel_not_found")
    await bot.slack.dm("UFAC", ISBN_REQUEST)
    await bot.fake.wait_for("chat.postMessage", 2, channel=STAFF)  # the queue post, the report
    await asyncio.sleep(1.0)
    row = bot.outbox()[0]
    assert (row.state, row.last_error) == ("failed", "channel_not_found")
    tried = [
        c
        for c in bot.fake.calls
        if c.method == "chat.postMessage" and "New request" not in c.params["text"]
    ]
    assert "ILL-1" in tried[-1].params["text"]
    assert [c.params["channel"] for c in tried] == ["UFAC", STAFF]  # tried once, told once


async def test_stopping_finishes_work_already_acknowledged(bot: SlackBot) -> None:
    bot.fake.slow["users.info"] = 1.0
    bot.fake.users["UMAIL"] = "mail@jjay.example"
    assert await bot.slack.dm("UMAIL", ISBN_REQUEST) == 200
    bot.stop.set()  # what SIGTERM does in `illbot serve`
    await asyncio.wait_for(bot.task, timeout=15)
    (reply,) = bot.fake.called("chat.postMessage", channel="UMAIL")
    assert "as ILL-1" in reply.params["text"]
