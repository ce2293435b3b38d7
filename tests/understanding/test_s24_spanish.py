"""Spanish wordings read in session 24 (helper T-ES): each test a class of wording, not a line.

Every message is new (none is taken from a labelled set) and is read by the rules alone
(learned=False), so no test rests on a decision only the classifier makes: it is retrained after
the merge. Each asserts what a patron would notice: the action taken, the rule answered, the
title and author recorded, the date and the price.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand.spanish_rewrite import needed_words, rules
from tests.support.reading import by_rules, titles


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("¿Cuántos artículos puedo solicitar al mes?", "limit"),
        ("¿Cuántos días me dejan quedarme con un DVD?", "loan_period"),
        ("¿cuándo hay que devolver los libros?", "loan_period"),
        ("¿Qué sucede si entrego la novela con retraso?", "overdue"),
        ("¿Qué pasa si no voy por el libro a tiempo?", "pickup"),
        ("¿Puedo usar el servicio si no vivo en el condado?", "eligibility"),
        ("Soy maestra jubilada, ¿puedo usar el servicio?", "eligibility"),
        ("¿Se puede renovar un préstamo?", "renewal"),
        ("Buenas, ¿se puede pedir algo que ya tienen en la biblioteca?", "materials"),
    ],
)
def test_a_question_about_loans_in_general_is_answered_from_the_rules(
    text: str, topic: str
) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.topic) == ("policy", topic)
    assert not reading.entities.items and reading.entities.need_by is None


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Quiero quitarme la multa de $4 que tengo aquí", "fines_local"),
        ("Me gustaría apuntarme al taller de computación del jueves", "events"),
        ("¿Cómo renuevo mi credencial de la biblioteca?", "account"),
    ],
)
def test_a_local_matter_said_with_an_ill_verb_changes_nothing(text: str, topic: str) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.topic) == ("offtopic", topic)
    assert reading.entities.max_cost is None and reading.entities.date is None


@pytest.mark.parametrize(
    "text",
    [
        "¿Cómo hago un pedido de un libro?",
        "¿qué debo escribirle para cancelar un pedido?",
        "¿cuáles comandos puedo usar?",
        "no sé cómo se usa, ¿me pueden explicar cómo funciona?",
    ],
)
def test_a_question_on_how_to_use_the_bot_gets_help(text: str) -> None:
    assert by_rules(text).intent == "help"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("¿me podrían decir si ya llegó el audiolibro de Allende que pedí?", "allende"),
        ("¿Siguen pendientes mis pedidos de Neruda?", "neruda"),
        ("y el DVD de Almodóvar, todavía nada?", "almodóvar"),
        ("¿cómo va el artículo de Putnam que pedí?", "putnam"),
        ("Solicité un artículo hace dos semanas y no he recibido ninguna respuesta", None),
        ("¿para cuándo hay que devolverlo?", None),
    ],
)
def test_a_question_after_a_request_asks_its_status(text: str, hint: str | None) -> None:
    reading = by_rules(text)
    assert reading.intent == "status"
    assert reading.entities.ref_hint == hint


def test_the_last_request_is_named_by_its_place() -> None:
    reading = by_rules("¿Hay noticias del último que solicité?")
    assert (reading.intent, reading.entities.ordinal, reading.entities.ref_hint) == (
        "status",
        -1,
        None,
    )


@pytest.mark.parametrize(
    ("text", "hint", "until"),
    [
        ("¿Me puedo quedar con Aura hasta el viernes?", "aura", date(2026, 12, 4)),
        (
            "¿Me alargan el plazo de Ficciones hasta el 20 de diciembre?",
            "ficciones",
            date(2026, 12, 20),
        ),
    ],
)
def test_keeping_a_loan_longer_is_a_renewal(text: str, hint: str, until: date) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.ref_hint, reading.entities.need_by) == (
        "renew",
        hint,
        until,
    )
    assert not reading.entities.items


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("simón, está bien", "yes"),
        ("acepto el cargo, no hay problema", "yes"),
        ("qué chido este servicio", "smalltalk"),
        ("¿y eso por qué? si ya pagué", "why"),
        ("mejor cancélalo", "cancel"),
        ("¿hay alguna persona por ahí?", "human"),
    ],
)
def test_a_short_reply_is_read_as_what_it_says(text: str, intent: str) -> None:
    assert by_rules(text).intent == intent


def test_going_on_in_another_language_switches_it() -> None:
    reading = by_rules("ya puedes seguir en español")
    assert (reading.intent, reading.entities.language) == ("language", "es")


def test_a_request_made_large_print_by_its_number() -> None:
    reading = by_rules("que la ILL-3 sea en letra grande")
    assert (reading.intent, reading.entities.refs) == ("request", (3,))
    assert [item.edition for item in reading.entities.items] == ["letra grande"]


@pytest.mark.parametrize(
    "text",
    [
        "Aura de Carlos Fuentes, gratis, y para el 5 de enero",
        "Quiero Aura de Carlos Fuentes. Gratis de preferencia.",
        "quiero para mi familia Los pasos perdidos de Alejo Carpentier, sin costo",
        "Can you get me Pachinko by Min Jin Lee? gratis porfa",
    ],
)
def test_gratis_anywhere_in_a_request_is_a_price_of_nothing(text: str) -> None:
    reading = by_rules(text)
    assert reading.intent == "request"
    assert reading.entities.max_cost == 0.0


def test_an_amount_in_spanish_money_words_alone() -> None:
    assert by_rules("3 dlls").entities.max_cost == 3.0


@pytest.mark.parametrize(
    ("text", "need_by"),
    [
        ("Quiero Aura de Carlos Fuentes, la quiero pa Navidad", date(2026, 12, 25)),
        (
            "Necesito Aura de Carlos Fuentes para la tarea de mi nieta el próximo martes",
            date(2026, 12, 8),
        ),
        (
            "Necesito Braiding Sweetgrass de Robin Wall Kimmerer for my class, para el 15 de enero",
            date(2027, 1, 15),
        ),
    ],
)
def test_the_day_a_request_is_wanted_for_is_its_need_by(text: str, need_by: date) -> None:
    reading = by_rules(text)
    assert reading.entities.need_by == need_by
    assert reading.entities.items


def test_a_day_first_date_alone_answers_by_when() -> None:
    reading = by_rules("el 9/1")
    assert reading.entities.need_by == reading.entities.date == date(2027, 1, 9)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # a title's own cue words: "también" closing a "Y …" title, a plural weekday
        ("me gustaría ver Y tu mamá también, la película", [("Y tu mamá también", None)]),
        ("Quiero la película Los lunes al sol, en DVD", [("Los lunes al sol", None)]),
        # the author named first, with no comma
        ("Juan Rulfo El llano en llamas, porfa", [("El llano en llamas", "Juan Rulfo")]),
        (
            "de Laura Esquivel necesito Como agua para chocolate",
            [("Como agua para chocolate", "Laura Esquivel")],
        ),
        # a guessed author, who the book is for, an English "and" inside the title
        (
            "hay una novela que se llama La tregua, creo que es de Mario Benedetti",
            [("La tregua", "Mario Benedetti")],
        ),
        (
            "quiero para mi nieto Platero y yo, de Juan Ramón Jiménez",
            [("Platero y yo", "Juan Ramón Jiménez")],
        ),
        (
            "Necesito el capítulo 4 de Pride and Prejudice de Jane Austen",
            [("Pride and Prejudice", "Jane Austen")],
        ),
        # a shouted title whose author's given name is no common one
        (
            "QUISIERA EL LIBRO EL NOMBRE DE LA ROSA DE UMBERTO ECO",
            [("EL NOMBRE DE LA ROSA", "UMBERTO ECO")],
        ),
        # a title corrected in the same message: only the second is wanted
        (
            "¿me consiguen La ciudad y los gatos? perdón, La ciudad y los perros "
            "de Mario Vargas Llosa",
            [("La ciudad y los perros", "Mario Vargas Llosa")],
        ),
        # "del mismo autor" after a second title: the author named first
        (
            "Quisiera Aura de Carlos Fuentes y también el audiolibro de Terra nostra "
            "del mismo autor",
            [("Aura", "Carlos Fuentes"), ("Terra nostra", "Carlos Fuentes")],
        ),
        # a group's need, with whose group it is
        (
            "nuestro grupo de lectura necesita 8 ejemplares de Aura de Carlos Fuentes",
            [("Aura", "Carlos Fuentes")],
        ),
    ],
)
def test_a_title_and_its_author_are_read_whole(
    text: str, named: list[tuple[str | None, str | None]]
) -> None:
    reading = by_rules(text)
    assert reading.intent == "request"
    assert titles(reading) == named


def test_a_narrator_is_no_author() -> None:
    reading = by_rules("Quisiera Rayuela en audiolibro, la versión narrada por Pedro Pérez")
    assert titles(reading) == [("Rayuela", None)]
    assert [item.material for item in reading.entities.items] == ["audiobook"]


def test_pages_written_pags_without_a_dot() -> None:
    reading = by_rules("Necesito el capítulo 3 de Aura de Carlos Fuentes, pags 12-30")
    assert [item.pages for item in reading.entities.items] == ["12-30"]


def test_two_numbered_requests_are_both_cancelled() -> None:
    assert by_rules("cancela la 7 y la 8").entities.refs == (7, 8)


def test_a_request_and_a_renewal_of_everything() -> None:
    reading = by_rules("Pide Aura de Carlos Fuentes y renueva todos los que tengo")
    assert reading.intent == "request" and titles(reading) == [("Aura", "Carlos Fuentes")]
    assert [(part.intent, part.entities.every) for part in reading.also] == [("renew", True)]


def test_nothing_is_read_from_a_quoted_notice_under_a_reply() -> None:
    reading = by_rules(
        "Por favor renuévelo, aún no lo termino.\n\nEl jue, 3 dic 2026 a las 10:15, Biblioteca "
        "<ill@x.example> escribió:\n> Su préstamo vence el 10 de diciembre."
    )
    assert reading.intent == "renew"
    assert reading.entities.date is None and reading.entities.refs == ()


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"\bsaludos?(?:\s+cordiales)?\b|\batentamente\b", ("saludo", "atentamente")),
        (r"\b(?:me\s+)?(?:puedo|se\s+puede)\s+renovar", ("puedo", "se")),
        (r"\bultim[oa]\s", ("ultim",)),
        (r"(\d+)\s+dlls", None),
        (r"^\s*el\s+", None),
    ],
)
def test_a_rule_is_tried_only_when_a_word_it_needs_is_there(
    pattern: str, words: tuple[str, ...] | None
) -> None:
    assert needed_words(pattern) == words
    ((_pattern, _replacement, _probe, needed),) = rules([(pattern, "x")])
    assert needed == words
