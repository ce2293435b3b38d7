"""Patrons read dates as words with the weekday; staff, sim fields, forms and calendars keep ISO."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from store.models import OutboxMessage
from templates import LIBRARY_TEXT, render, render_html
from templates.dates import day_words, example_day
from tests.support.scenarios import sim

ASK = "get me ISBN 9781000001013, I'll pay nothing"
REF = "ILL-1"
DUE_SOON = {
    "notice": "due_soon",
    "ref": "ILL-1",
    "name": "ILL-1 “Middlemarch”",
    "title": "Middlemarch",
    "due": "2026-12-03",
    "desk": "the circulation desk",
    "can_renew": False,
    "no_renewal": "",
    "reasons": [],
    "library": "SJPL",
    "today": "2026-11-30",
}


@pytest.fixture
def runtime(tmp_path: Path) -> Any:
    """A fresh store with the shipped libraries."""
    opened = open_runtime(load_settings(), f"sqlite:///{tmp_path}/dates.db")
    yield opened
    opened.engine.dispose()


def _loan(due: str, tick: str, arrived: str = "2026-11-09") -> list[dict[str, Any]]:
    """An SJPL loan due on `due`, and the scheduler run at `tick` that reminds the patron."""
    staff = {"type": "staff", "request": REF}
    return [
        {"type": "patron", "id": "c", "library": "sjpl", "category": "cardholder"},
        {"type": "message", "at": "2026-11-02T10:00", "from": "c", "text": ASK},
        {**staff, "at": "2026-11-03T09:00", "action": "sent"},
        {**staff, "at": f"{arrived}T09:00", "action": "arrived", "due": due},
        {**staff, "at": f"{arrived}T10:00", "action": "checked_out"},
        {"type": "tick", "at": tick},
    ]


def _notice(outputs: list[dict[str, Any]], notice: str = "due_soon") -> dict[str, Any]:
    return next(o for o in outputs if o.get("notice") == notice and o["to"] == "c")


def test_a_due_soon_notice_says_the_day_in_words(runtime: Runtime) -> None:
    """The reminder three days ahead says "Thursday, December 3", not 2026-12-03."""
    notice = _notice(sim(runtime, *_loan("2026-12-03", "2026-11-30T09:00")))
    assert "is due back on Thursday, December 3." in notice["text"]
    assert "2026-12-03" not in notice["text"]


def test_the_year_is_said_across_a_year_boundary(runtime: Runtime) -> None:
    """In December a January due date carries its year; in January it needs none."""
    outputs = sim(runtime, *_loan("2027-01-08", "2027-01-05T09:00", arrived="2026-12-15"))
    assert "It is due back on Friday, January 8, 2027." in _notice(outputs, "arrived")["text"]
    reminder = _notice(outputs)["text"]
    assert "due back on Friday, January 8." in reminder and "2027" not in reminder


def test_the_year_is_said_for_a_day_months_away() -> None:
    """Within the year but more than about four months off, the year is said too."""
    assert day_words(date(2026, 3, 2), date(2026, 11, 30)) == "Monday, March 2, 2026"
    assert day_words(date(2026, 10, 1), date(2026, 11, 30)) == "Thursday, October 1"
    assert day_words(date(2026, 10, 1)) == "Thursday, October 1, 2026"  # no today: say it all


def test_a_date_is_ready_for_another_language() -> None:
    """The same day in Spanish, as the later Spanish templates will print it."""
    assert day_words(date(2026, 12, 3), date(2026, 11, 30), "es") == "jueves, 3 de diciembre"
    assert day_words(date(2027, 1, 8), date(2026, 11, 30), "es") == "viernes, 8 de enero de 2027"


def test_every_channel_says_the_day_in_words() -> None:
    """Slack, email text, console and the web read the same words; Slack still escapes."""
    for channel in ("slack", "email", "console", "web"):
        assert "due back on Thursday, December 3." in render("notices/due_soon", channel, DUE_SOON)
    slack = render("notices/due_soon", "slack", {**DUE_SOON, "name": "ILL-1 “<!channel>”"})
    assert "&lt;!channel&gt;" in slack and "Thursday, December 3" in slack


def test_the_html_email_part_says_the_day_in_words() -> None:
    """The HTML alternative of a notice mail has the words, from the stored (ISO) context."""
    html = render_html("notices/due_soon", DUE_SOON)
    assert html is not None and "Thursday, December 3" in html and "2026-12-03" not in html


def test_a_librarys_own_text_gets_the_due_date_in_words() -> None:
    """`[texts]."notices/due_soon" = "… {{ due }} …"` prints words without asking for them."""
    own = {**DUE_SOON, LIBRARY_TEXT: "Please bring {{ title }} back by {{ due }}."}
    assert render("notices/due_soon", "email", own).startswith(
        "Please bring Middlemarch back by Thursday, December 3."
    )


def test_a_title_that_looks_like_a_date_is_left_as_typed() -> None:
    """Only the bot's own dates become words: a title "2026-10-01" or "1984" stays."""
    text = render(
        "notices/due_soon",
        "text",
        {**DUE_SOON, "title": "2026-10-01", "name": "ILL-1 “2026-10-01” (1984)"},
    )
    assert "ILL-1 “2026-10-01” (1984) is due back on Thursday, December 3." in text


def test_staff_text_keeps_iso_dates() -> None:
    """Staff read the ISO dates they type back in commands: no today, no words."""
    context = {"ref": REF, "notice": "due_soon", "status": "checked_out", "due": "2026-12-03"}
    context |= {"lender": "", "reason": ""}
    assert "due 2026-12-03" in render("staff/update", "slack", context)


def test_sim_fields_and_the_stored_context_keep_iso(runtime: Runtime) -> None:
    """Entities and the outbox context (forms, calendars) stay ISO while the text is words."""
    event = {"type": "message", "at": "2026-11-02T10:00", "from": "c"}
    words = f"{ASK}, needed by December 3"
    patron = {"type": "patron", "id": "c", "library": "sjpl", "category": "cardholder"}
    (reply,) = [o for o in sim(runtime, patron, {**event, "text": words}) if o["to"] == "c"]
    assert reply["entities"]["need_by"] == "2026-12-03"
    assert "Needed by Thursday, December 3." in reply["text"]
    with runtime.sessions() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.patron_id == "c")).one()
        assert (row.context["need_by"], row.context["today"]) == ("2026-12-03", "2026-11-02")


def test_the_example_need_by_is_two_weeks_ahead_as_a_patron_types_it() -> None:
    """ "(For example "by Oct 15".)" in December suggested a day already past."""
    assert example_day(date(2026, 12, 20)) == "Jan 3"
    assert example_day(date(2026, 12, 20), "es") == "3 de enero"
    text = render("replies/ask_need_by", "slack", ASK_NEED_BY)
    assert '(For example "by Dec 16".)' in text
    spanish = render("replies/ask_need_by", "slack", {**ASK_NEED_BY, "locale": "es"})
    assert '(Por ejemplo: "para el 16 de diciembre".)' in spanish


ASK_NEED_BY = {
    "title": "Braiding Sweetgrass",
    "library": "Bellevue University Library",
    "today": "2026-12-02",
    "refused": [],
    "changed": [],
}
