"""Spanish wordings that misread before session 20: each class a patron's next message falls in."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Item, Reading, understand
from handlers.understand.language import switch
from handlers.understand.spanish import prepare

TODAY = date(2026, 11, 18)  # a Wednesday


def _read(text: str) -> Reading:
    return understand(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("Septiembre, noviembre de Ana Ruiz", "Septiembre, noviembre", "Ana Ruiz"),
        ("Los hijos de mi pueblo de Pedro Lara", "Los hijos de mi pueblo", "Pedro Lara"),
        ("Un cuento de Navidad de Charles Dickens", "Un cuento de Navidad", "Charles Dickens"),
    ],
)
def test_a_title_opening_the_message_keeps_its_month_and_possessive_words(
    text: str, title: str, author: str
) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert reading.entities.items == (Item(title=title, author=author, material="book"),)
    assert reading.entities.need_by is None and reading.entities.date is None


@pytest.mark.parametrize(
    "text",
    [
        "Mi abuelo quiere leer La sombra del ciprés de Miguel Delibes",
        "nos urge La sombra del ciprés de Miguel Delibes",
        "Un favor, el libro La sombra del ciprés de Miguel Delibes",
        "mi hija de 10 años necesita La sombra del ciprés de Miguel Delibes para la escuela",
    ],
)
def test_words_leading_into_a_request_never_join_the_title(text: str) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert [i.title for i in reading.entities.items] == ["La sombra del ciprés"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("la ciudad de las bestias", "la ciudad de las bestias"),
        ("me consigues el tunel de ernesto sabato?", "el tunel"),
    ],
)
def test_a_lower_case_title_is_read_whole_as_the_patron_wrote_it(text: str, title: str) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert [i.title for i in reading.entities.items] == [title]


@pytest.mark.parametrize("text", ["la hora del cuento", "la sucursal del centro", "busco el baño"])
def test_words_that_name_no_title_are_never_a_bare_title(text: str) -> None:
    assert not _read(text).entities.items


def test_a_signature_under_a_spanish_sign_off_is_never_an_item() -> None:
    text = (
        "Estimados: quisiera Nada de Carmen Laforet.\nCordialmente,\nJosé y Ana Ruiz\n"
        "Enviado desde mi iPhone"
    )
    reading = _read(text)
    assert [i.title for i in reading.entities.items] == ["Nada"]


@pytest.mark.parametrize(
    ("text", "choice"),
    [("la primera opción", 1), ("opción dos", 2), ("número 3", 3), ("la 2", 2)],
)
def test_a_spanish_answer_picks_an_option(text: str, choice: int) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.choice) == ("choice", choice)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿Me puede escribir en inglés? Mi mamá no lee español", "en"),
        ("mejor en español, mi inglés es muy poco", "es"),
        ("can you write in Spanish? my dad reads these", "es"),
    ],
)
def test_a_switch_of_language_may_give_its_reason(text: str, language: str) -> None:
    assert switch(text) == language


@pytest.mark.parametrize(
    "text", ["Quisiera Cien años de soledad, en español", "Dog Man en español, mi hijo lo quiere"]
)
def test_a_language_named_beside_a_title_is_no_switch(text: str) -> None:
    assert switch(text) is None


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("¿Puedo pedir más de ocho?", "limit"),
        ("Si lo pido hoy, ¿me llega antes del viernes?", "delivery_time"),
        ("¿Puede venir mi hermana a recoger el libro por mí?", "pickup"),
        ("¿Y si lo regreso tarde?", "overdue"),
    ],
)
def test_a_spanish_question_on_the_rules_gets_its_topic(text: str, topic: str) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.topic) == ("policy", topic)


def test_renewing_a_passport_is_no_renewal() -> None:
    reading = _read("¿Me pueden ayudar a renovar mi pasaporte?")
    assert reading.intent == "offtopic" and not reading.entities.refs


def test_a_date_turned_down_is_no_title() -> None:
    reading = _read("la #7 la necesito antes del 3 de diciembre, no del 10")
    assert not reading.entities.items
    assert reading.entities.need_by == date(2026, 12, 3)


def test_spanish_quote_marks_are_never_part_of_the_title() -> None:
    assert '"El llano en llamas"' in prepare("Quisiera el libro «El llano en llamas» de Juan Rulfo")
