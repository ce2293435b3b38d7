"""Late returns suspend a patron for a set time, counted live from the request history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.runtime import Runtime
from policy.late import suspension
from policy.profile import Rule
from tests.support.after_loan import Sim, riverton

LATE = """
[[rules]]
id = "riverton.privileges.late"
check = "privileges.late_returns"
count = 2
months = 12
suspend_days = 30
summary = "Two late returns within a year suspend ILL for 30 days."
"""
RULE = Rule(
    "x.late", "privileges.late_returns", "s", params={"count": 2, "months": 12, "suspend_days": 30}
)


def test_the_suspension_starts_on_the_late_return_that_makes_the_count() -> None:
    late = [date(2026, 1, 10), date(2026, 6, 1)]
    assert suspension(RULE, late[:1], date(2026, 1, 11)) is None  # one is not enough
    found = suspension(RULE, late, date(2026, 6, 1))
    assert found is not None and (found.started, found.restored_on) == (
        date(2026, 6, 1),
        date(2026, 7, 1),
    )
    assert suspension(RULE, late, date(2026, 6, 30)) is not None  # the 30th day
    assert suspension(RULE, late, date(2026, 7, 1)) is None  # requests again


def test_late_returns_further_apart_than_the_window_do_not_count() -> None:
    assert suspension(RULE, [date(2025, 5, 31), date(2026, 6, 1)], date(2026, 6, 2)) is None
    within = suspension(RULE, [date(2025, 6, 1), date(2026, 6, 1)], date(2026, 6, 2))
    assert within is not None  # exactly 12 months before counts


def test_a_later_late_return_starts_the_suspension_again() -> None:
    late = [date(2026, 1, 10), date(2026, 2, 1), date(2026, 2, 20)]
    found = suspension(RULE, late, date(2026, 3, 10))
    assert found is not None and found.restored_on == date(2026, 3, 22)


@pytest.fixture
def late(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    runtime = riverton(tmp_path, database_url, LATE)
    yield runtime
    runtime.engine.dispose()


def _ask(sim: Sim, n: int, at: str) -> str:
    return sim.request("u", n, at)[0]


def test_two_late_returns_refuse_requests_for_thirty_days_saying_until_when(late: Runtime) -> None:
    sim = Sim(late)
    sim.patron("u", "undergraduate")
    sim.loan("u", 1, "2026-10-20")
    sim.loan("u", 2, "2026-10-20")
    sim.loan("u", 3, "2026-11-01")
    sim.staff("returned", 1, "2026-10-21T09:00")  # late
    # 23:30 in Denver on the due date is the next day in UTC: on time all the same.
    sim.staff("returned", 2, "2026-10-20T23:30")
    assert _ask(sim, 4, "2026-10-22T09:00") == "u/accepted"
    sim.staff("returned", 3, "2026-11-03T09:00")  # the second late one
    assert _ask(sim, 5, "2026-11-03T10:00") == "u/refused"
    refusal = sim.last()
    assert refusal["rules"] == ["riverton.privileges.late"]
    assert "Wednesday, December 2" in refusal["text"]  # the last day of the suspension
    assert _ask(sim, 5, "2026-12-02T16:00") == "u/refused"
    assert _ask(sim, 5, "2026-12-03T08:00") == "u/accepted"


def test_the_librarys_own_words_are_used_when_it_gives_them(
    tmp_path: Path, database_url: str
) -> None:
    worded = LATE + 'explain = "Suspended after late returns; back on {{ restored_on }}."\n'
    runtime = riverton(tmp_path, database_url, worded)
    try:
        sim = Sim(runtime)
        sim.patron("u", "undergraduate")
        sim.loan("u", 1, "2026-10-20")
        sim.loan("u", 2, "2026-10-20")
        sim.staff("returned", 1, "2026-10-22T09:00")
        sim.staff("returned", 2, "2026-10-23T09:00")
        assert _ask(sim, 3, "2026-10-24T09:00") == "u/refused"
        assert "back on Sunday, November 22" in sim.last()["text"]
    finally:
        runtime.engine.dispose()
