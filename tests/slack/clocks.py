"""Clocks for Slack tests: the real time, moved to the library's daytime or past a wait."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass
class ShiftClock:
    """The real clock moved by an offset: set to the library's daytime, or on past a wait."""

    offset: timedelta = timedelta(0)

    def now(self) -> datetime:
        """Return the shifted time."""
        return datetime.now(UTC) + self.offset

    def advance(self, by: timedelta) -> None:
        """Move the clock on (past a retry's backoff, a lease, a give-up age)."""
        self.offset += by


def daytime_clock(zone: str = "America/New_York") -> ShiftClock:
    """A clock that reads around noon at the library, so notices are inside sending hours."""
    local = datetime.now(UTC).astimezone(ZoneInfo(zone))
    noon = local.replace(hour=12, minute=0, second=0, microsecond=0)
    return ShiftClock(noon - local)
