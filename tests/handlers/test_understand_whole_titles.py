"""Titles are read whole: day, holiday, money and command words inside a title stay in it."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Item, understand
from handlers.understand.bare_titles import (
    personal_name,
    split_comma_author,
    split_possessive_author,
)
from handlers.understand.title_words import in_title
from handlers.understand.titles import entries, strip_filler

TODAY = date(2026, 9, 1)  # a Tuesday


def only_item(text: str) -> Item:
    reading = understand(text, today=TODAY)
    assert reading.intent == "request", reading
    assert len(reading.entities.items) == 1, reading.entities.items
    return reading.entities.items[0]


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("Could you get me The Thursday Murder Club by Richard Osman?",
         "The Thursday Murder Club", "Richard Osman"),
        ("Tomorrow, and Tomorrow, and Tomorrow by Gabrielle Zevin",
         "Tomorrow, and Tomorrow, and Tomorrow", "Gabrielle Zevin"),
        ("Christmas Days by Jeanette Winterson", "Christmas Days", "Jeanette Winterson"),
        ("I want to read Until Tuesday by Luis Carlos Montalván", "Until Tuesday",
         "Luis Carlos Montalván"),
        ("Could you request Monday's Not Coming by Tiffany D. Jackson", "Monday's Not Coming",
         "Tiffany D. Jackson"),
        ("11/22/63 by Stephen King please", "11/22/63", "Stephen King"),
        ("The $100 Startup by Chris Guillebeau", "The $100 Startup", "Chris Guillebeau"),
        ("hi could u get me the thursday murder club by richard osman",
         "the thursday murder club", "richard osman"),
    ],
)  # fmt: skip
def test_a_day_holiday_or_amount_inside_a_title_stays_in_it(
    text: str, title: str, author: str
) -> None:
    reading = understand(text, today=TODAY)
    item = reading.entities.items[0]
    assert (item.title, item.author) == (title, author)
    assert (reading.entities.need_by, reading.entities.date) == (None, None)
    assert reading.entities.max_cost is None


def test_a_need_by_date_after_a_title_holding_a_day_is_still_read() -> None:
    entities = understand(
        "I need The Thursday Murder Club by Richard Osman by Friday", today=TODAY
    ).entities
    assert entities.items[0].title == "The Thursday Murder Club"
    assert entities.need_by == date(2026, 9, 4)


def test_need_by_wording_keeps_a_date_a_date() -> None:
    text = "can I get it by Friday Thanks"
    start = text.index("Friday")
    assert not in_title(text, start, start + len("Friday"))
    assert in_title("get The Friday Club", 8, 14)


@pytest.mark.parametrize(
    ("body", "title", "author"),
    [
        ("The Midnight Library, Matt Haig", "The Midnight Library", "Matt Haig"),
        ("Margaret Atwood, The Handmaid's Tale", "The Handmaid's Tale", "Margaret Atwood"),
        ("Regards, Tom Smith", "Regards, Tom Smith", None),
        ("Guns, Germs, and Steel", "Guns, Germs, and Steel", None),
    ],
)
def test_title_comma_author_is_split_only_at_a_personal_name(
    body: str, title: str, author: str | None
) -> None:
    assert split_comma_author(body) == (title, author)


def test_an_authors_possessive_names_the_author_only_before_a_longer_title() -> None:
    assert split_possessive_author("Kendi's How to Be an Antiracist") == (
        "How to Be an Antiracist",
        "Kendi",
    )
    assert split_possessive_author("Charlotte's Web") == ("Charlotte's Web", None)
    assert split_possessive_author("Today's Schools and Teachers") == (
        "Today's Schools and Teachers",
        None,
    )


def test_a_personal_name_is_capitalised_words_or_initials() -> None:
    assert personal_name("W. E. B. Du Bois")
    assert personal_name("Bessel van der Kolk")
    assert not personal_name("The Handmaid's Tale")
    assert not personal_name("Department of History")


def test_and_inside_one_authored_title_does_not_split_it_into_a_list() -> None:
    text = "Guns, Germs, and Steel by Jared Diamond"
    assert [text[a:b] for a, b in entries(text)] == [text]
    listed = "Dune by Frank Herbert, and Emma by Jane Austen"
    assert len(entries(listed)) == 2


def test_a_subtitle_with_commas_is_part_of_the_title() -> None:
    item = only_item(
        "I need The Body Keeps the Score: Brain, Mind, and Body in the Healing of Trauma "
        "by Bessel van der Kolk"
    )
    assert item.title == (
        "The Body Keeps the Score: Brain, Mind, and Body in the Healing of Trauma"
    )


def test_an_apa_title_keeps_its_weekday() -> None:
    item = only_item(
        "Smith, J. (2019). Working on Sunday: Time and labor in retail. "
        "Journal of Labor Studies, 12(3), 45-67."
    )
    assert item.title == "Working on Sunday: Time and labor in retail"


def test_filler_is_peeled_off_the_end_and_never_out_of_a_word() -> None:
    assert strip_filler("Educated by Tara Westover, the audiobook version please") == (
        "Educated by Tara Westover"
    )
    assert strip_filler("Blueprint") == "Blueprint"
    assert strip_filler("The Tattoo") == "The Tattoo"
    assert strip_filler("Silent Spring (Rachel Carson) thanks!") == "Silent Spring (Rachel Carson)"


def test_every_word_of_a_title_read_is_in_the_message() -> None:
    texts = [
        "Zevin's Tomorrow, and Tomorrow, and Tomorrow please",
        "For my book club, we need 6 copies of Lessons in Chemistry by Bonnie Garmus",
        "I need a scan of chapter 3 (pp. 49–80) of The Souls of Black Folk by W. E. B. Du Bois",
        "Can I requst an artcle pls? doi 10.1037/0003-066X.59.1.29",
    ]
    for text in texts:
        for item in understand(text, today=TODAY).entities.items:
            for word in (item.title or "").split():
                assert word in text, (word, text)
