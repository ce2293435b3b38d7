"""Notices and patron mail in Spanish; the same contexts in English read exactly as before."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from templates import render, render_html
from templates.i18n import translate
from templates.words import notice_headline

TODAY = "2026-12-01"  # a Tuesday: dates print as words, without the year when it is plain
BASE: dict[str, Any] = {
    "ref": "ILL-3",
    "name": "ILL-3 “The Overstory”",
    "title": "The Overstory",
    "material": "book",
    "status": "arrived",
    "due": "2026-12-22",
    "asked_on": "2026-11-20",
    "need_by": "2026-12-10",
    "desk": "the circulation desk",
    "fee": 0,
    "lender_fee": 1200,
    "max_cost": 500,
    "proxy": "",
    "pickup_by": "2026-12-10",
    "last_day": "2026-12-16",
    "owed": 500,
    "covered": 700,
    "reasons": [{"explain": "Loans can be renewed once.", "id": "x.y", "instead": "", "says": ""}],
    "billed_through": "by an invoice from the library",
    "can_renew": True,
    "no_renewal": "",
    "pays_fees": True,
    "days_overdue": 0,
    "library": "San Jose Public Library",
    "library_id": "sjpl",
    "contact": {"office": "the ILL office", "desk": "the circulation desk"},
    "today": TODAY,
}
# The library's own words, as a profile listing "es" gives them in Spanish (not the bot's).
LIBRARY_WORDS = {
    "the circulation desk": "el mostrador de préstamo",
    "Loans can be renewed once.": "Los préstamos se pueden renovar una vez.",
    "by an invoice from the library": "mediante una factura de la biblioteca",
    "the ILL office": "la oficina de préstamo interbibliotecario",
    "it was renewed once already": "ya se renovó una vez",
    "lost barcode label": "etiqueta perdida",
}

# case: (notice, what differs from BASE, Spanish the patron must read)
CASES: dict[str, tuple[str, dict[str, Any], tuple[str, ...]]] = {
    "arrived": (
        "arrived",
        {},
        (
            "Buenas noticias",
            "ya llegó",
            "hasta el jueves, 10 de diciembre",
            "martes, 22 de diciembre",
        ),
    ),
    "arrived_proxy": (
        "arrived",
        {"pickup_by": "", "proxy": "Ana Ruiz", "reasons": []},
        ("Puede recogerlo en el mostrador de préstamo.", "Ana Ruiz, la persona que usted autorizó"),
    ),
    "academic_hold": (
        "academic_hold",
        {"due": "2026-11-03"},
        ("martes, 3 de noviembre", "retención"),
    ),
    "approved": ("approved", {}, ("aprobó",)),
    "billed": ("billed", {"due": "2026-10-20"}, ("martes, 20 de octubre", "costo de reposición")),
    "billed_by_invoice": (
        "billed",
        {"due": "2026-10-20", "billed_through": ""},
        ("mediante una factura de la biblioteca",),
    ),
    "cancelled": ("cancelled", {}, ("cancel", '"hablar con una persona"')),
    "delivered": ("delivered", {}, ("descargar", "miércoles, 16 de diciembre")),
    "delivered_no_limit": ("delivered", {"last_day": ""}, ("Ya puede leer o descargar",)),
    "due_soon": (
        "due_soon",
        {"due": "2026-12-04"},
        ("Recordatorio", "vence el viernes, 4 de diciembre", "o pídame que lo renueve"),
    ),
    "due_soon_no_renewal": (
        "due_soon",
        {"due": "2026-12-04", "can_renew": False, "no_renewal": "it was renewed once already"},
        ("Por favor, devuélvalo en el mostrador de préstamo.", "No se puede renovar"),
    ),
    "expired": ("expired", {}, ("período de acceso", "pídamelo de nuevo")),
    "fee_shared": ("fee", {}, ("cobra $12.00", "$5.00", "$7.00")),
    "fee_all_yours": ("fee", {"owed": 1200, "covered": 0}, ("Usted debe pagar $12.00.",)),
    "fee_covered": ("fee", {"owed": 0, "covered": 1200}, ("usted no debe nada",)),
    "fee_approval": (
        "fee_approval",
        {"owed": 1200},
        ("¿Quiere pagar $12.00?", '"sí"', "cancelar la solicitud"),
    ),
    # the library pays part (Bellevue's $10 cap): the patron's share is what is asked about
    "fee_approval_share": (
        "fee_approval",
        {"owed": 700, "max_cost": 300},
        ("la parte que le toca a usted, $7.00", "$3.00", "¿Quiere pagar $7.00?"),
    ),
    "fee_ask_share": ("fee_ask", {}, ("le corresponde pagar $5.00", "¿quiere pagar $5.00?")),
    "fee_ask_whole": ("fee_ask", {"owed": 1200}, ("cobra $12.00", "¿quiere pagar $12.00?")),
    "fee_charged": ("fee_charged", {}, ("cargo de $5.00",)),
    "fee_refunded": ("fee_refunded", {}, ("le devolvemos el cargo de $5.00",)),
    "fine_days": (
        "fine_charged",
        {"days_late": 3, "capped": False, "owed": 300},
        ("Gracias por devolver", "3 días de retraso", "$3.00", "Por favor, páguela"),
    ),
    "fine_one_day_capped": (
        "fine_charged",
        {"days_late": 1, "capped": True},
        ("1 día de retraso", "lo máximo que cobra la biblioteca"),
    ),
    "fine_no_days": ("fine_charged", {}, ("multa por retraso de $5.00.",)),
    "fine_no_days_capped": ("fine_charged", {"capped": True}, ("lo máximo que cobra",)),
    "lender_fine": (
        "lender_fine",
        {"reason": "lost barcode label"},
        ("(etiqueta perdida)", "consulte con la oficina de préstamo interbibliotecario"),
    ),
    "lender_fine_no_office": (
        "lender_fine",
        {"contact": {}},
        ("multa de $5.00", "pregunte en la oficina de préstamo interbibliotecario"),
    ),
    "overdue": ("overdue", {"due": "2026-11-24"}, ("martes, 24 de noviembre", "lo antes posible")),
    "privileges_suspended": ("privileges_suspended", {}, ("Se suspendió", "hable con la oficina")),
    "recalled": ("recalled", {"due": "2026-12-08"}, ("a más tardar el martes, 8 de diciembre",)),
    "renewal_denied": ("renewal_denied", {}, ("no pudo renovar",)),
    "renewal_requested": ("renewal_requested", {}, ("Le avisaré la nueva fecha",)),
    "renewed": ("renewed", {"due": "2027-01-12"}, ("martes, 12 de enero de 2027",)),
    "returned_unclaimed": ("returned_unclaimed", {}, ("no se recogió", "pendiente")),
    "returned_no_fees": ("returned_unclaimed", {"pays_fees": False}, ("no se recogió",)),
    "sent": ("sent", {}, ("Le avisaré cuando llegue.",)),
    "unfilled": ("unfilled", {}, ("Lo sentimos", "Los préstamos se pueden renovar una vez.")),
    "unfilled_no_reasons": ("unfilled", {"reasons": []}, ("bibliotecario",)),
}


def _english(case: str) -> dict[str, Any]:
    notice, changes, _ = CASES[case]
    return {**BASE, **changes, "notice": notice}


def _spanish(case: str) -> dict[str, Any]:
    return {**_in_spanish(_english(case)), "locale": "es"}


def _in_spanish(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _in_spanish(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_spanish(item) for item in value]
    return LIBRARY_WORDS.get(value, value) if isinstance(value, str) else value


# What each case read before its sentences were marked (the body; email adds LAYOUT_TAIL).
ENGLISH: dict[str, str] = {
    "arrived": "Good news: ILL-3 “The Overstory” has arrived. Pick it up at the circulation desk "
    "by Thursday, December 10. It is due back on Tuesday, December 22.\n"
    "Loans can be renewed once.",
    "arrived_proxy": "Good news: ILL-3 “The Overstory” has arrived. Pick it up at the circulation "
    "desk. It is due back on Tuesday, December 22.\n"
    "Your proxy, Ana Ruiz, may pick it up for you.",
    "academic_hold": "ILL-3 “The Overstory” is four weeks overdue (it was due on Tuesday, "
    "November 3), so a hold has been placed on your grades, transcripts and "
    "diploma. Please return it to lift the hold.",
    "approved": "ILL-3 “The Overstory” has been approved and will be sent to a lending library.",
    "billed": "ILL-3 “The Overstory” has not come back (it was due on Tuesday, October 20), so "
    "you are billed its replacement cost by an invoice from the library.",
    "billed_by_invoice": "ILL-3 “The Overstory” has not come back (it was due on Tuesday, "
    "October 20), so you are billed its replacement cost by an invoice from the library.",
    "cancelled": 'ILL-3 “The Overstory” could not be approved and has been cancelled. Ask "talk '
    'to a person" if you have questions.',
    "delivered": "ILL-3 “The Overstory” is ready for you to read or download. You can view and "
    "download it until Wednesday, December 16; after that it expires.",
    "delivered_no_limit": "ILL-3 “The Overstory” is ready for you to read or download.",
    "due_soon": "Reminder: ILL-3 “The Overstory” is due back on Friday, December 4. Please return "
    "it to the circulation desk, or ask me to renew it.",
    "due_soon_no_renewal": "Reminder: ILL-3 “The Overstory” is due back on Friday, December 4. "
    "Please return it to the circulation desk. It can't be renewed: it was "
    "renewed once already.",
    "expired": "The access period for ILL-3 “The Overstory” has ended, so it can no longer be "
    "viewed or downloaded. If you still need it, ask me for it again.",
    "fee_shared": "The lending library charges $12.00 for ILL-3 “The Overstory”. You owe $5.00; "
    "the library pays the other $7.00.",
    "fee_all_yours": "The lending library charges $12.00 for ILL-3 “The Overstory”. You owe "
    "$12.00.",
    "fee_covered": "The lending library charges $12.00 for ILL-3 “The Overstory”. The library "
    "covers it: you owe nothing.",
    "fee_approval": "The lending library charges $12.00 for ILL-3 “The Overstory”, more than the "
    '$5.00 you said you would pay. Do you want to pay $12.00? Reply "yes" to go '
    'on, "no" to cancel the request, or "another library" and staff will look for a lender '
    "that charges less.",
    "fee_approval_share": "The lending library charges $12.00 for ILL-3 “The Overstory”; your "
    "share, $7.00, is more than the $3.00 you said you would pay. Do you want to pay $7.00? Reply "
    '"yes" to go on, "no" to cancel the request, or "another library" and staff will look for a '
    "lender that charges less.",
    "fee_ask_share": "The lending library charges $12.00 for ILL-3 “The Overstory”; your share is "
    "$5.00. San Jose Public Library asks before accepting a lender's charge: do "
    'you want to pay $5.00? Reply "yes" to go on, "no" to cancel the request, or "another '
    'library" and staff will look for a lender that charges less.',
    "fee_ask_whole": "The lending library charges $12.00 for ILL-3 “The Overstory”. San Jose "
    "Public Library asks before accepting a lender's charge: do you want to pay "
    '$12.00? Reply "yes" to go on, "no" to cancel the request, or "another library" and staff '
    "will look for a lender that charges less.",
    "fee_charged": "A fee of $5.00 is now charged for ILL-3 “The Overstory”.\n"
    "Loans can be renewed once.",
    "fee_refunded": "ILL-3 “The Overstory” ended without reaching you, so the $5.00 fee for it is "
    "refunded.\n"
    "Loans can be renewed once.",
    "fine_days": "Thank you for returning ILL-3 “The Overstory”. It came back after its due date "
    "(Tuesday, December 22), 3 days late, so an overdue fine of $3.00 is charged.\n"
    "Loans can be renewed once.\n"
    "Please pay it at the circulation desk.",
    "fine_one_day_capped": "Thank you for returning ILL-3 “The Overstory”. It came back after its "
    "due date (Tuesday, December 22), 1 day late, so an overdue fine of "
    "$5.00 is charged, the most the library charges for one loan.\n"
    "Loans can be renewed once.\n"
    "Please pay it at the circulation desk.",
    "fine_no_days": "Thank you for returning ILL-3 “The Overstory”. It came back after its due "
    "date (Tuesday, December 22), so an overdue fine of $5.00 is charged.\n"
    "Loans can be renewed once.\n"
    "Please pay it at the circulation desk.",
    "fine_no_days_capped": "Thank you for returning ILL-3 “The Overstory”. It came back after its "
    "due date (Tuesday, December 22), so an overdue fine of $5.00 is "
    "charged, the most the library charges for one loan.\n"
    "Loans can be renewed once.\n"
    "Please pay it at the circulation desk.",
    "lender_fine": "The lending library has charged a fine of $5.00 for ILL-3 “The Overstory” "
    "(lost barcode label). It is passed on to you, so you owe it to San Jose "
    "Public Library.\n"
    "Loans can be renewed once.\n"
    "Please pay it at the circulation desk, or ask the ILL office if you have "
    "questions about it.",
    "lender_fine_no_office": "The lending library has charged a fine of $5.00 for ILL-3 “The "
    "Overstory”. It is passed on to you, so you owe it to San Jose "
    "Public Library.\n"
    "Loans can be renewed once.\n"
    "Please pay it at the circulation desk, or ask the ILL office if you "
    "have questions about it.",
    "overdue": "ILL-3 “The Overstory” was due back on Tuesday, November 24 and is now overdue. "
    "Please return it to the circulation desk as soon as you can.",
    "privileges_suspended": "Your interlibrary loan privileges are suspended.\n"
    "Loans can be renewed once.\n"
    "Please talk to the ILL office about getting them back.",
    "recalled": "The lending library has recalled ILL-3 “The Overstory”. Please return it by "
    "Tuesday, December 8.",
    "renewal_denied": "The lender could not renew ILL-3 “The Overstory”. Please return it by "
    "Tuesday, December 22.",
    "renewal_requested": "Loans can be renewed once.\n"
    "I'll tell you the new due date as soon as the lender answers.",
    "renewed": "The lender renewed ILL-3 “The Overstory”. It is now due on Tuesday, January 12, "
    "2027.",
    "returned_unclaimed": "ILL-3 “The Overstory” was not picked up and has gone back to the "
    "lending library. Any fees for it are still due.",
    "returned_no_fees": "ILL-3 “The Overstory” was not picked up and has gone back to the lending "
    "library.",
    "sent": "ILL-3 “The Overstory” has been asked of a lending library. I'll tell you when it "
    "arrives.",
    "unfilled": "Sorry: no library could lend ILL-3 “The Overstory”, so the request is closed.\n"
    "Loans can be renewed once.",
    "unfilled_no_reasons": "Sorry: no library could lend ILL-3 “The Overstory”, so the request is "
    "closed.\n"
    "Ask a librarian if you'd like help finding it another way.",
}
ENGLISH_SLACK: dict[str, str] = {
    "arrived": "*Ready for pickup* · ILL-3\n"
    "Good news: ILL-3 “The Overstory” has arrived. Pick it up at the circulation desk "
    "by Thursday, December 10. It is due back on Tuesday, December 22.\n"
    "Loans can be renewed once.",
    "fine_days": "*Fine charged* · ILL-3\n"
    "Thank you for returning ILL-3 “The Overstory”. It came back after its due date "
    "(Tuesday, December 22), 3 days late, so an overdue fine of $3.00 is charged.\n"
    "Loans can be renewed once.\n"
    "Please pay it at the circulation desk.",
    "lender_fine_no_office": "*Lender fine* · ILL-3\n"
    "The lending library has charged a fine of $5.00 for ILL-3 “The "
    "Overstory”. It is passed on to you, so you owe it to San Jose "
    "Public Library.\n"
    "Loans can be renewed once.\n"
    "Please pay it at the circulation desk, or ask the ILL office if you "
    "have questions about it.",
}
ENGLISH_HTML: dict[str, str] = {
    "arrived": "<!DOCTYPE html>\n"
    '<html lang="en">\n'
    '<head><meta charset="utf-8"><title>Ready for pickup · ILL-3</title></head>\n'
    '<body style="font-family: Georgia, serif; max-width: 36em; margin: 1em auto; '
    'color: #222;">\n'
    '<p style="font-size: 0.85em; color: #666;">San Jose Public Library · Interlibrary '
    "Loan</p>\n"
    '<h1 style="font-size: 1.3em;">Ready for pickup: ILL-3</h1>\n'
    "<p>Good news: ILL-3 “The Overstory” has arrived. Pick it up at the circulation "
    "desk by Thursday, December 10. It is due back on Tuesday, December 22.</p>\n"
    "<p>Loans can be renewed once.</p>\n"
    '<p style="font-size: 0.85em; color: #666;">You can reply to this email to answer '
    "or ask about ILL-3.</p>\n"
    "</body>\n"
    "</html>",
    "fee_ask_share": "<!DOCTYPE html>\n"
    '<html lang="en">\n'
    '<head><meta charset="utf-8"><title>Fee ask · ILL-3</title></head>\n'
    '<body style="font-family: Georgia, serif; max-width: 36em; margin: 1em '
    'auto; color: #222;">\n'
    '<p style="font-size: 0.85em; color: #666;">San Jose Public Library · '
    "Interlibrary Loan</p>\n"
    '<h1 style="font-size: 1.3em;">Fee ask: ILL-3</h1>\n'
    "<p>The lending library charges $12.00 for ILL-3 “The Overstory”; your share "
    "is $5.00. San Jose Public Library asks before accepting a lender's charge: "
    'do you want to pay $5.00? Reply "yes" to go on, "no" to cancel the request, or '
    '"another library" and staff will look for a lender that charges less.</p>\n'
    '<p style="font-size: 0.85em; color: #666;">You can reply to this email to '
    "answer or ask about ILL-3.</p>\n"
    "</body>\n"
    "</html>",
}
LAYOUT_TAIL = (
    "\n\nYou can reply to this email to answer or ask about ILL-3."
    "\nSan Jose Public Library · Interlibrary Loan"
)
# Words no Spanish sentence of these templates holds: one left over means an English sentence.
_WORDS = """the you your please is it has have was will be been can can't i'll and for by to of
ask reply email mail due back lender lending fee owe if this about interlibrary loan good news
sorry thank pick"""
ENGLISH_WORDS = frozenset(_WORDS.split())


def _rendered(notice: str, channel: str, context: dict[str, Any]) -> str:
    if channel == "html":
        page = render_html(f"notices/{notice}", context)
        assert page is not None
        return page
    return render(f"notices/{notice}", channel, context)


def _english_left(text: str, context: dict[str, Any]) -> list[str]:
    """Return the English words left in a Spanish rendering, the library's own names aside."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
    headline = translate("es", notice_headline(context["notice"]))  # C's words (templates/words)
    for known in (context["title"], context["library"], headline):
        plain = plain.replace(known, " ")
    return [w for w in re.findall(r"[A-Za-z']+", plain) if w.lower() in ENGLISH_WORDS]


