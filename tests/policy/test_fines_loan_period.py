"""A default loan period and renewal length, and the check on due dates staff enter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtime import Runtime
from bot.staff_command import parse_staff_words
from store.models import IllRequest
from tests.support.after_loan import Sim, riverton

PERIOD = """
[[rules]]
id = "riverton.loan.period"
check = "loan.default_period"
days = 21
renewal_days = 14
min_days = 7
max_days = 120
summary = "Loans are for three weeks, renewals two more; lenders' dates are 1 to 17 weeks out."
"""


@pytest.fixture
def period(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    runtime = riverton(tmp_path, database_url, PERIOD)
    yield runtime
    runtime.engine.dispose()


def _due(runtime: Runtime, number: int = 1) -> str:
    with runtime.sessions() as session:
        request = session.get(IllRequest, number)
        assert request is not None and request.due_date is not None
        return request.due_date.isoformat()


def _asked(runtime: Runtime) -> Sim:
    sim = Sim(runtime)
    sim.patron("u", "undergraduate")
    sim.request("u", 1, "2026-10-01T09:00")
    return sim


def test_an_arrival_without_a_due_date_gets_the_default_period(period: Runtime) -> None:
    sim = _asked(period)
    assert sim.staff("arrived", 1, "2026-10-05T09:00") == ["u/arrived"]
    assert _due(period) == "2026-10-26" and "Monday, October 26" in sim.last()["text"]


def test_checking_out_straight_away_implies_an_arrival_with_the_default(period: Runtime) -> None:
    sim = _asked(period)
    assert sim.staff("checked_out", 1, "2026-10-05T09:00") == []
    assert _due(period) == "2026-10-26"


def test_a_renewal_without_a_new_date_adds_the_renewal_length(period: Runtime) -> None:
    sim = _asked(period)
    sim.staff("arrived", 1, "2026-10-05T09:00")
    sim.staff("checked_out", 1, "2026-10-06T09:00")
    assert sim.staff("renewal", 1, "2026-10-20T09:00", approved=True) == ["u/renewed"]
    assert _due(period) == "2026-11-09" and "Monday, November 9" in sim.last()["text"]


@pytest.mark.parametrize(
    ("due", "taken"),
    [
        ("2026-10-11", False),  # 6 days from Oct 5: too soon, a typo?
        ("2026-10-12", True),  # 7 days: the earliest
        ("2027-02-02", True),  # 120 days: the latest
        ("2027-02-03", False),  # 121 days
        ("2062-10-20", False),  # a slip of the keyboard
    ],
)
def test_a_due_date_staff_enter_must_be_within_the_bounds(
    period: Runtime, due: str, taken: bool
) -> None:
    sim = _asked(period)
    sent = sim.staff("arrived", 1, "2026-10-05T09:00", due=due)
    assert sent == (["u/arrived"] if taken else ["staff/refused"])
    if not taken:
        text = sim.last()["text"]
        assert "--force" in text and "riverton.loan.period" in text and len(text.splitlines()) == 1


def test_staff_may_force_a_due_date_outside_the_bounds(period: Runtime) -> None:
    sim = _asked(period)
    assert sim.staff("arrived", 1, "2026-10-05T09:00", due="2026-10-08", force=True) == [
        "u/arrived"
    ]
    assert _due(period) == "2026-10-08"


def test_a_recall_may_shorten_a_loan_but_not_past_the_latest(period: Runtime) -> None:
    sim = _asked(period)
    sim.staff("arrived", 1, "2026-10-05T09:00")
    sim.staff("checked_out", 1, "2026-10-06T09:00")
    assert sim.staff("recall", 1, "2026-10-10T09:00", due="2026-10-13") == ["u/recalled"]
    assert sim.staff("recall", 1, "2026-10-10T09:00", due="2027-10-13") == ["staff/refused"]


def test_the_typed_staff_command_takes_force() -> None:
    assert parse_staff_words(["arrived", "ILL-3", "due", "2026-10-08", "force"]) == (
        "arrived",
        "ILL-3",
        {"due": "2026-10-08", "force": True},
    )
    assert parse_staff_words(["fine", "ILL-3", "amount", "5", "reason", "ten", "days", "late"])[
        2
    ] == {"amount": "5", "reason": "ten days late"}


def test_without_the_rule_arrivals_still_need_a_due_date(tmp_path: Path, database_url: str) -> None:
    runtime = riverton(tmp_path, database_url, "")
    try:
        sim = _asked(runtime)
        assert sim.staff("arrived", 1, "2026-10-05T09:00") == ["staff/refused"]
        assert sim.staff("arrived", 1, "2026-10-05T09:00", due="2062-10-20") == ["u/arrived"]
    finally:
        runtime.engine.dispose()
