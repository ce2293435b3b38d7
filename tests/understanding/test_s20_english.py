"""The English reader's session-20 classes, one behaviour per test (see tuning/en_s20_classes)."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand
from handlers.understand.bare_titles import of_author
from handlers.understand.fields import read_edition
from handlers.understand.lower_titles import lower_case_title, lower_case_titled
from handlers.understand.material import read_material
from handlers.understand.repairs import read_form_change

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("words", "edition"),
    [
        ("in large print", "large print"),
        ("a large-print copy", "large print"),
        ("Fine Print", None),
    ],
)
def test_large_print_is_read_as_the_edition(words: str, edition: str | None) -> None:
    assert read_edition(words) == edition


def test_a_book_on_cd_is_its_audiobook_but_music_on_cd_is_media() -> None:
    assert read_material("The Overstory on CD please") == "audiobook"
    assert read_material("Kind of Blue on CD for my music class") == "media"


@pytest.mark.parametrize(
    ("text", "material", "edition"),
    [
        ("blu-ray instead pls", "media", None),
        ("sorry, audiobook not print", "audiobook", None),
        ("can you change   to large print", "book", "large print"),
        ("the audiobook, not the paperback", "audiobook", None),
    ],
)
def test_a_change_of_form_alone_is_read_as_that_form(
    text: str, material: str, edition: str | None
) -> None:
    found = read_form_change(text)
    assert found is not None
    assert (found.items[0].material, found.items[0].edition) == (material, edition)


@pytest.mark.parametrize(
    "text", ["the audiobook please", "I returned the DVD instead of mailing it"]
)
def test_a_form_named_without_a_change_is_no_correction(text: str) -> None:
    assert read_form_change(text) is None


def test_a_correction_of_form_keeps_the_request_it_names() -> None:
    reading = understand("make ILL-3 the audiobook", today=TODAY)
    assert reading.intent == "request" and reading.entities.refs == (3,)
    assert reading.entities.items[0].material == "audiobook" and not reading.sure


@pytest.mark.parametrize(
    "text", ["keep it", "wait, don't cancel it, I still want it", "nah keep it"]
)
def test_keeping_a_request_answers_no(text: str) -> None:
    assert understand(text, today=TODAY).intent == "no"


def test_keeping_a_loan_longer_is_still_a_renewal() -> None:
    assert understand("can I keep it a bit longer", today=TODAY).intent == "renew"


@pytest.mark.parametrize(
    ("body", "split"),
    [
        ("Kite Runner of Khaled Hosseini", ("Kite Runner", "Khaled Hosseini")),
        ("Crime and Punishment of Dostoevsky", ("Crime and Punishment", "Dostoevsky")),
        ("Roma, from Alfonso Cuarón", ("Roma", "Alfonso Cuarón")),
        ("A Tale of Two Cities", ("A Tale of Two Cities", None)),
        ("East of Eden", ("East of Eden", None)),
        (
            "Harry Potter and the Prisoner of Azkaban",
            ("Harry Potter and the Prisoner of Azkaban", None),
        ),
    ],
)
def test_the_non_native_title_of_author_is_split_only_where_it_can_be(
    body: str, split: tuple[str, str | None]
) -> None:
    assert of_author(body) == split


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("freakonomics", "freakonomics", None),
        ("the body keeps the score pls", "the body keeps the score", None),
        ("the cost of living, deborah levy", "the cost of living", "deborah levy"),
    ],
)
def test_a_lower_case_title_alone_is_read(text: str, title: str, author: str | None) -> None:
    found = lower_case_title(text)
    assert found is not None and (found.title, found.author) == (title, author)


@pytest.mark.parametrize(
    "text", ["hmm", "asap", "qwerty uiop", "the book", "thanks so much", "i need a person"]
)
def test_chat_and_noise_are_no_lower_case_title(text: str) -> None:
    assert lower_case_title(text) is None


def test_a_lower_case_title_by_its_author_may_hold_answer_words() -> None:
    found = lower_case_titled("yes please by amy poehler")
    assert found is not None and (found.title, found.author) == ("yes please", "amy poehler")
    assert lower_case_titled("renew it by next week") is None


def test_a_lower_case_title_is_confirmed_before_it_is_recorded() -> None:
    reading = understand("the new jim crow", today=TODAY)
    assert reading.intent == "request" and not reading.sure
    assert reading.entities.items[0].title == "the new jim crow"


def test_a_status_question_after_a_renewal_is_a_second_action() -> None:
    reading = understand("renew ILL-14 and tell me when ILL-15 is coming", today=TODAY)
    assert (reading.intent, reading.entities.refs) == ("renew", (14,))
    assert [(part.intent, part.entities.refs) for part in reading.also] == [("status", (15,))]


def test_a_question_about_the_request_just_asked_for_is_no_second_action() -> None:
    reading = understand("Can you get me Sapiens? How much will it cost?", today=TODAY)
    assert reading.intent == "request" and reading.also == ()


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("I have a $3 fine on a reserve book, how do I pay it", "fines_local"),
        ("how do I update the address on my card?", "account"),
        ("can I put a hold on a book you already have", "catalog"),
    ],
)
def test_off_topic_subjects_name_their_topic(text: str, topic: str) -> None:
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities.topic) == ("offtopic", topic)
