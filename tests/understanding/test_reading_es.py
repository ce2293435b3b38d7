"""Spanish messages are read as a librarian reads them, and their language is told (issue 18)."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Item, Reading, understand
from handlers.understand.language import detect, switch

TODAY = date(2026, 9, 1)  # a Tuesday


def _read(text: str) -> Reading:
    return understand(text, today=TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "Hola, quisiera pedir el libro Cien años de soledad",
        "¿Cuál es el estado de mi pedido?",
        "cancelar ILL-1",
        "renueven el ILL-30 por fa",
        "gracias",
        "necesito hablar con una persona",
        "sí, pago los 5 dólares",
    ],
)
def test_spanish_messages_are_told_spanish(text: str) -> None:
    assert detect(text) == "es"
    assert _read(text).language == "es"


@pytest.mark.parametrize(
    "text",
    [
        "Could you get me One Hundred Years of Solitude by Gabriel García Márquez?",
        "Can I get Blindness and Seeing, both José Saramago",
        "LeCun, Y., Bengio, Y., & Hinton, G. (2015). Deep learning. Nature, 521(7553), 436–444.",
        "please renew ILL-3",
        "Ficciones, Jorge Luis Borges pls",
    ],
)
def test_english_messages_naming_spanish_words_are_never_told_spanish(text: str) -> None:
    assert detect(text) != "es"


@pytest.mark.parametrize("text", ["ILL-3", "yes", "9780307474728", "ok", "2", "👍"])
def test_short_or_neutral_messages_have_no_language(text: str) -> None:
    assert detect(text) is None
    assert _read(text).language is None


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("English please", "en"),
        ("in English", "en"),
        ("prefiero inglés", "en"),
        ("en español", "es"),
        ("¿puede escribirme en español?", "es"),
        ("hablo español", "es"),
        ("Do you speak Spanish?", "es"),
        ("¿me puede escribir en francés?", "fr"),  # not offered: the reply says which are
    ],
)
def test_asking_to_switch_language_is_read_as_that_wish(text: str, wanted: str) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.language) == ("language", wanted)
    assert switch(text) == wanted


@pytest.mark.parametrize(
    "text",
    [
        "Quisiera Cien años de soledad en español",  # a Spanish edition, not a switch
        "can I request books in Spanish",  # a question about the rules
    ],
)
def test_naming_a_language_inside_another_wish_is_no_switch(text: str) -> None:
    assert _read(text).intent != "language"


def test_a_spanish_request_reads_title_and_author_split_at_the_last_de() -> None:
    reading = _read("Hola, quisiera pedir el libro Cien años de soledad de Gabriel García Márquez")
    assert reading.intent == "request"
    assert reading.entities.items == (
        Item(title="Cien años de soledad", author="Gabriel García Márquez", material="book"),
    )
    assert reading.text.startswith("Hola, quisiera")  # the patron's words, not the English


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("La casa de los espíritus, Isabel Allende", "La casa de los espíritus", "Isabel Allende"),
        ("el libro Ficciones del autor Jorge Luis Borges", "Ficciones", "Jorge Luis Borges"),
        ("Pedro Páramo, de Juan Rulfo", "Pedro Páramo", "Juan Rulfo"),
        (
            "Quisiera El libro de arena de Jorge Luis Borges",
            "El libro de arena",
            "Jorge Luis Borges",
        ),
        (
            "Necesito El Principito de Antoine de Saint-Exupéry",
            "El Principito",
            "Antoine de Saint-Exupéry",
        ),
        ("Quisiera Historia de España de Pierre Vilar", "Historia de España", "Pierre Vilar"),
    ],
)
def test_spanish_titles_keep_their_own_words(text: str, title: str, author: str) -> None:
    (item,) = _read(text).entities.items
    assert (item.title, item.author) == (title, author)


def test_an_isbn_and_an_amount_in_spanish_are_both_read() -> None:
    reading = _read("Necesito el libro ISBN 9780307474728, puedo pagar hasta $5")
    assert reading.intent == "request"
    assert [i.isbn for i in reading.entities.items] == ["9780307474728"]
    assert reading.entities.max_cost == 5.0


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("para el 15 de diciembre", date(2026, 12, 15)),
        ("antes del viernes", date(2026, 9, 4)),
        ("el lunes 14 de septiembre", date(2026, 9, 14)),
        ("mañana", date(2026, 9, 2)),
        ("pasado mañana", date(2026, 9, 3)),
        ("dentro de dos semanas", date(2026, 9, 15)),
        ("para fin de mes", date(2026, 9, 30)),
        ("para el mié. 9 de sept", date(2026, 9, 9)),
        ("15/10", date(2026, 10, 15)),
    ],
)
def test_a_spanish_date_answer_is_the_need_by_date(text: str, day: date) -> None:
    reading = _read(text)
    assert (reading.entities.need_by, reading.entities.date) == (day, day)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("hasta 5 dólares", 5.0),
        ("puedo pagar hasta $5", 5.0),
        ("no más de 10 dólares", 10.0),
        ("máximo $15", 15.0),
        ("gratis", 0.0),
        ("sin costo", 0.0),
    ],
)
def test_a_spanish_amount_is_the_maximum_cost(text: str, amount: float) -> None:
    assert _read(text).entities.max_cost == amount


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("estado", "status", ()),
        ("renovar ILL-3", "renew", (3,)),
        ("cancelar ILL-3", "cancel", (3,)),
        ("¿por qué?", "why", ()),
        ("hablar con una persona", "human", ()),
        ("ayuda", "help", ()),
        ("¿ya llegó la solicitud 3?", "status", (3,)),
        ("¿en qué va el pedido 12?", "status", (12,)),
        ("cancela el #12 xfa", "cancel", (12,)),
    ],
)
def test_the_commands_the_spanish_help_teaches_are_understood(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.refs) == (intent, refs)


def test_two_actions_in_spanish_are_both_done() -> None:
    reading = _read("cancela ILL-5 y renueva ILL-2")
    assert (reading.intent, reading.entities.refs) == ("cancel", (5,))
    assert [(a.intent, a.entities.refs) for a in reading.also] == [("renew", (2,))]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("sí", "yes"),
        ("claro", "yes"),
        ("vale", "yes"),
        ("de acuerdo", "yes"),
        ("no", "no"),
        ("no gracias", "no"),
    ],
)
def test_spanish_answers_answer(text: str, intent: str) -> None:
    assert _read(text).intent == intent


def test_a_fee_answer_in_spanish_says_yes_and_the_amount() -> None:
    reading = _read("sí, pago los 5 dólares")
    assert (reading.intent, reading.entities.max_cost) == ("yes", 5.0)


@pytest.mark.parametrize(
    ("text", "intent", "topic"),
    [
        ("¿Cuántos libros puedo pedir?", "policy", "limit"),
        ("¿Cuánto cuesta el préstamo interbibliotecario?", "policy", "cost"),
        ("¿Cuánto tiempo puedo quedarme con el libro?", "policy", "loan_period"),
        ("¿A qué hora abren el sábado?", "offtopic", "hours"),
        ("¿Cuál es la contraseña del wifi?", "offtopic", "wifi"),
    ],
)
def test_spanish_questions_about_rules_and_other_things_carry_their_topic(
    text: str, intent: str, topic: str
) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.topic) == (intent, topic)
    assert reading.entities.need_by is None and reading.entities.date is None


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Necesitamos 6 ejemplares de Pedro Páramo para el club de lectura", "copies", 6),
        ("Para mi clase necesito seis copias de Como agua para chocolate", "copies", 6),
    ],
)
def test_copies_in_spanish_are_read(text: str, field: str, value: int) -> None:
    reading = _read(text)
    assert getattr(reading.entities, field) == value
    assert all("copias" not in (i.title or "") for i in reading.entities.items)


@pytest.mark.parametrize(
    ("text", "material", "chapter", "pages"),
    [
        ("¿Me pueden conseguir el audiolibro de La sombra del viento?", "audiobook", None, None),
        ("Necesito el DVD de Roma de Alfonso Cuarón", "media", None, None),
        ("¿Podría escanear el capítulo 3, págs. 49-80 de Pedro Páramo?", "chapter", "3", "49-80"),
    ],
)
def test_formats_in_spanish_are_read_outside_the_title(
    text: str, material: str, chapter: str | None, pages: str | None
) -> None:
    (item,) = _read(text).entities.items
    assert (item.material, item.chapter, item.pages) == (material, chapter, pages)
    assert item.title in ("La sombra del viento", "Roma", "Pedro Páramo")


def test_an_edition_keeps_the_patrons_spanish_notation() -> None:
    (item,) = _read("Quisiera pedir la 2a edición de Introducción a la sociología").entities.items
    assert item.edition == "2a"


@pytest.mark.parametrize(
    "text",
    [
        "Hola, quisiera pedir El túnel de Ernesto Sabato.\n\nSaludos,\nLucía",
        "Quisiera pedir Rayuela de Julio Cortázar, por favor. Gracias, María",
        "Quisiera pedir también Los de abajo de Mariano Azuela porfa",
    ],
)
def test_spanish_sign_offs_and_filler_are_never_items_or_titles(text: str) -> None:
    items = _read(text).entities.items
    assert len(items) == 1
    words = (items[0].title or "").lower().split()
    assert not {"gracias", "saludos", "maría", "lucía", "también", "porfa", "favor"} & set(words)


@pytest.mark.parametrize(
    "text", ["Gracias, María", "Muchas gracias!", "¿Cómo estás?", "buenas tardes"]
)
def test_spanish_small_talk_changes_nothing(text: str) -> None:
    reading = _read(text)
    assert reading.intent == "smalltalk"
    assert reading.entities.items == ()
