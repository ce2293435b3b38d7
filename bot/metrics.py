"""What `illbot serve` counts for /metrics and /readyz, in one registry per serve run.

Transports and senders call the one-line helpers here at their boundary (a turn committed, a
send attempted, an IMAP poll done); handlers never do. `fresh()` starts a new registry, which
`serve` does once at startup and each test that runs serve gets, so counts never leak.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

SlackProbe = Callable[[], Awaitable[bool]]


class Metrics:
    """The counters of one serve run, and the transports' last signs of life."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        reg = self.registry
        self.messages = Counter(
            "illbot_messages_handled",
            "Patron messages whose turn committed, by channel and the intent answered",
            ["channel", "intent"],
            registry=reg,
        )
        self.send_seconds = Histogram(
            "illbot_send_seconds",
            "Time to hand one outbox message to SMTP or the Slack API",
            ["channel"],
            registry=reg,
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.scheduler_seconds = Histogram(
            "illbot_scheduler_pass_seconds",
            "Duration of one scheduler pass",
            registry=reg,
            buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
        )
        self.notices = Counter(
            "illbot_scheduler_notices", "Notices the scheduler queued for patrons", registry=reg
        )
        self.scheduler_failures = Counter(
            "illbot_scheduler_pass_failures", "Scheduler passes that failed", registry=reg
        )
        self.imap_errors = Counter(
            "illbot_imap_poll_errors", "IMAP connections or polls that failed", registry=reg
        )
        self.imap_last_poll = Gauge(
            "illbot_imap_last_poll_timestamp_seconds",
            "When the IMAP poller last finished a pass (or found another worker polling)",
            registry=reg,
        )
        self.imap_seen: float | None = None  # monotonic time of the poller's last sign of life
        self.imap_standby = False  # another worker holds the poller lock
        self.slack_probe: SlackProbe | None = None  # set once Slack is connected or listening

    def register(self, collector: Any) -> None:
        """Add a collector read at scrape time (the outbox gauges)."""
        self.registry.register(collector)


_current = Metrics()


def current() -> Metrics:
    """Return the registry of this serve run."""
    return _current


def fresh() -> Metrics:
    """Start a new, empty registry and make it current (once per serve run, and per test)."""
    global _current
    _current = Metrics()
    return _current


def turn_intent(rows: Iterable[Any]) -> str:
    """Name the intent a turn answered: its first reply's, else "none" (nothing said)."""
    rows = list(rows)
    for row in rows:
        if row.kind == "reply" and row.meta.get("intent"):
            return str(row.meta["intent"])
    return "none"


def count_message(channel: str, intent: str) -> None:
    """Count one patron message handled on a channel."""
    _current.messages.labels(channel, intent).inc()


@contextmanager
def send_timer(channel: str) -> Iterator[None]:
    """Time one send attempt on a channel, whatever its outcome."""
    with _current.send_seconds.labels(channel).time():
        yield


def scheduler_pass(seconds: float, notices: int) -> None:
    """Record one finished scheduler pass."""
    _current.scheduler_seconds.observe(seconds)
    _current.notices.inc(notices)


def imap_polled(*, standby: bool = False) -> None:
    """Record that the IMAP poller finished a pass, or found another worker polling."""
    _current.imap_seen = time.monotonic()
    _current.imap_standby = standby
    _current.imap_last_poll.set_to_current_time()


def imap_failed() -> None:
    """Count one failed IMAP connection or poll."""
    _current.imap_errors.inc()


def slack_link(probe: SlackProbe | None) -> None:
    """Say how to tell whether Slack is connected (None: it is not)."""
    _current.slack_probe = probe
