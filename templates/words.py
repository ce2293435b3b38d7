"""Plain words for statuses, material types and amounts, as patrons read them.

The words are written in English and marked with `N_`; each function gives them in a language
(English by default), and the templates' filters give them in the context's `locale`.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date, format_skeleton

from templates.dates import DEFAULT_LOCALE
from templates.i18n import N_, SOURCE, translate

STATUS_WORDS = {
    "submitted": N_("received, and waiting for ILL staff to send it to a lending library"),
    "awaiting_approval": N_("waiting for an approval before it goes further"),
    "sent": N_("asked of a lending library, waiting for their answer"),
    "shipped": N_("on its way to us from the lending library"),
    "ready": N_("waiting for you at the pickup desk"),
    "delivered": N_("ready for you to read or download"),
    "checked_out": N_("checked out to you"),
    "renewal_requested": N_("checked out to you; a renewal is waiting for the lender's answer"),
    "returned": N_("returned, thank you"),
    "completed": N_("finished"),
    "unfilled": N_("closed: no library could lend it"),
    "cancelled": N_("cancelled"),
    "unclaimed": N_("sent back to the lender because it was not picked up"),
    "expired": N_("closed: the access period for the copy has ended"),
    "lost": N_("recorded as lost"),
}

MATERIAL_WORDS = {
    "book": N_("book"),
    "chapter": N_("chapter scan"),
    "article": N_("article"),
    "audiobook": N_("audiobook"),
    "media": N_("DVD or other audiovisual item"),
    "thesis": N_("thesis or dissertation"),
    "textbook": N_("textbook"),
    "periodical_issue": N_("whole journal issue or volume"),
    "other": N_("item"),
}


NOTICE_HEADLINES = {
    "request_received": N_("Request received"),
    "needs_info": N_("A question about your request"),
    "fee_approval": N_("A lender's charge needs your answer"),
    "fee": N_("A lender's charge"),
    "sent": N_("Asked of a lending library"),
    "arrived": N_("Ready for pickup"),
    "delivered": N_("Ready to read or download"),
    "due_soon": N_("Due soon"),
    "renewal_requested": N_("Renewal asked"),
    "renewed": N_("Renewed"),
    "renewal_denied": N_("Renewal not granted"),
    "recalled": N_("Recalled by the lender"),
    "overdue": N_("Overdue"),
    "academic_hold": N_("Hold on your academic records"),
    "billed": N_("Billed for replacement"),
    "returned_unclaimed": N_("Sent back unclaimed"),
    "privileges_suspended": N_("ILL privileges suspended"),
    "unfilled": N_("Could not be filled"),
    "cancelled": N_("Cancelled"),
    "expired": N_("Access ended"),
    "approved": N_("Approved"),
}


def notice_headline(notice: str, language: str = SOURCE) -> str:
    """Return the short headline a notice starts with in Slack and email."""
    return translate(language, NOTICE_HEADLINES.get(notice, notice.replace("_", " ").capitalize()))


def status_words(status: str, language: str = SOURCE) -> str:
    """Explain a status in plain language."""
    return translate(language, STATUS_WORDS.get(status, status.replace("_", " ")))


def material_words(material: str, language: str = SOURCE) -> str:
    """Name a material type as a patron would."""
    # A library's own type is named as the library wrote it.
    return translate(language, MATERIAL_WORDS.get(material, material.replace("_", " ")))


# When an item was published, at the precision its citation gave (policy/published.py).
PUBLISHED = {
    "day": N_("published on %(when)s"),
    "month": N_("published in %(when)s"),
    "year": N_("published in %(when)s (only the year is known)"),
}


def published_words(published_on: str, language: str = SOURCE) -> str:
    """Say when an item was published ("2026", "2026-03", "2026-03-05") in a language's words."""
    year, month, day = ([int(part) for part in published_on.split("-")] + [0, 0])[:3]
    locale = DEFAULT_LOCALE if language == SOURCE else language
    if day:
        precision, when = "day", format_date(date(year, month, day), "long", locale=locale)
    elif month:
        precision, when = "month", format_skeleton("yMMMM", date(year, month, 1), locale=locale)
    else:
        precision, when = "year", str(year)
    return translate(language, PUBLISHED[precision]) % {"when": when}


def money(cents: int | None) -> str:
    """Format cents as dollars: $0, $1.00, $12.50."""
    if not cents:
        return "$0"
    return f"${cents // 100}.{cents % 100:02d}"


def dollars(cents: int) -> int | float:
    """Return an amount as a JSON-friendly number of dollars: 0, 1, 12.5."""
    return cents // 100 if cents % 100 == 0 else cents / 100
