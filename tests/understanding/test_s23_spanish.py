"""Spanish wordings read in session 23 (helper T-ES): each test a class of wording, not a line.

Every message is read by the rules alone (learned=False), so no test rests on a decision only
the classifier makes: it is retrained after the merge.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.reading import by_rules, titles


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        # a request named by "la número N", and a second one by "y la N"
        ("¿Ya llegó la número 4?", "status", (4,)),
        ("Cancelen la solicitud 9 y la 10, por favor, ya no las ocupo", "cancel", (9, 10)),
        # the action names the request by its number alone ("renuévame el 2")
        ("renuévame el 2 porfa", "renew", (2,)),
        ("cancela la 5 xfa", "cancel", (5,)),
    ],
)
def test_a_request_named_by_its_number_is_the_one_acted_on(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    reading = by_rules(text)
    assert reading.intent == intent
    assert reading.entities.refs == refs


@pytest.mark.parametrize(
    ("text", "need_by"),
    [
        # "pa" is "para"
        ("me consiguen Aura de Carlos Fuentes pa finales de abril?", date(2027, 4, 25)),
        # Epiphany, on its fixed day; "Acción de Gracias" is no title's author
        ("Quisiera Aura de Carlos Fuentes antes del Día de Reyes", date(2027, 1, 6)),
        # a date fronted before "necesito" is still the day it is needed by
        ("El próximo viernes necesito Rayuela de Julio Cortázar", date(2026, 12, 11)),
        # an occasion on a named day ("para el viaje del 20 de enero")
        ("Quisiera Aura de Carlos Fuentes para el viaje del 20 de enero", date(2027, 1, 20)),
    ],
)
def test_a_spanish_need_by_date_is_read(text: str, need_by: date) -> None:
    assert by_rules(text).entities.need_by == need_by


def test_a_holiday_named_alone_answers_by_when() -> None:
    reading = by_rules("para Acción de Gracias", today=date(2026, 10, 5))
    assert reading.entities.need_by == date(2026, 11, 26) == reading.entities.date


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        # a title in capitals: the "de" before a given name is the author's
        ("QUIERO PEDRO PARAMO DE JUAN RULFO POR FAVOR", "PEDRO PARAMO", "JUAN RULFO"),
        (
            "Me interesa El Coronel No Tiene Quien Le Escriba De Gabriel García Márquez",
            "El Coronel No Tiene Quien Le Escriba",
            "Gabriel García Márquez",
        ),
        # an author set off by a comma wins over a place after "de"
        ("Los ríos profundos de Apurímac, José María Arguedas", None, "José María Arguedas"),
        # a verb after the title is no title ("y quiero leerla")
        ("me pueden pedir Ficciones de Borges? quiero leerla", "Ficciones", "Borges"),
        # a wish passed on ("mi hija quiere …") is still a request for that title
        ("hola, mi hija quiere Matilda de Roald Dahl, gratis", "Matilda", "Roald Dahl"),
    ],
)
def test_the_title_and_author_are_recorded_apart(text: str, title: str | None, author: str) -> None:
    reading = by_rules(text)
    assert reading.intent == "request"
    [(read_title, read_author)] = titles(reading)
    assert read_author == author
    if title is not None:
        assert read_title == title
    else:
        assert read_title and "Arguedas" not in read_title


@pytest.mark.parametrize(
    ("text", "chapter", "pages"),
    [
        ("Quisiera los capítulos 2-3 de Pedagogía del oprimido de Paulo Freire", "2-3", None),
        ("Necesito un escaneo del capítulo 5 de Aura de Carlos Fuentes", "5", None),
        ("¿Me pueden mandar las páginas 10-24 de Aura de Carlos Fuentes?", None, "10-24"),
    ],
)
def test_a_chapter_or_pages_asked_for_are_a_scan(
    text: str, chapter: str | None, pages: str | None
) -> None:
    [item] = by_rules(text).entities.items
    assert (item.material, item.chapter, item.pages) == ("chapter", chapter, pages)


@pytest.mark.parametrize(
    "text",
    [
        "Solicito Aura de Carlos Fuentes, gratis por favor",
        "¿Me consiguen Aura de Carlos Fuentes sin costo?",
    ],
)
def test_free_beside_a_request_is_a_maximum_of_nothing(text: str) -> None:
    reading = by_rules(text)
    assert reading.intent == "request" and not reading.also
    assert reading.entities.max_cost == 0.0


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # the library's own rooms, fax and computers: no need-by date, nothing requested
        ("¿Puedo reservar una sala de estudio para el jueves?", "rooms"),
        ("Quisiera mandar un fax mañana temprano, ¿se puede?", "printing"),
        ("¿Puedo usar una computadora el sábado?", "other"),
        ("¿Están abiertos el 31 de diciembre?", "hours"),
        ("¿Tienen en la biblioteca Pedro Páramo? Me gustaría apartarlo", "catalog"),
    ],
)
def test_a_question_on_the_library_itself_is_no_request(text: str, topic: str) -> None:
    reading = by_rules(text)
    assert reading.intent == "offtopic"
    assert reading.entities.topic == topic
    assert not reading.entities.items and reading.entities.need_by is None
    assert reading.entities.date is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("pues no sé", "unknown"),
        ("nel", "no"),
        ("¿Cuál es tu nombre?", "smalltalk"),
        ("¿tengo algún pedido pendiente?", "status"),
        ("¿Qué puedo hacer en este chat?", "help"),
    ],
)
def test_short_spanish_turns_get_their_intent(text: str, intent: str) -> None:
    reading = by_rules(text)
    assert reading.intent == intent
    assert not reading.entities.items


@pytest.mark.parametrize(
    ("text", "language"),
    [("háblame en inglés por favor", "en"), ("Mejor escríbame en español, quiero aprender", "es")],
)
def test_a_wish_for_a_language_switches_it(text: str, language: str) -> None:
    reading = by_rules(text)
    assert reading.intent == "language" and reading.entities.language == language


@pytest.mark.parametrize(
    "text",
    [
        "Mi nieto tiene 9 años, ¿puede pedir libros de otras bibliotecas?",
        "Vivo en Kansas City, ¿puedo usar el servicio?",
    ],
)
def test_who_may_use_the_service_is_a_rule_question(text: str) -> None:
    reading = by_rules(text)
    assert reading.intent == "policy" and reading.entities.topic == "eligibility"


def test_x_fa_closes_the_author_name() -> None:
    reading = by_rules("Pídanme Aura de Carlos Fuentes x fa, hasta 3 dólares")
    assert titles(reading) == [("Aura", "Carlos Fuentes")]
    assert reading.entities.max_cost == 3.0


def test_a_month_naming_a_title_stays_in_the_request_named() -> None:
    reading = by_rules("Ya no necesito mi pedido de Noviembre de Ana Pérez, cancélenlo")
    assert reading.intent == "cancel"
    assert reading.entities.ref_hint == "noviembre ana pérez"


@pytest.mark.parametrize(
    ("text", "max_cost", "need_by"),
    [
        ("Que sea hasta 8 dólares mejor", 8.0, None),
        ("que sea gratis", 0.0, None),
        ("mejor que sea para el viernes", None, date(2026, 12, 4)),
    ],
)
def test_que_sea_corrects_a_value_and_names_no_title(
    text: str, max_cost: float | None, need_by: date | None
) -> None:
    reading = by_rules(text)
    assert reading.intent == "unknown" and not reading.entities.items
    assert reading.entities.max_cost == max_cost
    assert reading.entities.need_by == need_by
