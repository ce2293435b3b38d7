"""Replies A (ask_*, cancel_*, change_*, help, human, partials…) in Spanish; English as before.

Each case renders one of templates/replies/_*.j2 and [a-h]*.j2 with a context like the one its
handler passes. In English the text must be exactly what it was before the templates were marked
for translation (recorded below); in Spanish ("es", the patron's locale) it must carry the Spanish
words a patron reads, keep the library's words, titles and refs as given, print dates as Spanish
words, and leave no English sentence of the bot's own. The escalation_* templates go to the staff
channel only and stay English.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from templates import render
from templates.messages import problems

TODAY = "2026-12-01"  # a Tuesday
CONTACT = {
    "office": "the Interlibrary Loan Librarian",
    "desk": "the circulation desk",
    "general": "staff at any St. Joseph Public Library service desk",
}
# The library's words as sjpl.toml gives them in Spanish ([contact.es], [rules.es]).
CONTACT_ES = {
    "office": "el bibliotecario a cargo del préstamo interbibliotecario",
    "desk": "el mostrador de préstamo",
    "general": "el personal de cualquier mostrador de la Biblioteca Pública de St. Joseph",
}
BASE: dict[str, Any] = {
    "library": "St. Joseph Public Library",
    "library_id": "sjpl",
    "contact": CONTACT,
    "today": TODAY,
    "heard": "",
    "fee": None,
    "rules": [],
}
MEDIA = {
    "item": "“Roma”",
    "id": "sjpl.material.type",
    "explain": (
        "Lending libraries don't lend DVD or other audiovisual item through ILL,"
        " so SJPL can't request it."
    ),
    "instead": (
        "A librarian can help you look for the same title as a book, an audiobook,"
        " or a copy of a single article."
    ),
    "says": "",
}
MEDIA_ES = {
    **MEDIA,
    "explain": (
        "Las bibliotecas no prestan este tipo de material (DVD u otro material audiovisual)"
        " por préstamo interbibliotecario, así que la SJPL no puede pedirlo."
    ),
    "instead": (
        "Un bibliotecario puede ayudarle a buscar el mismo título como libro, como audiolibro"
        " o como copia de un solo artículo."
    ),
}
HELD = {
    "id": "sjpl.fee.exceeds_authorized",
    "explain": "The lending library's fee is more than you agreed to pay.",
    "instead": "",
    "says": "",
}
HELD_ES = {
    **HELD,
    "explain": "El cargo de la biblioteca que lo presta es mayor que lo que usted aceptó pagar.",
}
ASK = {"refused": [], "says": "", "fields": [], "missing": [], "changed": []}
FIELDS = ["full name", "status (faculty, graduate student, staff …)", "department", "email"]
FIELDS_ES = [
    "nombre completo",
    "situación (docente, estudiante de posgrado, personal …)",
    "departamento",
    "correo electrónico",
]
ITEM = {
    "title": "Cien años de soledad",
    "author": "Gabriel García Márquez",
    "format": "print book",
    "edition": "",
    "chapter": "",
    "pages": "",
}
SUMMARY = {
    "name": "ILL-3 “Cien años de soledad”",
    "ref": "ILL-3",
    "status": "checked_out",
    "asked_on": "2026-11-02",
    "need_by": "2026-11-20",
    "due": "2026-11-24",
    "fee": 500,
    "pickup_by": "",
    "last_day": "",
    "days_overdue": 7,
    "academic_hold": False,
    "billed_on": "",
    "billed_through": "",
    "fine": 150,
}
POINTS = [{"id": "sjpl.fee.lender", "plain": "SJPL charges nothing for ILL.", "says": ""}]
POINTS_ES = [
    {
        "id": "sjpl.fee.lender",
        "plain": "La SJPL no cobra nada por el préstamo interbibliotecario.",
        "says": "",
    }
]

# case: (template, its context in English, what the Spanish context changes (the library's
# and handlers' words as a Spanish profile gives them), Spanish the patron must read)
CASES: dict[str, tuple[str, dict[str, Any], dict[str, Any], tuple[str, ...]]] = {
    "ask_item": ("ask_item", {}, {}, ("Con gusto", "¿Qué le gustaría pedir?", "ISBN")),
    # fee_question is the notice asking about a lender's fee (its words: notices.po), asked again.
    "fee_question": (
        "fee_question",
        {
            "lender_fee": 1200,
            "owed": 1200,
            "max_cost": 500,
            "name": "ILL-4 “Pedro Páramo”",
            "ref": "ILL-4",
        },
        {},
        ("cobra $12.00 por ILL-4 “Pedro Páramo”", "¿Quiere pagar $12.00?", '"sí"'),
    ),
    "ask_max_cost": (
        "ask_max_cost",
        {**ASK, "title": "Cien años de soledad"},
        {},
        ("Cien años de soledad", "¿Cuánto", "hasta $10", "gratis"),
    ),
    "ask_max_cost_changed_refused": (
        "ask_max_cost",
        {
            **ASK,
            "title": "Cien años de soledad",
            "refused": [MEDIA],
            "changed": ["changed the format to audiobook"],
        },
        {"refused": [MEDIA_ES], "changed": ["cambié el formato a audiolibro"]},
        (
            "Listo: cambié el formato a audiolibro.",
            "No puedo pedir “Roma”: Las bibliotecas",
            "(sjpl.material.type)",
            "¿Cuánto",
        ),
    ),
    "ask_need_by": (
        "ask_need_by",
        {**ASK, "title": "Cien años de soledad"},
        {},
        (
            "¿Para qué fecha necesita Cien años de soledad?",
            "para el 15 de diciembre",
            "St. Joseph Public Library",
        ),
    ),
    "ask_need_by_changed_two": (
        "ask_need_by",
        {
            **ASK,
            "title": "Deep Work",
            "changed": ["changed the title to “Deep Work”", "noted the author: Cal Newport"],
        },
        {"changed": ["cambié el título a “Deep Work”", "anoté el autor: Cal Newport"]},
        ("Listo: cambié el título a “Deep Work” y anoté el autor: Cal Newport.", "¿Para qué fecha"),
    ),
    "ask_past_need_by": (
        "ask_past_need_by",
        {"title": "Cien años de soledad", "past": "2026-11-03"},
        {},
        ("martes, 3 de noviembre", "ya pasó", "¿Para qué fecha"),
    ),
    "ask_print_copy": (
        "ask_print_copy",
        {**ASK, "title": "Journal of Library Science"},
        {},
        ("en línea", "copia impresa", "(sí o no)"),
    ),
    "ask_registration": (
        "ask_registration",
        {
            **ASK,
            "title": "Discipline and Punish",
            "library": "John Jay College Library",
            "fields": FIELDS,
        },
        {"fields": FIELDS_ES},
        (
            "Antes de su primera solicitud",
            "nombre completo",
            "Por ejemplo",
            "Discipline and Punish",
        ),
    ),
    "ask_registration_missing": (
        "ask_registration",
        {
            **ASK,
            "title": "Discipline and Punish",
            "library": "John Jay College Library",
            "fields": FIELDS,
            "missing": ["department", "email"],
        },
        {"fields": FIELDS_ES, "missing": ["departamento", "correo electrónico"]},
        ("Todavía necesito: departamento, correo electrónico.",),
    ),
    "cancel_confirm": (
        "cancel_confirm",
        {"name": "ILL-5 “Cien años de soledad”", "ref": "ILL-5"},
        {},
        ("¿Cancelo ILL-5 “Cien años de soledad”?", "deshacer", "sí o no"),
    ),
    "cancel_done": (
        "cancel_done",
        {"name": "ILL-5 “Cien años de soledad”", "ref": "ILL-5"},
        {},
        ("cancelé ILL-5 “Cien años de soledad”", "de nuevo"),
    ),
    "cancel_kept": (
        "cancel_kept",
        {"name": "ILL-5 “Cien años de soledad”", "ref": "ILL-5"},
        {},
        ("no cancelé nada", "ILL-5 “Cien años de soledad” sigue en curso"),
    ),
    "cancel_nothing": (
        "cancel_nothing",
        {},
        {},
        ("No tiene solicitudes", "préstamo interbibliotecario", "nada que cancelar"),
    ),
    "change_held": (
        "change_held",
        {
            "name": "ILL-2 “Pedro Páramo”",
            "ref": "ILL-2",
            "changed": ["changed the most you'll pay to $20.00"],
            "held": HELD,
            "notes": [],
        },
        {"changed": ["cambié lo máximo que pagará a $20.00"], "held": HELD_ES},
        (
            "Listo: en ILL-2 “Pedro Páramo”, cambié",
            "aprobación",
            "El cargo de la biblioteca",
            "(sjpl.fee.exceeds_authorized)",
            "le avisaré",
        ),
    ),
    "change_nothing": (
        "change_nothing",
        {"name": "ILL-2 “Pedro Páramo”"},
        {},
        ("ILL-2 “Pedro Páramo” ya", "no hubo que cambiar nada"),
    ),
    "change_refused_rule": (
        "change_refused",
        {"name": "ILL-1 “Roma”", "now": "submitted", "reason": MEDIA},
        {"reason": MEDIA_ES},
        (
            "Lo siento, no puedo hacer ese cambio en ILL-1 “Roma”: Las bibliotecas",
            "Un bibliotecario",
            "(sjpl.material.type)",
        ),
    ),
    "change_refused_status": (
        "change_refused",
        {"name": "ILL-1 “Dune”", "now": "sent", "reason": {}},
        {"contact": CONTACT_ES},
        (
            "ILL-1 “Dune” ya no se puede cambiar",
            "cancelarla",
            '"hablar con una persona"',
            "el bibliotecario a cargo del préstamo interbibliotecario",
        ),
    ),
    "check_isbn": (
        "check_isbn",
        {"isbn": "9780307474729"},
        {},
        ("El ISBN 9780307474729 no parece correcto", "dígito de control", "el título y el autor"),
    ),
    "draft_dropped": (
        "draft_dropped",
        {"title": "Cien años de soledad"},
        {},
        ("De acuerdo, no pediré Cien años de soledad.", "escríbame"),
    ),
    "draft_dropped_no_title": (
        "draft_dropped",
        {"title": ""},
        {},
        ("De acuerdo, no lo pediré.", "escríbame"),
    ),
    "fee_answered_yes": (
        "fee_answered",
        {"approved": True, "amount": "$5.01", "ref": "ILL-2", "fee": 501},
        {},
        ("Gracias", "$5.01", "ILL-2", "Le avisaré cuando llegue."),
    ),
    "fee_answered_no": (
        "fee_answered",
        {"approved": False, "amount": "$15.00", "ref": "ILL-4", "fee": 0},
        {},
        (
            "no quiere pagar $15.00",
            "cancelé ILL-4",
            "No debe nada",
            "una biblioteca que cobre menos",
        ),
    ),
    "fee_answered_elsewhere": (
        "fee_answered",
        {
            "approved": False,
            "elsewhere": True,
            "amount": "$12.00",
            "lender_fee": "$12.00",
            "max_cost": "$5.00",
            "ref": "ILL-4",
            "fee": 0,
        },
        {},
        ("no quiere pagar $12.00", "busque otra biblioteca", "ILL-4", "$5.00", "No debe nada"),
    ),
    "help": (
        "help",
        {},
        {},
        (
            "préstamo interbibliotecario de St. Joseph Public Library",
            '"estado"',
            '"renovar ILL-3"',
            '"cancelar ILL-3"',
            '"¿por qué?"',
            '"hablar con una persona"',
        ),
    ),
    "human": (
        "human",
        {},
        {"contact": CONTACT_ES},
        (
            "Pasé su mensaje",
            "el bibliotecario a cargo del préstamo interbibliotecario",
            "Una persona le responderá",
        ),
    ),
    "card_item": (
        "_card_item",
        {"item": ITEM},
        {"item": {**ITEM, "format": "libro impreso"}},
        ("Título: Cien años de soledad", "Autor: Gabriel García Márquez", "Formato: libro impreso"),
    ),
    "card_item_chapter": (
        "_card_item",
        {"item": {**ITEM, "author": "", "edition": "2nd", "chapter": "3", "pages": "45-60"}},
        {
            "item": {
                **ITEM,
                "author": "",
                "edition": "2.ª",
                "chapter": "3",
                "pages": "45-60",
                "format": "copia escaneada de un capítulo",
            }
        },
        ("Autor: (no se indicó)", "Edición: 2.ª", "Capítulo 3, páginas 45-60"),
    ),
    "card_item_pages": (
        "_card_item",
        {"item": {**ITEM, "pages": "12-20"}},
        {"item": {**ITEM, "pages": "12-20", "format": "artículo"}},
        ("Páginas 12-20",),
    ),
    "changed_one": (
        "_changed",
        {"changed": ["changed the format to audiobook"]},
        {"changed": ["cambié el formato a audiolibro"]},
        ("Listo: cambié el formato a audiolibro.",),
    ),
    "refused_list": (
        "_refused_list",
        {"refused": [MEDIA, {**MEDIA, "item": "“Coco”", "instead": ""}]},
        {"refused": [MEDIA_ES, {**MEDIA_ES, "item": "“Coco”", "instead": ""}]},
        ("No puedo pedir “Roma”:", "No puedo pedir “Coco”:"),
    ),
    "policy_points": (
        "_policy_points",
        {"points": POINTS, "unquoted": True, "topic_words": "costs"},
        {"points": POINTS_ES, "topic_words": "los costos", "contact": CONTACT_ES},
        (
            "La política escrita de St. Joseph Public Library no dice nada más sobre los costos",
            "el bibliotecario a cargo",
            "puede darle más información",
        ),
    ),
    "policy_points_quoted": (
        "_policy_points",
        {
            "points": [{**POINTS[0], "says": "ILL is free at SJPL."}],
            "unquoted": False,
            "topic_words": "costs",
        },
        {"points": [{**POINTS_ES[0], "says": "ILL is free at SJPL."}]},
        ("La política dice: “ILL is free at SJPL.”",),
    ),
    "policy_points_no_office": (
        "_policy_points",
        {"points": POINTS, "unquoted": True, "topic_words": "costs", "contact": {}},
        {"points": POINTS_ES, "topic_words": "los costos"},
        ("el personal de préstamo interbibliotecario puede darle",),
    ),
    "summary_overdue": (
        "_summary",
        {"item": SUMMARY},
        {},
        (
            "Lo pidió el lunes, 2 de noviembre",
            "lo necesita para el viernes, 20 de noviembre",
            "vence el martes, 24 de noviembre",
            "cargo de $5.00",
            "Lleva 7 días de retraso.",
            "Multa por retraso hasta ahora: $1.50.",
        ),
    ),
    "summary_one_day_hold": (
        "_summary",
        {
            "item": {
                **SUMMARY,
                "days_overdue": 1,
                "academic_hold": True,
                "fee": 0,
                "fine": 0,
                "need_by": "",
            }
        },
        {},
        (
            "Lleva 1 día de retraso, y hay un bloqueo en su expediente académico"
            " hasta que lo devuelva.",
        ),
    ),
    "summary_ready": (
        "_summary",
        {
            "item": {
                **SUMMARY,
                "status": "ready",
                "due": "",
                "days_overdue": 0,
                "fine": 0,
                "pickup_by": "2026-12-08",
            }
        },
        {},
        ("puede recogerlo hasta el martes, 8 de diciembre",),
    ),
    "summary_delivered": (
        "_summary",
        {
            "item": {
                **SUMMARY,
                "status": "delivered",
                "due": "",
                "days_overdue": 0,
                "fine": 0,
                "fee": 0,
                "need_by": "",
                "last_day": "2026-12-16",
            }
        },
        {},
        ("puede leerlo hasta el miércoles, 16 de diciembre",),
    ),
    "summary_billed": (
        "_summary",
        {
            "item": {
                **SUMMARY,
                "status": "lost",
                "days_overdue": 0,
                "fine": 0,
                "billed_on": "2026-11-30",
                "billed_through": "through your Student Accounts (University) account",
            }
        },
        {
            "item": {
                **SUMMARY,
                "status": "lost",
                "days_overdue": 0,
                "fine": 0,
                "billed_on": "2026-11-30",
                "billed_through": "a través de su cuenta de Student Accounts de la universidad",
            }
        },
        ("Se le cobró el costo de reposición a través de su cuenta", "el lunes, 30 de noviembre"),
    ),
    "summary_billed_plain": (
        "_summary",
        {
            "item": {
                **SUMMARY,
                "status": "lost",
                "days_overdue": 0,
                "fine": 0,
                "billed_on": "2026-11-30",
            }
        },
        {},
        ("Se le cobró el costo de reposición el lunes, 30 de noviembre.",),
    ),
}

ENGLISH = {
    "fee_question": (
        "The lending library charges $12.00 for ILL-4 “Pedro Páramo”, more than the $5.00 you"
        ' said you would pay. Do you want to pay $12.00? Reply "yes" to go on, "no" to cancel'
        ' the request, or "another library" and staff will look for a lender that charges less.'
    ),
    "ask_item": (
        "Happy to help you get something from another library. What would you like? An "
        "ISBN, a DOI or PMID, or the title and author is enough."
    ),
    "ask_max_cost": (
        "Some lending libraries charge a fee for Cien años de soledad. How much are you "
        'willing to pay? Say an amount such as "up to $10", or "nothing" if you only want '
        "it free."
    ),
    "ask_max_cost_changed_refused": (
        "OK, I've changed the format to audiobook.\n"
        "I can't request “Roma”: Lending "
        "libraries don't lend DVD or other audiovisual item through ILL, so SJPL can't "
        "request it. A librarian can help you look for the same title as a book, an "
        "audiobook, or a copy of a single article. (sjpl.material.type)\n"
        "Some lending "
        "libraries charge a fee for Cien años de soledad. How much are you willing to pay? "
        'Say an amount such as "up to $10", or "nothing" if you only want it free.'
    ),
    "ask_need_by": (
        'By what date do you need Cien años de soledad? (For example "by Dec 15".) St. '
        "Joseph Public Library asks for a need-by date with every request."
    ),
    "ask_need_by_changed_two": (
        "OK, I've changed the title to “Deep Work” and noted the author: Cal Newport.\n"
        "By "
        'what date do you need Deep Work? (For example "by Dec 15".) St. Joseph Public '
        "Library asks for a need-by date with every request."
    ),
    "ask_past_need_by": (
        "Tuesday, November 3 has already passed. By what date do you need Cien años de "
        'soledad? (For example "by Dec 15".)'
    ),
    "ask_print_copy": (
        "St. Joseph Public Library has Journal of Library Science online. ILL can only get "
        "it for you if you need a paper copy. Do you need a print copy? (yes or no)"
    ),
    "ask_registration": (
        "Before your first request, John Jay College Library needs you to register for ILL. "
        "Please reply with:\n"
        "- full name\n"
        "- status (faculty, graduate student, staff …)\n"
        "- "
        "department\n"
        "- email\n"
        'For example: "Name: Ana Ruiz, Status: graduate student, '
        "Department: Criminal Justice, Email: aruiz@example.edu\". I'll request Discipline "
        "and Punish as soon as you're registered."
    ),
    "ask_registration_missing": (
        "Before your first request, John Jay College Library needs you to register for ILL. "
        "Please reply with:\n"
        "- full name\n"
        "- status (faculty, graduate student, staff …)\n"
        "- "
        "department\n"
        "- email\n"
        "I still need: department, email.\n"
        'For example: "Name: Ana '
        "Ruiz, Status: graduate student, Department: Criminal Justice, Email: "
        "aruiz@example.edu\". I'll request Discipline and Punish as soon as you're "
        "registered."
    ),
    "cancel_confirm": (
        "Cancel ILL-5 “Cien años de soledad”? This can't be undone. Reply yes or no."
    ),
    "cancel_done": (
        "Cancelled: ILL-5 “Cien años de soledad”. Ask me again any time if you need it after all."
    ),
    "cancel_kept": ("OK, I haven't cancelled anything: ILL-5 “Cien años de soledad” stays open."),
    "cancel_nothing": (
        "You have no open interlibrary loan requests, so there is nothing to cancel."
    ),
    "change_held": (
        "Done: for ILL-2 “Pedro Páramo”, I've changed the most you'll pay to $20.00. With "
        "that change it needs an approval before it can go further: The lending library's "
        "fee is more than you agreed to pay. (sjpl.fee.exceeds_authorized) ILL staff will "
        "see the change with your request, and I'll tell you what they decide."
    ),
    "change_nothing": "ILL-2 “Pedro Páramo” already says that, so nothing needed changing.",
    "change_refused_rule": (
        "Sorry, I can't make that change to ILL-1 “Roma”: Lending libraries don't lend DVD "
        "or other audiovisual item through ILL, so SJPL can't request it. A librarian can "
        "help you look for the same title as a book, an audiobook, or a copy of a single "
        "article. (sjpl.material.type)"
    ),
    "change_refused_status": (
        "ILL-1 “Dune” is already asked of a lending library, waiting for their answer, so I "
        "can't change it any more. If you need something different, you can cancel it and "
        'ask again, or say "talk to a person" to reach the Interlibrary Loan Librarian.'
    ),
    "check_isbn": (
        "The ISBN 9780307474729 doesn't look right: its check digit doesn't match. Could "
        "you check it and send it again? The title and author also work."
    ),
    "draft_dropped": (
        "OK, I won't request Cien años de soledad. Send me another item whenever you like."
    ),
    "draft_dropped_no_title": ("OK, I won't request it. Send me another item whenever you like."),
    "fee_answered_yes": (
        "Thank you: you've agreed to pay $5.01 for ILL-2, so the request goes on. I'll tell "
        "you when it arrives."
    ),
    "fee_answered_no": (
        "All right: you don't want to pay $15.00, so I've cancelled ILL-4. Nothing is owed for it."
        " If you'd still like it from a lender that charges less, ask me for it again and say the"
        " most you'll pay."
    ),
    "fee_answered_elsewhere": (
        "All right: you don't want to pay $12.00, so I've asked our staff to look for another"
        " library that will lend ILL-4 for less. They will keep to the $5.00 you said you would"
        " pay. Nothing is owed for it. I'll tell you what they find, or if no library can lend it."
    ),
    "help": (
        "I'm the interlibrary loan assistant of St. Joseph Public Library. I can:\n"
        "- "
        "request a book, article or chapter from another library: send an ISBN, DOI, PMID, "
        "a citation, or the title and author;\n"
        "- tell you where your requests are: "
        '"status";\n'
        '- renew a loan: "renew ILL-3";\n'
        '- cancel a request: "cancel ILL-3";\n'
        "- "
        'explain a refusal: "why?";\n'
        '- pass you to a librarian: "talk to a person".'
    ),
    "human": (
        "I've passed your message to the Interlibrary Loan Librarian. A person will get "
        "back to you here."
    ),
    "card_item": (
        "- Title: Cien años de soledad\n- Author: Gabriel García Márquez\n- Format: print book"
    ),
    "card_item_chapter": (
        "- Title: Cien años de soledad\n"
        "- Author: (none given)\n"
        "- Format: print book\n"
        "- "
        "Edition: 2nd\n"
        "- Chapter 3, pages 45-60"
    ),
    "card_item_pages": (
        "- Title: Cien años de soledad\n"
        "- Author: Gabriel García Márquez\n"
        "- Format: print "
        "book\n"
        "- Pages 12-20"
    ),
    "changed_one": "OK, I've changed the format to audiobook.",
    "refused_list": (
        "I can't request “Roma”: Lending libraries don't lend DVD or other audiovisual item "
        "through ILL, so SJPL can't request it. A librarian can help you look for the same "
        "title as a book, an audiobook, or a copy of a single article. "
        "(sjpl.material.type)\n"
        "I can't request “Coco”: Lending libraries don't lend DVD or "
        "other audiovisual item through ILL, so SJPL can't request it. (sjpl.material.type)"
    ),
    "policy_points": (
        "- SJPL charges nothing for ILL. (sjpl.fee.lender)\n"
        "St. Joseph Public Library's "
        "written policy says nothing more about costs; the Interlibrary Loan Librarian can "
        "tell you more."
    ),
    "policy_points_quoted": (
        "- SJPL charges nothing for ILL. The policy says: “ILL is free at SJPL.” (sjpl.fee.lender)"
    ),
    "policy_points_no_office": (
        "- SJPL charges nothing for ILL. (sjpl.fee.lender)\n"
        "St. Joseph Public Library's "
        "written policy says nothing more about costs; ILL staff can tell you more."
    ),
    "summary_overdue": (
        "ILL-3 “Cien años de soledad”: checked out to you. Asked on Monday, November 2, "
        "needed by Friday, November 20, due Tuesday, November 24, fee $5.00. It is overdue "
        "by 7 days. Overdue fine so far: $1.50."
    ),
    "summary_one_day_hold": (
        "ILL-3 “Cien años de soledad”: checked out to you. Asked on Monday, November 2, due "
        "Tuesday, November 24. It is overdue by 1 day, and a hold is on your academic "
        "records until it is returned."
    ),
    "summary_ready": (
        "ILL-3 “Cien años de soledad”: waiting for you at the pickup desk. Asked on Monday, "
        "November 2, needed by Friday, November 20, pick it up by Tuesday, December 8, fee "
        "$5.00."
    ),
    "summary_delivered": (
        "ILL-3 “Cien años de soledad”: ready for you to read or download. Asked on Monday, "
        "November 2, readable until Wednesday, December 16."
    ),
    "summary_billed": (
        "ILL-3 “Cien años de soledad”: recorded as lost. Asked on Monday, November 2, "
        "needed by Friday, November 20, due Tuesday, November 24, fee $5.00. You were "
        "billed its replacement cost through your Student Accounts (University) account on "
        "Monday, November 30."
    ),
    "summary_billed_plain": (
        "ILL-3 “Cien años de soledad”: recorded as lost. Asked on Monday, November 2, "
        "needed by Friday, November 20, due Tuesday, November 24, fee $5.00. You were "
        "billed its replacement cost on Monday, November 30."
    ),
}


# What the bot itself writes in English; a Spanish reply holding one of these left a sentence.
ENGLISH_WORDS = re.compile(
    r"\b(the|you|your|I|I'm|I've|is|it|for|to|of|with|and|by|please|OK|sorry|done|request"
    r"|cancel(?:led)?|already|need|can't|won't|will|here|what|when|title|author|format"
    r"|edition|chapter|pages|none)\b",
    re.IGNORECASE,
)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _english(case: str) -> dict[str, Any]:
    _template, context, _spanish, _words = CASES[case]
    return {**BASE, **context}


def _spanish(case: str, locale: str = "es") -> dict[str, Any]:
    _template, context, spanish, _words = CASES[case]
    return {**BASE, **context, **spanish, "locale": locale}


def _values(value: Any) -> list[str]:
    """Every text a context gives (titles, the library's words): not the bot's own words."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in _values(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _values(item)]
    return [value] if isinstance(value, str) and value else []


@pytest.mark.parametrize("channel", ["slack", "email"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_english_reads_exactly_as_before(case: str, channel: str) -> None:
    template = CASES[case][0]
    assert render(f"replies/{template}", channel, _english(case)) == ENGLISH[case]


@pytest.mark.parametrize("case", sorted(CASES))
def test_spanish_carries_the_words_a_patron_reads(case: str) -> None:
    template, _context, _spanish_words, words = CASES[case]
    text = render(f"replies/{template}", "email", _spanish(case))
    for word in words:
        assert word in text, f"{word!r} missing from:\n{text}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_spanish_leaves_no_english_sentence_and_no_iso_date(case: str) -> None:
    template = CASES[case][0]
    context = _spanish(case)
    text = render(f"replies/{template}", "email", context)
    assert text != ENGLISH[case]
    bare = text
    given_texts = _values({k: v for k, v in context.items() if k not in ("locale", "library_id")})
    for given in sorted(given_texts, key=len, reverse=True):
        bare = bare.replace(given, " ")
    assert not ENGLISH_WORDS.search(bare), f"English left in:\n{text}"
    assert not ISO_DAY.search(text), f"an ISO date in:\n{text}"


def test_a_regional_locale_reads_like_plain_spanish() -> None:
    spanish = render("replies/help", "slack", _spanish("help"))
    assert render("replies/help", "slack", _spanish("help", "es_US")) == spanish
    assert render("replies/help", "slack", _spanish("help", "en")) == ENGLISH["help"]


def test_a_title_in_a_spanish_reply_still_cannot_ping_on_slack() -> None:
    context = {**_spanish("draft_dropped"), "title": "<!channel> Tom & Jerry"}
    text = render("replies/draft_dropped", "slack", context)
    assert "De acuerdo, no pediré &lt;!channel&gt; Tom &amp; Jerry." in text
    assert "<!channel>" not in text


def test_escalations_to_staff_stay_english_with_iso_dates() -> None:
    # Staff read English and type ISO dates back: a patron's locale changes nothing there.
    context = {
        "name": "ILL-3 “Cien años de soledad”",
        "task": "Phone the patron",
        "due": "2026-11-24",
        "days_overdue": 7,
        "patron": "Ana Ruiz",
        "email": "ana@example.org",
        "category": "cardholder",
        "says": "",
        "locale": "es",
    }
    text = render("replies/escalation_task", "slack", context)
    assert "The loan was due on 2026-11-24 and is 7 days overdue." in text


def test_every_message_of_these_templates_has_its_spanish() -> None:
    mine = re.compile(r"templates/replies/(_|[a-h])")
    assert not [line for line in problems("es") if mine.search(line)]
