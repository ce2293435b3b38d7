"""The calendar entry for a loan's due date (bot.ics)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.ics import due_date_event, fold


def test_due_date_event_is_an_all_day_event_with_a_reminder() -> None:
    """The event falls on the due date, all day, with a reminder the day before."""
    calendar = due_date_event(
        ref="ILL-3",
        title="War, Peace; and more",
        due=date(2026, 10, 10),
        library="Bellevue College Library",
        domain="lib.example",
        stamp=datetime(2026, 9, 10, 15, 0, tzinfo=UTC),
    ).decode()
    lines = calendar.split("\r\n")
    assert "DTSTART;VALUE=DATE:20261010" in lines
    assert "DTEND;VALUE=DATE:20261011" in lines
    assert "TRIGGER:-P1D" in lines
    assert "UID:ill-3-due@lib.example" in lines and "SEQUENCE:0" in lines
    unfolded = calendar.replace("\r\n ", "")
    assert "SUMMARY:Return ILL-3 “War\\, Peace\\; and more” to Bellevue College Library" in unfolded
    assert all(len(line.encode()) <= 75 for line in lines)


def test_long_lines_fold_without_splitting_characters() -> None:
    """Folding keeps every line within 75 octets and multi-byte characters whole."""
    folded = fold("SUMMARY:" + "é" * 100)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert (
        "".join(part[1:] if i else part for i, part in enumerate(parts)) == "SUMMARY:" + "é" * 100
    )
