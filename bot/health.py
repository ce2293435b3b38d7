"""The operator's HTTP endpoints: /healthz (alive), /readyz (can it do its work), /metrics.

`illbot serve` answers them in every mode: on the Bolt web app in Slack HTTP mode, otherwise on
a small listener of its own at ILLBOT_HTTP_HOST:ILLBOT_HTTP_PORT. Readiness asks the store
itself (a `SELECT 1` with a short timeout) and the outbox, so a stopped database is 503.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import Engine, func, select

from bot.clock import Clock, SystemClock
from bot.metrics import Metrics
from policy.errors import ConfigError
from store.db import READ_ONLY
from store.models import OutboxMessage

log = logging.getLogger(__name__)
DB_TIMEOUT = 3.0  # seconds the store may take to answer a probe before it counts as down
OUTBOX_STALE = 900.0  # a message pending this long on a channel we send means it is stuck
IMAP_STALE = 660.0  # twice the IDLE re-issue period, and a minute to spare


@dataclass(frozen=True)
class StoreStats:
    """The outbox as the store sees it: per channel, pending and failed counts, oldest pending."""

    pending: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)
    oldest: dict[str, datetime] = field(default_factory=dict)


def store_stats(engine: Engine) -> StoreStats:
    """Ask the store `SELECT 1`, then count the outbox; raises when the store cannot answer."""
    raw = engine.raw_connection()  # no transaction: SQLite's BEGIN IMMEDIATE would queue us
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
    finally:
        raw.close()
    query = (
        select(
            OutboxMessage.channel,
            OutboxMessage.state,
            func.count(),
            func.min(OutboxMessage.created_at),
        )
        .where(OutboxMessage.state.in_(("pending", "failed")))
        .group_by(OutboxMessage.channel, OutboxMessage.state)
    )
    stats = StoreStats()
    # A plain read: on SQLite a probe or a scrape never queues for (or holds) the write lock.
    with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        for channel, state, count, oldest in connection.execute(query):
            if state == "pending":
                stats.pending[channel] = int(count)
                stats.oldest[channel] = oldest
            else:
                stats.failed[channel] = int(count)
    return stats


@dataclass
class Health:
    """What readiness checks in this process: which transports run, and their thresholds."""

    engine: Engine
    metrics: Metrics
    senders: tuple[str, ...] = ()  # outbox channels this process sends
    mail_in: bool = False
    slack: bool = False
    clock: Clock = field(default_factory=SystemClock)
    outbox_stale: float = OUTBOX_STALE
    imap_stale: float = IMAP_STALE
    db_timeout: float = DB_TIMEOUT

    def __post_init__(self) -> None:
        self.metrics.register(OutboxGauges(self))

    async def stats(self) -> StoreStats:
        """Read the store in a thread, giving up after `db_timeout` seconds."""
        return await asyncio.wait_for(asyncio.to_thread(store_stats, self.engine), self.db_timeout)

    async def readiness(self) -> tuple[bool, dict[str, Any]]:
        """Run every check; return whether all passed and what each found."""
        checks: dict[str, dict[str, Any]] = {}
        try:
            stats: StoreStats | None = await self.stats()
            checks["database"] = {"ok": True}
        except Exception as exc:  # any failure to answer is "not ready", said in one line
            stats = None
            checks["database"] = {"ok": False, "error": _describe(exc, self.db_timeout)}
        checks["outbox"] = self._outbox(stats)
        if self.mail_in:
            checks["imap"] = self._imap()
        if self.slack:
            checks["slack"] = await self._slack()
        failed = [name for name, check in checks.items() if check["ok"] is False]
        return not failed, {"ready": not failed, "failed": failed, "checks": checks}

    def _outbox(self, stats: StoreStats | None) -> dict[str, Any]:
        if stats is None:
            return {"ok": None, "error": "the database did not answer"}
        now = self.clock.now()
        ages = {c: round((now - at).total_seconds(), 1) for c, at in stats.oldest.items()}
        stuck = sorted(
            c for c, age in ages.items() if c in self.senders and age > self.outbox_stale
        )
        found: dict[str, Any] = {"ok": not stuck, "oldest_pending_seconds": ages}
        found["pending"], found["failed"] = stats.pending, stats.failed
        if stuck:
            found["error"] = (
                f"messages pending over {self.outbox_stale:.0f} s on {', '.join(stuck)}"
            )
        return found

    def _imap(self) -> dict[str, Any]:
        seen = self.metrics.imap_seen
        if seen is None:
            return {"ok": False, "error": "the mailbox has not been polled yet"}
        age = round(time.monotonic() - seen, 1)
        found: dict[str, Any] = {"ok": age <= self.imap_stale, "last_poll_seconds": age}
        if self.metrics.imap_standby:
            found["standby"] = "another worker polls the mailbox"
        if age > self.imap_stale:
            found["error"] = f"no IMAP poll for {age:.0f} s"
        return found

    async def _slack(self) -> dict[str, Any]:
        probe = self.metrics.slack_probe
        try:
            connected = probe is not None and await asyncio.wait_for(probe(), self.db_timeout)
        except Exception as exc:  # a probe that fails says "not connected"
            log.debug("slack probe failed: %r", exc)
            connected = False
        return {"ok": True} if connected else {"ok": False, "error": "Slack is not connected"}


class OutboxGauges:
    """Gauges read from the store at scrape time: outbox pending and failed by channel."""

    def __init__(self, health: Health) -> None:
        self.health = health

    def describe(self) -> list[Any]:
        """Nothing up front: registering must not query the store."""
        return []

    def collect(self) -> Iterator[GaugeMetricFamily]:
        """Yield the outbox gauges and whether the store answered."""
        up = GaugeMetricFamily("illbot_database_up", "1 when the store answered this scrape")
        try:
            stats = store_stats(self.health.engine)
        except Exception as exc:  # the scrape still answers: database_up 0 says why it is bare
            log.debug("metrics: store unreachable: %r", exc)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        channels = sorted({*self.health.senders, *stats.pending, *stats.failed})
        now = self.health.clock.now()
        for name, text, values in (
            ("illbot_outbox_pending", "Outbox messages waiting to be sent", stats.pending),
            ("illbot_outbox_failed", "Outbox messages that failed for good", stats.failed),
        ):
            gauge = GaugeMetricFamily(name, text, labels=["channel"])
            for channel in channels:
                gauge.add_metric([channel], values.get(channel, 0))
            yield gauge
        oldest = GaugeMetricFamily(
            "illbot_outbox_oldest_pending_seconds",
            "Age of the oldest pending outbox message",
            labels=["channel"],
        )
        for channel in channels:
            at = stats.oldest.get(channel)
            oldest.add_metric([channel], (now - at).total_seconds() if at else 0.0)
        yield oldest


def add_routes(app: web.Application, health: Health | None) -> None:
    """Add /healthz, and with a Health also /readyz and /metrics, to a web app."""
    app.router.add_get("/healthz", _alive)
    if health is None:
        return

    async def ready(_request: web.Request) -> web.Response:
        ok, body = await health.readiness()
        return web.json_response(body, status=200 if ok else 503)

    async def metrics(_request: web.Request) -> web.Response:
        registry = health.metrics.registry
        try:  # a store that hangs must not hang the scrape: the gauges read it
            text = await asyncio.wait_for(
                asyncio.to_thread(generate_latest, registry), health.db_timeout
            )
        except TimeoutError:
            return web.Response(status=503, text="metrics: the database did not answer\n")
        return web.Response(body=text, headers={"Content-Type": CONTENT_TYPE_LATEST})

    app.router.add_get("/readyz", ready)
    app.router.add_get("/metrics", metrics)


async def listen(
    health: Health,
    host: str,
    port: int,
    stop: asyncio.Event,
    more: Callable[[web.Application], None] | None = None,
) -> None:
    """Serve the endpoints at host:port until `stop` is set (Socket Mode and mail-only).

    `more` adds routes of its own to the same app (the web chat, bot.web.app.add_web_chat).
    """
    app = web.Application()
    add_routes(app, health)
    if more is not None:
        more(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError as exc:
            raise ConfigError(
                f"ILLBOT_HTTP_PORT: cannot listen on {host}:{port}: {exc.strerror}"
            ) from exc
        log.info("health: http://%s:%d/healthz, /readyz and /metrics", host, port)
        await stop.wait()
    finally:
        await runner.cleanup()


def _describe(exc: BaseException, timeout: float) -> str:
    """One line for an operator: no traceback, no connection secrets."""
    if isinstance(exc, TimeoutError):
        return f"no answer within {timeout:.0f} s"
    first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first[:200]}"


async def _alive(_request: web.Request) -> web.Response:
    return web.Response(text="ok")
