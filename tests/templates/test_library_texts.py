"""Notices and replies in the library's words: a profile's [texts] replace the shipped bodies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError
from sqlalchemy import select

from bot.mail.compose import template_name
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from handlers.notices import NOTICE_VARIABLES, SOME_NOTICES
from store.models import OutboxMessage
from templates import LIBRARY_TEXT, render, render_html
from tests.support.scenarios import parse, sim

ROOT = Path(__file__).parents[2]
SCENARIOS = ROOT / "tests" / "scenarios"
MEXIA = """
id = "mexia"
name = "Mexia Public Library"
timezone = "America/Chicago"

[contact]
desk = "the front desk"

[texts]
"notices/arrived" = "{{ name }} is here for you at {{ desk }} until {{ due }}. Fines: $1.00 a day."
"notices/final_warning" = "Last call: {{ name }} is {{ days_overdue }} days late. Return it."
"replies/help" = "{{ library }} borrows books for you from other libraries: send me an ISBN."

[[rules]]
id = "mexia.overdue.notice"
check = "schedule.overdue"
days = 1
notice = "overdue"
summary = "The day after the due date the patron is told it is overdue."

[[rules]]
id = "mexia.overdue.final"
check = "schedule.overdue"
days = 14
notice = "final_warning"
summary = "Fourteen days after the due date the patron gets a final warning."
"""
PATRONS = [
    {"type": "patron", "id": "s", "library": "mexia", "category": "public", "slack": "U1"},
    {"type": "patron", "id": "e", "library": "mexia", "category": "public", "email": "e@m.example"},
]


@pytest.fixture
def mexia(tmp_path: Path) -> Iterator[Runtime]:
    """A fourth library with its own words for two notices and a reply, on SQLite."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "mexia.toml").write_text(MEXIA, encoding="utf-8")
    settings = load_settings(profiles_dir=folder, library="mexia")
    runtime = open_runtime(settings, f"sqlite:///{tmp_path}/m.db")
    yield runtime
    runtime.engine.dispose()


def _loan(runtime: Runtime, patron: str, channel: str) -> list[dict]:
    return sim(
        runtime,
        *PATRONS,
        {
            "type": "message",
            "at": "2026-10-01T10:00",
            "from": patron,
            "channel": channel,
            "text": "get me ISBN 9781000001006",
        },
        {
            "type": "staff",
            "at": "2026-10-05T09:00",
            "action": "arrived",
            "request": "ILL-1",
            "due": "2026-10-20",
        },
        {"type": "staff", "at": "2026-10-06T09:00", "action": "checked_out", "request": "ILL-1"},
        {"type": "tick", "at": "2026-10-21T09:00"},
        {"type": "tick", "at": "2026-11-03T09:00"},
    )


def _notice(outputs: list[dict], notice: str) -> dict:
    return next(o for o in outputs if o.get("notice") == notice and o["to"] != "staff")


def test_the_patron_gets_the_library_words_with_variables_filled(mexia: Runtime) -> None:
    """Mexia's arrived notice says "$1.00 a day" in its own words, inside the Slack layout."""
    arrived = _notice(_loan(mexia, "s", "slack"), "arrived")
    assert arrived["text"] == (
        "*Ready for pickup* · ILL-1\n"
        "ILL-1 (ISBN 9781000001006) is here for you at the front desk until Tuesday, October 20."
        " Fines: $1.00 a day."
    )


def test_a_notice_type_only_the_profile_defines_is_sent(mexia: Runtime) -> None:
    """The ladder's final_warning exists only in Mexia's [texts]; it is rendered and sent."""
    outputs = _loan(mexia, "s", "slack")
    assert (
        "was due back on Tuesday, October 20" in _notice(outputs, "overdue")["text"]
    )  # shipped words
    final = _notice(outputs, "final_warning")
    assert final["rules"] == ["mexia.overdue.final"]
    assert final["text"] == (
        "*Final warning* · ILL-1\nLast call: ILL-1 (ISBN 9781000001006) is 14 days late. Return it."
    )