@pytest.mark.parametrize("case", CASES)
def test_english_notice_reads_as_before(case: str) -> None:
    notice = CASES[case][0]
    for context in (_english(case), {**_english(case), "locale": "en"}):
        assert render(f"notices/{notice}", "console", context) == ENGLISH[case]
        assert render(f"notices/{notice}", "email", context) == ENGLISH[case] + LAYOUT_TAIL


@pytest.mark.parametrize("case", ENGLISH_SLACK)
def test_english_slack_notice_reads_as_before(case: str) -> None:
    assert render(f"notices/{CASES[case][0]}", "slack", _english(case)) == ENGLISH_SLACK[case]


@pytest.mark.parametrize("case", ENGLISH_HTML)
def test_english_html_notice_reads_as_before(case: str) -> None:
    assert render_html(f"notices/{CASES[case][0]}", _english(case)) == ENGLISH_HTML[case]


@pytest.mark.parametrize("channel", ["slack", "email", "html"])
@pytest.mark.parametrize("case", CASES)
def test_spanish_notice_reads_as_spanish(case: str, channel: str) -> None:
    notice, _, says = CASES[case]
    context = _spanish(case)
    text = _rendered(notice, channel, context)
    shown = html.unescape(text) if channel == "html" else text
    for words in says:
        assert words in shown
    assert "ILL-3" in shown  # the request's ref and title as written
    assert ("The Overstory" in shown) == ("The Overstory" in ENGLISH[case])
    assert not _english_left(text, context), text
    if channel == "email":
        assert "Puede responder a este correo" in text
        assert "San Jose Public Library · Préstamo interbibliotecario" in text
    if channel == "html":
        assert text.startswith('<!DOCTYPE html>\n<html lang="es">')


