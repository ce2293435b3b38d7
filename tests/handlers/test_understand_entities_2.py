"""Entity wordings of the second entities pass: co-authors, "Title - Author", filled-in fields,
non-native request wordings, periodical numbering and dates, catalogue link labels."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Item, understand

TODAY = date(2026, 12, 1)


def one_item(text: str) -> Item:
    reading = understand(text, today=TODAY)
    assert reading.intent == "request", reading
    assert len(reading.entities.items) == 1, reading.entities.items
    return reading.entities.items[0]


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("Please get Good Omens by Terry Pratchett and Neil Gaiman", "Good Omens",
         "Terry Pratchett and Neil Gaiman"),
        ("ILL request: Nudge by Richard H. Thaler & Cass R. Sunstein", "Nudge",
         "Richard H. Thaler & Cass R. Sunstein"),
    ],
)  # fmt: skip
def test_two_authors_joined_by_and_are_one_author_field(text: str, title: str, author: str) -> None:
    item = one_item(text)
    assert (item.title, item.author) == (title, author)


def test_one_word_after_and_is_a_second_title_not_a_co_author() -> None:
    reading = understand("Could you get Beloved by Toni Morrison and Jazz", today=TODAY)
    assert all(item.author != "Toni Morrison and Jazz" for item in reading.entities.items)


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("Giovanni's Room - James Baldwin", "Giovanni's Room", "James Baldwin"),
        ("can you get me Toni Morrison's Jazz", "Jazz", "Toni Morrison"),
        ("I'd like the book Siddhartha, writer Hermann Hesse", "Siddhartha", "Hermann Hesse"),
        ("could you find the thesis by Li Wei titled River Deltas in Flux", "River Deltas in Flux",
         "Li Wei"),
    ],
)  # fmt: skip
def test_authors_named_around_the_title(text: str, title: str, author: str) -> None:
    item = one_item(text)
    assert (item.title, item.author) == (title, author)


def test_a_one_word_possessive_still_opens_the_title() -> None:
    assert one_item("I need Charlotte's Web").title == "Charlotte's Web"


def test_filled_in_title_and_author_lines_are_one_item() -> None:
    item = one_item("Hi,\nTitle: The Years\nAuthor: Annie Ernaux\nYear: 2017\nthanks")
    assert (item.title, item.author, item.year) == ("The Years", "Annie Ernaux", 2017)


@pytest.mark.parametrize(
    "text",
    [
        "Dear staff, I kindly ask for the book Siddhartha by Hermann Hesse.",
        "Please, I search the book Siddhartha by Hermann Hesse",
        "I am wanting to borrow Siddhartha by Hermann Hesse",
        "Is possible to get Siddhartha by Hermann Hesse?",
        "Kindly procure for me Siddhartha by Hermann Hesse",
        "any chance you could grab Siddhartha by Hermann Hesse?",
        "can yu get me Siddhartha by Hermann Hesse",
    ],
)
def test_request_wordings_of_many_voices_read_the_item(text: str) -> None:
    item = one_item(text)
    assert (item.title, item.author) == ("Siddhartha", "Hermann Hesse")


def test_a_month_before_a_colon_is_a_title_word_not_a_date() -> None:
    reading = understand("I need November: A Novel by Jo Smith", today=TODAY)
    assert reading.entities.need_by is None
    assert reading.entities.items[0].title == "November: A Novel"


def test_a_periodical_issue_keeps_its_name_apart_from_its_numbering_and_date() -> None:
    item = one_item("Could you get the whole issue of Science vol 368 no 6489?")
    assert (item.journal, item.volume, item.issue) == ("Science", "368", "6489")
    dated = one_item("I need the entire issue of Harper's Magazine from March 2004")
    assert (dated.journal, dated.year, dated.material) == ("Harper's Magazine", 2004,
                                                           "periodical_issue")  # fmt: skip


def test_a_book_volume_stays_in_its_title() -> None:
    assert one_item("I need The Story of Philosophy Volume 2").title == (
        "The Story of Philosophy Volume 2"
    )


def test_an_article_journal_after_a_comma() -> None:
    item = one_item("I need the article Bowling Alone, Journal of Democracy, 1995")
    assert (item.title, item.journal, item.year) == ("Bowling Alone", "Journal of Democracy", 1995)


def test_a_bare_entry_opened_by_its_material_word() -> None:
    item = one_item("the textbook Molecular Biology of the Cell by Bruce Alberts")
    assert (item.title, item.material) == ("Molecular Biology of the Cell", "textbook")


def test_a_vancouver_article_number_is_its_pages() -> None:
    item = one_item("Doe J, Roe K. A trial of things. PLoS One. 2019;14:e0212345.")
    assert item.pages == "e0212345"


def test_a_catalogue_label_with_an_author_reads_both() -> None:
    item = one_item("<https://www.worldcat.org/title/9|Nightwood by Djuna Barnes> please")
    assert (item.title, item.author) == ("Nightwood", "Djuna Barnes")
    assert one_item("get <https://www.goodreads.com/book/1|Stand by Me>").title == "Stand by Me"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("do you think you could get me Nine Stories by J. D. Salinger?", "Nine Stories"),
        ("I was hoping to borrow Three Women by Lisa Taddeo", "Three Women"),
        ("we need two copies of Small Island by Andrea Levy", "Small Island"),
    ],
)
def test_a_number_starting_a_title_is_a_title_word(text: str, title: str) -> None:
    assert one_item(text).title == title


def test_an_abbreviated_edition_before_of() -> None:
    item = one_item("Looking for the 4th ed. of Fundamentals of Physics by Halliday")
    assert (item.title, item.edition) == ("Fundamentals of Physics", "4th")


def test_an_mla_article_with_two_authors_lists_them_all() -> None:
    item = one_item(
        'Lee, Ann, and Bo Kim. "Tidal Power." Energy Policy, vol. 9, no. 1, 2010, pp. 1-9.'
    )
    assert (item.author, item.authors) == ("Lee, Ann", "Lee, Ann, and Bo Kim")


def test_a_cited_edition_is_read_from_the_citation() -> None:
    item = one_item("Lukes, Steven. Power: A Radical View. 3rd ed. London: Palgrave, 2021.")
    assert (item.title, item.edition) == ("Power: A Radical View", "3rd")


def test_a_bracketed_author_with_initials_before_trailing_words() -> None:
    item = one_item("Request: Souls of Black Folk (W.E.B. Du Bois), ideally soon")
    assert (item.title, item.author) == ("Souls of Black Folk", "W.E.B. Du Bois")


def test_an_issue_named_by_its_date_before_the_periodical() -> None:
    item = one_item("Could you get me the June 2018 issue of Harper's Magazine?")
    assert (item.journal, item.year, item.material) == (
        "Harper's Magazine",
        2018,
        "periodical_issue",
    )


def test_a_bracketed_author_after_a_quoted_title() -> None:
    item = one_item('can you find "The Years" (Annie Ernaux) for me')
    assert (item.title, item.author) == ("The Years", "Annie Ernaux")


def test_a_narrator_is_not_the_author() -> None:
    item = one_item(
        "Could you get the audiobook of Circe by Madeline Miller, read by Perdita Weeks?"
    )
    assert (item.title, item.author, item.material) == ("Circe", "Madeline Miller", "audiobook")
    assert one_item("need the audiobook Circe narrated by Perdita Weeks").author is None


def test_a_chapter_range_before_of() -> None:
    item = one_item("pls scan ch 4-5 of The Human Condition by Hannah Arendt")
    assert (item.title, item.chapter) == ("The Human Condition", "4-5")


def test_bare_title_author_pairs_split_at_commas() -> None:
    items = understand("Dune by Frank Herbert, Emma by Jane Austen", today=TODAY).entities.items
    assert [(i.title, i.author) for i in items] == [
        ("Dune", "Frank Herbert"),
        ("Emma", "Jane Austen"),
    ]


def test_a_dollar_sign_after_the_amount() -> None:
    reading = understand(
        "pls get Beartown by Fredrik Backman, I cant pay more then 5$", today=TODAY
    )
    assert reading.entities.max_cost == 5.0


def test_citation_forms_of_the_second_pass() -> None:
    book = one_item(
        "Putnam, Robert D., and Lewis Feldstein. Better Together. Simon & Schuster, 2003."
    )
    assert (book.title, book.author, book.year) == (
        "Better Together",
        "Putnam, Robert D., and Lewis Feldstein",
        2003,
    )
    mla = one_item('Lee, Ann, et al. "Tidal Power." Energy Policy, vol. 9, no. 1, 2010, pp. 1-9.')
    assert (mla.author, mla.authors) == ("Lee, Ann", "Lee, Ann, et al.")
    thesis = one_item(
        "Park, J. (2021). Delta towns [Master's thesis, Tulane University]. ProQuest."
    )
    assert (thesis.title, thesis.material) == ("Delta towns", "thesis")
    vancouver = one_item("Osler W. The principles of medicine. 3rd ed. New York: Appleton; 1898.")
    assert (vancouver.title, vancouver.year, vancouver.edition) == (
        "The principles of medicine",
        1898,
        "3rd",
    )


def test_chicago_author_date_references() -> None:
    book = one_item(
        "Ostrom, Elinor. 1990. Governing the Commons. Cambridge: Cambridge University Press."
    )
    assert (book.title, book.author, book.year) == ("Governing the Commons", "Ostrom, Elinor", 1990)
    article = one_item(
        'Hardin, Garrett. 1968. "The Tragedy of the Commons." Science 162 (3859): 1243–48.'
    )
    assert (article.journal, article.year, article.volume, article.issue, article.pages) == (
        "Science",
        1968,
        "162",
        "3859",
        "1243-48",
    )
    numbered = one_item(
        'Lin, Nan. 1999. "Building a Network Theory." Connections 22, no. 1: 28–51.'
    )
    assert (numbered.issue, numbered.pages) == ("1", "28-51")


def test_a_time_after_by_is_not_an_author() -> None:
    item = one_item("could you get me Normal People by Sally Rooney by the first week of January?")
    assert (item.title, item.author) == ("Normal People", "Sally Rooney")
    assert one_item("I'll need A Little Life by Hanya Yanagihara").title == "A Little Life"


def test_an_author_named_after_a_quoted_title_without_by() -> None:
    item = one_item('"The Secret History" Donna Tartt please')
    assert (item.title, item.author) == ("The Secret History", "Donna Tartt")
    written = one_item("I want the novel Kafka on the Shore written by Haruki Murakami")
    assert (written.title, written.author) == ("Kafka on the Shore", "Haruki Murakami")


def test_the_year_in_an_articles_numbering_is_kept() -> None:
    item = one_item(
        "could you find the article Deep Learning in Nature, vol. 521, 2015, pages 436-444"
    )
    assert (item.title, item.journal, item.year, item.volume) == (
        "Deep Learning",
        "Nature",
        2015,
        "521",
    )
