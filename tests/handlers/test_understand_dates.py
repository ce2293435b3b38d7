"""Need-by dates, always relative to a fixed "today" (never the real clock)."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Reading, understand

TODAY = date(2026, 9, 1)  # a Tuesday


def read(text: str, today: date = TODAY) -> Reading:
    return understand(text, today=today)


@pytest.mark.parametrize(
    ("text", "need_by"),
    [
        ("by Oct 1", date(2026, 10, 1)),
        ("needed by October 1st", date(2026, 10, 1)),
        ("need it by Oct. 15", date(2026, 10, 15)),
        ("by 10/15", date(2026, 10, 15)),
        ("no later than 2026-10-01", date(2026, 10, 1)),
        ("before 10-15-2026", date(2026, 10, 15)),
        ("needed by 12/15/26", date(2026, 12, 15)),
        ("by the 15th of October", date(2026, 10, 15)),
        ("due 9/20", date(2026, 9, 20)),
        ("deadline: Nov 3rd", date(2026, 11, 3)),
    ],
)
def test_need_by_wording_with_a_calendar_date(text: str, need_by: date) -> None:
    assert read(f"get me ISBN 9780134477824 {text}").entities.need_by == need_by


@pytest.mark.parametrize(
    ("text", "need_by"),
    [
        ("by Friday", date(2026, 9, 4)),
        ("by this Friday", date(2026, 9, 4)),
        ("by next Friday", date(2026, 9, 11)),
        ("by Tuesday", date(2026, 9, 8)),
        ("by tomorrow", date(2026, 9, 2)),
        ("needed in 2 weeks", date(2026, 9, 15)),
        ("need it within a week", date(2026, 9, 8)),
        ("by the end of the month", date(2026, 9, 30)),
        ("by the end of next week", date(2026, 9, 11)),
        ("by the end of next month", date(2026, 10, 31)),
        ("by the end of October", date(2026, 10, 31)),
        ("by next week", date(2026, 9, 7)),
    ],
)
def test_need_by_relative_to_today(text: str, need_by: date) -> None:
    assert read(f"get me ISBN 9780134477824 {text}").entities.need_by == need_by


def test_need_by_without_year_is_next_occurrence() -> None:
    assert read("by Oct 1").entities.need_by == date(2026, 10, 1)
    assert read("by Jan 5", today=date(2026, 11, 22)).entities.need_by == date(2027, 1, 5)


def test_need_by_today_is_today_not_next_year() -> None:
    assert read("by Sep 1").entities.need_by == date(2026, 9, 1)


def test_month_and_day_are_read_us_style() -> None:
    assert read("by 3/4").entities.need_by == date(2027, 3, 4)


def test_an_impossible_date_is_not_read() -> None:
    assert read("by 2/30").entities.need_by is None


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("Oct 15", date(2026, 10, 15)),
        ("12/15", date(2026, 12, 15)),
        ("2026-10-01", date(2026, 10, 1)),
        ("tomorrow", date(2026, 9, 2)),
        ("Friday", date(2026, 9, 4)),
        ("Oct 1 works, thanks", date(2026, 10, 1)),
        ("I need it by Friday", date(2026, 9, 4)),
    ],
)
def test_a_message_that_is_only_a_date_answers_by_when(text: str, answer: date) -> None:
    entities = read(text).entities
    assert entities.need_by == answer
    assert entities.date == answer


def test_a_date_without_need_by_wording_in_a_longer_message_is_only_a_bare_date() -> None:
    entities = read("get me ISBN 9780134477824, Oct 15 would be great").entities
    assert entities.date == date(2026, 10, 15)
    assert entities.need_by is None


def test_a_publication_date_in_a_citation_is_not_a_need_by() -> None:
    entities = read("Smith, J. (2019, March 5). Title of post. Blog Name, 2(1), 3-4.").entities
    assert entities.need_by is None
    assert entities.date is None


def test_a_past_date_without_need_by_wording_is_ignored() -> None:
    entities = read("I returned one on 2026-08-01, please get me ISBN 9780134477824").entities
    assert entities.need_by is None
    assert entities.date is None


def test_need_by_date_is_not_read_as_the_author() -> None:
    item = read("get me Discipline and Punish by Oct 1").entities.items[0]
    assert item.title == "Discipline and Punish"
    assert item.author is None


def test_may_as_a_verb_is_not_a_month() -> None:
    assert read("chapter 10 may help, can you get it").entities.date is None
