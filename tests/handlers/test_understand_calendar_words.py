"""Dates said in calendar words, resolved the way a librarian would write the need-by date."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand

TODAY = date(2026, 9, 1)  # a Tuesday, in the fall term


def need_by(text: str, today: date = TODAY, **options: object) -> date | None:
    return understand(text, today=today, **options).entities.need_by  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("by October", date(2026, 10, 1)),
        ("before November", date(2026, 11, 1)),
        ("by mid-October", date(2026, 10, 15)),
        ("early December", date(2026, 12, 1)),
        ("by the 20th", date(2026, 9, 20)),
        ("I need it by the 1st", date(2026, 10, 1)),
        ("Monday the 14th", date(2026, 9, 14)),
        ("by the weekend", date(2026, 9, 5)),
        ("before Thanksgiving", date(2026, 11, 26)),
        ("before christmas", date(2026, 12, 25)),
        ("tmrw", date(2026, 9, 2)),
        ("in 10 days", date(2026, 9, 11)),
    ],
)
def test_calendar_words_give_the_first_day_they_could_mean(text: str, when: date) -> None:
    assert need_by(text) == when


def test_end_of_term_uses_the_written_term_calendar_by_default() -> None:
    assert need_by("by end of term") == date(2026, 12, 31)
    assert need_by("end of the semester", today=date(2027, 2, 10)) == date(2027, 5, 15)


def test_end_of_term_follows_the_library_terms_when_given() -> None:
    quarters = ((3, 20), (6, 12), (9, 18), (12, 11))
    assert need_by("by the end of the quarter", terms=quarters) == date(2026, 9, 18)
    assert need_by("by the end of next term", terms=quarters) == date(2026, 12, 11)


def test_a_month_named_without_need_by_wording_is_not_a_date() -> None:
    entities = understand("get me the whole issue of Nature from March", today=TODAY).entities
    assert (entities.need_by, entities.date) == (None, None)


def test_an_ordinal_that_is_not_a_day_is_not_a_date() -> None:
    entities = understand("I need a book on the 20th century for my class", today=TODAY).entities
    assert (entities.need_by, entities.date) == (None, None)


def test_a_past_publication_date_is_not_mistaken_for_a_journal() -> None:
    item = understand(
        "Could you get the whole issue of The New Yorker from Oct 5, 2020?", today=TODAY
    ).entities.items[0]
    assert (item.journal, item.title, item.material) == ("The New Yorker", None, "periodical_issue")
