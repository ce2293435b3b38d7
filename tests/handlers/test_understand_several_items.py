"""A message may name several items: pasted reading lists, bullet lists, "X and Y by Z"."""

from __future__ import annotations

from datetime import date

from handlers.understand import Item, understand

TODAY = date(2026, 9, 1)


def items_of(text: str) -> tuple[Item, ...]:
    reading = understand(text, today=TODAY)
    assert reading.intent == "request", reading
    return reading.entities.items


def test_every_pasted_apa_reference_is_its_own_item() -> None:
    items = items_of(
        "Need both of these: Kahneman, D. (2011). Thinking, fast and slow. Farrar, Straus and "
        "Giroux. Duckworth, A. (2016). Grit: The power of passion and perseverance. Scribner."
    )
    assert [(i.title, i.author, i.year) for i in items] == [
        ("Thinking, fast and slow", "Kahneman, D.", 2011),
        ("Grit: The power of passion and perseverance", "Duckworth, A.", 2016),
    ]


def test_a_numbered_vancouver_list_keeps_each_articles_own_details() -> None:
    items = items_of(
        "1. Wang C, Horby PW. A novel coronavirus outbreak. Lancet. 2020;395:470-3. "
        "2. Zhu N, Zhang D. A novel coronavirus from patients with pneumonia in China, 2019. "
        "N Engl J Med. 2020;382(8):727-33."
    )
    assert [(i.journal, i.volume, i.issue, i.pages) for i in items] == [
        ("Lancet", "395", None, "470-3"),
        ("N Engl J Med", "382", "8", "727-33"),
    ]
    assert {i.material for i in items} == {"article"}


def test_chicago_references_on_separate_lines_are_separate_books() -> None:
    items = items_of(
        "Two for my seminar:\nScott, James C. Seeing Like a State. New Haven: Yale University "
        "Press, 1998.\nTsing, Anna Lowenhaupt. The Mushroom at the End of the World. "
        "Princeton: Princeton University Press, 2015."
    )
    assert [(i.title, i.author, i.material) for i in items] == [
        ("Seeing Like a State", "Scott, James C.", "book"),
        ("The Mushroom at the End of the World", "Tsing, Anna Lowenhaupt", "book"),
    ]


def test_a_bulleted_list_after_a_request_is_one_item_per_bullet() -> None:
    items = items_of(
        "Hi! Could you get these for me:\n- Braiding Sweetgrass by Robin Wall Kimmerer\n"
        "- The Overstory by Richard Powers"
    )
    assert [i.title for i in items] == ["Braiding Sweetgrass", "The Overstory"]


def test_an_email_signature_after_the_request_is_not_an_item() -> None:
    items = items_of(
        "I would like to request Imagined Communities by Benedict Anderson (Verso, 2006). "
        "I need it by October 30.\n\nBest regards,\nDr. Maria Gonzalez\nDept. of History"
    )
    assert [(i.title, i.author, i.year) for i in items] == [
        ("Imagined Communities", "Benedict Anderson", 2006)
    ]


def test_titles_listed_before_one_author_share_that_author() -> None:
    items = items_of("please get 'Beloved', 'Jazz' and 'Paradise' by Toni Morrison")
    assert {i.author for i in items} == {"Toni Morrison"}
    assert len(items) == 3


def test_an_identifier_and_a_separate_title_are_two_items_each_with_its_material() -> None:
    items = items_of("ISBN 9780374533557 and the DVD of Casablanca")
    assert items == (
        Item(isbn="9780374533557", material="book"),
        Item(title="Casablanca", material="media"),
    )


def test_an_identifier_written_beside_its_title_is_one_item() -> None:
    assert items_of("Please get Introduction to Algorithms, ISBN 978-0-262-03384-8") == (
        Item(isbn="9780262033848", title="Introduction to Algorithms", material="book"),
    )


def test_several_request_references_are_all_kept_in_order() -> None:
    entities = understand("cancel #14 and #15", today=TODAY).entities
    assert (entities.ref, entities.refs) == (14, (14, 15))


def test_volume_issue_and_pages_typed_in_words_are_read() -> None:
    assert items_of("ISSN 0028-0836 vol 521 issue 7553") == (
        Item(issn="0028-0836", volume="521", issue="7553", material="article"),
    )
