"""Sign-in rate limits: few wrong PINs per card, few codes per address, few tries per client.

Attempts are counted in the store (store.web), so every worker of a PostgreSQL installation
counts the same ones; cards, addresses and client addresses are kept only as hashes, and only
as long as a limit counts them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiohttp import web
from sqlalchemy.orm import Session

from store.web import attempts_since, digest, record_attempt
from templates.i18n import N_, SOURCE, translate

WAIT_A_MINUTE = N_("Too many tries. Please wait a minute and try again.")
WAIT_MINUTES = N_("Too many tries. Please try again in %(minutes)s minutes.")


@dataclass(frozen=True)
class Limit:
    """At most `count` attempts of one kind per key within `window` (failed ones only, or all)."""

    kind: str
    count: int
    window: timedelta
    failed_only: bool = True


WRONG_PIN = Limit("card", 5, timedelta(minutes=15))  # wrong card or PIN, per card number
CLIENT = Limit("client", 30, timedelta(minutes=15), failed_only=False)  # every try, per client
CODES_MAILED = Limit("address", 3, timedelta(hours=1), failed_only=False)  # codes per address
WRONG_CODE = Limit("code", 5, timedelta(minutes=15))  # wrong codes, per address


def client_key(request: web.Request) -> str:
    """Return the client's address (the peer; a proxy's X-Forwarded-For is not trusted)."""
    return request.remote or "unknown"


def key_of(value: str) -> str:
    """Return how a card, address or client is kept: hashed, case-folded."""
    return digest("illbot-web-limit:" + value.strip().lower())


def wait_for(session: Session, limit: Limit, value: str, now: datetime) -> timedelta | None:
    """Return how long the key must wait before trying again, or None when it may try now."""
    count, oldest = attempts_since(
        session, limit.kind, key_of(value), now - limit.window, limit.failed_only
    )
    if count < limit.count or oldest is None:
        return None
    return max(oldest + limit.window - now, timedelta(seconds=1))


def count(session: Session, limit: Limit, value: str, now: datetime, failed: bool) -> None:
    """Count one attempt against a limit."""
    record_attempt(session, limit.kind, key_of(value), now, failed)


def try_again(wait: timedelta, language: str = SOURCE) -> str:
    """Say when to try again, in words a patron reads."""
    minutes = math.ceil(wait.total_seconds() / 60)
    if minutes <= 1:
        return translate(language, WAIT_A_MINUTE)
    return translate(language, WAIT_MINUTES) % {"minutes": minutes}
