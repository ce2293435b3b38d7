"""Days in words, public holidays for the library's region, and need-by dates already past."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand
from handlers.understand.dates import read_dates

TODAY = date(2026, 9, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("by wed", date(2026, 9, 2)),
        ("by sat", date(2026, 9, 5)),
        ("sun works", date(2026, 9, 6)),
        ("by thurs pls", date(2026, 9, 3)),
        ("can you get it to me by next wed?", date(2026, 9, 9)),
        ("need it by Monday Sept 14", date(2026, 9, 14)),
        ("Mon, Oct 5", date(2026, 10, 5)),
        ("by October the 3rd please", date(2026, 10, 3)),
        ("by October third", date(2026, 10, 3)),
        ("by Sat the 12th", date(2026, 9, 12)),
        ("I need it a week from Friday", date(2026, 9, 11)),
        ("a week from tomorrow", date(2026, 9, 9)),
        ("two weeks from Monday is fine", date(2026, 9, 21)),
    ],
)
def test_day_names_and_counted_days(text: str, when: date) -> None:
    assert read_dates(text, TODAY).need_by == when


@pytest.mark.parametrize(
    "text",
    ["I sat down and realised I need Middlemarch", "The Sun Also Rises please", "by Sun Tzu",
     "I sat 12 hours in the library", "you may first check the catalogue"],
)  # fmt: skip
def test_short_day_names_that_are_words_are_not_days(text: str) -> None:
    reading = read_dates(text, TODAY)
    assert (reading.need_by, reading.date) == (None, None)


@pytest.mark.parametrize(
    ("text", "when", "today"),
    [
        ("by Thanksgiving", date(2026, 11, 26), TODAY),
        ("before Christmas", date(2026, 12, 25), TODAY),
        ("by Labor Day", date(2026, 9, 7), TODAY),
        ("by Good Friday", date(2027, 3, 26), TODAY),
        ("by MLK day please", date(2027, 1, 18), date(2026, 11, 1)),
        ("needed by Presidents Day", date(2027, 2, 15), date(2026, 11, 10)),
        ("by Memorial Day", date(2027, 5, 31), TODAY),
        ("before Halloween", date(2026, 10, 31), TODAY),
    ],
)
def test_holidays_are_the_next_one_in_the_united_states_by_default(
    text: str, when: date, today: date
) -> None:
    assert read_dates(text, today).need_by == when


def test_a_state_holiday_is_read_for_the_librarys_state() -> None:
    assert read_dates("by Arbor Day", TODAY, region="US-NE").need_by == date(2027, 4, 30)
    assert read_dates("by Patriots' Day", TODAY, region="US-MA").need_by == date(2027, 4, 19)
    assert read_dates("by Arbor Day", TODAY).need_by is None  # not a holiday for the US as a whole


def test_a_region_the_holiday_calendar_does_not_know_reads_no_holiday() -> None:
    assert read_dates("by Labor Day", TODAY, region="XX").need_by is None


@pytest.mark.parametrize(
    ("text", "past", "today"),
    [
        ("by Aug 3", date(2026, 8, 3), TODAY),
        ("by 8/15", date(2026, 8, 15), TODAY),
        ("needed by 2026-08-20", date(2026, 8, 20), TODAY),
        ("by the end of August", date(2026, 8, 31), TODAY),
        ("by Christmas", date(2026, 12, 25), date(2026, 12, 27)),
    ],
)
def test_a_need_by_date_already_past_is_marked_not_moved_to_next_year(
    text: str, past: date, today: date
) -> None:
    reading = read_dates(text, today)
    assert (reading.need_by, reading.date, reading.past) == (None, None, past)
    assert reading.spans  # still taken out, so it is never read as a title or an author


def test_a_date_long_past_this_year_is_next_years() -> None:
    assert read_dates("by Jan 5", date(2026, 11, 20)).need_by == date(2027, 1, 5)
    assert read_dates("by 3/4", TODAY).need_by == date(2027, 3, 4)


def test_a_past_date_after_a_title_is_never_the_author() -> None:
    item = understand("Can I get Beloved by Toni Morrison by Aug 3", today=TODAY).entities.items[0]
    assert (item.title, item.author) == ("Beloved", "Toni Morrison")


def test_end_of_term_follows_the_terms_given() -> None:
    quarters = ((3, 20), (6, 12), (9, 18), (12, 11))
    assert read_dates("before the end of term", TODAY, quarters).need_by == date(2026, 9, 18)