def test_spanish_html_escapes_a_title() -> None:
    context = {**_spanish("arrived"), "name": "ILL-3 “<b>x</b>”", "title": "<b>x</b>"}
    page = _rendered("arrived", "html", context)
    assert "ILL-3 “&lt;b&gt;x&lt;/b&gt;”" in page and "<b>x</b>" not in page
    assert "Buenas noticias" in page


def test_spanish_slack_escapes_a_mention() -> None:
    context = {**_spanish("due_soon"), "name": "ILL-3 “<@U1> & co”"}
    text = _rendered("due_soon", "slack", context)
    assert "<@U1>" not in text and "ILL-3 “&lt;@U1&gt; &amp; co”" in text
    assert "Recordatorio" in text


def test_dates_in_a_spanish_sentence_are_words_only_for_a_patron() -> None:
    patron = _rendered("renewed", "email", _spanish("renewed"))
    assert "Ahora vence el martes, 12 de enero de 2027." in patron
    unread = {key: value for key, value in _spanish("renewed").items() if key != "today"}
    assert "Ahora vence el 2027-01-12." in _rendered("renewed", "email", unread)


def test_spanish_library_text_gets_the_spanish_layout() -> None:
    context = {**_spanish("arrived"), "library_text": "Ya llegó {{ name }}: vence el {{ due }}."}
    text = _rendered("arrived", "email", context)
    assert text.startswith("Ya llegó ILL-3 “The Overstory”: vence el martes, 22 de diciembre.")
    assert text.endswith("San Jose Public Library · Préstamo interbibliotecario")


