"""Spanish wordings read in session 21 (helper TS21): each test a class of wording, not a line."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Reading, understand
from tests.support.reading import titles

TODAY = date(2026, 12, 2)  # a Wednesday


def _read(text: str) -> Reading:
    return understand(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        # an everyday word opening a title before its author's full name
        (
            "Cinco esquinas de Mario Vargas Llosa, antes del 10 de enero",
            "Cinco esquinas",
            "Mario Vargas Llosa",
        ),
        (
            "Siete casas vacías de Samanta Schweblin por favor",
            "Siete casas vacías",
            "Samanta Schweblin",
        ),
        # the author named first: "la novela de NAME TITLE", "el de NAME TITLE", "De NAME, TITLE"
        (
            "busco la novela de Juan Gabriel Vásquez El ruido de las cosas al caer",
            "El ruido de las cosas al caer",
            "Juan Gabriel Vásquez",
        ),
        ("me consigues el de Rosa Montero Instrucciones para salvar el mundo?", None, None),
        (
            "De Elena Garro, Los recuerdos del porvenir, gracias",
            "Los recuerdos del porvenir",
            "Elena Garro",
        ),
        # a command word inside a title after a request verb
        (
            "¿Me pueden conseguir Dime quién soy de Julia Navarro?",
            "Dime quién soy",
            "Julia Navarro",
        ),
    ],
)
def test_title_and_author_apart(text: str, title: str | None, author: str | None) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    if title is None:  # the split is not sure enough ("Rosa Montero Instrucciones"): no invention
        assert all(item.title is None or item.title in text for item in reading.entities.items)
        return
    assert titles(reading) == [(title, author)]


def test_the_same_author_is_the_one_named_before() -> None:
    reading = _read("Quiero Nada de Carmen Laforet y también La isla de la misma autora")
    assert titles(reading) == [("Nada", "Carmen Laforet"), ("La isla", "Carmen Laforet")]


def test_large_print_is_kept_as_the_patron_wrote_it() -> None:
    reading = _read("Necesito Los ojos del perro siberiano de Antonio Santa Ana en letra grande")
    assert [item.edition for item in reading.entities.items] == ["letra grande"]
    edition_first = _read("la edición en letra grande de La tregua de Mario Benedetti")
    assert titles(edition_first) == [("La tregua", "Mario Benedetti")]
    assert edition_first.entities.items[0].edition == "letra grande"


def test_citation_authors_keep_their_y() -> None:
    reading = _read(
        "Busco: Ortiz, C. y Luna, D. (2020). Lectura en familias bilingües. Revista Lectura y "
        "Vida, 12(3), 55-70."
    )
    item = reading.entities.items[0]
    assert item.authors == "Ortiz, C. y Luna, D."
    assert item.author == "Ortiz, C."


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("¿Me sale algo pedir un libro de otra biblioteca? ¿Cuesta algo?", "cost"),
        ("¿Lo tendré antes de Año Nuevo si lo solicito ahora?", "delivery_time"),
        ("¿Cuántos días me lo apartan cuando llegue?", "pickup"),
        ("¿Qué pasa si se me vence el plazo del préstamo?", "overdue"),
        ("¿Cuánto tiempo me dan para usar el libro?", "loan_period"),
        ("¿Se puede solicitar una novela que acaba de salir?", "materials"),
    ],
)
def test_rules_questions(text: str, topic: str) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.topic) == ("policy", topic)
    assert reading.entities.need_by is None  # a date in a question about the rules is no need-by


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("¿Hay El túnel aquí en la biblioteca? Paso a recogerlo mañana", "catalog"),
        ("tengo una multa de 4 dólares por un libro de aquí, ¿dónde la pago?", "fines_local"),
        ("quisiera mandar unos papeles por fax", "printing"),
    ],
)
def test_local_library_is_off_topic(text: str, topic: str) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.topic) == ("offtopic", topic)
    assert not reading.entities.items and reading.entities.max_cost is None


def test_two_actions_in_usted_commands() -> None:
    reading = _read("Cancelen el #5 y pidan El llano en llamas de Juan Rulfo")
    assert (reading.intent, reading.entities.refs) == ("cancel", (5,))
    assert [part.intent for part in reading.also] == ["request"]
    renew = _read("Renueven el #2 y avísenme cómo va el #6")
    assert [part.intent for part in renew.also] == ["status"]
    assert renew.also[0].entities.refs == (6,)


@pytest.mark.parametrize(
    ("text", "need_by"),
    [
        ("Ficciones de Jorge Luis Borges antes del Día de los Caídos", "2027-05-31"),
        ("Pedro Páramo de Juan Rulfo para finales de marzo", "2027-03-25"),
        ("Necesito Rayuela de Julio Cortázar para el examen de mi hijo el viernes", "2026-12-04"),
        ("Cien años de soledad para el 9 de enero", "2027-01-09"),
    ],
)
def test_need_by_dates(text: str, need_by: str) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert reading.entities.need_by == date.fromisoformat(need_by)
    assert reading.entities.items and reading.entities.items[0].title


def test_a_title_with_its_terms_alone_is_a_request() -> None:
    reading = _read("El amor en los tiempos del cólera en audiolibro, gratis")
    assert reading.intent == "request"
    assert [(i.title, i.material) for i in reading.entities.items] == [
        ("El amor en los tiempos del cólera", "audiobook")
    ]
    assert reading.entities.max_cost == 0.0


@pytest.mark.parametrize(
    ("text", "material", "edition"),
    [
        ("mejor en audiolibro", "audiobook", None),
        ("no, en letra grande mejor", "book", "letra grande"),
    ],
)
def test_a_change_of_form(text: str, material: str, edition: str | None) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert [(i.material, i.edition) for i in reading.entities.items] == [(material, edition)]


def test_i_meant_another_title() -> None:
    reading = _read("quise decir Aura, no Terra Nostra")
    assert reading.intent == "request"
    assert [i.title for i in reading.entities.items] == ["Aura"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("dejémoslo así", "no"),
        ("número 2", "choice"),
        ("no sé cómo solicitar un libro", "help"),
        ("ya no quiero el DVD de Coco", "cancel"),
    ],
)
def test_short_answers_and_asks(text: str, intent: str) -> None:
    assert _read(text).intent == intent


def test_formal_asks() -> None:
    reading = _read(
        "Estimados:\nLes ruego renovar mi préstamo de Pedro Páramo.\nAtentamente,\nSr. Ruiz"
    )
    assert reading.intent == "renew"
    get = _read("Les agradecería que me consiguieran Los de abajo de Mariano Azuela.")
    assert get.intent == "request"
    assert titles(get) == [("Los de abajo", "Mariano Azuela")]


def test_a_numbered_book_of_a_series_is_its_volume() -> None:
    reading = _read("Mi nieta quiere Las crónicas de Narnia de C. S. Lewis, el tomo 2")
    assert [(i.title, i.volume) for i in reading.entities.items] == [
        ("Las crónicas de Narnia", "2")
    ]
    renew = _read("renueven el 4, el número 7 también")
    assert all(item.volume is None for item in renew.entities.items)


def test_spanglish_order_of_a_title() -> None:
    reading = _read("¿me puedes hacer un request de Pedro Páramo? gratis nomás")
    assert reading.intent == "request"
    assert [i.title for i in reading.entities.items] == ["Pedro Páramo"]
    assert "de" not in [i.author for i in reading.entities.items]


@pytest.mark.parametrize(
    ("text", "intent", "topic"),
    [
        ("no entiendo cómo funciona este chat", "help", None),
        ("se me olvidó la contraseña", "offtopic", "account"),
        ("¿se puede estacionar en la calle de enfrente?", "offtopic", "parking"),
        ("¿cómo pago mis multas de aquí?", "offtopic", "fines_local"),
    ],
)
def test_help_and_library_questions(text: str, intent: str, topic: str | None) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.topic) == (intent, topic)


def test_the_pages_of_a_part_to_scan() -> None:
    reading = _read("Necesito escanear el prólogo, pp. 5-12, de Rayuela de Julio Cortázar")
    assert [(i.title, i.author, i.pages, i.material) for i in reading.entities.items] == [
        ("Rayuela", "Julio Cortázar", "5-12", "chapter")
    ]


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Y también ISBN 9780060883287, gratis", (None, None, "9780060883287")),
        ("Y también Rayuela de Julio Cortázar, gratis", ("Rayuela", "Julio Cortázar", None)),
        ("Además Aura de Carlos Fuentes", ("Aura", "Carlos Fuentes", None)),
        (
            "Y tu mamá también de Alfonso Cuarón en DVD",
            ("Y tu mamá también", "Alfonso Cuarón", None),
        ),
    ],
)
def test_a_second_wish_opening_with_y_tambien_is_no_title(text: str, item: tuple) -> None:
    """ "Y también ISBN …" was recorded with the title "Y"; a title may still start with "Y"."""
    reading = _read(text)
    assert reading.intent == "request"
    assert [(i.title, i.author, i.isbn) for i in reading.entities.items] == [item]
