"""/healthz, /readyz and /metrics on serve's own listener, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot import metrics
from bot.health import Health, listen
from bot.runtime import Runtime
from bot.serve import parts
from bot.settings import load_settings
from store.db import make_engine, transaction
from store.outbox import enqueue
from tests.health.conftest import get, get_json, sample, until, until_up
from tests.support.ports import free_port


@pytest.fixture
async def serving(runtime: Runtime) -> AsyncIterator[str]:
    """Run `illbot serve`'s parts with no transport configured; yield the listener's URL."""
    port = free_port()
    settings = load_settings(
        database_url="sqlite://",  # unused: the runtime is already open
        http_host="127.0.0.1",
        http_port=port,
        tick_seconds=3600,
        slack_bot_token=None,
        imap_host=None,
        smtp_host=None,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(_gather(parts(runtime, settings, stop)))
    base = f"http://127.0.0.1:{port}"
    try:
        await until_up(base, task)
        yield base
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=20)


async def _gather(running: list) -> None:
    await asyncio.gather(*running)


@pytest.fixture
async def listening(runtime: Runtime) -> AsyncIterator[str]:
    """The listener alone, for a process that sends email: yield its URL."""
    async with _listener(runtime.engine, senders=("email",)) as base:
        yield base


class _listener:
    """Run `listen` for a Health on an engine, as an async context giving the base URL."""

    def __init__(self, engine: Engine, **fields: object) -> None:
        self.health = Health(engine, metrics.current(), **fields)  # type: ignore[arg-type]
        self.port = free_port()
        self.stop = asyncio.Event()

    async def __aenter__(self) -> str:
        self.task = asyncio.create_task(listen(self.health, "127.0.0.1", self.port, self.stop))
        base = f"http://127.0.0.1:{self.port}"
        await until_up(base, self.task)
        return base

    async def __aexit__(self, *_exc: object) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, timeout=10)


async def test_a_mail_and_slack_free_serve_answers_all_three(serving: str) -> None:
    status, body, _ = await get(f"{serving}/healthz")
    assert (status, body) == (200, "ok")

    status, ready = await get_json(f"{serving}/readyz")
    assert status == 200, ready
    assert ready["ready"] is True and ready["failed"] == []
    assert ready["checks"]["database"] == {"ok": True}
    assert "imap" not in ready["checks"] and "slack" not in ready["checks"]  # not configured

    async def scraped() -> str | None:
        status, text, kind = await get(f"{serving}/metrics")
        assert status == 200 and kind.startswith("text/plain")
        return text if sample(text, "illbot_scheduler_pass_seconds_count") == 1.0 else None

    text = await until(scraped)  # serve runs a scheduler pass at once
    assert sample(text, "illbot_database_up") == 1.0
    assert sample(text, "illbot_scheduler_notices_total") == 0.0
    assert sample(text, "illbot_imap_poll_errors_total") == 0.0


async def test_a_stuck_outbox_is_not_ready_and_is_counted(runtime: Runtime, listening: str) -> None:
    hour_ago = datetime.now(UTC) - timedelta(hours=1)
    with transaction(runtime.sessions) as session:
        for state in ("pending", "pending", "failed"):
            row = enqueue(
                session,
                hour_ago,
                kind="reply",
                channel="email",
                patron_id=None,
                address="ann@patron.example",
                thread="",
                request_id=None,
                template="plain",
                context={},
                meta={"intent": "status"},
                text="Your request ILL-1 is on its way.",
            )
            row.state = state

    status, ready = await get_json(f"{listening}/readyz")
    assert status == 503, ready
    assert ready["failed"] == ["outbox"]
    outbox = ready["checks"]["outbox"]
    assert outbox["pending"] == {"email": 2} and outbox["failed"] == {"email": 1}
    assert 3590 < outbox["oldest_pending_seconds"]["email"] < 3700
    assert "email" in outbox["error"]

    _, text, _ = await get(f"{listening}/metrics")
    assert sample(text, 'illbot_outbox_pending{channel="email"}') == 2.0
    assert sample(text, 'illbot_outbox_failed{channel="email"}') == 1.0
    assert (sample(text, 'illbot_outbox_oldest_pending_seconds{channel="email"}') or 0) > 3590


@pytest.fixture(
    params=["sqlite-removed-dir", pytest.param("postgres-closed-port", marks=pytest.mark.postgres)]
)
def unreachable_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store that cannot be reached: a SQLite file in a removed folder, or nothing on a port."""
    if request.param == "sqlite-removed-dir":
        folder = tmp_path / "gone"
        folder.mkdir()
        shutil.rmtree(folder)
        return f"sqlite:///{folder}/illbot.db"
    return f"postgresql+psycopg://illbot@127.0.0.1:{free_port()}/illbot?connect_timeout=2"


async def test_an_unreachable_database_is_not_ready_but_alive(unreachable_url: str) -> None:
    engine = make_engine(unreachable_url)
    try:
        async with _listener(engine, senders=("email",)) as base:
            status, body, _ = await get(f"{base}/healthz")
            assert (status, body) == (200, "ok")  # the process itself is fine

            status, ready = await get_json(f"{base}/readyz")
            assert status == 503, ready
            assert ready["failed"] == ["database"]
            error = ready["checks"]["database"]["error"]
            assert "OperationalError" in error and "\n" not in error
            assert ready["checks"]["outbox"]["ok"] is None  # unknown, not blamed

            status, text, _ = await get(f"{base}/metrics")
            assert status == 200
            assert sample(text, "illbot_database_up") == 0.0
    finally:
        engine.dispose()