SUBJECTS = [  # fields bot/mail/compose gives the subject, English, Spanish
    ({"original_subject": "Libro", "ref": "ILL-3", "title": "x"}, "Re: Libro", "Re: Libro"),
    (
        {"original_subject": "", "ref": "ILL-3", "title": "Cien años de soledad"},
        "ILL-3: Cien años de soledad",
        "ILL-3: Cien años de soledad",
    ),
    (
        {"original_subject": "", "ref": "ILL-3", "title": "ILL-3"},
        "ILL-3: Your interlibrary loan",
        "ILL-3: Su préstamo interbibliotecario",
    ),
    (
        {"original_subject": "", "ref": "", "title": ""},
        "Your interlibrary loan",
        "Su préstamo interbibliotecario",
    ),
]


@pytest.mark.parametrize(("fields", "english", "spanish"), SUBJECTS)
def test_mail_subject(fields: dict[str, str], english: str, spanish: str) -> None:
    fields = {**fields, "notice": "arrived"}
    assert render("mail/subject", "email", fields) == english
    assert render("mail/subject", "email", {**fields, "locale": "es"}) == spanish


FOOTER = (
    "-- \nSan Jose Public Library · Interlibrary Loan\n"
    "Answer by replying to this mail; only your own words above the quoted text are read."
)


