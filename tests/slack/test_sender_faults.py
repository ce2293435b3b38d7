"""The Slack sender under faults, against the fake Web API over real HTTP, on both backends:
a crash between posts doubles nothing, a 429 loses nothing, a row Slack refuses for good is
reported to staff once and holds nobody else back, and 500s are retried up to the limit."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from datetime import timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select

from bot.runtime import Runtime
from bot.settings import load_settings, retry_limits
from bot.slack.sender import LEASE, SlackSender
from store.models import OutboxMessage
from tests.slack.clocks import ShiftClock, daytime_clock
from tests.slack.conftest import STAFF, open_bot_runtime, queue_replies
from tests.slack.fake_slack import FakeSlack, wait_until


@pytest.fixture
def runtime(database_url: str, fake_slack: FakeSlack) -> Iterator[Runtime]:
    """A store with the test directory, on SQLite and on PostgreSQL."""
    opened, _settings = open_bot_runtime(database_url, fake_slack)
    yield opened
    opened.engine.dispose()


def sender(runtime: Runtime, fake: FakeSlack, clock: ShiftClock, **settings: object) -> SlackSender:
    """A sender as `run_slack` builds it, with the give-up rule from the settings."""
    limits = retry_limits(load_settings(**settings))
    client = AsyncWebClient(token="xoxb-test", base_url=fake.url)
    return SlackSender(
        runtime.sessions, client, STAFF, clock, asyncio.Event(), poll_seconds=0.1, limits=limits
    )


def rows(runtime: Runtime) -> list[OutboxMessage]:
    """Every outbox row, oldest first."""
    with runtime.sessions() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def posted(fake: FakeSlack, channel: str | None = None) -> list[str]:
    """The texts Slack accepted, in order."""
    match = {"channel": channel} if channel else {}
    return [str(c.params["text"]) for c in fake.called("chat.postMessage", **match)]


async def test_a_crash_between_posts_reposts_nothing(
    runtime: Runtime, fake_slack: FakeSlack
) -> None:
    clock = daytime_clock()
    users = ["UFAC", "UFAC2"] * 10
    queue_replies(runtime, clock, users)
    fake_slack.stall("chat.postMessage", after=6)  # the 7th post never gets an answer ...
    first = asyncio.create_task(sender(runtime, fake_slack, clock).drain())
    await wait_until(lambda: fake_slack.stalled("chat.postMessage"), 1, 10, "a held post")
    first.cancel()  # ... because the bot dies waiting for it
    with contextlib.suppress(asyncio.CancelledError):
        await first
    fake_slack.unstall()
    assert len(posted(fake_slack)) == 6
    clock.advance(LEASE + timedelta(seconds=1))  # the dead sender's lease on the rest runs out
    assert await sender(runtime, fake_slack, clock).drain() == 14
    expected = [f"reply {n} to {user}" for n, user in enumerate(users, 1)]
    assert posted(fake_slack) == expected  # 20 posts for 20 rows, in order, none twice
    assert {r.state for r in rows(runtime)} == {"sent"}


async def test_a_429_pauses_the_sender_and_every_row_still_goes_once(
    runtime: Runtime, fake_slack: FakeSlack
) -> None:
    clock = daytime_clock()
    users = ["UFAC", "UFAC2", "UVS"] * 3
    queue_replies(runtime, clock, users)
    fake_slack.refuse("chat.postMessage", status=429, retry_after=1, channel="UFAC2")
    stop = asyncio.Event()
    running = asyncio.create_task(sender(runtime, fake_slack, clock).run(stop))
    try:
        await wait_until(lambda: posted(fake_slack), len(users), 10, "posts")
    finally:
        stop.set()
        await running
    assert sorted(posted(fake_slack)) == sorted(f"reply {n} to {u}" for n, u in enumerate(users, 1))
    refused = [c for c in fake_slack.calls if c.status == 429]
    assert len(refused) == 1
    assert {r.state for r in rows(runtime)} == {"sent"}


async def test_channel_not_found_fails_that_row_tells_staff_once_and_holds_nobody_back(
    runtime: Runtime, fake_slack: FakeSlack
) -> None:
    clock = daytime_clock()
    ids = queue_replies(runtime, clock, ["UFAC", "UGONE", "UFAC2"])
    fake_slack.refuse("chat.postMessage", status=200, error="channel_not_found", channel="UGONE")
    send = sender(runtime, fake_slack, clock)
    await send.drain()
    await send.drain()
    clock.advance(timedelta(hours=2))
    await send.drain()  # nothing more to say
    assert posted(fake_slack, "UFAC") == ["reply 1 to UFAC"]
    assert posted(fake_slack, "UFAC2") == ["reply 3 to UFAC2"]
    (told,) = posted(fake_slack, STAFF)
    assert f"outbox row {ids[1]}" in told and "channel_not_found" in told
    gone = next(r for r in rows(runtime) if r.id == ids[1])
    assert (gone.state, gone.last_error) == ("failed", "channel_not_found")
    assert gone.reported_at is not None
    tries = [c for c in fake_slack.calls if c.params.get("channel") == "UGONE"]
    assert len(tries) == 1


async def test_500s_are_retried_then_given_up_after_the_limit_and_staff_told_once(
    runtime: Runtime, fake_slack: FakeSlack
) -> None:
    clock = daytime_clock()
    ids = queue_replies(runtime, clock, ["UFAC", "UFAC2"])
    fake_slack.refuse(
        "chat.postMessage", status=500, error="internal_error", times=50, channel="UFAC"
    )
    send = sender(runtime, fake_slack, clock, outbox_max_attempts=3)
    for _ in range(5):
        await send.drain()
        clock.advance(timedelta(hours=1, minutes=1))  # past any backoff
    tries = [c for c in fake_slack.calls if c.params.get("channel") == "UFAC"]
    assert [c.status for c in tries] == [500, 500, 500]
    assert posted(fake_slack, "UFAC2") == ["reply 2 to UFAC2"]  # not held back by the other
    (told,) = posted(fake_slack, STAFF)
    assert f"outbox row {ids[0]}" in told and "3 tries" in told
    failed = next(r for r in rows(runtime) if r.id == ids[0])
    assert (failed.state, failed.attempts) == ("failed", 3)
