"""`illbot tick [--at TIME]`: one scheduler pass on the configured store, for cron."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from bot.clock import SystemClock
from bot.runtime import open_runtime
from bot.settings import load_settings
from handlers import queue
from handlers.scheduler import run_tick
from policy.errors import ConfigError, IllBotError
from store.db import transaction


def run_tick_command(at: str | None) -> Iterator[str]:
    """Run the scheduler once at `at` (ISO 8601; default now); yield one line per notice."""
    runtime = open_runtime(load_settings())
    try:
        moment = _moment(at, runtime.library.profile(None).timezone) if at else SystemClock().now()
        set_aside: list[str] = []
        with transaction(runtime.sessions) as session:
            rows = run_tick(session, moment, runtime.library, set_aside)
            lines = [_line(r.kind, r.meta.get("notice"), r.meta.get("request")) for r in rows]
            notices = len([r for r in rows if r.kind != queue.KIND])
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
