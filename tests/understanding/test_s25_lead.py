"""Misreads found by trying conversations as patrons (session 25), read as a patron would notice."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand
from handlers.understand.problem_words import asks_where, reports_problem
from handlers.understand.try_again import asks_again

TODAY = date(2026, 12, 8)


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("Status Anxiety, Alain de Botton", "Status Anxiety", "Alain de Botton"),
        ("The Second Sex, Simone de Beauvoir", "The Second Sex", "Simone de Beauvoir"),
        ("Cien años de soledad de Gabriel García Márquez", "Cien años de soledad",
         "Gabriel García Márquez"),
    ],
)  # fmt: skip
def test_a_name_with_de_keeps_an_english_message_english(
    text: str, title: str, author: str
) -> None:
    """'de' inside a name is no Spanish word: the title is not cut at 'Alain'."""
    (item,) = understand(text, today=TODAY).entities.items
    assert (item.title, item.author) == (title, author)


@pytest.mark.parametrize("text", ["vuelvan a buscarlo por favor", "try again please"])
def test_asking_to_try_again_is_never_a_title(text: str) -> None:
    reading = understand(text, today=TODAY)
    assert reading.entities.items == ()
    assert asks_again(text)


@pytest.mark.parametrize("text", ["¿cuánto me va a costar?", "¿cuánto costaría?"])
def test_how_much_will_it_cost_in_spanish_is_the_cost_rule(text: str) -> None:
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities.topic) == ("policy", "cost")


@pytest.mark.parametrize(
    ("text", "problem", "where"),
    [
        ("the link doesn't work", True, False),
        ("pages 12-14 are missing", True, False),
        ("el enlace no funciona", True, False),
        ("the link works now, thanks", False, False),
        ("where can I find it?", False, True),
        ("my card doesn't work", False, False),
    ],
)
def test_a_problem_with_a_copy_and_where_to_find_it(text: str, problem: bool, where: bool) -> None:
    assert (reports_problem(text), asks_where(text)) == (problem, where)


@pytest.mark.parametrize(
    ("text", "again"),
    [
        ("please try again", True),
        ("can someone look for ILL-1 again?", True),
        ("¿pueden intentarlo otra vez?", True),
        ("no need to try again", False),
        ("I will try again tomorrow to pick it up", False),
        ("thanks again!", False),
        ("sorry to ask again but where is ILL-3", False),
    ],
)
def test_asking_staff_to_try_again(text: str, again: bool) -> None:
    assert asks_again(text) == again


def test_the_spanish_word_estatus_stays_in_a_title() -> None:
    """'estatus' is a Spanish word, not a typo of 'status': the title is kept, not a status."""
    reading = understand("busco Ansiedad por el estatus", today=TODAY)
    assert reading.intent == "request"
    assert [i.title for i in reading.entities.items] == ["Ansiedad por el estatus"]
