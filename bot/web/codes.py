"""One-time sign-in codes: six digits mailed to the patron's directory address, through the outbox.

The code is stored only as a hash, works once, for ten minutes and five tries; an address gets
at most three codes an hour. Asking for a code answers the same whether or not the address is
in the directory, so the page never tells who is a patron. The code never reaches a log: the
outbox row that carries it is deleted once the code has expired (store.web.purge_web).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.web.limits import CLIENT, CODES_MAILED, WRONG_CODE, count, try_again, wait_for
from policy.profile import Profile
from store.models import Patron
from store.outbox import enqueue
from store.web import CODE_LIFETIME, CODE_TEMPLATE, add_code, digest, live_codes, patron_by_email
from templates import render
from templates.dates import LOCALE
from templates.i18n import N_, SOURCE, translate

log = logging.getLogger(__name__)
WRONG = N_("That code is not right, or it has expired. Please ask for a new one.")


@dataclass(frozen=True)
class Outcome:
    """What a sign-in step came to: a patron, or a status and a sentence for the patron."""

    patron: Patron | None = None
    status: int = 200
    error: str = ""


def masked(email: str) -> str:
    """Show an address the way the page repeats it: p***@sjpl.example."""
    local, _, domain = email.strip().partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def address_key(email: str) -> str:
    """Return how an address is kept with its codes: hashed, case-folded."""
    return digest("illbot-web-address:" + email.strip().lower())


def _code_hash(code_id: int, code: str) -> str:
    return digest(f"illbot-web-code:{code_id}:{code}")


def send_code(
    session: Session,
    profile: Profile,
    email: str,
    client: str,
    now: datetime,
    language: str = SOURCE,
) -> Outcome:
    """Mail a code to the address when it is a patron's of this library; the same answer if not."""
    for limit, value in ((CLIENT, client), (CODES_MAILED, email)):
        wait = wait_for(session, limit, value, now)
        if wait is not None:
            return Outcome(status=429, error=try_again(wait, language))
    count(session, CLIENT, client, now, failed=False)
    count(session, CODES_MAILED, email, now, failed=False)
    patron = patron_by_email(session, profile.id, email)
    if patron is None or not patron.email:
        log.info("web: a sign-in code was asked for an address not in the directory")
        return Outcome()
    code = f"{secrets.randbelow(10**6):06d}"
    row = add_code(session, patron, address_key(email), "", now)
    row.code_hash = _code_hash(row.id, code)
    # The directory's word first, else the page's.
    written = str(patron.language) if profile.speaks(patron.language) else language
    context: dict[str, Any] = {
        "library": profile.name,
        "library_id": profile.id,
        "contact": profile.words(written).contact,
    }
    if written != SOURCE:
        context[LOCALE] = written
    minutes = int(CODE_LIFETIME.total_seconds() // 60)
    text = render(CODE_TEMPLATE, "email", {**context, "code": code, "minutes": minutes})
    mail = enqueue(
        session,
        now,
        kind="reply",
        channel="email",
        patron_id=patron.id,
        address=patron.email,
        template=CODE_TEMPLATE,
        context=context,  # not the code: only the text carries it, and only until it expires
        meta={"intent": "sign_in"},
        text=text,
    )
    session.flush()
    log.info("web: sign-in code %s mailed (outbox %s)", row.id, mail.id)
    return Outcome()


def verify_code(
    session: Session,
    profile: Profile,
    email: str,
    code: str,
    client: str,
    now: datetime,
    language: str = SOURCE,
) -> Outcome:
    """Sign in with a mailed code: the patron when it is right, else 401 (or 429)."""
    for limit, value in ((CLIENT, client), (WRONG_CODE, email)):
        wait = wait_for(session, limit, value, now)
        if wait is not None:
            return Outcome(status=429, error=try_again(wait, language))
    count(session, CLIENT, client, now, failed=False)
    given = code.strip()
    codes = live_codes(session, address_key(email), now) if given.isdigit() else []
    for row in codes:
        if secrets.compare_digest(row.code_hash, _code_hash(row.id, given)):
            row.used = True
            patron = session.get(Patron, row.patron_id)
            if patron is not None and patron.library == profile.id:
                return Outcome(patron=patron)
    for row in codes:
        row.tries += 1  # five wrong tries spend every code the address holds
    count(session, WRONG_CODE, email, now, failed=True)
    return Outcome(status=401, error=translate(language, WRONG))