def test_by_email_the_library_words_are_in_the_text_and_the_html(mexia: Runtime) -> None:
    """The email layout (reply line, signature) stays; the HTML part carries the same words."""
    arrived = _notice(_loan(mexia, "e", "email"), "arrived")
    assert arrived["text"].startswith("ILL-1 (ISBN 9781000001006) is here for you at the front")
    assert "You can reply to this email" in arrived["text"]
    with mexia.sessions() as session:
        row = session.scalars(
            select(OutboxMessage).where(OutboxMessage.template == "notices/arrived")
        ).one()
        html = render_html(template_name(row), row.context)
    assert html is not None and html.startswith("<!DOCTYPE html>")
    assert "Fines: $1.00 a day." in html and "Good news" not in html


def test_a_reply_in_the_library_words(mexia: Runtime) -> None:
    """[texts]."replies/help" replaces the shipped help reply."""
    outputs = sim(
        mexia, *PATRONS, {"type": "message", "at": "2026-10-01T10:00", "from": "s", "text": "help"}
    )
    assert outputs[-1]["intent"] == "help"
    assert outputs[-1]["text"] == (
        "Mexia Public Library borrows books for you from other libraries: send me an ISBN."
    )


def test_library_words_escape_patron_text_in_slack() -> None:
    """A title in a library's text can no more ping the channel than in a shipped one."""
    context = {
        "notice": "arrived",
        "ref": "ILL-4",
        "name": "<!channel> & {{ 7*7 }}",
        "library": "M",
    }
    context[LIBRARY_TEXT] = "{{ name }} is here."
    text = render("notices/arrived", "slack", context)
    assert text.endswith("&lt;!channel&gt; &amp; {{ 7*7 }} is here.")


def test_library_words_run_in_a_sandbox() -> None:
    """A profile text cannot reach Python internals through a variable."""
    context = {"notice": "x", "ref": "ILL-1", "name": "n", "library": "M"}
    context[LIBRARY_TEXT] = "{{ name.__class__.__mro__[1].__subclasses__() }}"
    with pytest.raises((SecurityError, UndefinedError)):
        render("notices/x", "console", context)


# Scenarios that send every kind of notice with its extras (fees, unfilled, lost privileges).
NOTICE_SCENARIOS = ("bellevue_loans", "bellevue_fees", "sjpl_rules", "sjpl_limits", "johnjay_rules")


def _notice_contexts(tmp_path: Path) -> list[tuple[str, dict]]:
    """Run each scenario on its own store; return every patron notice's template and context."""
    found: list[tuple[str, dict]] = []
    for name in NOTICE_SCENARIOS:
        runtime = open_runtime(load_settings(), f"sqlite:///{tmp_path}/{name}.db")
        try:
            sim(runtime, *[step.event for step in parse(SCENARIOS / f"{name}.jsonl")])
            found += _rows(runtime)
        finally:
            runtime.engine.dispose()
    return found


def _rows(runtime: Runtime) -> list[tuple[str, dict]]:
    with runtime.sessions() as session:
        rows = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.kind == "notice", OutboxMessage.patron_id.is_not(None)
            )
        ).all()
        return [(row.template, dict(row.context)) for row in rows]


def test_the_documented_variables_are_the_real_notice_context(tmp_path: Path) -> None:
    """Every notice has every documented variable and nothing undocumented (no stale table)."""
    contexts = _notice_contexts(tmp_path)
    assert len({t for t, _ in contexts}) >= 10  # many notice types were sent
    for template, context in contexts:
        keys = set(context) - {LIBRARY_TEXT}
        undocumented = keys - set(NOTICE_VARIABLES) - set(SOME_NOTICES)
        assert not undocumented, (template, undocumented)
        assert not set(NOTICE_VARIABLES) - keys, (template, set(NOTICE_VARIABLES) - keys)


def test_the_readme_lists_every_notice_variable() -> None:
    """The README's table names each variable a library's notice text may use."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**Notices in the library's words.**") :]
    missing = [v for v in [*NOTICE_VARIABLES, *SOME_NOTICES] if f"`{v}`" not in section]
    assert not missing, missing
