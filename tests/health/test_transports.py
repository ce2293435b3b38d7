"""Readiness and counts with real transports: Slack Socket Mode, Slack HTTP mode, mail in."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from bot.runtime import Runtime, open_runtime
from bot.serve import parts
from bot.settings import Settings, load_settings
from tests.email.conftest import ANN, Mailbox, SmtpServer, add_patrons
from tests.email.mails import BOT, patron_mail
from tests.health.conftest import get, get_json, sample, until, until_up
from tests.slack.conftest import open_bot_runtime
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_socket_mode import SocketModeServer
from tests.support.ports import free_port


@asynccontextmanager
async def serving(runtime: Runtime, settings: Settings) -> AsyncIterator[str]:
    """Run serve's parts for these settings; yield the base URL of the endpoints."""
    stop = asyncio.Event()
    running: list[Coroutine[Any, Any, None]] = parts(runtime, settings, stop)
    task = asyncio.create_task(_gather(running))
    base = f"http://127.0.0.1:{settings.http_port}"
    try:
        await until_up(base, task)
        yield base
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=20)
        runtime.engine.dispose()


async def _gather(running: list[Coroutine[Any, Any, None]]) -> None:
    await asyncio.gather(*running)


async def test_socket_mode_has_its_own_listener_and_counts_the_dm(
    sqlite_url: str, fake_slack: FakeSlack, socket_server: tuple[SocketModeServer, str]
) -> None:
    _server, url = socket_server
    fake_slack.socket_url = url
    runtime, settings = open_bot_runtime(
        sqlite_url,
        fake_slack,
        slack_app_token="xapp-1-test",
        slack_signing_secret=None,
        tick_seconds=3600,
    )
    async with serving(runtime, settings) as base:
        (reply,) = await fake_slack.wait_for("chat.postMessage", channel="UFAC")
        assert "as ILL-1" in reply.params["text"]

        async def ready() -> dict[str, Any] | None:
            status, body = await get_json(f"{base}/readyz")
            return body if status == 200 else None

        body = await until(ready)
        assert body["checks"]["slack"] == {"ok": True}

        async def counted() -> str | None:
            _, text, _ = await get(f"{base}/metrics")
            sent = sample(text, 'illbot_send_seconds_count{channel="slack"}')
            return text if sent else None

        text = await until(counted)
        handled = 'illbot_messages_handled_total{channel="slack",intent="request"}'
        assert sample(text, handled) == 1.0
        assert sample(text, 'illbot_outbox_pending{channel="slack"}') is not None


async def test_http_mode_serves_them_on_the_slack_port(
    sqlite_url: str, fake_slack: FakeSlack
) -> None:
    runtime, settings = open_bot_runtime(sqlite_url, fake_slack, tick_seconds=3600)
    async with serving(runtime, settings) as base:  # one port: a second bind would fail serve
        status, body = await get_json(f"{base}/readyz")
        assert status == 200, body
        assert body["checks"]["slack"] == {"ok": True}
        status, text, _ = await get(f"{base}/metrics")
        assert status == 200 and sample(text, "illbot_database_up") == 1.0


async def test_a_mailbox_never_reached_is_not_ready_and_counted(sqlite_url: str) -> None:
    settings = load_settings(
        database_url=sqlite_url,
        http_host="127.0.0.1",
        http_port=free_port(),
        tick_seconds=3600,
        slack_bot_token=None,
        imap_host="127.0.0.1",
        imap_port=free_port(),  # nothing listens there
        imap_user="ill@library.example",
        imap_password="secret",
        imap_security="none",
        smtp_host=None,
        mail_from="Interlibrary Loan <ill@library.example>",
        mail_secret="test secret: 0123456789abcdef",
    )
    runtime = open_runtime(settings)
    async with serving(runtime, settings) as base:

        async def failed() -> str | None:
            _, text, _ = await get(f"{base}/metrics")
            return text if (sample(text, "illbot_imap_poll_errors_total") or 0) >= 1 else None

        await until(failed)
        status, body = await get_json(f"{base}/readyz")
        assert status == 503
        assert body["failed"] == ["imap"]
        assert body["checks"]["imap"]["error"] == "the mailbox has not been polled yet"


async def test_mail_only_serve_counts_a_mail_and_its_answer(
    sqlite_url: str, mailbox: Mailbox, smtp_server: SmtpServer
) -> None:
    imap = mailbox.config()
    settings = load_settings(
        database_url=sqlite_url,
        http_host="127.0.0.1",
        http_port=free_port(),
        tick_seconds=3600,
        slack_bot_token=None,
        imap_host=imap.host,
        imap_port=imap.port,
        imap_user=imap.user,
        imap_password=imap.password,
        imap_security="none",
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_security="none",
        mail_from=f"Interlibrary Loan <{BOT}>",
        mail_secret="test secret: 0123456789abcdef",
    )
    runtime = open_runtime(settings)
    add_patrons(runtime)
    mailbox.deliver(patron_mail(ANN, "Please get me ISBN 9780134477824, needed by Oct 30, 2030"))
    async with serving(runtime, settings) as base:

        async def answered() -> str | None:
            _, text, _ = await get(f"{base}/metrics")
            return text if sample(text, 'illbot_send_seconds_count{channel="email"}') else None

        text = await until(answered, timeout=20)
        handled = 'illbot_messages_handled_total{channel="email",intent="request"}'
        assert sample(text, handled) == 1.0
        assert sample(text, "illbot_imap_poll_errors_total") == 0.0
        assert len(smtp_server.recorder.messages) == 1  # the patron got the answer counted

        status, body = await get_json(f"{base}/readyz")
        assert status == 200, body
        assert body["checks"]["imap"]["ok"] is True
        assert body["checks"]["imap"]["last_poll_seconds"] < 60
