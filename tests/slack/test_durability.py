"""Nothing acknowledged is lost: the inbox row is written before Slack's 200, and a killed bot
answers it after its restart, once, however often Slack delivers the event again."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import aiohttp
from sqlalchemy import create_engine, select

from bot.settings import Settings, reveal
from bot.slack.inbound import to_payload
from handlers.messages import Inbound
from store.db import transaction
from store.models import InboxMessage
from store.outbox import receive
from tests.slack.conftest import (
    SECRET,
    STAFF,
    STAFFER,
    SlackBot,
    free_port,
    open_bot_runtime,
    running_bot,
)
from tests.slack.fake_slack import FakeSlack, SlackSide

ISBN_REQUEST = "Please get me ISBN 9780134477824"
ROOT = Path(__file__).resolve().parents[2]


def inbox(database_url: str) -> list[tuple[str, str]]:
    """Return (transport id, state) of every inbox row, read from a fresh connection."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(InboxMessage.transport_id, InboxMessage.state).order_by(InboxMessage.id)
            )
            return [(str(t), str(s)) for t, s in rows]
    finally:
        engine.dispose()


@asynccontextmanager
async def bot_process(settings: Settings, log: Path) -> AsyncIterator[tuple[SlackSide, int]]:
    """Serve the bot in a process of its own; yield Slack's side of it and the process id."""
    overrides = {
        "database_url": settings.database_url,
        "library": settings.library,
        "slack_bot_token": reveal(settings.slack_bot_token),  # secrets: SecretStr in Settings
        "slack_app_token": None,
        "slack_signing_secret": reveal(settings.slack_signing_secret),
        "slack_staff_channel": settings.slack_staff_channel,
        "slack_api_url": settings.slack_api_url,
        "http_host": "127.0.0.1",
        "http_port": free_port(),
    }
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("ab") as err:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.slack.serve_bot",
            json.dumps(overrides),
            cwd=ROOT,
            env=env,
            stdout=err,
            stderr=err,
        )
    base = f"http://127.0.0.1:{overrides['http_port']}"
    try:
        await _until_listening(base, process, log)
        yield SlackSide(f"{base}/slack/events", SECRET, "http://127.0.0.1:9/unused"), process.pid
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), timeout=30)


