"""Sign-in with a library card: the card and PIN checked by the ILS over SIP2, then the directory.

The ILS says whether the card and PIN are right; the directory says whether the card's holder
may use interlibrary loan here: matched by `Patron.card`, else by the email the ILS reports.
A wrong card and a wrong PIN get the same sentence, so the page never tells which cards exist.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.orm import Session

from bot.web.codes import Outcome
from bot.web.config import WebChat
from bot.web.limits import CLIENT, WRONG_PIN, count, try_again, wait_for
from bot.web.sip2 import CardCheck, Sip2Error, check_card
from policy.profile import Profile
from store.db import transaction
from store.models import Patron
from store.web import patron_by_card, patron_by_email
from templates.i18n import N_, SOURCE, translate

log = logging.getLogger(__name__)
WRONG = N_("That card number and PIN do not match our records. Please check them and try again.")
UNREACHABLE = N_(
    "We cannot check library cards right now. Please try again in a few minutes, or ask %(who)s."
)
THE_LIBRARY = N_("the library")
NOT_HERE = N_(
    "Your library card is fine, but it is not registered for interlibrary loan here yet. "
    "Please contact %(who)s."
)


def contact(profile: Profile, language: str = SOURCE) -> str:
    """Say whom a patron asks, in their language: the library's ILL office, else its desk."""
    words = profile.words(language).contact
    return words.get("office") or words.get("desk") or translate(language, THE_LIBRARY)


async def sign_in_by_card(
    chat: WebChat, profile: Profile, card: str, pin: str, client: str, language: str = SOURCE
) -> Outcome:
    """Check the card with the ILS and find its holder in the directory."""
    assert chat.sip2 is not None  # the route answers only when SIP2 is configured
    limited = await asyncio.to_thread(_limited, chat, card, client, language)
    if limited is not None:
        return limited
    try:
        check = await check_card(chat.sip2, card, pin)
    except Sip2Error as exc:
        log.warning("web: card sign-in: the ILS could not be asked (%s)", exc)
        error = translate(language, UNREACHABLE) % {"who": contact(profile, language)}
        return Outcome(status=503, error=error)
    return await asyncio.to_thread(_settle, chat, profile, card, check, client, language)


def _limited(chat: WebChat, card: str, client: str, language: str) -> Outcome | None:
    now = chat.clock.now()
    with transaction(chat.runtime.sessions) as session:
        for limit, value in ((CLIENT, client), (WRONG_PIN, card)):
            wait = wait_for(session, limit, value, now)
            if wait is not None:
                return Outcome(status=429, error=try_again(wait, language))
        count(session, CLIENT, client, now, failed=False)
    return None


def _settle(
    chat: WebChat, profile: Profile, card: str, check: CardCheck, client: str, language: str
) -> Outcome:
    now = chat.clock.now()
    with transaction(chat.runtime.sessions) as session:
        if not (check.valid_card and check.valid_pin):
            count(session, WRONG_PIN, card, now, failed=True)
            log.info("web: card sign-in refused: wrong card or PIN")
            return Outcome(status=401, error=translate(language, WRONG))
        patron = holder(session, profile, card, check)
        if patron is None:
            log.info("web: card sign-in: a valid card not in the directory")
            error = translate(language, NOT_HERE) % {"who": contact(profile, language)}
            return Outcome(status=403, error=error)
        session.expunge(patron)
        return Outcome(patron=patron)


def holder(session: Session, profile: Profile, card: str, check: CardCheck) -> Patron | None:
    """Find the card's holder in the library's directory: by card number, else by email."""
    for number in dict.fromkeys((check.card.strip(), card.strip())):
        if number:
            patron = patron_by_card(session, profile.id, number)
            if patron is not None:
                return patron
    if check.email and "@" in check.email:
        return patron_by_email(session, profile.id, check.email)
    return None
