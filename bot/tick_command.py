"""`illbot tick [--at TIME]`: one scheduler pass on the configured store, for cron."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime

from bot.clock import SystemClock
from bot.runtime import open_runtime
from bot.settings import load_settings
from handlers import queue
from handlers.scheduler import run_pass
from policy.errors import ConfigError, IllBotError

PAUSE_SECONDS = 0.003  # a patron's waiting turn looks for the lock every millisecond


def let_others_in() -> None:
    """Between two of a pass's transactions: let a patron's turn waiting for the store in."""
    time.sleep(PAUSE_SECONDS)


def run_tick_command(at: str | None) -> Iterator[str]:
    """Run the scheduler once at `at` (ISO 8601; default now); yield one line per notice."""
    runtime = open_runtime(load_settings())
    try:
        moment = _moment(at, runtime.library.profile(None).timezone) if at else SystemClock().now()
        set_aside: list[str] = []
        told = run_pass(runtime.sessions, moment, runtime.library, set_aside, pause=let_others_in)
        lines = [_line(t.kind, t.notice, t.request) for t in told]
        notices = len([t for t in told if t.kind != queue.KIND])
    finally:
        runtime.engine.dispose()
    yield f"scheduler ran at {moment.isoformat()}: {notices} notices"
    yield from lines
    if set_aside:  # the rest was done and committed; cron should still hear of these
        raise PassIncomplete(
            f"{len(set_aside)} requests set aside this pass (staff were told): "
            + ", ".join(set_aside)
        )


class PassIncomplete(IllBotError):
    """Some requests could not be handled by a scheduler pass; the others were."""


def _line(kind: str, notice: object, request: object) -> str:
    if kind == queue.KIND and request is None:
        return "queued the daily digest for the staff channel"
    if kind == queue.KIND:  # the request's staff thread follows each notice
        return f"queued {notice} update about {request} in the staff thread"
    return f"queued {notice} notice about {request}"


def _moment(text: str, zone: object) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--at: not an ISO 8601 time: {text!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=zone)  # type: ignore[arg-type]