async def _until_listening(base: str, process: asyncio.subprocess.Process, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.returncode is not None:
            raise AssertionError(f"the bot process stopped:\n{log.read_text()[-3000:]}")
        try:
            async with aiohttp.ClientSession() as session, session.get(f"{base}/healthz") as r:
                if r.status == 200:
                    return
        except aiohttp.ClientError:
            await asyncio.sleep(0.1)
    raise AssertionError(f"the bot process never listened:\n{log.read_text()[-3000:]}")


async def test_a_bot_killed_after_the_ack_answers_the_patron_once_after_restart(
    database_url: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    runtime, settings = open_bot_runtime(database_url, fake_slack)
    runtime.engine.dispose()
    fake_slack.users["UMAIL"] = "mail@jjay.example"  # matched by email: users.info first
    fake_slack.slow["users.info"] = 20.0  # ... which hangs: the turn is stuck after the ack
    log = tmp_path / "bot.log"
    async with bot_process(settings, log) as (slack, pid):
        started = time.monotonic()
        assert await slack.dm("UMAIL", ISBN_REQUEST, event_id="EvKilled") == 200
        assert time.monotonic() - started < 3.0  # inside Slack's deadline
        # Acknowledged, so Slack will not send it again on its own: it must be on disk already.
        assert inbox(database_url) == [("slack:event:EvKilled", "received")]
        os.kill(pid, signal.SIGKILL)
        await asyncio.sleep(0.3)
    assert not fake_slack.called("chat.postMessage", channel="UMAIL")
    fake_slack.slow.clear()
    async with bot_process(settings, log) as (slack, _pid):
        (reply,) = await fake_slack.wait_for("chat.postMessage", channel="UMAIL", timeout=20)
        assert "as ILL-1" in reply.params["text"]
        # Slack's own retry of the event reaches the new process: acknowledged, not run again.
        assert await slack.dm("UMAIL", ISBN_REQUEST, event_id="EvKilled", retry=1) == 200
        await asyncio.sleep(1.5)
    assert len(fake_slack.called("chat.postMessage", channel="UMAIL")) == 1
    assert inbox(database_url) == [("slack:event:EvKilled", "handled")]


async def test_a_retry_while_the_first_delivery_is_being_handled_is_not_run_twice(
    bot: SlackBot,
) -> None:
    bot.fake.users["UMAIL"] = "mail@jjay.example"
    bot.fake.slow["users.info"] = 1.5  # the first delivery's turn is still running
    assert await bot.slack.dm("UMAIL", ISBN_REQUEST, event_id="EvTwice") == 200
    assert await bot.slack.dm("UMAIL", ISBN_REQUEST, event_id="EvTwice", retry=1) == 200
    assert await bot.slack.dm("UMAIL", ISBN_REQUEST, event_id="EvTwice", retry=2) == 200
    (reply,) = await bot.dms("UMAIL", timeout=15)
    assert "as ILL-1" in reply.params["text"]
    await asyncio.sleep(1.0)
    assert len(bot.fake.called("chat.postMessage", channel="UMAIL")) == 1
    assert len(bot.fake.called("users.info")) == 1  # the retries started no work at all
    assert len(bot.requests()) == 1


async def test_a_message_another_worker_acknowledged_and_dropped_is_answered(
    database_url: str, fake_slack: FakeSlack
) -> None:
    async with running_bot(database_url, fake_slack, replay_seconds=0.3) as bot:
        # A worker recorded this DM, answered Slack 200 and died a minute ago.
        at = bot.clock.now() - timedelta(minutes=1)
        inbound = Inbound("slack", "UFAC", ISBN_REQUEST, at, transport_id="slack:event:EvDropped")
        with transaction(bot.runtime.sessions) as session:
            payload = to_payload(inbound)
            assert receive(session, "slack:event:EvDropped", "slack", at, payload)
        (reply,) = await bot.dms("UFAC", timeout=10)
        assert "as ILL-1" in reply.params["text"]
        await asyncio.sleep(1.0)  # more replay passes go by
        assert len(bot.fake.called("chat.postMessage", channel="UFAC")) == 1
        assert len(bot.requests()) == 1


async def test_a_command_and_a_home_click_are_recorded_before_the_ack(bot: SlackBot) -> None:
    status, _ = await bot.slack.command("UFAC", ISBN_REQUEST)
    assert status == 200
    (reply,) = await bot.dms("UFAC")
    assert "as ILL-1" in reply.params["text"]
    with bot.runtime.sessions() as session:
        rows = session.scalars(select(InboxMessage)).all()
        assert [(r.transport_id.split(":")[1], r.state, r.payload) for r in rows] == [
            ("command", "handled", None)  # the payload (who, what) is gone once handled
        ]


async def test_a_staff_reply_acknowledged_and_dropped_reaches_the_patron_once(
    database_url: str, fake_slack: FakeSlack
) -> None:
    async with running_bot(database_url, fake_slack, replay_seconds=0.3) as bot:
        await bot.slack.dm("UVS", "get me ISBN 9780134477824")
        await bot.fake.wait_for("chat.postMessage", channel=STAFF)
        await bot.dms("UVS")
        (escalation,) = [r for r in bot.outbox() if r.kind == "escalation"]
        # A worker recorded the submitted form, closed it for the staff member, and died.
        at = bot.clock.now() - timedelta(minutes=1)
        payload = {
            "kind": "staff_reply",
            "transport_id": "slack:view:VDROPPED",
            "escalation": escalation.id,
            "user": STAFFER,
            "text": "Your clearance came through.",
            "view_id": "VDROPPED",
        }
        with transaction(bot.runtime.sessions) as session:
            assert receive(session, "slack:view:VDROPPED", "slack", at, payload)
        message = (await bot.dms("UVS", 2))[1]
        assert "Your clearance came through." in message.params["text"]
        # Slack sends the same form again: acknowledged, nothing sent twice.
        submission = {
            "type": "view_submission",
            "user": {"id": STAFFER},
            "view": {
                "id": "VDROPPED",
                "type": "modal",
                "callback_id": "illbot_staff_reply_form",
                "private_metadata": str(escalation.id),
                "state": {
                    "values": {"reply": {"reply": {"value": "Your clearance came through."}}}
                },
            },
        }
        assert await bot.slack.interact(submission) == 200
        await asyncio.sleep(1.0)
        assert len(bot.fake.called("chat.postMessage", channel="UVS")) == 2
    assert inbox(database_url)[-1] == ("slack:view:VDROPPED", "handled")


async def test_a_patron_edit_form_acknowledged_and_dropped_records_the_request_once(
    database_url: str, fake_slack: FakeSlack
) -> None:
    async with running_bot(database_url, fake_slack, replay_seconds=0.3) as bot:
        # A worker recorded the patron's submitted Edit form, closed it, and died.
        at = bot.clock.now() - timedelta(minutes=1)
        payload = {
            "kind": "patron_form",
            "transport_id": "slack:view:VEDIT",
            "sender": "UFAC",
            "fields": {"title": "Sapiens", "author": "Yuval Noah Harari", "format": "book"},
            "where": {},
            "at": at.isoformat(),
        }
        with transaction(bot.runtime.sessions) as session:
            assert receive(session, "slack:view:VEDIT", "slack", at, payload)
        (done,) = await bot.dms("UFAC", timeout=10)
        assert "Done: I've requested Sapiens" in done.params["text"]
        await asyncio.sleep(1.0)  # more replay passes go by: nothing twice
        assert len(bot.fake.called("chat.postMessage", channel="UFAC")) == 1
        assert [r.title for r in bot.requests()] == ["Sapiens"]
