"""Spanish shapes a patron writes that the reader once missed are read as a librarian reads them.

Each case is a kind of message first seen missed on the Spanish held-out set (now spent): title
words that are also date or thanks words, "Title, Author", "Title - Author", two items with their
authors, borrowing verbs, holidays, amounts refused, renewals "until", off-topic errands worded
with ILL words, and asks for another language. The examples are new ones, not the set's.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Item, Reading, understand

TODAY = date(2026, 10, 14)  # a Wednesday


def _read(text: str) -> Reading:
    return understand(text, today=TODAY)


def _book(title: str, author: str | None = None, material: str = "book") -> Item:
    return Item(title=title, author=author, material=material)


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        # a weekday, "mañana" or "gracias" inside a title stays the title's own word
        ("Necesito Domingo en la playa de Rosa Montero", "Domingo en la playa", "Rosa Montero"),
        ("me consiguen Mañana será otro día de Pedro Ruiz?", "Mañana será otro día", "Pedro Ruiz"),
        (
            "quiero pedir Gracias por el fuego de Mario Benedetti",
            "Gracias por el fuego",
            "Mario Benedetti",
        ),
        # the author set off by a comma or a dash
        (
            "Necesito Los ríos de Chile, Ana María Pérez, para el 30 de octubre",
            "Los ríos de Chile",
            "Ana María Pérez",
        ),
        ("La hojarasca - Gabriel García Márquez", "La hojarasca", "Gabriel García Márquez"),
        # "por", "del Dr.", a capital with an accent, two authors joined by "y"
        (
            "Quisiera el libro Veinte poemas de amor por Pablo Neruda",
            "Veinte poemas de amor",
            "Pablo Neruda",
        ),
        ("busco El arte de amar del Dr. Erich Fromm", "El arte de amar", "Dr. Erich Fromm"),
        (
            "necesito Hombres de maíz de Miguel Ángel Asturias",
            "Hombres de maíz",
            "Miguel Ángel Asturias",
        ),
        (
            "quiero Freakonomics de Steven Levitt y Stephen Dubner",
            "Freakonomics",
            "Steven Levitt y Stephen Dubner",
        ),
    ],
)
def test_a_spanish_title_and_its_author_are_read_apart(text: str, title: str, author: str) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert [(i.title, i.author) for i in reading.entities.items] == [(title, author)]


@pytest.mark.parametrize(
    "text",
    [
        "Quisiera tomar prestado Pedro Páramo de Juan Rulfo",
        "Buenas, me interesa Pedro Páramo de Juan Rulfo",
        "el libro se llama Pedro Páramo, el autor es Juan Rulfo",
        "quiero hacer un request del libro Pedro Páramo de Juan Rulfo",
        "¿me regala el favor de conseguirme Pedro Páramo de Juan Rulfo?",
        "Quería saber si me pueden conseguir Pedro Páramo de Juan Rulfo",
    ],
)
def test_borrowing_words_ask_for_the_book(text: str) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert reading.entities.items == (_book("Pedro Páramo", "Juan Rulfo"),)


def test_two_books_each_with_its_author_are_two_items() -> None:
    reading = _read("quisiera Aura de Carlos Fuentes y Ficciones de Borges")
    assert reading.entities.items == (
        _book("Aura", "Carlos Fuentes"),
        _book("Ficciones", "Borges"),
    )


@pytest.mark.parametrize(
    ("text", "need_by"),
    [
        ("Necesito Aura de Carlos Fuentes antes de Navidad", date(2026, 12, 25)),
        ("Me interesa Aura de Carlos Fuentes para el Día de Acción de Gracias", date(2026, 11, 26)),
        ("quiero pedir Aura de Carlos Fuentes para principios de noviembre", date(2026, 11, 1)),
        ("Quisiera Aura de Carlos Fuentes, lo necesito por el 2 de noviembre", date(2026, 11, 2)),
    ],
)
def test_holidays_and_month_parts_are_need_by_dates(text: str, need_by: date) -> None:
    reading = _read(text)
    assert reading.entities.need_by == need_by
    assert reading.entities.items == (_book("Aura", "Carlos Fuentes"),)


@pytest.mark.parametrize(
    ("text", "most"),
    [
        ("Quiero pedir Aura de Carlos Fuentes, no podemos pagar nada", 0.0),
        ("Quiero pedir Aura de Carlos Fuentes, no puedo pagar más de 7 dólares", 7.0),
        ("Necesito Aura de Carlos Fuentes, gratis nada más", 0.0),
        ("Búscame Aura de Carlos Fuentes y no me cobren más de $2", 2.0),
    ],
)
def test_what_the_patron_will_pay_is_read(text: str, most: float) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert reading.entities.max_cost == most


def test_a_renewal_until_a_date_keeps_it_as_the_date_needed() -> None:
    reading = _read("¿Se puede renovar el de Rulfo hasta el 31 de octubre?")
    assert reading.intent == "renew"
    assert reading.entities.need_by == date(2026, 10, 31)
    assert reading.entities.ref_hint == "rulfo"


def test_a_renewal_whose_due_date_is_named_keeps_it_as_the_loans_date() -> None:
    reading = _read("renew ILL-22, it's due Friday")
    assert (reading.entities.need_by, reading.entities.date) == (None, date(2026, 10, 16))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("¿Cuándo vence ILL-31?", "status"),
        ("¿ya enviaron el ILL-31?", "status"),
        ("el pedido #31 ya está listo para recoger?", "status"),
        ("Le escribo para preguntar por mi solicitud ILL-31.", "status"),
        ("elimina la solicitud 31", "cancel"),
        ("no entiendo por qué cancelaron ILL-31", "why"),
    ],
)
def test_actions_on_a_request_are_read(text: str, intent: str) -> None:
    reading = _read(text)
    assert reading.intent == intent
    assert reading.entities.refs == (31,)


def test_a_request_named_by_its_title_drops_the_spanish_small_words() -> None:
    reading = _read("cancelen mi solicitud del libro El llano en llamas, por favor")
    assert (reading.intent, reading.entities.ref_hint) == ("cancel", "llano llamas")


def test_every_request_is_named_with_all_of_them() -> None:
    reading = _read("cancelen todas mis solicitudes pendientes")
    assert (reading.intent, reading.entities.every) == ("cancel", True)


def test_a_second_wish_after_a_full_stop_is_read_too() -> None:
    reading = _read("Cancele ILL-4 por favor. También quisiera pedir Aura de Carlos Fuentes.")
    assert reading.intent == "cancel"
    assert [part.intent for part in reading.also] == ["request"]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("quiero cancelar mi reserva de la sala de estudio del lunes", "rooms"),
        ("¿Puedo reservar una computadora para hoy?", "other"),
        ("necesito una cita para ayuda con los impuestos", "other"),
        ("¿me ayudan a llenar la solicitud del pasaporte?", "other"),
        ("¿cuánto cuesta sacar copias a color?", "printing"),
        ("¿Está abierta la biblioteca el 4 de julio?", "hours"),
        ("¿cuándo son las clases de inglés?", "events"),
    ],
)
def test_errands_worded_with_loan_words_are_off_topic(text: str, topic: str) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.topic) == ("offtopic", topic)
    assert reading.entities.items == () and reading.entities.refs == ()


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("¿Por cuánto tiempo me prestan un libro?", "loan_period"),
        ("¿La biblioteca cobra por pedir libros?", "cost"),
        ("¿Puedo pedir libros que acaban de salir?", "materials"),
    ],
)
def test_questions_on_the_rules_get_their_topic(text: str, topic: str) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.topic) == ("policy", topic)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Yo no hablo inglés", "es"),
        ("My English is not good, sorry", "es"),
        ("Prefiero que me escriban en español", "es"),
        ("cambia el idioma a inglés", "en"),
    ],
)
def test_asking_for_another_language_is_a_switch(text: str, language: str) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.language) == ("language", language)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("la opción 4", "choice"),
        ("no, déjalo así, no lo canceles", "no"),
        ("no entiendo cómo pedir una película", "help"),
        ("¿me puede comunicar con una bibliotecaria?", "human"),
    ],
)
def test_short_answers_and_asks_are_read(text: str, intent: str) -> None:
    assert _read(text).intent == intent


def test_a_day_alone_answers_the_date_question() -> None:
    reading = _read("perdón, mejor para el 22")
    assert reading.intent == "unknown"
    assert reading.entities.need_by == reading.entities.date == date(2026, 10, 22)


def test_a_correction_of_the_date_is_the_date() -> None:
    reading = _read("cambia la fecha al 9 de noviembre")
    assert reading.entities.need_by == reading.entities.date == date(2026, 11, 9)


def test_a_film_for_an_occasion_on_a_day_is_needed_by_that_day() -> None:
    reading = _read("Necesito la película Shrek en DVD para la boda de mi hermana el sábado")
    assert reading.entities.items == (_book("Shrek", material="media"),)
    assert reading.entities.need_by == date(2026, 10, 17)


def test_an_issue_of_a_magazine_is_read_with_its_month_and_year() -> None:
    reading = _read("¿Me pueden conseguir el número de mayo de 2024 de la revista Proceso?")
    item = reading.entities.items[0]
    assert (item.journal, item.year, item.month, item.material) == (
        "Proceso",
        2024,
        5,
        "periodical_issue",
    )
    assert item.title is None


def test_a_request_on_the_line_after_a_greeting_is_read() -> None:
    reading = _read(
        "Estimados:\nLes escribo para solicitar el libro Arráncame la vida de Ángeles Mastretta."
    )
    assert reading.intent == "request"
    assert reading.entities.items == (_book("Arráncame la vida", "Ángeles Mastretta"),)
