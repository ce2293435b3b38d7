"""Status replies and reminders say where a loan stands: overdue, held, billed, fined, renewable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from tests.support.scenarios import sim

ILLTOWN = """
id = "illtown"
name = "Illtown Public Library"
timezone = "America/Chicago"

[[rules]]
id = "illtown.fine.daily"
check = "fine.daily"
cents_per_day = 25
summary = "Overdue loans are fined 25 cents a day."
"""


def _loan(library: str, category: str, due: str = "2026-10-20", **arrived: object) -> list[dict]:
    return [
        {
            "type": "patron",
            "id": "p",
            "library": library,
            "category": category,
            "email": "p@x.example",
        },
        {
            "type": "message",
            "at": "2026-09-01T10:00",
            "from": "p",
            "text": "get me ISBN 9781000001006, needed by Oct 30, I will pay nothing",
        },
        {
            "type": "staff",
            "at": "2026-09-08T09:00",
            "action": "arrived",
            "request": "ILL-1",
            "due": due,
            **arrived,
        },
        {"type": "staff", "at": "2026-09-09T09:00", "action": "checked_out", "request": "ILL-1"},
    ]


def _said(outputs: list[dict], **fields: str) -> str:
    found = [
        o for o in outputs if o["to"] != "staff" and all(o.get(k) == v for k, v in fields.items())
    ]
    assert found, fields
    return found[-1]["text"]


def _status(at: str) -> dict:
    return {"type": "message", "at": at, "from": "p", "text": "where is ILL-1?"}


def test_a_loan_on_time_is_not_called_overdue(runtime: Runtime) -> None:
    """Before and on the due date status gives the due date and nothing about lateness."""
    text = _said(
        sim(runtime, *_loan("sjpl", "cardholder"), _status("2026-10-20T10:00")), intent="status"
    )
    assert "due Tuesday, October 20" in text and "overdue" not in text


def test_status_counts_the_days_overdue(runtime: Runtime) -> None:
    """One day after the due date is "overdue by 1 day", in the library's calendar."""
    text = _said(
        sim(runtime, *_loan("sjpl", "cardholder"), _status("2026-10-21T10:00")), intent="status"
    )
    assert "It is overdue by 1 day." in text


def test_a_community_user_hears_of_no_academic_hold(runtime: Runtime) -> None:
    """Four weeks late, a Bellevue community user has no records held, and status says none."""
    events = [
        *_loan("bellevue", "community", renewable=False),
        {"type": "tick", "at": "2026-11-17T09:00"},
    ]
    text = _said(sim(runtime, *events, _status("2026-11-17T10:00")), intent="status")
    assert "It is overdue by 28 days." in text and "hold" not in text


def test_status_shows_the_fine_so_far(tmp_path: Path) -> None:
    """With a daily fine, status says what it has run up: 4 days late at 25 cents is $1.00."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "illtown.toml").write_text(ILLTOWN, encoding="utf-8")
    runtime = open_runtime(load_settings(profiles_dir=folder), f"sqlite:///{tmp_path}/i.db")
    try:
        text = _said(
            sim(runtime, *_loan("illtown", "public"), _status("2026-10-24T10:00")), intent="status"
        )
    finally:
        runtime.engine.dispose()
    assert "It is overdue by 4 days. Overdue fine so far: $1.00." in text


@pytest.mark.parametrize(
    ("library", "category", "arrived", "offered"),
    [
        ("johnjay", "faculty", {}, True),
        ("sjpl", "cardholder", {}, True),
        ("sjpl", "cardholder", {"renewable": False}, False),
        ("bellevue", "graduate", {"renewable": False}, False),
    ],
)
def test_a_reminder_offers_renewal_only_when_the_rules_allow_it(
    runtime: Runtime, library: str, category: str, arrived: dict, offered: bool
) -> None:
    """ "Ask me to renew it" is said exactly when a renewal asked that day would be accepted."""
    outputs = sim(
        runtime, *_loan(library, category, **arrived), {"type": "tick", "at": "2026-10-17T09:00"}
    )
    text = _said(outputs, notice="due_soon")
    assert ("ask me to renew it" in text) is offered
    assert ("can't be renewed" in text) is not offered


def test_a_bellevue_textbook_reminder_says_textbooks_are_never_renewed(runtime: Runtime) -> None:
    """A textbook is not renewed automatically, and its reminder offers no renewal."""
    events = [
        {
            "type": "patron",
            "id": "p",
            "library": "bellevue",
            "category": "graduate",
            "email": "p@x.example",
        },
        {
            "type": "message",
            "at": "2026-09-01T10:00",
            "from": "p",
            "text": "I need the textbook ISBN 9781000001082, needed by Oct 30",
        },
        {
            "type": "staff",
            "at": "2026-09-08T09:00",
            "action": "arrived",
            "request": "ILL-1",
            "due": "2026-10-20",
        },
        {"type": "staff", "at": "2026-09-09T09:00", "action": "checked_out", "request": "ILL-1"},
        {"type": "tick", "at": "2026-10-17T09:00"},
    ]
    text = _said(sim(runtime, *events), notice="due_soon")
    assert "It can't be renewed: textbooks are never renewed." in text
    assert "ask me to renew it" not in text
