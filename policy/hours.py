"""Sending hours: notices reach patrons only in the library's daytime, never at midnight."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from policy.errors import ProfileError

DEFAULT_HOURS = (time(8, 0), time(20, 0))


def parse_hours(value: Any, where: str) -> tuple[time, time]:
    """Read `sending_hours = ["08:00", "20:00"]`; a mistake names the file and the key."""
    if value is None:
        return DEFAULT_HOURS
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise ProfileError(f'{where}: sending_hours must be two times, like ["08:00", "20:00"]')
    try:
        opens, closes = (time.fromisoformat(v) for v in value)
    except ValueError:
        raise ProfileError(f"{where}: sending_hours: {value!r} are not HH:MM times") from None
    if opens >= closes:
        raise ProfileError(f"{where}: sending_hours must open before they close: {value!r}")
    return opens, closes


def next_sending_time(at: datetime, zone: Any, hours: tuple[time, time]) -> datetime:
    """Return `at` when it is inside the sending hours, else the moment they next open."""
    local = at.astimezone(zone)
    opens, closes = hours
    if opens <= local.time() < closes:
        return at
    day = local.date() if local.time() < opens else local.date() + timedelta(days=1)
    # Built from the local wall clock, so a daylight-saving change is honoured.
    return datetime.combine(day, opens, tzinfo=zone).astimezone(at.tzinfo)
