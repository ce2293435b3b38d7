"""`illbot serve`: every configured transport, the outbox senders and the scheduler, until stopped.

SIGTERM or SIGINT sets one stop event; each part finishes the work it has in hand and returns.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
import time
from collections.abc import Callable, Coroutine
from typing import Any

from aiohttp import web

from bot import metrics
from bot.clock import Clock, SystemClock
from bot.health import Health, listen
from bot.logs import log_failure
from bot.runtime import Runtime
from bot.settings import Settings
from bot.tick_command import let_others_in
from handlers.scheduler import run_pass
from policy.errors import ConfigError

log = logging.getLogger(__name__)


async def run_scheduler(
    runtime: Runtime, every_seconds: float, stop: asyncio.Event, clock: Clock
) -> None:
    """Run a scheduler pass now and then every `every_seconds` until `stop` is set."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            count, notices = await asyncio.to_thread(_one_pass, runtime, clock)
            metrics.scheduler_pass(time.monotonic() - started, notices)
            log.info("scheduler: %d messages queued", count)  # staff thread updates included
        except Exception as exc:  # a failed pass is retried at the next one; serve keeps running
            metrics.current().scheduler_failures.inc()
            log_failure(log, "scheduler: pass failed", exc=exc)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every_seconds)


def _one_pass(runtime: Runtime, clock: Clock) -> tuple[int, int]:
    told = run_pass(runtime.sessions, clock.now(), runtime.library, pause=let_others_in)
    return len(told), sum(1 for t in told if t.kind == "notice")


def health_of(runtime: Runtime, settings: Settings) -> Health:
    """Start this run's metrics and say what readiness checks for these settings."""
    senders = [
        name
        for name, on in (("email", settings.smtp_host), ("slack", settings.slack_bot_token))
        if on
    ]
    return Health(
        runtime.engine,
        metrics.fresh(),
        senders=tuple(senders),
        mail_in=bool(settings.imap_host),
        slack=bool(settings.slack_bot_token),
    )


def parts(
    runtime: Runtime, settings: Settings, stop: asyncio.Event
) -> list[Coroutine[Any, Any, None]]:
    """Return what `serve` runs for these settings: Slack and email only when configured.

    /healthz, /readyz and /metrics are always served: on the Bolt web app in Slack HTTP mode
    (one port, already bound there), otherwise on a listener of their own.
    """
    clock = SystemClock()
    health = health_of(runtime, settings)
    running = [run_scheduler(runtime, settings.tick_seconds, stop, clock)]
    more = web_chat(runtime, settings, stop, clock)
    if settings.slack_bot_token:
        from bot.slack.service import run_slack

        running.append(run_slack(runtime, settings, stop, clock=clock, health=health, more=more))
    if not settings.slack_bot_token or settings.slack_app_token:
        running.append(listen(health, settings.http_host, settings.http_port, stop, more))
    if settings.imap_host or settings.smtp_host:
        from bot.mail.service import run_mail

        running.append(run_mail(runtime, settings, stop, clock))
    return running


def web_chat(
    runtime: Runtime, settings: Settings, stop: asyncio.Event, clock: Clock
) -> Callable[[web.Application], None] | None:
    """Return what adds the web chat's routes (ILLBOT_WEB_CHAT=true), else None.

    The page signs patrons in by library card over SIP2, else by a code it mails: one of the two
    must be configured.
    """
    if not settings.web_chat:
        return None
    if not settings.sip2_host and not settings.smtp_host:
        raise ConfigError(
            "ILLBOT_WEB_CHAT: patrons cannot sign in: set ILLBOT_SIP2_HOST (library cards) "
            "or ILLBOT_SMTP_HOST (codes by email)"
        )
    from bot.web.app import add_web_chat
    from bot.web.config import WebChat

    chat = WebChat.from_settings(runtime, settings, clock)
    chat.stopping = stop  # live streams end when serve stops
    return functools.partial(add_web_chat, chat=chat)


async def serve(runtime: Runtime, settings: Settings) -> None:
    """Run until SIGTERM or SIGINT, then let every part finish cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    running = parts(runtime, settings, stop)
    log.info("serve: %d parts running (scheduler every %ss)", len(running), settings.tick_seconds)
    await asyncio.gather(*running)
    log.info("serve: stopped")
