"""Words after a title are the fields they name (cost, format, chapter, edition, copies), and a
signature under a sign-off is never an item."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Item, understand
from handlers.understand.fields import read_chapter, read_copies, read_edition
from handlers.understand.markup import clean_lines
from handlers.understand.money import read_max_cost
from handlers.understand.signoffs import drop_signature

TODAY = date(2026, 9, 1)


def items_of(text: str) -> tuple[Item, ...]:
    reading = understand(text, today=TODAY)
    assert reading.intent == "request", reading
    return reading.entities.items


@pytest.mark.parametrize(
    ("text", "cost"),
    [
        ("Demon Copperhead by Barbara Kingsolver, free", 0.0),
        ("Wolf Hall by Hilary Mantel, max $15", 15.0),
        ("I want to request The Midnight Library, up to $3", 3.0),
        ("Lincoln in the Bardo by George Saunders - up to $5", 5.0),
        ("Could you order Born a Crime by Trevor Noah for free?", 0.0),
    ],
)
def test_a_cost_written_after_a_title_is_the_maximum_and_not_title_words(
    text: str, cost: float
) -> None:
    reading = understand(text, today=TODAY)
    assert reading.entities.max_cost == cost
    title = reading.entities.items[0].title or ""
    assert not {"up", "to", "max", "free"} & set(title.lower().split())


def test_the_words_leading_into_an_amount_are_taken_out_with_it() -> None:
    text = "Wolf Hall, max $15"
    reading = read_max_cost(text)
    assert reading.span is not None
    assert text[reading.span[0] : reading.span[1]] == "max $15"


def test_a_capitalised_free_is_a_title_word() -> None:
    reading = understand("I'd like Born Free by Joy Adamson", today=TODAY)
    assert reading.entities.items[0].title == "Born Free"
    assert reading.entities.max_cost is None


@pytest.mark.parametrize(
    "text",
    [
        "Educated by Tara Westover, audiobook",
        "Project Hail Mary by Andy Weir, the audiobook version please",
        "Sapiens by Yuval Noah Harari (audiobook)",
    ],
)
def test_a_format_after_the_title_is_the_material(text: str) -> None:
    (item,) = items_of(text)
    assert item.material == "audiobook"
    assert "audiobook" not in (item.title or "").lower()


def test_a_chapter_and_its_pages_are_read_as_the_part_to_scan() -> None:
    (item,) = items_of(
        "I need a scan of chapter 3 (pp. 49–80) of The Souls of Black Folk by W. E. B. Du Bois"
    )
    assert (item.title, item.material, item.chapter, item.pages) == (
        "The Souls of Black Folk",
        "chapter",
        "3",
        "49-80",
    )


def test_the_edition_asked_for_is_read_as_written() -> None:
    (item,) = items_of("Can I get the 3rd edition of Campbell Biology")
    assert (item.title, item.edition) == ("Campbell Biology", "3rd")
    assert read_edition("Principles of Economics, 8th ed.") == "8th"
    assert read_edition("the 2019 edition please") == "2019"
    assert read_edition("Edition 4") == "4"


def test_chapters_copies_and_their_absence() -> None:
    assert read_chapter("chapters 7-8 of Capital") == "7-8"
    assert read_chapter("ch. 12") == "12"
    assert read_chapter("The Book Thief") is None
    assert read_copies("for my book club, we need 6 copies") == 6
    assert read_copies("twelve copies of The Giver") == 12
    assert read_copies("a copy of Beloved") is None


def test_a_mistyped_kind_of_material_is_not_a_title() -> None:
    (item,) = items_of("Can I requst an artcle pls? doi 10.1037/0003-066X.59.1.29")
    assert (item.title, item.doi, item.material) == (None, "10.1037/0003-066X.59.1.29", "article")


def test_needed_by_after_a_title_is_the_need_by_date() -> None:
    reading = understand("I need Circe by Madeline Miller needed by Wed", today=TODAY)
    assert reading.entities.items[0].title == "Circe"
    assert reading.entities.items[0].author == "Madeline Miller"
    assert reading.entities.need_by == date(2026, 9, 2)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Could you get me Pachinko?\nThanks,\nMaria", "Could you get me Pachinko?\nThanks,"),
        (
            "Please get Caste.\nBest,\nDr. K. Osei\nDepartment of History",
            "Please get Caste.\nBest,",
        ),
        ("Can you get Circe? Sent from my iPhone", "Can you get Circe?"),
        ("Please order The Overstory. Regards, Tom", "Please order The Overstory. Regards"),
        ("Get me Beloved?\n--\nMaria Lopez\nGraduate Student", "Get me Beloved?"),
        ("Thanks,\nMaria", "Thanks,"),
        ("Thanks!\nAlso can you renew ILL-3", "Thanks!\nAlso can you renew ILL-3"),
    ],
)
def test_the_signature_under_a_sign_off_is_dropped(text: str, kept: str) -> None:
    assert drop_signature(text) == kept


def test_a_polite_email_yields_the_one_item_it_asks_for() -> None:
    text = (
        "Dear ILL team,\nI hope this message finds you well. I am writing to request Punishment "
        "and Inequality in America by Bruce Western for my thesis. I would need it by October 15 "
        "if possible.\nThank you for your help,\nJamal Reed\nPhD candidate, Sociology"
    )
    reading = understand(text, today=TODAY)
    assert reading.entities.items == (
        Item(title="Punishment and Inequality in America", author="Bruce Western", material="book"),
    )
    assert reading.entities.need_by == date(2026, 10, 15)
    assert "Jamal" not in clean_lines(text)
