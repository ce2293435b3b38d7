"""The English reader's session-21 changes, as a patron would notice them (new wording only)."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand
from handlers.understand.item_titles import tidied_title
from handlers.understand.journal_numbers import numbered_journal
from handlers.understand.material import read_material
from handlers.understand.reading import Item, Reading

TODAY = date(2026, 12, 2)  # a Wednesday


def _read(text: str) -> Reading:
    return understand(text, today=TODAY)


def _item(text: str) -> Item:
    reading = _read(text)
    assert reading.intent == "request", reading
    assert len(reading.entities.items) == 1, reading.entities.items
    return reading.entities.items[0]


# --- a surname alone after a spaced dash or in brackets is the author -----------------------


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("The Remains of the Day - Ishiguro", "The Remains of the Day", "Ishiguro"),
        ("could you find Wolf Hall (Mantel) for me", "Wolf Hall", "Mantel"),
        ("Thinking in Systems (Meadows & Wright)", "Thinking in Systems", "Meadows & Wright"),
    ],
)
def test_a_surname_after_a_dash_or_in_brackets_is_the_author(
    text: str, title: str, author: str
) -> None:
    item = _item(text)
    assert (item.title, item.author) == (title, author)


def test_a_contraction_after_a_dash_is_not_an_author() -> None:
    item = _item("Station Eleven, Emily St. John Mandel - I'll pay up to $4")
    assert item.title == "Station Eleven"
    assert item.author != "I'll"


# --- the patron's own work is not the material asked for ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Could you get Silent Spring by Rachel Carson? It's for my ecology seminar paper",
        "I'd like Bowling Alone by Robert Putnam for my SOC 310 paper",
    ],
)
def test_a_book_for_the_patrons_paper_stays_a_book(text: str) -> None:
    assert _item(text).material == "book"


def test_looking_for_the_thesis_asks_for_a_thesis() -> None:
    assert read_material('I am looking for the thesis "Tidal Commons" by Ana Ruiz') == "thesis"


def test_the_introduction_of_a_book_is_a_chapter_wanted() -> None:
    item = _item("just the preface (pages 1-12) of The Overstory by Richard Powers please")
    assert item.title == "The Overstory"
    assert item.material == "chapter"


# --- a journal named with its volume, issue and pages ---------------------------------------


def test_a_journal_with_its_numbers_after_the_title_makes_an_article() -> None:
    item = _item("please order The Nature of the Firm by Coase, Economica 4(16): 386-405. thanks")
    assert item.title == "The Nature of the Firm"
    assert item.journal == "Economica"
    assert (item.volume, item.issue, item.pages) == ("4", "16", "386-405")
    assert item.material == "article"


def test_a_spelled_out_volume_and_pages_name_the_journal() -> None:
    found = numbered_journal("(Journal of Finance, 1952, vol. 7, no. 1, pp. 77-91)")
    assert found is not None
    assert (found.journal, found.year, found.volume, found.issue, found.pages) == (
        "Journal of Finance",
        1952,
        "7",
        "1",
        "77-91",
    )


@pytest.mark.parametrize("text", ["Fahrenheit 451 by Ray Bradbury", "Catch 22 (2), two copies"])
def test_a_number_in_a_title_is_no_journal_volume(text: str) -> None:
    assert numbered_journal(text) is None


# --- titles hold neither the part asked for nor what it is for ------------------------------


@pytest.mark.parametrize(
    ("title", "tidy"),
    [
        ("3rd edition of Social Research Methods, only", "Social Research Methods"),
        ("two chapters from The Handbook of Ethics, ch 4-5", "The Handbook of Ethics"),
        ("The Very Hungry Caterpillar for circle time", "The Very Hungry Caterpillar"),
        ("its Braiding Sweetgrass i think", "Braiding Sweetgrass"),
        ("Hamnet audiobook", "Hamnet"),
    ],
)
def test_the_part_or_purpose_around_a_title_is_not_the_title(title: str, tidy: str) -> None:
    assert tidied_title(title)[0] == tidy


def test_the_edition_asked_for_is_read_once_out_of_the_title() -> None:
    item = _item("I'd like the 2nd edition of Designing Data-Intensive Applications please")
    assert item.title == "Designing Data-Intensive Applications"
    assert item.edition == "2nd"


def test_a_polite_might_you_be_able_to_is_not_in_the_title() -> None:
    item = _item("Might you be able to get Piranesi by Susanna Clarke?")
    assert (item.title, item.author) == ("Piranesi", "Susanna Clarke")


def test_a_title_after_a_thank_you_sentence_starts_after_it() -> None:
    item = _item(
        "Thanks for the last one! Could I now ask for Small Things Like These by Claire Keegan?"
    )
    assert item.title == "Small Things Like These"


# --- need-by dates said through the event they are for --------------------------------------


@pytest.mark.parametrize(
    ("text", "need_by"),
    [
        (
            "Beloved by Toni Morrison, I need it for a workshop a week from Friday",
            date(2026, 12, 11),
        ),
        ("Hamnet by Maggie O'Farrell for our reading group meeting on Dec 15", date(2026, 12, 15)),
        ("Middlemarch by George Eliot, need before exams (dec 18)", date(2026, 12, 18)),
        (
            "The Overstory by Richard Powers. I talk on it on Jan 9, so I'd need it by then.",
            date(2027, 1, 9),
        ),
        ("Piranesi by Susanna Clarke by eow", date(2026, 12, 4)),
        (
            "Could you get Circe by Madeline Miller? Needed by Sat.\nThanks,\nDr. R. Lee",
            date(2026, 12, 5),
        ),
    ],
)
def test_the_day_of_the_event_an_item_is_for_is_its_need_by(text: str, need_by: date) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert reading.entities.need_by == need_by


@pytest.mark.parametrize(
    "text", ["Merry Christmas to everyone at the ILL desk!", "thank you, my book came in 2 days"]
)
def test_a_holiday_wished_or_a_time_taken_is_no_date(text: str) -> None:
    reading = _read(text)
    assert reading.entities.need_by is None
    assert reading.entities.date is None


# --- money ------------------------------------------------------------------------------------


def test_free_if_possible_is_a_limit_of_nothing() -> None:
    assert (
        _read("Could you find Circe by Madeline Miller? Free if possible.").entities.max_cost == 0.0
    )


def test_an_amount_in_words_inside_a_title_is_the_titles() -> None:
    reading = _read("Ten Dollars and a Dream by Ana Lopez")
    assert reading.entities.items[0].title == "Ten Dollars and a Dream"
    assert reading.entities.max_cost is None


def test_the_limit_word_after_an_amount_is_not_in_the_title() -> None:
    item = _item("looking for Hilary Mantel's Wolf Hall, 3 bucks max")
    assert item.title == "Wolf Hall"


# --- changes of form or edition, renewals, loans that are not ILL ---------------------------


def test_turning_down_one_form_for_another_asks_for_the_other() -> None:
    reading = _read("hmm not the paperback, the audiobook please")
    assert reading.intent == "request"
    assert reading.entities.items[0].material == "audiobook"


def test_a_request_that_should_be_another_edition_changes_the_edition() -> None:
    reading = _read("ILL-9 should be the 3rd edition, not the 2nd")
    assert reading.intent == "request"
    assert reading.entities.items[0].edition == "3rd"


@pytest.mark.parametrize(
    "text", ["could ILL-14 be renewed until mid-January?", "can I keep Hamnet til jan 5"]
)
def test_keeping_a_loan_until_a_day_is_a_renewal(text: str) -> None:
    assert _read(text).intent == "renew"


def test_renewing_the_librarys_own_loans_is_off_topic() -> None:
    reading = _read("Please renew the DVDs I checked out from your Elm Street branch (not ILL).")
    assert reading.intent == "offtopic"


# --- authors written around the title without "by" -----------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("The Secret History donna tartt", "The Secret History", "donna tartt"),
        ("can you find The Name of the Rose umberto eco", "The Name of the Rose", "umberto eco"),
        ("Thinking Fast and Slow kahneman pls", "Thinking Fast and Slow", "kahneman"),
    ],
)
def test_a_lower_case_name_after_a_capitalised_title_is_its_author(
    text: str, title: str, author: str
) -> None:
    item = _item(text)
    assert (item.title, item.author) == (title, author)


@pytest.mark.parametrize("title", ["Cien años de soledad", "Dune sequel", "The Hobbit again"])
def test_lower_case_words_of_a_title_or_chat_are_no_author(title: str) -> None:
    assert tidied_title(title) == (title, None)


def test_authors_and_year_before_an_articles_title() -> None:
    item = _item("pls get Akerlof & Shiller (2009) Animal Spirits, thanks")
    assert (item.title, item.author, item.authors, item.year) == (
        "Animal Spirits",
        "Akerlof",
        "Akerlof & Shiller",
        2009,
    )


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("I'd love Tara Westover's memoir Educated", "Educated", "Tara Westover"),
        ("could you order the new Ann Patchett, Tom Lake", "Tom Lake", "Ann Patchett"),
        (
            "The Mythical Man-Month (Fred Brooks et al.) please",
            "The Mythical Man-Month",
            "Fred Brooks et al.",
        ),
    ],
)
def test_the_author_named_before_or_bracketed_with_the_title(
    text: str, title: str, author: str
) -> None:
    item = _item(text)
    assert (item.title, item.author) == (title, author)


def test_a_lower_case_author_after_a_dash_is_split_off() -> None:
    assert tidied_title("the road - mccarthy") == ("the road", "mccarthy")
    assert tidied_title("Circe - thanks") == ("Circe - thanks", None)


def test_more_time_until_a_day_is_a_renewal_until_then() -> None:
    reading = _read("could I get more time on ILL-22, until Dec 19?")
    assert reading.intent == "renew"
    assert reading.entities.need_by == date(2026, 12, 19)


def test_asking_whether_a_request_not_yet_made_arrives_in_time_is_a_policy_question() -> None:
    reading = _read("would a book arrive by New Year's if I order it now?")
    assert reading.intent == "policy"
    assert reading.entities.topic == "delivery_time"
    assert reading.entities.need_by is None


def test_no_need_to_keep_searching_cancels() -> None:
    reading = _read("a friend lent me the Kolbert book, so no need to keep searching")
    assert reading.intent == "cancel"
    assert "kolbert" in (reading.entities.ref_hint or "")


def test_a_pick_signed_off_is_still_the_pick() -> None:
    reading = _read("Number 2 please.\n\nThanks,\nOmar")
    assert reading.intent == "choice"
    assert reading.entities.choice == 2


@pytest.mark.parametrize(
    ("text", "refs"),
    [("please cancel requests 7 and 9", (7, 9)), ("renew ILL 3, 4 and 6 pls", (3, 4, 6))],
)
def test_one_marker_before_a_list_of_numbers_names_every_request(
    text: str, refs: tuple[int, ...]
) -> None:
    assert _read(text).entities.refs == refs


def test_and_would_like_opens_the_request_after_a_first_clause() -> None:
    item = _item("I teach HIST 210 this spring and would like to borrow The Guns of August, please")
    assert item.title == "The Guns of August"


def test_ch_and_a_number_asks_for_a_chapter() -> None:
    assert read_material("Silent Spring 2nd ed, only ch 3 please") == "chapter"
