"""Logging for `illbot serve`: one line per event, with its level, and no patron data.

Our own lines carry request refs and row ids only. Some libraries log whole API bodies at DEBUG
(slack_sdk: Slack ids and patrons' words), so they are held at INFO whatever level ours run at.
A repeated warning or error is written once a minute with a count, and an expected outage (the
database, a mail server or Slack away) is one line without a traceback: see `log_failure`.
"""

from __future__ import annotations

import imaplib
import json
import logging
import re
import socket
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

import aiohttp
import aiosmtplib
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

LIBRARY_LOGGERS = ("slack_sdk", "slack_bolt", "illbot.slack.bolt", "aiosmtplib", "sqlalchemy")
FORMATS = ("text", "json")
THROTTLE_SECONDS = 60.0
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'|\([^()]*@[^()]*\)|\S+@\S+")
# Network trouble the bot rides out by retrying: refused, reset, timed out, name not found.
_NETWORK = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    imaplib.IMAP4.abort,
    aiosmtplib.SMTPConnectError,
    aiosmtplib.SMTPServerDisconnected,
    aiosmtplib.SMTPTimeoutError,
    aiohttp.ClientConnectionError,
)


def is_outage(exc: BaseException) -> bool:
    """Tell an expected outage (store, mail server or Slack away) from a bug worth a traceback."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:  # a wrapped cause counts too
        seen.add(id(current))
        if isinstance(current, OperationalError | InterfaceError | sqlite3.OperationalError):
            return True
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        if type(current).__name__ == "OperationalError" and "psycopg" in type(current).__module__:
            return True
        if isinstance(current, SlackApiError):
            status = getattr(current.response, "status_code", 0) or 0
            return bool(status >= 500)
        if isinstance(current, _NETWORK):
            return True
        current = current.__cause__ or current.__context__
    return False


def log_failure(logger: logging.Logger, message: str, *args: object, exc: BaseException) -> None:
    """Log a caught failure: an outage as one ERROR line naming it, anything else with its trace.

    The outage's description is appended as an argument, so the message template (what the
    throttle keys on) is the same for every repeat.
    """
    if is_outage(exc):
        logger.error(message + " (%s)", *args, outage_text(exc))
    else:
        logger.error(message, *args, exc_info=exc)


def outage_text(exc: BaseException) -> str:
    """Name an outage in a few words: its type and the first line of its message, unquoted."""
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    first = (str(cause).strip().splitlines() or [""])[0]
    first = _QUOTED.sub("…", first)[:200]  # an address or a value is never in a log line
    name = type(cause).__name__
    return f"{name}: {first}" if first else name


class TextFormatter(logging.Formatter):
    """`2026-12-01T10:00:00Z WARNING bot.mail.imap: …`, in UTC."""

    converter = time.gmtime  # type: ignore[assignment]  # typeshed: gmtime takes an optional

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%SZ")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and request when given."""

    converter = time.gmtime  # type: ignore[assignment]  # typeshed: gmtime takes an optional

    def format(self, record: logging.LogRecord) -> str:
        """Render one record as a JSON line."""
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%SZ"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)  # log.info(..., extra={"request": "ILL-3"})
        if request is not None:
            entry["request"] = str(request)
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class Throttle(logging.Filter):
    """Let one line per distinct warning or error through a minute, then say how many were held.

    Distinct means the same logger and message template: "outbox 7 failed (%s)" repeats whatever
    the row or the reason. The count is written as soon as any line arrives after the minute.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self.handler: logging.Handler | None = None
        self._windows: dict[tuple[str, str], _Window] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        """Pass a record, or hold it when its like was written less than a minute ago."""
        if getattr(record, "_throttle_summary", False):
            return True
        now = self.clock()
        self._flush(now)
        if record.levelno < logging.WARNING:
            return True
        key = (record.name, str(record.msg))
        _drop_outage_trace(record)
        window = self._windows.get(key)
        if window is not None:
            window.held += 1
            return False
        # The first line as written: it passed as it is, so its summary carries nothing more.
        self._windows[key] = _Window(now, record.levelno, record.getMessage())
        return True

    def flush_all(self) -> None:
        """Write every count still held (at shutdown)."""
        self._flush(float("inf"))

    def _flush(self, now: float) -> None:
        for key, window in list(self._windows.items()):
            if now - window.start < THROTTLE_SECONDS:
                continue
            del self._windows[key]
            if window.held and self.handler is not None:
                self.handler.handle(window.summary(key[0]))


def _drop_outage_trace(record: logging.LogRecord) -> None:
    """An outage logged with its trace by a library (or a stray `log.exception`): name it only."""
    error = record.exc_info[1] if record.exc_info else None
    if error is None or not is_outage(error):
        return
    record.msg, record.args = f"{record.getMessage()} ({outage_text(error)})", None
    record.exc_info, record.exc_text = None, None


@dataclass
class _Window:
    start: float
    level: int
    first: str
    held: int = 0

    def summary(self, name: str) -> logging.LogRecord:
        record = logging.LogRecord(
            name, self.level, __file__, 0, "%s … repeated %d times in the last minute",
            (self.first, self.held), None,
        )  # fmt: skip
        record.__dict__["_throttle_summary"] = True
        return record


class _Handler(logging.StreamHandler):
    """A stream handler that writes the throttle's held counts when logging shuts down."""

    def close(self) -> None:
        """Write the counts, then close as usual."""
        for throttle in [f for f in self.filters if isinstance(f, Throttle)]:
            throttle.flush_all()
        super().close()


def make_handler(
    fmt: str = "text", stream: IO[str] | None = None, clock: Callable[[], float] = time.monotonic
) -> logging.Handler:
    """A stream handler with the chosen format and the repeat throttle."""
    handler = _Handler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    throttle = Throttle(clock)
    throttle.handler = handler
    handler.addFilter(throttle)
    return handler


def setup_logging(
    level: int = logging.INFO,
    fmt: str = "text",
    stream: IO[str] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> logging.Handler:
    """Send log lines to `stream` (standard error) at `level`, libraries at INFO or above."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_illbot", False)]:
        root.removeHandler(old)  # calling twice replaces, never doubles, the lines
    handler = make_handler(fmt, stream, clock)
    handler._illbot = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    cap_library_loggers()
    return handler


def cap_library_loggers() -> None:
    """Keep libraries whose DEBUG lines hold message bodies at INFO or above."""
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)
