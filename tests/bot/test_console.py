"""`illbot chat`'s console: a patron requests, follows and cancels in a terminal."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from sqlalchemy import select

from bot.clock import FixedClock
from bot.console import Console, load_demo_directory, run_console
from bot.runtime import open_runtime
from bot.settings import load_settings
from bot.staff_command import USAGE
from handlers.staff import StaffAction, record_staff_action
from store.db import transaction
from store.models import IllRequest, OutboxMessage


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
    assert "has arrived" in said and "due back on Tuesday, December 1" in said  # words
    assert "no request ILL-9" in said


def _console(sqlite_url: str, seen: list[str]) -> Console:
    runtime = open_runtime(load_settings(), sqlite_url)
    load_demo_directory(runtime)
    return Console(
        runtime, FixedClock(datetime(2026, 11, 2, 15, 0, tzinfo=UTC)), "jj-faculty", seen.append
    )


def _loan(console: Console) -> None:
    console.say("get me ISBN 9780134477824")
    console.command("/staff arrived ILL-1 due 2026-12-01")  # skips ahead: sent is implied
    console.command("/staff checked_out ILL-1")


def test_a_denied_renewal_is_recorded_as_denied_however_it_is_written(sqlite_url: str) -> None:
    seen: list[str] = []
    console = _console(sqlite_url, seen)
    _loan(console)
    console.command("/staff renewal ILL-1 denied")
    console.command("/staff renewal ILL-1 --denied")
    said = "\n".join(seen)
    assert "renewed ILL-1" not in said, said
    assert said.count("(staff: renewal recorded on ILL-1)") == 2
    with console.runtime.sessions() as session:
        request = session.get(IllRequest, 1)
        assert request is not None and request.renewals == 0
        notices = session.scalars(
            select(OutboxMessage.template).where(OutboxMessage.request_id == 1)
        ).all()
    assert list(notices).count("notices/renewal_denied") == 2


def test_bad_values_and_unknown_patrons_get_one_clear_line(sqlite_url: str) -> None:
    seen: list[str] = []
    console = _console(sqlite_url, seen)
    console.say("get me ISBN 9780134477824")
    del seen[:]
    console.command("/staff fee ILL-1 amount abc")
    console.command("/staff arrived ILL-1 --due tomorrow")
    console.command("/staff sent ILL-one")
    console.command("/staff sent ILL-1 with care")
    console.command("/as nobody")
    console.command("/as sam@jjay.example")
    assert seen == [
        "(staff: the amount must be a number of dollars like 12.50, not 'abc')",
        "(staff: the due date must look like 2026-12-01, not 'tomorrow')",
        "(staff: request must look like ILL-7, not 'ILL-one')",
        "(staff: 'with' is not something I can record (usage: " + USAGE + "))",
        "(no patron 'nobody' in the directory; /who lists them)",
        "(now talking as jj-undergrad)",
    ]
    assert console.patron_id == "jj-undergrad"
    assert not any("convert" in line for line in seen)


def test_a_notice_queued_by_another_process_shows_before_the_prompt(sqlite_url: str) -> None:
    seen: list[str] = []
    console = _console(sqlite_url, seen)
    console.say("get me ISBN 9780134477824")
    other = open_runtime(load_settings(), sqlite_url)  # e.g. `illbot staff sent ILL-1`
    with transaction(other.sessions) as session:
        at = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
        record_staff_action(session, 1, StaffAction("sent"), at, other.library)
    other.engine.dispose()
    prompts: list[int] = []
    run_console(console, io.StringIO("/who\n"), lambda: prompts.append(len(seen)))
    sent = [n for n, line in enumerate(seen) if "ILL-1" in line and line.startswith("bot>")]
    assert len(sent) == 2, seen  # the request's reply, then the sent notice …
    assert sent[1] < prompts[0]  # … shown before the first prompt
    shown = len(seen)
    console.poll()
    assert len(seen) == shown  # and only once
