"""Clocks: the real one for running services, a fixed one for tests and replays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Something that tells the time; only transports and commands ask it."""

    def now(self) -> datetime:
        """Return the current aware datetime."""
        ...


class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> datetime:
        """Return the current time in UTC."""
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that says what it is told."""

    at: datetime

    def now(self) -> datetime:
        """Return the fixed time."""
        return self.at
