"""Spanish wordings read in session 25 (helper T-ES): each test a class of wording, not a line.

Every message is new (none is taken from a labelled set) and is read by the rules alone
(learned=False), so no test rests on a decision only the classifier makes. Each asserts what a
patron would notice: the action taken (or not taken), the rule answered, the titles and authors
recorded.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.reading import by_rules, titles


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("¿Van a estar abiertos el 4 de julio?", "hours"),
        (
            "Buenas tardes:\n\n¿Va a estar abierta la biblioteca el lunes festivo?\n\nGracias",
            "hours",
        ),
        ("Quisiera reservar la sala comunitaria para una junta de vecinos el 3 de mayo.", "rooms"),
        ("¿Puedo pedir el salón grande para una fiesta del club el sábado?", "rooms"),
    ],
)
def test_a_local_matter_with_a_date_is_off_topic_and_no_date_is_kept(text: str, topic: str) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.topic) == ("offtopic", topic)
    assert reading.entities.date is None and reading.entities.need_by is None
    assert not reading.entities.items


@pytest.mark.parametrize(
    "text",
    [
        "Hola:\n\nSolo quería agradecerles, mi papá ya recibió su libro.\n\nSaludos,\nAna",
        "queremos darles las gracias por todo",
    ],
)
def test_thanks_said_with_a_wish_verb_records_nothing(text: str) -> None:
    reading = by_rules(text)
    assert reading.intent == "smalltalk" and not reading.entities.items


@pytest.mark.parametrize("text", ["olvídalo", "olvidenlo"])
def test_forget_it_alone_cancels_and_is_no_title(text: str) -> None:
    reading = by_rules(text)
    assert reading.intent == "cancel" and not reading.entities.items


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("¿Se puede renovar un libro de otra biblioteca?", "renewal"),
        ("se pueden renovar los artículos q llegan de otras bibliotecas?", "renewal"),
        ("oigan como funciona la renovación? se pide antes?", "renewal"),
        ("Si solicito un libro mañana, ¿llegaría antes de fin de mes?", "delivery_time"),
        ("¿Cómo me avisan si ya está listo un pedido?", "pickup"),
        ("y si no la recojo en la semana q pasa?", "pickup"),
        ("Aún no tengo credencial. ¿Puedo pedir libros de todos modos?", "eligibility"),
        ("¿Se pueden pedir periódicos completos?", "materials"),
        ("¿Cuántas solicitudes salen gratis al año?", "cost"),
        ("Siempre ocupo varios libros para mi grupo, ¿hay algún límite?", "limit"),
    ],
)
def test_a_question_on_the_rules_is_answered_from_them(text: str, topic: str) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.topic) == ("policy", topic)
    assert not reading.entities.items and not reading.also


def test_an_issue_of_a_magazine_is_the_magazine_with_its_number() -> None:
    reading = by_rules("Necesito el número 87 completo de la revista Proceso para una clase.")
    (item,) = reading.entities.items
    assert (item.journal, item.issue, item.material) == ("Proceso", "87", "periodical_issue")
    assert not reading.entities.refs
    (latest,) = by_rules("necesito el último número de Arquitectura Viva").entities.items
    assert (latest.journal, latest.material) == ("Arquitectura Viva", "periodical_issue")


@pytest.mark.parametrize(
    "text",
    [
        "Hola, busco algún libro sobre la historia de Chile para mi hija.",
        "Mi maestra me habló de un artículo y quisiera leerlo. El PMID es 29234567.",
    ],
)
def test_words_around_a_wish_are_never_a_title(text: str) -> None:
    reading = by_rules(text)
    assert all(item.title is None for item in reading.entities.items)


def test_a_form_only_correction_said_hazlo_names_the_form() -> None:
    reading = by_rules("mejor hazlo audiolibro")
    assert reading.intent == "request"
    assert [(item.title, item.material) for item in reading.entities.items] == [(None, "audiobook")]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("ya llegó el de gabriela mistral??", "gabriela mistral"),
        ("¿dónde anda mi pedido de La tregua?", "tregua"),
    ],
)
def test_asking_after_a_request_named_by_its_author_or_title_is_its_status(
    text: str, hint: str
) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.ref_hint) == ("status", hint)


def test_a_request_still_in_process_is_asked_after() -> None:
    reading = by_rules("el ILL-12 sigue en trámite?")
    assert (reading.intent, reading.entities.refs) == ("status", (12,))


def test_a_need_before_classes_start_after_a_status_question_records_nothing() -> None:
    reading = by_rules(
        "¿Alguna novedad con ILL-8 e ILL-9? Los necesito antes de que empiece el curso."
    )
    assert (reading.intent, reading.entities.refs) == ("status", (8, 9))
    assert not reading.also and reading.entities.need_by is None


def test_a_week_more_with_a_loan_is_a_renewal() -> None:
    reading = by_rules("¿Me podrían dar unos días más con El túnel?")
    assert (reading.intent, reading.entities.ref_hint) == ("renew", "túnel")


def test_a_cancel_and_a_spanglish_request_are_both_done() -> None:
    reading = by_rules("@illbot cancel ILL-3, y hazme request de Canción dulce de Leila Slimani")
    assert (reading.intent, reading.entities.refs) == ("cancel", (3,))
    assert [(part.intent, titles(part)) for part in reading.also] == [
        ("request", [("Canción dulce", "Leila Slimani")])
    ]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("en dónde me estaciono?", "parking"),
        ("¿Cómo puedo saber si un libro está en la biblioteca?", "catalog"),
        ("¿me ayudan a llenar la solicitud de residencia?", "other"),
        ("donde cambio mi nip", "account"),
    ],
)
def test_everyday_questions_are_off_topic(text: str, topic: str) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.topic) == ("offtopic", topic)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("¿qué es el préstamo interbibliotecario?", "help"),
        ("como le hago para renovar", "help"),
        ("q bueno q se puedan pedir dvds", "smalltalk"),
    ],
)
def test_questions_about_the_service_and_remarks(text: str, intent: str) -> None:
    assert by_rules(text).intent == intent


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿Podemos escribir en español?", "es"),
        ("english please, es para mi amiga", "en"),
    ],
)
def test_a_wish_for_a_language_switches_it(text: str, language: str) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.language) == ("language", language)


def test_a_spanglish_day_of_the_month_is_the_need_by_date() -> None:
    reading = by_rules("@illbot necesito Temporada de huracanes de Fernanda Melchor, by el 20")
    assert reading.intent == "request"
    assert reading.entities.need_by == date(2026, 12, 20)
    assert titles(reading) == [("Temporada de huracanes", "Fernanda Melchor")]


def test_a_holiday_opening_a_title_stays_in_it() -> None:
    reading = by_rules(
        "Quisiera pedir 3 ejemplares de Navidad en el barrio de Ana López. "
        "Los necesito antes de Navidad."
    )
    assert titles(reading) == [("Navidad en el barrio", "Ana López")]
    assert reading.entities.need_by == date(2026, 12, 25) and reading.entities.copies == 3


def test_the_journal_and_year_an_article_was_published_in_are_read() -> None:
    reading = by_rules(
        "Necesito el artículo Deep learning, publicado en Nature en 2015 "
        "(doi: 10.1038/nature14539)."
    )
    (item,) = reading.entities.items
    assert (item.title, item.journal, item.year) == ("Deep learning", "Nature", 2015)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("@illbot checa el status de la última solicitud", "status"),
        ("Cancelen lo último que pedí, por favor", "cancel"),
    ],
)
def test_the_last_request_is_named_by_its_place(text: str, intent: str) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.ordinal, reading.entities.ref_hint) == (
        intent,
        -1,
        None,
    )


@pytest.mark.parametrize("text", ["renuévame los 2 porfa", "Quisiera renovar mis dos préstamos."])
def test_both_loans_are_renewed(text: str) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.every) == ("renew", True)


def test_a_loan_due_tomorrow_is_its_date_and_not_its_name() -> None:
    reading = by_rules("renueva el de la casa verde porfa, vence mañana")
    assert (reading.intent, reading.entities.ref_hint) == ("renew", "casa verde")
    assert reading.entities.date == date(2026, 12, 3) and reading.entities.need_by is None


def test_the_day_a_renewal_is_wanted_until_is_its_need_by() -> None:
    reading = by_rules("se puede renovar el ill 12? lo ocupo hasta el 18")
    assert (reading.intent, reading.entities.refs) == ("renew", (12,))
    assert reading.entities.need_by == date(2026, 12, 18)


def test_a_bought_book_named_before_cancel_is_the_request_cancelled() -> None:
    reading = by_rules("Ya compré el libro Rayuela, así que pueden cancelar mi solicitud.")
    assert (reading.intent, reading.entities.ref_hint) == ("cancel", "rayuela")


def test_an_author_is_never_read_from_the_signature() -> None:
    reading = by_rules(
        "Buenas tardes:\n\nLes solicito la novela Como agua para chocolate de Laura Esquivel en "
        "letra grande.\n\nLes saluda atentamente,\nDoña Rosa Ibarra de León"
    )
    (item,) = reading.entities.items
    assert (item.title, item.author, item.edition) == (
        "Como agua para chocolate",
        "Laura Esquivel",
        "letra grande",
    )


@pytest.mark.parametrize(
    ("text", "material", "edition"),
    [
        ("¿Me lo pueden conseguir mejor en audiolibro?", "audiobook", None),
        ("¿Me lo podrían pedir mejor en letra grande?", "book", "letra grande"),
        ("Quiero que la ILL-4 sea el DVD.", "media", None),
    ],
)
def test_a_form_only_correction_names_only_the_form(
    text: str, material: str, edition: str | None
) -> None:
    reading = by_rules(text)
    assert reading.intent == "request"
    assert [(i.title, i.material, i.edition) for i in reading.entities.items] == [
        (None, material, edition)
    ]


def test_an_amount_without_its_sign_is_the_most_the_patron_pays() -> None:
    reading = by_rules("Puedo pagar hasta 4.50.")
    assert (reading.intent, reading.entities.max_cost) == ("unknown", 4.5)
    assert reading.entities.need_by is None and reading.entities.date is None


def test_an_edition_written_with_a_point_is_kept_as_written() -> None:
    (item,) = by_rules("Necesito Cálculo de James Stewart, 8.ª edición.").entities.items
    assert (item.title, item.author, item.edition) == ("Cálculo", "James Stewart", "8.ª")


def test_pages_written_as_a_range_in_words_are_a_scan() -> None:
    (item,) = by_rules("ocupo copia de las pags 10 a 25 de Anatomía de Gray").entities.items
    assert (item.material, item.pages) == ("chapter", "10-25")


def test_a_trip_on_a_day_is_the_need_by_date() -> None:
    reading = by_rules(
        "Necesito el audiolibro de Aura de Carlos Fuentes para un viaje en tren el 20 de diciembre."
    )
    assert reading.entities.need_by == date(2026, 12, 20) and reading.entities.date is None


def test_a_question_title_asked_for_mid_sentence_keeps_its_marks() -> None:
    reading = by_rules("@illbot necesito ¿Quién mató a Palomino Molero? de Vargas Llosa by Jan 5")
    assert titles(reading) == [("¿Quién mató a Palomino Molero?", "Vargas Llosa")]
    assert reading.entities.need_by == date(2027, 1, 5)


def test_an_article_named_by_its_authors_and_topic_records_no_title() -> None:
    reading = by_rules(
        "quisiera el artículo de Baden et al. sobre la vacuna de Moderna, DOI 10.1056/NEJMoa2035389"
    )
    (item,) = reading.entities.items
    assert (item.title, item.author, item.material) == (None, "Baden et al.", "article")


def test_a_date_that_would_be_fine_is_an_answer_with_the_date() -> None:
    reading = by_rules("Antes del 20 de diciembre estaría bien.")
    assert reading.intent == "unknown"
    assert reading.entities.need_by == reading.entities.date == date(2026, 12, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two items in one sentence
        (
            "Buenos días:\n\nOs escribo para pedir un ejemplar de Fortunata y Jacinta, de Benito "
            "Pérez Galdós.\n\nUn saludo,\nPilar",
            [("Fortunata y Jacinta", "Benito Pérez Galdós")],
        ),
        (
            "Les pido, por favor, La tía Julia y el escribidor de Mario Vargas Llosa y La ciudad y "
            "los perros del mismo autor.",
            [
                ("La tía Julia y el escribidor", "Mario Vargas Llosa"),
                ("La ciudad y los perros", "Mario Vargas Llosa"),
            ],
        ),
        (
            "Les pido Balún Canán de Rosario Castellanos y, además, un escaneo de las páginas "
            "10-20 de Oficio de tinieblas de Rosario Castellanos.",
            [
                ("Balún Canán", "Rosario Castellanos"),
                ("Oficio de tinieblas", "Rosario Castellanos"),
            ],
        ),
        (
            "@illbot pls: Los detectives salvajes de Roberto Bolaño y Estrella distante, "
            "same author",
            [
                ("Los detectives salvajes", "Roberto Bolaño"),
                ("Estrella distante", "Roberto Bolaño"),
            ],
        ),
        (
            "Hola:\n\nQuisiera pedir Aura de Carlos Fuentes y también Ficciones de Borges.",
            [("Aura", "Carlos Fuentes"), ("Ficciones", "Borges")],
        ),
        # one item whose author's name holds "y", before a date
        ("necesito Nudge de Thaler y Sunstein by Jan 8", [("Nudge", "Thaler y Sunstein")]),
        (
            "Me gustaría pedir Las batallas en el desierto de Ana y Luis Pacheco, "
            "para mediados de enero.",
            [("Las batallas en el desierto", "Ana y Luis Pacheco")],
        ),
        (
            "¿Me consiguen Los recuerdos del porvenir? es de Elena Garro",
            [("Los recuerdos del porvenir", "Elena Garro")],
        ),
        # a title's own words and marks
        (
            "quiero un escaneo del capítulo 2 de Eats, Shoots and Leaves de Lynne Truss",
            [("Eats, Shoots and Leaves", "Lynne Truss")],
        ),
        (
            "@illbot necesito ¿Quién mató a Palomino Molero? de Vargas Llosa by Jan 5",
            [("¿Quién mató a Palomino Molero?", "Vargas Llosa")],
        ),
        (
            "necesito ¿Quién se ha llevado mi queso? de Spencer Johnson",
            [("¿Quién se ha llevado mi queso?", "Spencer Johnson")],
        ),
        ("¿El laberinto de la soledad?", [("El laberinto de la soledad", None)]),
        (
            "el ebook no me sirve, necesito el libro impreso de Patria de Fernando Aramburu",
            [("Patria", "Fernando Aramburu")],
        ),
        # lower case, as texted
        (
            "me consigues el gran gatsby de francis scott fitzgerald?",
            [("el gran gatsby", "francis scott fitzgerald")],
        ),
        (
            "pedir la casa de los espiritus de isabel allende, gratis, pa el 3 de enero",
            [("la casa de los espiritus", "isabel allende")],
        ),
        (
            "kiero pedir un libro q se yama el vendedor de libros usados",
            [("el vendedor de libros usados", None)],
        ),
        (
            "cronica de una muerte anunciada - garcia marquez",
            [("cronica de una muerte anunciada", "garcia marquez")],
        ),
    ],
)
def test_titles_and_authors_are_read_as_the_patron_wrote_them(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    reading = by_rules(text)
    assert reading.intent == "request"
    assert titles(reading) == expected


def test_a_chapter_number_is_no_amount() -> None:
    reading = by_rules("me pides un scan del cap 4 de la tregua?")
    (item,) = reading.entities.items
    assert (item.material, item.chapter) == ("chapter", "4")
    assert reading.entities.max_cost is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "quiero en dvd la peli el espinazo del diablo de guillermo del toro",
            ("el espinazo del diablo", "guillermo del toro", "media"),
        ),
        (
            "Mi hija de 10 años quiere leer en español. ¿Me consiguen la saga de Crepúsculo?"
            "\n\nGracias,\nAna (mamá de Sofía)",
            ("Crepúsculo", None, "book"),
        ),
    ],
)
def test_a_form_or_a_series_named_before_the_title(
    text: str, expected: tuple[str, str | None, str]
) -> None:
    reading = by_rules(text)
    assert reading.intent == "request"
    assert [(i.title, i.author, i.material) for i in reading.entities.items] == [expected]


@pytest.mark.parametrize(
    ("text", "intent", "topic"),
    [
        ("¿dónde va mi pedido?", "status", None),
        ("Les pido disculpas por la demora en devolver el libro.", "unknown", None),
        ("¿Qué tal? Solo quería saludarles", "smalltalk", None),
        ("Si pido un libro, ¿cuánto cuesta?", "policy", "cost"),
    ],
)
def test_a_wording_that_looks_like_a_new_rule_keeps_its_own_reading(
    text: str, intent: str, topic: str | None
) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.topic) == (intent, topic)
    assert not reading.entities.items


@pytest.mark.parametrize(
    "text",
    [
        "¿me pueden dar una semana más para entregar el trabajo?",
        "Necesito un ejemplar de la revista Proceso, el número de marzo",
    ],
)
def test_more_time_for_something_else_or_a_magazine_copy_records_no_title(text: str) -> None:
    reading = by_rules(text)
    assert reading.intent != "renew"
    assert all(item.title is None for item in reading.entities.items)


def test_both_loans_the_patron_has_are_renewed_and_a_cancel_beside_them_done() -> None:
    reading = by_rules("renuévame los 2 que tengo y cancela el ILL-9")
    assert (reading.intent, reading.entities.every, reading.entities.ref_hint) == (
        "renew",
        True,
        None,
    )
    assert [(part.intent, part.entities.refs) for part in reading.also] == [("cancel", (9,))]


def test_renewing_dvds_from_other_libraries_is_a_rule_question() -> None:
    reading = by_rules("se pueden renovar los dvds que vienen de otra biblioteca?")
    assert (reading.intent, reading.entities.topic) == ("policy", "renewal")


def test_the_institution_and_year_after_a_thesis_give_its_year() -> None:
    reading = by_rules(
        "Quiero pedir una tesis: Poesía chicana, de Rosa Díaz, Universidad de Texas, 2009."
    )
    (item,) = reading.entities.items
    assert (item.title, item.author, item.material, item.year) == (
        "Poesía chicana",
        "Rosa Díaz",
        "thesis",
        2009,
    )


@pytest.mark.parametrize(
    ("text", "intent", "topic"),
    [
        ("Necesito hablar con alguien", "human", None),
        ("¿Me lo pueden mandar por correo?", "policy", "pickup"),
    ],
)
def test_a_person_or_delivery_by_mail_is_asked_for(
    text: str, intent: str, topic: str | None
) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.topic) == (intent, topic)
    assert not reading.entities.items


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Olvidé el título, pero es una novela de detectives", "unknown"),
        ("Me encantó el libro que me consiguieron, gracias", "smalltalk"),
        ("Quisiera cambiar mi dirección de correo", "offtopic"),
    ],
)
def test_a_forgotten_title_or_praise_cancels_nothing(text: str, intent: str) -> None:
    reading = by_rules(text)
    assert reading.intent == intent
    assert not reading.entities.items and not reading.entities.refs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Estimados señores:\n\nMe dirijo a ustedes para solicitar el libro Los pasos perdidos "
            "de Alejo Carpentier.\n\nAtentamente,\nLic. Marta Ruiz",
            [("Los pasos perdidos", "Alejo Carpentier")],
        ),
        (
            "Quisiera solicitar dos libros: Pedro Páramo de Juan Rulfo y El llano en llamas, del "
            "mismo autor.",
            [("Pedro Páramo", "Juan Rulfo"), ("El llano en llamas", "Juan Rulfo")],
        ),
        (
            "Hola, ¿me pueden conseguir el libro Balún Canán? Es de Rosario Castellanos. Gracias",
            [("Balún Canán", "Rosario Castellanos")],
        ),
        (
            "Me interesa pedir 20 ejemplares de Charlie y la fábrica de chocolate para mis alumnos "
            "de tercer grado.",
            [("Charlie y la fábrica de chocolate", None)],
        ),
        ("Quiero el audiolibro de Rayuela, si lo tienen en CD mejor.", [("Rayuela", None)]),
    ],
)
def test_letters_and_their_asides_keep_the_items_whole(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    reading = by_rules(text)
    assert reading.intent == "request" and titles(reading) == expected


def test_an_author_in_brackets_leaves_the_titles_own_de() -> None:
    reading = by_rules("Por favor, consíganme Memorias de Adriano (Marguerite Yourcenar).")
    assert titles(reading) == [("Memorias de Adriano", "Marguerite Yourcenar")]


@pytest.mark.parametrize(
    ("text", "intent", "hint"),
    [
        ("ya llego lo q pedi?", "status", None),
        ("cancela lo de la sombra del viento", "cancel", "sombra viento"),
        ("hay chance de renovarlo otra semana?", "renew", None),
        ("no lo ocupo ya, cancelalo", "cancel", None),
        ("cuantos libros tengo pedidos?", "status", None),
        ("gracias x todo!!", "smalltalk", None),
    ],
)
def test_texted_ways_of_naming_what_was_asked_for(text: str, intent: str, hint: str | None) -> None:
    reading = by_rules(text)
    assert (reading.intent, reading.entities.ref_hint) == (intent, hint)
    assert not reading.entities.items


def test_any_book_by_a_lower_case_author_is_that_author_and_no_title() -> None:
    reading = by_rules("xfa consiganme cualquier libro de isabel allende")
    assert [(i.title, i.author) for i in reading.entities.items] == [(None, "isabel allende")]


def test_an_english_renewal_until_a_spanish_day_is_its_need_by() -> None:
    reading = by_rules("@illbot pls renew ILL-4 hasta el 30")
    assert (reading.intent, reading.entities.refs) == ("renew", (4,))
    assert reading.entities.need_by == date(2026, 12, 30)


def test_a_correction_with_a_spanish_no_names_the_request_it_replaces() -> None:
    reading = by_rules("sorry, I meant the book Aura by Carlos Fuentes, no Pedro Páramo")
    assert titles(reading) == [("Aura", "Carlos Fuentes")]
    assert reading.entities.ref_hint == "pedro páramo"
