"""A burst of events at once: each is in the inbox before its ack, and answered once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.runtime import open_runtime
from bot.settings import load_settings
from bot.slack.recorder import InboxRecorder
from store.models import InboxMessage
from tests.slack.conftest import SlackBot

AT = datetime(2026, 9, 1, 15, 0, tzinfo=UTC)


async def test_a_burst_of_dms_with_retries_is_acked_and_each_answered_once(bot: SlackBot) -> None:
    users = ["UFAC", "UFAC2", "UVS"]  # the patrons the directory knows by their Slack id
    asked = [(user, f"Ev{user}{n:03d}") for n in range(10) for user in users]
    retries = asked[:6]  # Slack redelivers some while the first deliveries are in flight
    statuses = await asyncio.gather(
        *(bot.slack.dm(user, "where are my requests?", event_id=ev) for user, ev in asked),
        *(
            bot.slack.dm(user, "where are my requests?", event_id=ev, retry=1)
            for user, ev in retries
        ),
    )
    assert set(statuses) == {200}
    with bot.runtime.sessions() as session:
        keys = session.scalars(select(InboxMessage.transport_id)).all()
    assert {f"slack:event:{ev}" for _, ev in asked} <= set(keys)
    answers = await bot.fake.wait_for("chat.postMessage", len(asked), 30)
    await asyncio.sleep(0.5)  # a twin answer, were there one, would be posted by now
    assert len(bot.fake.called("chat.postMessage")) == len(asked) == len(answers)


async def test_a_cold_worker_asks_slack_who_it_is_once_for_a_whole_burst(bot: SlackBot) -> None:
    users = ["UFAC", "UFAC2", "UVS"]
    await asyncio.gather(
        *(bot.slack.dm(user, f"where are my requests? {n}") for n in range(8) for user in users)
    )
    assert len(bot.fake.called("auth.test")) == 1  # startup's token check, reused


async def test_a_payload_the_store_refuses_fails_alone_in_its_batch(tmp_path: Path) -> None:
    runtime = open_runtime(load_settings(), f"sqlite:///{tmp_path}/inbox.db")
    recorder = InboxRecorder(runtime.sessions)
    good = [recorder.receive(f"slack:event:ok{n}", "slack", AT, {"n": n}) for n in range(5)]
    bad = recorder.receive("slack:event:bad", "slack", AT, {"n": object()})  # not JSON
    again = recorder.receive("slack:event:ok0", "slack", AT, {"n": 0})  # a redelivery
    results = await asyncio.gather(*good, bad, again, return_exceptions=True)
    assert results[:5] == [True] * 5
    assert isinstance(results[5], Exception)
    assert results[6] is False
    with runtime.sessions() as session:
        keys = set(session.scalars(select(InboxMessage.transport_id)))
    assert keys == {f"slack:event:ok{n}" for n in range(5)}
    recorder.close()
    runtime.engine.dispose()


@pytest.mark.parametrize("waiting", [1, 300])
async def test_every_caller_returns_after_its_row_is_committed(
    tmp_path: Path, waiting: int
) -> None:
    runtime = open_runtime(load_settings(), f"sqlite:///{tmp_path}/inbox.db")
    recorder = InboxRecorder(runtime.sessions)
    keys = [f"slack:event:{n}" for n in range(waiting)]
    assert (
        await asyncio.gather(*(recorder.receive(k, "slack", AT, {}) for k in keys))
        == [True] * waiting
    )
    with runtime.sessions() as session:  # another connection sees every row
        assert len(session.scalars(select(InboxMessage.id)).all()) == waiting
    recorder.close()
    runtime.engine.dispose()
