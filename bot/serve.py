"""`illbot serve`: every configured transport, the outbox senders and the scheduler, until stopped.

SIGTERM or SIGINT sets one stop event; each part finishes the work it has in hand and returns.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Coroutine
from typing import Any

from bot.clock import Clock, SystemClock
from bot.runtime import Runtime
from bot.settings import Settings
from handlers.scheduler import run_tick
from store.db import transaction

log = logging.getLogger(__name__)


async def run_scheduler(
    runtime: Runtime, every_seconds: float, stop: asyncio.Event, clock: Clock
) -> None:
    """Run a scheduler pass now and then every `every_seconds` until `stop` is set."""
    while not stop.is_set():
        try:
            count = await asyncio.to_thread(_one_pass, runtime, clock)
            log.info("scheduler: %d messages queued", count)  # staff thread updates included
        except Exception:  # a failed pass is retried at the next one; serve keeps running
            log.exception("scheduler: pass failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every_seconds)


def _one_pass(runtime: Runtime, clock: Clock) -> int:
    with transaction(runtime.sessions) as session:
        return len(run_tick(session, clock.now(), runtime.library))


def parts(
    runtime: Runtime, settings: Settings, stop: asyncio.Event
) -> list[Coroutine[Any, Any, None]]:
    """Return what `serve` runs for these settings: Slack and email only when configured."""
    clock = SystemClock()
    running = [run_scheduler(runtime, settings.tick_seconds, stop, clock)]
    if settings.slack_bot_token:
        from bot.slack.service import run_slack

        running.append(run_slack(runtime, settings, stop, clock=clock))
    if settings.imap_host or settings.smtp_host:
        from bot.mail_service import run_mail

        running.append(run_mail(runtime, settings, stop, clock))
    return running


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
