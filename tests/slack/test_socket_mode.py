"""Socket Mode: with an app token the bot connects out and gets events over a WebSocket."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import WSMsgType, web
from sqlalchemy import select

from bot.slack.service import run_slack
from store.models import InboxMessage
from tests.slack.conftest import open_bot_runtime
from tests.slack.fake_slack import FakeSlack, wait_until


class SocketModeServer:
    """Slack's Socket Mode end: hands one envelope to whoever connects, records the acks."""

    def __init__(self, envelope: dict[str, Any]) -> None:
        self.envelope = envelope
        self.received: list[dict[str, Any]] = []

    async def link(self, request: web.Request) -> web.WebSocketResponse:
        """Greet, hand over the envelope, and record what the bot sends back."""
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"type": "hello", "num_connections": 1})
        await socket.send_json(self.envelope)
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                self.received.append(json.loads(message.data))
        return socket


@pytest.fixture
async def socket_server() -> AsyncIterator[tuple[SocketModeServer, str]]:
    """Serve Socket Mode on loopback with one direct message waiting; yield it and its URL."""
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "DFAC",
        "user": "UFAC",
        "text": "Please get me ISBN 9780134477824",
        "ts": "1700000300.000001",
    }
    payload = {"type": "event_callback", "event_id": "EvSocket1", "team_id": "T1", "event": event}
    server = SocketModeServer(
        {
            "envelope_id": "env-1",
            "type": "events_api",
            "accepts_response_payload": False,
            "retry_attempt": 0,
            "payload": payload,
        }
    )
    app = web.Application()
    app.router.add_get("/link", server.link)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield server, f"ws://127.0.0.1:{port}/link"
    await runner.cleanup()


async def test_socket_mode_answers_a_dm_and_acks_the_envelope(
    sqlite_url: str, fake_slack: FakeSlack, socket_server: tuple[SocketModeServer, str]
) -> None:
    server, url = socket_server
    fake_slack.socket_url = url
    runtime, settings = open_bot_runtime(
        sqlite_url, fake_slack, slack_app_token="xapp-1-test", slack_signing_secret=None
    )
    stop = asyncio.Event()
    task = asyncio.create_task(run_slack(runtime, settings, stop, poll_seconds=0.1))
    try:
        (reply,) = await fake_slack.wait_for("chat.postMessage", channel="UFAC")
        assert "as ILL-1" in reply.params["text"]
        acks = await wait_until(lambda: server.received, 1, 5, "acks")
        assert acks[0]["envelope_id"] == "env-1"
        with runtime.sessions() as session:  # recorded before the ack, claimed by its turn
            rows = session.execute(select(InboxMessage.transport_id, InboxMessage.state)).all()
        assert [tuple(r) for r in rows] == [("slack:event:EvSocket1", "handled")]
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=20)
        runtime.engine.dispose()
