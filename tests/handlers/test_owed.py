"""What a patron owes comes from what was charged on each request and not refunded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from handlers.owed import owed_on
from store.models import Charge, IllRequest
from tests.handlers.test_policy_answer import Bot, five_requests, open_bot, staff

AT = datetime(2026, 9, 1, 12, tzinfo=UTC)


def request(status: str, fee_cents: int) -> IllRequest:
    return IllRequest(id=1, status=status, fee_cents=fee_cents)


def charge(kind: str, cents: int) -> Charge:
    return Charge(request_id=1, kind=kind, cents=cents, on=date(2026, 9, 1), at=AT)


@pytest.fixture
def bot(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> Iterator[Bot]:
    bot = open_bot(monkeypatch, sqlite_url)
    student = {"type": "patron", "id": "bellevue", "library": "bellevue"}
    bot.run({**student, "category": "undergraduate"})
    yield bot
    bot.sim.runtime.engine.dispose()


def test_a_lenders_fine_on_a_returned_item_is_owed_but_its_pickup_fee_is_not(bot: Bot) -> None:
    five_requests(bot)  # the fifth of the term, ILL-5, costs $1.00, paid when it is picked up
    bot.run(
        {**staff("2026-09-07T09:00", "arrived", "ILL-5"), "due": "2026-10-20"},
        staff("2026-09-08T09:00", "checked_out", "ILL-5"),
        staff("2026-10-27T09:00", "returned", "ILL-5"),
        {**staff("2026-11-10T09:00", "fine", "ILL-5", 15), "reason": "overdue fees"},
    )
    (reply,) = bot.say("bellevue", "policy:owe", at="2026-11-11T10:00")
    assert reply["text"].startswith("You owe $15.00 on your interlibrary loans right now:")
    assert "- ILL-5 (ISBN 9781000001044): $15.00" in reply["text"]
    assert "has your full account" in reply["text"]  # the $1.00 is mentioned, not added
    assert (reply["requests"], reply["fee"]) == (["ILL-5"], 15)


def test_an_open_request_owes_its_whole_fee_recorded_or_not() -> None:
    # $1.00 decided with the request (no row) and a $2.00 lender share (a row)
    owed = owed_on(request("sent", 300), [charge("lender", 200)])
    assert (owed.cents, owed.paid_at_pickup) == (300, 0)


def test_a_refunded_fee_is_not_owed() -> None:
    owed = owed_on(request("unfilled", 0), [charge("service", 300), charge("refund", -300)])
    assert owed.cents == 0


def test_a_fee_the_library_does_not_refund_is_still_owed_when_unfilled() -> None:
    assert owed_on(request("unfilled", 300), [charge("service", 300)]).cents == 300


def test_a_fee_decided_with_a_cancelled_request_is_not_owed() -> None:
    assert owed_on(request("cancelled", 100), []).cents == 0


def test_a_fine_on_return_is_owed_and_the_earlier_fee_taken_as_paid() -> None:
    owed = owed_on(request("returned", 450), [charge("service", 300), charge("fine", 150)])
    assert (owed.cents, owed.paid_at_pickup) == (150, 300)


def test_a_lost_items_bill_is_owed_with_its_fees() -> None:
    owed = owed_on(request("lost", 2800), [charge("service", 300), charge("bill", 2500)])
    assert owed.cents == 2800
