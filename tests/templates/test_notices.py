"""Every notice renders for every channel, escapes patron text, and refuses missing variables."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import UndefinedError

from templates import render, render_html

NOTICES = sorted(
    p.name.removesuffix(".txt.j2")
    for p in (Path(__file__).parents[2] / "templates" / "notices").glob("*.txt.j2")
    if not p.name.startswith("_")
)
TITLE = "ILL-4 “<!channel> <https://evil.example|click> & {{ 7*7 }}”"


def _context(notice: str) -> dict[str, object]:
    return {
        "notice": notice,
        "ref": "ILL-4",
        "name": TITLE,
        "title": "x",
        "due": "2026-12-01",
        "pickup_by": "2026-11-27",
        "last_day": "2026-12-02",
        "desk": "the circulation desk",
        "proxy": "",
        "fee": 100,
        "owed": 200,
        "covered": 1000,
        "lender_fee": 1200,
        "max_cost": 500,
        "reasons": [{"explain": "A rule's words.", "id": "x.y", "instead": "", "says": ""}],
        "billed_through": "by an invoice from the library",
        "can_renew": True,
        "no_renewal": "",
        "pays_fees": True,
        "days_overdue": 0,
        "library": "Test Library",
        "contact": {"office": "the ILL office"},
    }


def test_there_are_notices() -> None:
    """The notice folder was found (a wrong path must not pass silently)."""
    assert {"arrived", "due_soon", "overdue", "fee_approval", "expired"} <= set(NOTICES)


@pytest.mark.parametrize("notice", NOTICES)
def test_slack_notice_escapes_patron_text(notice: str) -> None:
    """In Slack a title can neither ping the channel nor forge a link."""
    text = render(f"notices/{notice}", "slack", _context(notice))
    assert "ILL-4" in text
    assert "<!channel>" not in text and "<https://" not in text
    if "ILL-4 “" in text:
        assert "&lt;!channel&gt;" in text and "{{ 7*7 }}" in text  # shown, never evaluated


@pytest.mark.parametrize("notice", NOTICES)
def test_email_notice_has_text_and_escaped_html(notice: str) -> None:
    """By email a notice has a plain-text part and an HTML part where markup is escaped."""
    plain = render(f"notices/{notice}", "email", _context(notice))
    html = render_html(f"notices/{notice}", _context(notice))
    assert "You can reply to this email" in plain
    assert html is not None and html.startswith("<!DOCTYPE html>")
    assert "<!channel>" not in html and "<https://evil" not in html


def test_a_missing_variable_is_an_error_not_a_blank() -> None:
    """Strict templates: a notice rendered without its due date fails loudly."""
    context = _context("arrived")
    del context["due"]
    with pytest.raises(UndefinedError):
        render("notices/arrived", "email", context)
