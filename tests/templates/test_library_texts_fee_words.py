"""Fee words only for patrons who can be charged: Bellevue faculty and staff pay no ILL fee."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from policy.payers import pays_fees
from policy.profile import load_profiles
from tests.support.scenarios import sim

SHIPPED = load_profiles()
FEE_WORDS = ("fee", "responsible for")


@pytest.mark.parametrize(
    ("library", "category", "pays"),
    [
        ("bellevue", "faculty", False),
        ("bellevue", "staff", False),
        ("bellevue", "undergraduate", True),
        ("bellevue", "community", True),
        ("sjpl", "cardholder", True),  # lender fees are passed on
        ("johnjay", "faculty", True),  # "there may be copyright or other fees"
    ],
)
def test_who_pays_follows_the_fee_rules_exemptions(library: str, category: str, pays: bool) -> None:
    """A category every fee rule exempts cannot be charged; without fee rules anyone may be."""
    assert pays_fees(SHIPPED[library], category) is pays


def _bellevue(category: str) -> list[dict]:
    return [
        {
            "type": "patron",
            "id": "p",
            "library": "bellevue",
            "category": category,
            "email": "p@b.example",
        },
        {
            "type": "message",
            "at": "2026-09-01T10:00",
            "from": "p",
            "text": "get me ISBN 9781000001006, needed by Sep 4",
        },
        {"type": "staff", "at": "2026-09-02T09:00", "action": "shipped", "request": "ILL-1"},
        {"type": "message", "at": "2026-09-02T10:00", "from": "p", "text": "cancel ILL-1"},
        {
            "type": "staff",
            "at": "2026-09-03T09:00",
            "action": "arrived",
            "request": "ILL-1",
            "due": "2026-09-20",
        },
        {"type": "tick", "at": "2026-09-17T09:00"},
    ]


def _texts(runtime: Runtime, category: str) -> dict[str, str]:
    """The request reply, the cancel refusal and the unclaimed notice the patron received."""
    said: dict[str, str] = {}
    for o in sim(runtime, *_bellevue(category)):
        if o["to"] == "p":
            said[str(o.get("notice") or o.get("intent"))] = o["text"]
    return said


def test_bellevue_faculty_hear_no_fee_words(runtime: Runtime) -> None:
    """Short need-by, a shipped item's cancel and an unclaimed item: no fee a faculty never pays."""
    said = _texts(runtime, "faculty")
    assert "may not arrive by Friday, September 4" in said["request"]
    assert "can't be cancelled" in said["cancel"]
    assert "gone back to the lending library" in said["returned_unclaimed"]
    for what in ("request", "cancel", "returned_unclaimed"):
        assert not any(w in said[what].lower() for w in FEE_WORDS), said[what]


def test_a_bellevue_undergraduate_is_told_the_fee_is_still_due(runtime: Runtime) -> None:
    """The same three messages tell a student, who can be charged, that the fee stands."""
    said = _texts(runtime, "undergraduate")
    assert "you are still responsible for any ILL fee" in said["request"]
    assert "Any ILL fee for it is still due." in said["cancel"]
    assert "Any fees for it are still due." in said["returned_unclaimed"]
