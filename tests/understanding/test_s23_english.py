"""The English reader's session-23 changes, as a patron would notice them (new wording only).

Every message is read twice, with the learned classifier and with the rules alone, and both
readings must agree: nothing here rests on a decision only the classifier makes.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand
from handlers.understand.reading import Item, Reading

TODAY = date(2026, 12, 2)  # a Wednesday


def _read(text: str) -> Reading:
    learned = understand(text, today=TODAY)
    rules = understand(text, today=TODAY, learned=False)
    assert learned.intent == rules.intent, (learned, rules)
    assert learned.entities == rules.entities, (learned.entities, rules.entities)
    return rules


def _item(text: str) -> Item:
    reading = _read(text)
    assert reading.intent == "request", reading
    assert len(reading.entities.items) == 1, reading.entities.items
    return reading.entities.items[0]


# --- money and fee answers ----------------------------------------------------------------------


def test_an_amount_in_cents_after_max_is_cents() -> None:
    reading = _read("could you order Piranesi by Susanna Clarke, max 75 cents")
    assert reading.entities.max_cost == 0.75
    assert reading.entities.items[0].title == "Piranesi"


@pytest.mark.parametrize(
    ("text", "intent"),
    [("the fee is ok", "yes"), ("charge is fine", "yes"), ("I'm not paying it", "no"),
     ("i won't pay that", "no")],
)  # fmt: skip
def test_a_quoted_fee_is_accepted_or_turned_down(text: str, intent: str) -> None:
    assert _read(text).intent == intent


# --- why ---------------------------------------------------------------------------------------


def test_why_after_an_email_greeting_asks_why() -> None:
    reading = _read("Hello,\n\nWhy did you refuse ILL-14?\n\nBest,\nTom")
    assert reading.intent == "why"
    assert reading.entities.refs == (14,)


def test_texting_y_for_why_asks_why() -> None:
    reading = _read("y was ill 6 turned down")
    assert reading.intent == "why"
    assert reading.entities.refs == (6,)


# --- need-by dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "need_by"),
    [
        ("need the paperback of Braiding Sweetgrass for thurs", date(2026, 12, 3)),
        ("please get me Circe by Madeline Miller, next tuesday", date(2026, 12, 8)),
        ("get me Educated by Tara Westover before winter break starts dec 18",
         date(2026, 12, 18)),
        ("article doi 10.1037/0003-066X.59.1.29 please for friday", date(2026, 12, 4)),
    ],
)  # fmt: skip
def test_the_day_a_request_is_wanted_for_is_its_need_by(text: str, need_by: date) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert (reading.entities.need_by, reading.entities.date) == (need_by, None)


def test_a_weekday_that_comes_round_is_no_date() -> None:
    reading = _read("our group meets every Monday, could you request Piranesi by Susanna Clarke")
    assert (reading.entities.need_by, reading.entities.date) == (None, None)
    assert reading.entities.items[0].title == "Piranesi"


def test_a_title_repeating_a_day_name_keeps_both() -> None:
    reading = _read("can i borrow Monday Blue Monday? the dvd")
    assert reading.entities.items[0].title == "Monday Blue Monday"
    assert (reading.entities.need_by, reading.entities.date) == (None, None)


# --- titles and authors ------------------------------------------------------------------------


def test_a_lower_case_title_then_its_author_without_by() -> None:
    reading = _read("the remains of the day kazuo ishiguro")
    assert reading.intent == "request" and not reading.sure  # confirmed before it is recorded
    item = reading.entities.items[0]
    assert (item.title, item.author) == ("the remains of the day", "kazuo ishiguro")


def test_a_name_inside_a_lower_case_title_stays_in_it() -> None:
    reading = _read("diary of anne frank")
    assert [(i.title, i.author) for i in reading.entities.items] == [("diary of anne frank", None)]


def test_a_request_in_capitals_keeps_the_patrons_capitals() -> None:
    item = _item("PLEASE GET ME THE SECRET HISTORY BY DONNA TARTT")
    assert (item.title, item.author) == ("THE SECRET HISTORY", "DONNA TARTT")


def test_an_action_in_capitals_is_done() -> None:
    reading = _read("RENEW ILL-7 PLEASE")
    assert (reading.intent, reading.entities.refs) == ("renew", (7,))


def test_title_comma_surname_gives_the_title_first() -> None:
    item = _item("can you get me Thinking in Systems, Meadows")
    assert (item.title, item.author) == ("Thinking in Systems", "Meadows")


def test_a_listed_title_with_a_dash_then_its_author() -> None:
    reading = _read(
        "could you request these:\n- Beloved - Toni Morrison\n- Middlemarch - George Eliot"
    )
    found = [(i.title, i.author) for i in reading.entities.items]
    assert found == [("Beloved", "Toni Morrison"), ("Middlemarch", "George Eliot")]


def test_a_doubt_before_a_lower_case_title_is_not_the_title() -> None:
    item = _item("not sure u have it but the overstory by richard powers")
    assert (item.title, item.author) == ("the overstory", "richard powers")


def test_a_book_asked_for_a_course_code_is_its_textbook() -> None:
    assert _item("could you find Thinking in Systems for ENV 240").material == "textbook"
    assert _item("could you find Thinking in Systems for my ENV 240 paper").material == "book"


@pytest.mark.parametrize(
    ("text", "authors", "journal", "numbers"),
    [
        ("Milgram 1963, Behavioral study of obedience, Journal of Abnormal and Social "
         "Psychology 67(4):371-378", None, "Journal of Abnormal and Social Psychology",
         (1963, "67", "4", "371-378")),
        ("Darley & Latane (1968) Bystander intervention in emergencies. Journal of "
         "Personality and Social Psychology 8: 377-383", "Darley & Latane",
         "Journal of Personality and Social Psychology", (1968, "8", None, "377-383")),
        ("Granovetter, The Strength of Weak Ties, American Journal of Sociology, vol. 78, "
         "no. 6, 1973, pp. 1360-1380", None, "American Journal of Sociology",
         (1973, "78", "6", "1360-1380")),
    ],
)  # fmt: skip
def test_a_loosely_typed_journal_reference_is_read_whole(
    text: str, authors: str | None, journal: str, numbers: tuple[object, ...]
) -> None:
    item = _item(text)
    assert item.material == "article" and item.journal == journal and item.authors == authors
    assert (item.year, item.volume, item.issue, item.pages) == numbers


# --- changes, several actions, references ------------------------------------------------------


def test_a_request_named_by_number_should_be_another_edition() -> None:
    reading = _read("ILL-12 should be the 3rd edition")
    assert reading.intent == "request" and reading.entities.refs == (12,)
    assert [(i.material, i.edition) for i in reading.entities.items] == [("book", "3rd")]


def test_a_change_of_form_in_an_email_with_asides() -> None:
    reading = _read(
        "Hi,\nCould you switch ILL-8 to the audiobook? Long commute these days.\nThanks,\nSam"
    )
    assert reading.intent == "request" and reading.entities.refs == (8,)
    assert [i.material for i in reading.entities.items] == ["audiobook"]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [("cancel ill 2 n renew ill 5", ("cancel", (2,)), ("renew", (5,))),
     ("renew ILL-3 + where is ILL-4", ("renew", (3,)), ("status", (4,)))],
)  # fmt: skip
def test_both_actions_of_a_texted_message_are_read(
    text: str, first: tuple[str, tuple[int, ...]], second: tuple[str, tuple[int, ...]]
) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.refs) == first
    assert [(part.intent, part.entities.refs) for part in reading.also] == [second]


def test_whats_up_w_a_request_asks_its_status() -> None:
    reading = _read("whats up w #9")
    assert (reading.intent, reading.entities.refs) == ("status", (9,))


def test_a_time_of_day_names_no_request() -> None:
    reading = _read("renew it tuesday by noon")
    assert reading.intent == "renew" and reading.entities.ref_hint is None


def test_all_my_ills_renews_every_loan() -> None:
    reading = _read("renew all my ILLs please")
    assert reading.intent == "renew" and reading.entities.every
    assert reading.entities.ref_hint is None


# --- more of a title's own words, and answers of a form alone ----------------------------------


def test_a_capitalised_please_inside_a_title_stays_in_it() -> None:
    item = _item("could you find Pretty Please by Jana Mills on audiobook")
    assert (item.title, item.author, item.material) == ("Pretty Please", "Jana Mills", "audiobook")


def test_the_kind_of_periodical_after_its_name_is_not_its_name() -> None:
    item = _item("Could you order the June 2026 issue of The Economist magazine?")
    assert item.journal == "The Economist"


def test_a_form_named_alone_is_that_form() -> None:
    reading = _read("large print")
    assert reading.intent == "request" and not reading.sure
    assert [(i.material, i.edition) for i in reading.entities.items] == [("book", "large print")]


def test_an_email_opening_names_no_request() -> None:
    text = "Dear ILL,\n\nI'm writing to check on the status of the Piranesi request.\n\nBest,\nAl"
    reading = _read(text)
    assert (reading.intent, reading.entities.ref_hint) == ("status", "piranesi")


def test_why_asked_after_a_first_sentence_asks_why() -> None:
    text = "Hello,\n\nI just got your email about ILL-31. Why was it turned down?\n\nThanks,\nLee"
    reading = _read(text)
    assert (reading.intent, reading.entities.refs) == ("why", (31,))


def test_a_loose_reference_with_an_issue_number_and_pages() -> None:
    item = _item("Sykes 1958 The society of captives, Social Problems no. 12 pp 5-17")
    assert (item.title, item.author, item.journal) == (
        "The society of captives",
        "Sykes",
        "Social Problems",
    )
    assert (item.year, item.volume, item.issue, item.pages) == (1958, None, "12", "5-17")
