"""Titles, authors, journals, years and material types read from citations and plain words."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Item, understand

TODAY = date(2026, 9, 1)


def item_of(text: str) -> Item:
    reading = understand(text, today=TODAY)
    assert reading.intent == "request", reading
    assert len(reading.entities.items) == 1, reading.entities.items
    return reading.entities.items[0]


def test_apa_journal_article() -> None:
    item = item_of("Smith, J. (2019). Title of article. Journal Name, 12(3), 45–67.")
    assert item == Item(
        title="Title of article",
        author="Smith, J.",
        journal="Journal Name",
        year=2019,
        material="article",
        volume="12",
        issue="3",
        pages="45-67",
    )


def test_apa_with_two_authors_and_a_doi_link_keeps_the_doi() -> None:
    item = item_of(
        "I'd like to request the following article: Smith, J., & Doe, A. (2019). Title of "
        "article: A subtitle. Journal of Things, 12(3), 45–67. https://doi.org/10.1037/abc0000123"
    )
    assert item.doi == "10.1037/abc0000123"
    assert (item.title, item.author, item.journal, item.year) == (
        "Title of article: A subtitle",
        "Smith, J.",
        "Journal of Things",
        2019,
    )
    assert item.material == "article"


def test_apa_book_without_a_journal_is_a_book() -> None:
    item = item_of("Please get me this: Smith, J. (2020). A history of reading. Penguin.")
    assert (item.title, item.year, item.material, item.journal) == (
        "A history of reading",
        2020,
        "book",
        None,
    )


def test_apa_chapter_in_an_edited_book_is_a_chapter() -> None:
    item = item_of("Smith, J. (2018). A chapter. In A. Editor (Ed.), Big book (pp. 1-20). Pub.")
    assert (item.title, item.material) == ("A chapter", "chapter")


def test_mla_article() -> None:
    item = item_of(
        'Smith, John. "Title of the Article." Journal Name, vol. 12, no. 3, 2019, pp. 45-67.'
    )
    assert item == Item(
        title="Title of the Article",
        author="Smith, John",
        journal="Journal Name",
        year=2019,
        material="article",
        volume="12",
        issue="3",
        pages="45-67",
    )


def test_chicago_article_with_curly_quotes() -> None:
    item = item_of("Smith, John. “Title of the Article.” Journal of Stuff 12, no. 3 (2019): 45–67.")
    assert (item.title, item.author, item.journal, item.year, item.material) == (
        "Title of the Article",
        "Smith, John",
        "Journal of Stuff",
        2019,
        "article",
    )


def test_chicago_book() -> None:
    item = item_of(
        "Foucault, Michel. Discipline and Punish: The Birth of the Prison. "
        "New York: Vintage Books, 1977."
    )
    assert item == Item(
        title="Discipline and Punish: The Birth of the Prison",
        author="Foucault, Michel",
        year=1977,
        material="book",
    )


def test_mla_book() -> None:
    item = item_of("Fanon, Frantz. The Wretched of the Earth. Grove Press, 1963.")
    assert (item.title, item.author, item.year, item.material) == (
        "The Wretched of the Earth",
        "Fanon, Frantz",
        1963,
        "book",
    )


def test_vancouver_article() -> None:
    item = item_of("Smith J, Doe A. Title of the thing. J Name. 2019;12(3):45-67.")
    assert item == Item(
        title="Title of the thing",
        author="Smith J",
        authors="Smith J, Doe A",
        journal="J Name",
        year=2019,
        material="article",
        volume="12",
        issue="3",
        pages="45-67",
    )


def test_vancouver_with_month_and_pubmed_ids_is_one_article() -> None:
    item = item_of(
        "Smith J, Doe A, et al. Another title? N Engl J Med. 2019 Mar 5;380(2):100-110. "
        "doi: 10.1000/xyz. PMID: 12345678"
    )
    assert (item.title, item.journal, item.year, item.doi, item.pmid) == (
        "Another title?",
        "N Engl J Med",
        2019,
        "10.1000/xyz",
        "12345678",
    )


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        (
            "can you get me Discipline and Punish by Michel Foucault",
            "Discipline and Punish",
            "Michel Foucault",
        ),
        (
            "I need the book The Wretched of the Earth by Frantz Fanon",
            "The Wretched of the Earth",
            "Frantz Fanon",
        ),
        (
            "Hi! Could you please find me Foucault's Pendulum by Umberto Eco, thanks!",
            "Foucault's Pendulum",
            "Umberto Eco",
        ),
        ("get me discipline and punish by foucault please", "discipline and punish", "foucault"),
        ("I need The Souls of Black Folk", "The Souls of Black Folk", None),
        (
            "my thesis needs Discipline and Punish by Foucault, can you get it?",
            "Discipline and Punish",
            "Foucault",
        ),
    ],
)
def test_plain_request_wording(text: str, title: str, author: str | None) -> None:
    item = item_of(text)
    assert (item.title, item.author, item.material) == (title, author, "book")


@pytest.mark.parametrize(
    "text",
    [
        'please get "Discipline and Punish"',
        "please get “Discipline and Punish”",
        "please get 'Discipline and Punish'",
    ],
)
def test_quoted_title_in_straight_or_curly_quotes(text: str) -> None:
    assert item_of(text).title == "Discipline and Punish"


def test_quoted_title_with_an_apostrophe_inside_single_quotes() -> None:
    assert item_of("can you get 'Foucault's Pendulum' by Umberto Eco").title == (
        "Foucault's Pendulum"
    )


def test_article_named_with_its_journal() -> None:
    item = item_of("request the article 'Deep Learning' from Journal of Machine Studies")
    assert (item.title, item.journal, item.material) == (
        "Deep Learning",
        "Journal of Machine Studies",
        "article",
    )


def test_publication_year_in_a_plain_request() -> None:
    item = item_of("I'm looking for a copy of Discipline and Punish (1977), can you help?")
    assert (item.title, item.year) == ("Discipline and Punish", 1977)


def test_a_title_that_contains_a_material_word_does_not_decide_the_material() -> None:
    item = item_of("get me the DVD of The Book Thief")
    assert (item.title, item.material) == ("The Book Thief", "media")


@pytest.mark.parametrize(
    ("text", "material"),
    [
        ("I need the novel Beloved by Toni Morrison", "book"),
        ("Can I get chapter 3 of The Handbook of Things scanned?", "chapter"),
        ("need pages 10-20 of Big Book by Jane Doe", "chapter"),
        ("can I get a scan from Big Book by Jane Doe", "chapter"),
        ("please get the paper 'Attention Is All You Need'", "article"),
        ("I need a book on CD: Dune by Frank Herbert", "audiobook"),
        ("can you get me the audiobook of Dune", "audiobook"),
        ("get me the Blu-ray of Alien", "media"),
        ("I'd like to borrow the DVD of Casablanca", "media"),
        ("I'd like the movie Casablanca", "media"),
        ("I'd like to borrow a thesis: Resistance in Prisons by A. Student", "thesis"),
        ("please get the dissertation 'Prison Writing in America'", "thesis"),
        ("I need the textbook Calculus by James Stewart", "textbook"),
        ("I need the course text Calculus by James Stewart", "textbook"),
        ("please get the whole issue of Nature Physics volume 12", "periodical_issue"),
        ("I need the book Beloved for my thesis", "book"),
    ],
)
def test_material_from_the_patrons_words(text: str, material: str) -> None:
    assert item_of(text).material == material


def test_a_capital_initial_is_not_the_end_of_the_sentence() -> None:
    assert item_of("I'd like to borrow a thesis: Resistance in Prisons by A. Student").author == (
        "A. Student"
    )


def test_asking_for_something_with_no_title_gives_a_request_without_items() -> None:
    reading = understand("I need a book about prisons", today=TODAY)
    assert reading.intent == "request"
    assert reading.entities.items == ()


def test_two_titles_with_authors_in_one_sentence_are_two_items() -> None:
    reading = understand(
        "I need Pedagogy of the Oppressed by Paulo Freire and The Souls of Black Folk by "
        "W.E.B. Du Bois",
        today=TODAY,
    )
    assert [(item.title, item.author) for item in reading.entities.items] == [
        ("Pedagogy of the Oppressed", "Paulo Freire"),
        ("The Souls of Black Folk", "W.E.B. Du Bois"),
    ]


def test_two_quoted_titles_each_keep_their_own_author() -> None:
    reading = understand(
        'please get "Discipline and Punish" by Foucault and "Beloved" by Morrison', today=TODAY
    )
    assert [(item.title, item.author) for item in reading.entities.items] == [
        ("Discipline and Punish", "Foucault"),
        ("Beloved", "Morrison"),
    ]


def test_a_title_containing_and_is_one_item() -> None:
    assert item_of("get me Black Skin, White Masks by Frantz Fanon").title == (
        "Black Skin, White Masks"
    )


def test_a_long_request_with_date_and_fee_reads_every_part() -> None:
    reading = understand(
        "Hi, I'd like to request an interlibrary loan for \"The Making of the English Working "
        'Class" by E. P. Thompson. I need it by November 15. I can pay up to $10. Thanks, Ann',
        today=TODAY,
    )
    assert reading.entities.items == (
        Item(
            title="The Making of the English Working Class",
            author="E. P. Thompson",
            material="book",
        ),
    )
    assert reading.entities.need_by == date(2026, 11, 15)
    assert reading.entities.max_cost == 10.0
