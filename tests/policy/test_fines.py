"""Daily overdue fines (charged on return, capped) and fines a lender charges after check-out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.runtime import Runtime
from policy.decision import LoanFacts
from policy.fines import fine_for, fine_so_far
from policy.profile import Rule
from store.models import Charge, IllRequest, RequestEvent
from tests.support.after_loan import Sim, riverton

FINES = """
[[rules]]
id = "riverton.fine.daily"
check = "fine.daily"
cents_per_day = 25
grace_days = 2
max_cents = 500
materials = ["book"]
exempt = ["faculty"]
summary = "25 cents a day from the third day after the due date, at most $5.00."
"""
DUE = date(2026, 10, 20)


def _rule(**params: object) -> Rule:
    return Rule("x.fine", "fine.daily", "A fine.", params={"cents_per_day": 25, **params})


def _loan(category: str = "undergraduate", material: str = "book") -> LoanFacts:
    return LoanFacts("ILL-1", "checked_out", material, due_date=DUE, category=category)


@pytest.mark.parametrize(
    ("returned", "days", "cents"),
    [
        (date(2026, 10, 20), 0, 0),  # on the due date
        (date(2026, 10, 21), 1, 25),  # the day after
        (date(2026, 10, 30), 10, 250),
    ],
)
def test_a_fine_accrues_from_the_day_after_the_due_date(
    returned: date, days: int, cents: int
) -> None:
    fine = fine_for(_rule(), _loan(), returned)
    assert ((fine.days, fine.cents) if fine else (0, 0)) == (days, cents)


def test_grace_days_are_free_and_the_first_day_after_them_is_charged() -> None:
    rule = _rule(grace_days=2)
    assert fine_for(rule, _loan(), date(2026, 10, 22)) is None
    fine = fine_for(rule, _loan(), date(2026, 10, 23))
    assert fine is not None and (fine.days, fine.cents) == (1, 25)


def test_the_fine_stops_at_its_cap() -> None:
    rule = _rule(max_cents=500)
    below = fine_for(rule, _loan(), date(2026, 11, 8))  # 19 days: $4.75
    at = fine_for(rule, _loan(), date(2026, 11, 9))  # 20 days: $5.00
    after = fine_for(rule, _loan(), date(2026, 12, 31))
    assert below is not None and (below.cents, below.capped) == (475, False)
    assert at is not None and (at.cents, at.capped) == (500, True)
    assert after is not None and after.cents == 500


def test_exempt_categories_and_other_materials_are_not_fined() -> None:
    rule = _rule(exempt=["faculty"], materials=["book"])
    assert fine_for(rule, _loan(category="faculty"), date(2026, 11, 1)) is None
    assert fine_for(rule, _loan(material="media"), date(2026, 11, 1)) is None


@pytest.fixture
def fines(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    runtime = riverton(tmp_path, database_url, FINES)
    yield runtime
    runtime.engine.dispose()


def _fined(runtime: Runtime) -> list[tuple[str, int, str | None]]:
    with runtime.sessions() as session:
        rows = session.scalars(select(Charge).order_by(Charge.id))
        return [(c.kind, c.cents, c.rule_id) for c in rows]


def test_a_loan_returned_within_the_grace_days_is_not_fined(fines: Runtime) -> None:
    sim = Sim(fines)
    sim.patron("u", "undergraduate")
    sim.loan("u", 1, "2026-10-20")
    assert sim.staff("returned", 1, "2026-10-22T17:00") == []
    assert _fined(fines) == []


def test_the_fine_is_charged_when_staff_record_the_return(fines: Runtime) -> None:
    sim = Sim(fines)
    sim.patron("u", "undergraduate")
    sim.loan("u", 1, "2026-10-20")
    status = {"type": "message", "at": "2026-10-25T09:00", "from": "u", "text": "status ILL-1"}
    sim.run(status)
    assert "$0.75" in sim.last()["text"]  # the fine so far: Oct 23, 24, 25
    assert sim.staff("returned", 1, "2026-10-25T17:00") == ["u/fine_charged"]
    notice = sim.last()
    assert notice["fee"] == 0.75 and notice["rules"] == ["riverton.fine.daily"]
    assert "3 days late" in notice["text"] and "$0.75" in notice["text"]
    assert _fined(fines) == [("fine", 75, "riverton.fine.daily")]
    with fines.sessions() as session:
        request = session.get(IllRequest, 1)
        assert request is not None and request.fee_cents == 75


def test_a_capped_fine_says_it_is_the_most_charged(fines: Runtime) -> None:
    sim = Sim(fines)
    sim.patron("u", "undergraduate")
    sim.loan("u", 1, "2026-10-20")
    sim.staff("returned", 1, "2026-12-01T09:00")
    assert sim.last()["fee"] == 5 and "the most" in sim.last()["text"]


def test_fine_so_far_is_only_for_loans_still_out(fines: Runtime) -> None:
    profile = fines.library.profiles["riverton"]
    returned = LoanFacts("ILL-1", "returned", "book", due_date=DUE, category="undergraduate")
    assert fine_so_far(profile, returned, date(2026, 11, 1)) is None
    out = fine_so_far(profile, _loan(), date(2026, 11, 1))
    assert out is not None and out.cents == 250


def test_staff_record_a_lenders_fine_and_the_patron_is_told(fines: Runtime) -> None:
    sim = Sim(fines)
    sim.patron("u", "undergraduate")
    sim.loan("u", 1, "2026-10-20")
    sim.staff("returned", 1, "2026-10-21T09:00")
    sent = sim.staff("fine", 1, "2026-11-02T09:00", amount=12.5, reason="overdue at the lender")
    assert sent == ["u/lender_fine"]
    notice = sim.last()
    assert notice["fee"] == 12.5 and "$12.50" in notice["text"]
    assert "overdue at the lender" in notice["text"] and notice["status"] == "returned"
    with fines.sessions() as session:
        request = session.get(IllRequest, 1)
        assert request is not None and request.fee_cents == 1250
        notes = session.scalars(
            select(RequestEvent.note).where(RequestEvent.action == "fine")
        ).all()
        assert notes == ["lender fine 12.50: overdue at the lender"]  # in the request's record
    assert _fined(fines) == [("fine", 1250, None)]


def test_a_lenders_fine_needs_an_amount_and_a_loan(fines: Runtime) -> None:
    sim = Sim(fines)
    sim.patron("u", "undergraduate")
    sim.request("u", 1, "2026-10-01T09:00")
    assert sim.staff("fine", 1, "2026-10-02T09:00", amount=5) == ["staff/refused"]
    assert sim.staff("arrived", 1, "2026-10-02T09:00", due="2026-11-01") == ["u/arrived"]
    sim.staff("checked_out", 1, "2026-10-03T09:00")
    assert sim.staff("fine", 1, "2026-10-04T09:00") == ["staff/refused"]
    assert "needs an amount" in sim.last()["text"]
