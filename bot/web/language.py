"""The web chat's language: the signed-in patron's, else the browser's, among the library's.

The page, its script's strings and every sentence the JSON API says are in one language: the
signed-in patron's when the library offers it, else the first of the browser's Accept-Language
the library offers, else the library's first language. The page's script sends the page's
language as its Accept-Language, so the API answers in the language the page is in.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from handlers.language import spoken
from policy.profile import Profile
from store.models import Patron
from templates.i18n import N_, language_of, translate

# What chat.js writes itself, by key; the page hands them over in its own language.
CHAT_STRINGS = {
    "signed_out": N_("You have been signed out. Please sign in again."),
    "unreachable": N_(
        "The chat could not reach the library just now. Check your connection and try again."
    ),
    "need_card": N_("Enter your library card number and your PIN."),
    "need_email": N_("Enter your email address."),
    "sent_to": N_(" to %(address)s"),  # inside "a code is on its way … . It works for 10 minutes."
    "need_code": N_("Enter the 6 digits from the email."),
    "you": N_("You"),
    "library": N_("Library"),
    "notice": N_("Notice"),
    "answers": N_("Answers"),
    "edit": N_("Edit"),
    "said_notice": N_("Notice: %(text)s"),
    "said_library": N_("Library: %(text)s"),
    "try_again": N_("Try again"),
    "correct": N_("Please correct the marked fields."),
    "no_title": N_("Write the title you'd like."),
    "changed": N_("Changed request: %(title)s"),
    "due": N_("Due %(day)s"),
    "renew": N_("Renew"),
    "cancel": N_("Cancel"),
}


def offered(profile: Profile) -> tuple[str, ...]:
    """Return the languages a library writes to patrons in, its default first."""
    return tuple(profile.languages)


def known_language(session: Session, patron: Patron | None, profile: Profile) -> str | None:
    """Return the language the patron is written to (a switch asked for first), if known."""
    return None if patron is None else spoken(session, patron, profile)


def from_header(header: str | None, languages: tuple[str, ...]) -> str | None:
    """Return the browser's most wanted language among `languages` (Accept-Language), or None."""
    wanted: list[tuple[float, int, str]] = []
    for place, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and tag != "*" and quality > 0:
            wanted.append((-quality, place, language_of(tag)))
    for _, _, language in sorted(wanted):
        if language in languages:
            return language
    return None


def page_language(profile: Profile, known: str | None, header: str | None) -> str:
    """Choose the page's language: the patron's, else the browser's, else the library's first."""
    languages = offered(profile)
    if known in languages:
        return str(known)
    return from_header(header, languages) or languages[0]


def request_language(request: web.Request, profile: Profile) -> str:
    """Return the language to answer an API request in (the page sends its own)."""
    languages = offered(profile)
    return from_header(request.headers.get("Accept-Language"), languages) or languages[0]


def say(language: str, message: str, **values: Any) -> str:
    """Return a sentence in a language, its %(name)s placeholders filled in."""
    text = translate(language, message)
    return text % values if values else text


def chat_strings(language: str) -> dict[str, str]:
    """Return the words chat.js writes itself, in a language."""
    return {key: translate(language, message) for key, message in CHAT_STRINGS.items()}
