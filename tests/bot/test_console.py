"""`illbot chat`'s console: a patron requests, follows and cancels in a terminal."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from bot.clock import FixedClock
from bot.console import Console, load_demo_directory, run_console
from bot.runtime import open_runtime
from bot.settings import load_settings


def test_a_demo_patron_requests_follows_and_cancels(sqlite_url: str) -> None:
    runtime = open_runtime(load_settings(), sqlite_url)
    assert load_demo_directory(runtime) is True
    assert load_demo_directory(runtime) is False  # a store with patrons is left alone
    seen: list[str] = []
    clock = FixedClock(datetime(2026, 11, 2, 15, 0, tzinfo=UTC))
    console = Console(runtime, clock, "jj-faculty", seen.append)
    typed = "Please get me ISBN 9780134477824\nstatus\ncancel it\nyes\n/quit\nnever read\n"
    run_console(console, io.StringIO(typed), lambda: None)
    said = "\n".join(seen)
    assert "ILL-1" in said
    assert "waiting for ILL staff" in said
    assert "Cancel ILL-1" in said and "can't be undone" in said
    assert "Cancelled: ILL-1" in said
    assert "never read" not in said


def test_staff_commands_in_the_console_send_the_notice(sqlite_url: str) -> None:
    runtime = open_runtime(load_settings(), sqlite_url)
    load_demo_directory(runtime)
    seen: list[str] = []
    console = Console(
        runtime, FixedClock(datetime(2026, 11, 2, 15, 0, tzinfo=UTC)), "jj-faculty", seen.append
    )
    console.say("get me ISBN 9780134477824")
    console.command("/staff sent ILL-1")
    console.command("/staff arrived ILL-1 due 2026-12-01")
    console.command("/staff arrived ILL-9 due 2026-12-01")
    said = "\n".join(seen)
    assert "has arrived" in said and "2026-12-01" in said
    assert "no request ILL-9" in said
