"""Fees on events (charged on a step, refunded when unfilled) and the lender-charge policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.runtime import Runtime
from store.models import Charge, IllRequest
from tests.support.after_loan import Sim, riverton

EVENT_FEES = """
[[rules]]
id = "riverton.fee.shipping"
check = "fee.on_event"
event = "shipped"
fee_cents = 200
exempt = ["faculty"]
summary = "A $2.00 postage fee when the lender ships a loan; faculty pay nothing."
explain = "The $2.00 postage fee for ILL loans."

[[rules]]
id = "riverton.fee.article"
check = "fee.on_event"
event = "recorded"
fee_cents = 100
materials = ["article"]
summary = "A $1.00 fee for each article, refunded if it cannot be had."
"""


def _open(tmp_path: Path, url: str, rules: str) -> Iterator[Runtime]:
    runtime = riverton(tmp_path, url, rules)
    yield runtime
    runtime.engine.dispose()


@pytest.fixture
def fees(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    yield from _open(tmp_path, database_url, EVENT_FEES)


def _charges(runtime: Runtime) -> list[tuple[int, str, int]]:
    with runtime.sessions() as session:
        rows = session.scalars(select(Charge).order_by(Charge.id))
        return [(c.request_id, c.kind, c.cents) for c in rows]


def _fee(runtime: Runtime, number: int) -> int:
    with runtime.sessions() as session:
        request = session.get(IllRequest, number)
        assert request is not None
        return request.fee_cents


def test_a_shipping_fee_is_charged_when_the_lender_ships_and_the_patron_is_told(
    fees: Runtime,
) -> None:
    sim = Sim(fees)
    sim.patron("u", "undergraduate")
    assert sim.request("u", 1, "2026-10-01T09:00") == ["u/accepted"]
    assert sim.last()["fee"] == 0  # nothing at request time
    assert sim.staff("sent", 1, "2026-10-02T09:00") == ["u/sent"]
    assert sim.staff("shipped", 1, "2026-10-05T09:00") == ["u/fee_charged"]
    assert sim.last()["fee"] == 2 and "$2.00" in sim.last()["text"]
    assert sim.last()["rules"] == ["riverton.fee.shipping"]
    assert sim.staff("arrived", 1, "2026-10-07T09:00", due="2026-11-01") == ["u/arrived"]
    assert _charges(fees) == [(1, "service", 200)] and _fee(fees, 1) == 200


def test_arrived_straight_after_sent_means_it_was_shipped(fees: Runtime) -> None:
    sim = Sim(fees)
    sim.patron("u", "undergraduate")
    sim.request("u", 1, "2026-10-01T09:00")
    sim.staff("sent", 1, "2026-10-02T09:00")
    assert sim.staff("arrived", 1, "2026-10-07T09:00", due="2026-11-01") == [
        "u/arrived",
        "u/fee_charged",
    ]


def test_an_exempt_category_pays_nothing_and_hears_nothing(fees: Runtime) -> None:
    sim = Sim(fees)
    sim.patron("f", "faculty")
    sim.request("f", 1, "2026-10-01T09:00")
    sim.staff("sent", 1, "2026-10-02T09:00")
    assert sim.staff("shipped", 1, "2026-10-05T09:00") == []
    assert _charges(fees) == [] and _fee(fees, 1) == 0


def test_a_fee_at_request_time_is_in_the_reply_and_refunded_when_unfilled(fees: Runtime) -> None:
    sim = Sim(fees)
    sim.patron("u", "undergraduate")
    text = "get the article doi 10.1000/xyz123 from the Journal of Tests 2024"
    assert sim.run({"type": "message", "at": "2026-10-01T09:00", "from": "u", "text": text}) == [
        "u/accepted"
    ]
    # the article fee is charged now; the postage fee charged when it ships is told ahead
    assert sim.last()["fee"] == 1
    assert sim.last()["rules"] == ["riverton.fee.shipping", "riverton.fee.article"]
    assert "A $2.00 postage fee when the lender ships a loan" in sim.last()["text"]
    sim.staff("sent", 1, "2026-10-02T09:00")
    assert _charges(fees) == [(1, "service", 100)]  # written down, not charged twice
    assert sim.staff("unfilled", 1, "2026-10-09T09:00") == ["u/unfilled", "u/fee_refunded"]
    assert "$1.00" in sim.last()["text"] and sim.last()["fee"] == -1
    assert _charges(fees) == [(1, "service", 100), (1, "refund", -100)] and _fee(fees, 1) == 0
    assert sim.tick("2026-10-09T10:00") == []  # refunded once


def test_a_request_the_patron_cancels_is_refunded_by_the_next_pass(fees: Runtime) -> None:
    sim = Sim(fees)
    sim.patron("u", "undergraduate")
    text = "get the article doi 10.1000/xyz123 from the Journal of Tests 2024"
    sim.run({"type": "message", "at": "2026-10-01T09:00", "from": "u", "text": text})
    sim.run({"type": "message", "at": "2026-10-01T10:00", "from": "u", "text": "cancel ILL-1"})
    sim.run({"type": "message", "at": "2026-10-01T10:01", "from": "u", "text": "yes"})
    assert sim.tick("2026-10-01T10:05") == ["u/fee_refunded"]
    assert sim.tick("2026-10-01T10:10") == []
    assert _fee(fees, 1) == 0


def test_a_fee_is_kept_when_the_request_ends_otherwise(fees: Runtime) -> None:
    """A loan returned is no reason to give the shipping fee back."""
    sim = Sim(fees)
    sim.patron("u", "undergraduate")
    sim.loan("u", 1, "2026-11-01")
    sim.staff("returned", 1, "2026-10-20T09:00")
    assert sim.tick("2026-10-20T10:00") == []
    assert _fee(fees, 1) == 200


LENDERS = """
[[rules]]
id = "riverton.fee.lenders"
check = "fee.lender_policy"
accept = "{accept}"
{more}
summary = "What lender charges the library accepts."
"""


def _lenders(tmp_path: Path, url: str, accept: str, more: str = "") -> Iterator[Runtime]:
    yield from _open(tmp_path, url, LENDERS.format(accept=accept, more=more))


@pytest.fixture
def free_only(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    yield from _lenders(tmp_path, database_url, "free_only")


@pytest.fixture
def ask(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    yield from _lenders(tmp_path, database_url, "ask")


@pytest.fixture
def up_to(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    yield from _lenders(tmp_path, database_url, "up_to", "max_cents = 1000")


def _sent(runtime: Runtime, text: str = "") -> Sim:
    sim = Sim(runtime)
    sim.patron("u", "undergraduate")
    words = f"get ISBN 9780134477824{text}"
    sim.run({"type": "message", "at": "2026-10-01T09:00", "from": "u", "text": words})
    sim.staff("sent", 1, "2026-10-02T09:00")
    return sim


def test_free_lenders_only_refuses_a_charge_and_sends_staff_to_another_lender(
    free_only: Runtime,
) -> None:
    sim = _sent(free_only)
    assert sim.staff("fee", 1, "2026-10-03T09:00", amount=12) == ["staff/refused"]
    assert "lend free" in sim.last()["text"] and "riverton.fee.lenders" in sim.last()["text"]
    with free_only.sessions() as session:
        request = session.get(IllRequest, 1)
        assert request is not None and request.status == "sent"
        assert request.fee_cents == 0 and request.lender_fee_cents is None
    assert sim.staff("fee", 1, "2026-10-03T10:00", amount=0) == ["u/fee"]  # a free lender


def test_ask_puts_any_charge_to_the_patron_and_a_yes_goes_on(ask: Runtime) -> None:
    sim = _sent(ask)
    assert sim.staff("fee", 1, "2026-10-03T09:00", amount=3) == ["u/fee_ask"]
    assert sim.last()["status"] == "awaiting_approval" and "$3.00" in sim.last()["text"]
    answer = {"type": "message", "at": "2026-10-03T10:00", "from": "u", "text": "yes"}
    assert sim.run(answer) == ["u/done"]
    assert sim.last()["status"] == "sent" and sim.last()["fee"] == 3
    assert _charges(ask) == [(1, "lender", 300)]


def test_ask_and_a_no_cancels_with_nothing_owed(ask: Runtime) -> None:
    sim = _sent(ask)
    sim.staff("fee", 1, "2026-10-03T09:00", amount=3)
    sim.run({"type": "message", "at": "2026-10-03T10:00", "from": "u", "text": "no"})
    assert sim.last()["status"] == "cancelled" and _fee(ask, 1) == 0


def test_ask_takes_a_maximum_the_patron_gave_as_their_yes(ask: Runtime) -> None:
    sim = _sent(ask, ", I'll pay up to $5")
    assert sim.staff("fee", 1, "2026-10-03T09:00", amount=5) == ["u/fee"]
    assert sim.last()["fee"] == 5
    assert sim.staff("fee", 1, "2026-10-03T10:00", amount=6) == ["u/fee_ask"]  # corrected


def test_up_to_accepts_at_the_ceiling_and_asks_above_it(up_to: Runtime) -> None:
    sim = _sent(up_to)
    assert sim.staff("fee", 1, "2026-10-03T09:00", amount=10) == ["u/fee"]
    assert sim.last()["fee"] == 10 and _fee(up_to, 1) == 1000
    assert sim.staff("fee", 1, "2026-10-03T10:00", amount=10.01) == ["u/fee_ask"]
    assert _fee(up_to, 1) == 0  # the corrected charge replaced the accepted one


def test_up_to_does_not_ask_a_patron_who_owes_nothing(tmp_path: Path, database_url: str) -> None:
    """The share rules decide who pays; with the library paying it all there is nothing to ask."""
    cap = """
[[rules]]
id = "riverton.fee.cap"
check = "fee.lender_cap"
cap_cents = 5000
summary = "The library pays lender charges up to $50."
"""
    for runtime in _open(
        tmp_path, database_url, LENDERS.format(accept="up_to", more="max_cents = 1000") + cap
    ):
        sim = _sent(runtime)
        assert sim.staff("fee", 1, "2026-10-03T09:00", amount=20) == ["u/fee"]
        assert sim.last()["fee"] == 0