def test_mail_footer() -> None:
    assert render("mail/footer", "email", BASE) == FOOTER
    spanish = render("mail/footer", "email", {**BASE, "locale": "es"})
    assert spanish.startswith("-- \nSan Jose Public Library · Préstamo interbibliotecario\n")
    assert "Para contestar, responda a este correo" in spanish
    assert not _english_left(spanish, {**BASE, "notice": ""})


PAGE = {"body": "<p>Hola &amp; adiós</p>", "subject": "ILL-3: The Overstory", "library": "SJPL <x>"}
PAGE_ENGLISH = (
    '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>ILL-3: The Overstory'
    '</title></head>\n<body style="font-family: sans-serif; line-height: 1.45; max-width: 40em;">'
    '\n<h1 style="font-size: 1.3em;">Ready for pickup: ILL-3</h1>\n<p>Hola &amp; adiós</p>\n'
    '<p style="color: #666; font-size: 0.9em; border-top: 1px solid #ddd; padding-top: 0.5em;">'
    "SJPL &lt;x&gt; · Interlibrary Loan<br>Answer by replying to this mail; only your own words "
    "above the quoted text are read.</p>\n</body>\n</html>"
)


def test_mail_page_follows_the_locale() -> None:
    assert render_html("mail/body", {**PAGE, "headline": "Ready for pickup: ILL-3"}) == PAGE_ENGLISH
    page = render_html("mail/body", {**PAGE, "headline": "", "locale": "es_US"})
    assert page is not None and page.startswith('<!DOCTYPE html>\n<html lang="es-US">')
    assert "SJPL &lt;x&gt; · Préstamo interbibliotecario<br>Para contestar" in page
    assert "<p>Hola &amp; adiós</p>" in page  # the body, composed and escaped already


CODE = {"library": "San Jose Public Library", "contact": {}, "code": "042917", "minutes": 15}


def test_sign_in_code_mail() -> None:
    assert render("mail/sign_in_code", "email", CODE) == (
        "Your code to sign in to San Jose Public Library's interlibrary loan chat is 042917\n\n"
        "It works once, for 15 minutes. If you did not ask for it, you can ignore this mail: "
        "nobody can sign in as you without the code."
    )
    spanish = render("mail/sign_in_code", "email", {**CODE, "locale": "es"})
    assert spanish.startswith("Su código para entrar al chat de préstamo interbibliotecario de")
    assert "042917\n\nSirve una sola vez, durante 15 minutos." in spanish
    assert not _english_left(spanish, {**CODE, "notice": "", "title": ""})


def test_staff_reports_stay_english() -> None:
    """Staff read English: a report about a Spanish-speaking patron's mail is not translated."""
    fields = {"ref": "ILL-3", "patron_ref": "p1", "title": "T", "reason": "550", "locale": "es"}
    text = render("mail/bounce", "slack", fields)
    assert text.startswith("A mail to patron p1 about ILL-3 “T” could not be delivered: 550.")
