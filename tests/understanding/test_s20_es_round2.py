"""Spanish wordings fixed in session 20's second round: each a class of a patron's wording."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Item, Reading, understand

TODAY = date(2026, 12, 2)  # a Wednesday

_ACTIONS = ("request", "renew", "cancel", "status")


def _read(text: str) -> Reading:
    return understand(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        (
            "¿me pueden pedir Tinísima de Elena Poniatowska? es para mi mamá que no maneja",
            "Tinísima",
            "Elena Poniatowska",
        ),
        (
            "Quiero Huasipungo de Jorge Icaza, es para leer con mis nietos en la tarde",
            "Huasipungo",
            "Jorge Icaza",
        ),
        (
            "¿Pueden traer Rayuela de Julio Cortázar de otra biblioteca?",
            "Rayuela",
            "Julio Cortázar",
        ),
        (
            "¿Me podrían ayudar a conseguir Aura de Carlos Fuentes? Saludos",
            "Aura",
            "Carlos Fuentes",
        ),
        (
            "Les agradecería que me consiguieran Ficciones de Jorge Luis Borges",
            "Ficciones",
            "Jorge Luis Borges",
        ),
        (
            "el título es Señora de rojo sobre fondo gris y el autor es Miguel Delibes",
            "Señora de rojo sobre fondo gris",
            "Miguel Delibes",
        ),
        (
            "Rosario Castellanos, Oficio de tinieblas. Gracias.",
            "Oficio de tinieblas",
            "Rosario Castellanos",
        ),
        ("me gustaría el de julio cortazar, bestiario", "bestiario", "julio cortazar"),
    ],
)
def test_the_frame_around_a_request_never_joins_its_title(
    text: str, title: str, author: str
) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert [(i.title, i.author) for i in reading.entities.items] == [(title, author)]


@pytest.mark.parametrize(
    "text",
    [
        "busco algo de Rosa Montero, lo que sea",
        "quiero el libro de un documental que vi, no me acuerdo cómo se llama",
        "ando buscando algo de cocina peruana",
    ],
)
def test_a_request_naming_no_title_reads_no_item(text: str) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert reading.entities.items == ()


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("¿me consiguen cualquier cosa de Rubén Darío?", "Rubén Darío"),
        ("quiero leer el libro ese de Laura Restrepo nuevo, cualquiera q tengan", "Laura Restrepo"),
    ],
)
def test_any_book_by_an_author_is_that_author_alone(text: str, author: str) -> None:
    """As in English (CONVENTIONS, 2026-12-04): one item holding the author, confirmed first."""
    reading = _read(text)
    assert reading.intent == "request"
    assert [(i.title, i.author) for i in reading.entities.items] == [(None, author)]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("quiero cancelar la clase de yoga del jueves", "events"),
        ("reservar la computadora 3 por favor", "other"),
        ("¿Me pueden reservar la sala de estudio del tercer piso?", "rooms"),
        ("quisiera apartar el pase para el museo", "other"),
        ("¿se puede imprimir un documento aquí?", "printing"),
        ("perdí mi tarjeta, ¿cómo saco otra?", "account"),
        ("¿Puedo pagar la multa de mis libros atrasados en línea?", "fines_local"),
        ("¿me apartan un libro de aquí de la biblioteca?", "catalog"),
    ],
)
def test_library_verbs_about_other_things_are_off_topic_and_change_nothing(
    text: str, topic: str
) -> None:
    reading = _read(text)
    assert reading.intent == "offtopic"
    assert reading.entities.topic == topic
    assert reading.entities.items == () and reading.entities.need_by is None


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        (
            "quiero leer la casa en mango street de sandra cisneros",
            "la casa en mango street",
            "sandra cisneros",
        ),
        (
            "El libro se llama la invencion de morel, de adolfo bioy casares",
            "la invencion de morel",
            "adolfo bioy casares",
        ),
        ("tendran el tunel de ernesto sabato?", "el tunel", "ernesto sabato"),
        (
            "kiero el de Harry Potter y la cámara secreta pero en español",
            "Harry Potter y la cámara secreta",
            None,
        ),
    ],
)
def test_lower_case_titles_keep_their_words(text: str, title: str, author: str | None) -> None:
    reading = _read(text)
    assert reading.intent == "request"
    assert [(i.title, i.author) for i in reading.entities.items] == [(title, author)]


def test_a_spanish_citation_gives_its_first_author_issue_and_chapter() -> None:
    article = _read(
        "Soto, L. y Paz, R. (2019). El agua en Lima. Revista Andina, 31(2), 10-30."
    ).entities.items[0]
    assert (article.author, article.journal, article.issue) == ("Soto, L.", "Revista Andina", "2")
    mla = _read(
        'Vidal, Ana. "La sierra." Cuadernos del Sur, vol. 8, núm. 2, 2012, pp. 5-19.'
    ).entities.items[0]
    assert (mla.volume, mla.issue, mla.pages) == ("8", "2", "5-19")
    issue = _read("Busco la revista Letras Libres, número de mayo de 2024").entities.items
    assert issue == (
        Item(journal="Letras Libres", year=2024, month=5, material="periodical_issue"),
    )


@pytest.mark.parametrize(
    ("text", "intent", "hint", "every"),
    [
        ("¿me da más tiempo con el de Rulfo?", "renew", "rulfo", False),
        ("¿me pueden alargar el préstamo?", "renew", None, False),
        ("no he terminado de leer el de Allende, me lo alargan?", "renew", "allende", False),
        ("alargame todos xfa", "renew", None, True),
        ("cancelen todo lo que pedí", "cancel", None, True),
        ("ya lo compré, ya no ocupo Rayuela", "cancel", "rayuela", False),
        ("¿Ya puedo pasar a recoger Rayuela?", "status", "rayuela", False),
    ],
)
def test_renew_cancel_and_status_in_everyday_words(
    text: str, intent: str, hint: str | None, every: bool
) -> None:
    reading = _read(text)
    assert reading.intent == intent
    assert reading.entities.ref_hint == hint
    assert reading.entities.every is every


@pytest.mark.parametrize(
    ("text", "intent"),
    [("correcto", "yes"), ("ándale", "yes"), ("ninguno", "unknown"), ("¿y eso por qué?", "why")],
)
def test_answers_to_the_bots_questions(text: str, intent: str) -> None:
    reading = _read(text)
    assert reading.intent == intent
    assert reading.entities.items == ()
    assert intent not in _ACTIONS


def test_the_nth_one_is_fine_is_a_choice() -> None:
    assert _read("la segunda está bien").entities.choice == 2
