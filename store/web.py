"""The web chat's store: sessions, visits, one-time codes, sign-in attempts, the patron's rows.

Every query of patron data takes the patron id of the signed-in session: nothing here reads a
row by an id a browser sent without also matching that patron.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from store.models import (
    OutboxMessage,
    Patron,
    SignInAttempt,
    SignInCode,
    WebLine,
    WebSession,
    WebVisit,
)

SESSION_IDLE = timedelta(minutes=30)
SESSION_LIFETIME = timedelta(hours=12)
CODE_LIFETIME = timedelta(minutes=10)
CODE_TRIES = 5
ATTEMPT_WINDOW = timedelta(hours=1)  # the longest window a rate limit counts over
LINES_KEPT = timedelta(hours=24)  # a patron's own lines, shown again when the page reopens
CHANNEL = "web"
SHOWN_KINDS = ("reply", "notice")
CODE_TEMPLATE = "mail/sign_in_code"
UNFETCHED = "not shown: the patron did not open the web chat within a day"


def digest(value: str) -> str:
    """Return the SHA-256 hex digest a token, code, card or address is stored as."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def start_session(
    session: Session, patron: Patron, token_hash: str, csrf: str, now: datetime
) -> WebSession:
    """Record a signed-in session, remembering when the patron was last here before."""
    visit = session.get(WebVisit, patron.id)
    started = WebSession(
        token_hash=token_hash,
        csrf=csrf,
        patron_id=patron.id,
        library=patron.library,
        created_at=now,
        last_seen_at=now,
        expires_at=now + SESSION_LIFETIME,
        previous_visit_at=visit.seen_at if visit is not None else None,
    )
    session.add(started)
    _seen(session, patron.id, now)
    session.flush()
    return started


def live_session(session: Session, token_hash: str, now: datetime) -> WebSession | None:
    """Return the session this token opens, unless it ended, idled out or aged out."""
    found = session.scalars(select(WebSession).where(WebSession.token_hash == token_hash)).first()
    if found is None or found.expires_at <= now or found.last_seen_at + SESSION_IDLE <= now:
        return None
    return found


def touch(session: Session, web_session: WebSession, now: datetime) -> None:
    """Keep a session alive: the idle limit counts from now."""
    web_session.last_seen_at = now
    _seen(session, web_session.patron_id, now)


def _seen(session: Session, patron_id: str, now: datetime) -> None:
    visit = session.get(WebVisit, patron_id)
    if visit is None:
        session.add(WebVisit(patron_id=patron_id, seen_at=now))
    else:
        visit.seen_at = now


def end_session(session: Session, token_hash: str) -> None:
    """Forget a session (sign-out): its cookie opens nothing any more."""
    session.execute(delete(WebSession).where(WebSession.token_hash == token_hash))


def record_attempt(session: Session, kind: str, key: str, now: datetime, failed: bool) -> None:
    """Count one sign-in attempt (or code mailed) against a hashed key."""
    session.add(SignInAttempt(kind=kind, key=key, at=now, failed=failed))
    session.flush()


def attempts_since(
    session: Session, kind: str, key: str, since: datetime, failed_only: bool
) -> tuple[int, datetime | None]:
    """Return how many attempts a key made since a moment, and when the oldest of them was."""
    query = select(func.count(SignInAttempt.id), func.min(SignInAttempt.at)).where(
        SignInAttempt.kind == kind, SignInAttempt.key == key, SignInAttempt.at > since
    )
    if failed_only:
        query = query.where(SignInAttempt.failed.is_(True))
    count, oldest = session.execute(query).one()
    return int(count or 0), oldest


def patron_by_card(session: Session, library: str, card: str) -> Patron | None:
    """Find the library's patron with this card number."""
    query = select(Patron).where(Patron.library == library, Patron.card == card.strip())
    return session.scalars(query.limit(1)).first()


def patron_by_email(session: Session, library: str, email: str) -> Patron | None:
    """Find the library's patron with this address (case-insensitive)."""
    query = select(Patron).where(
        Patron.library == library, func.lower(Patron.email) == email.strip().lower()
    )
    return session.scalars(query.order_by(Patron.id).limit(1)).first()


def add_code(
    session: Session, patron: Patron, address_hash: str, code_hash: str, now: datetime
) -> SignInCode:
    """Record a one-time code mailed to the patron's address."""
    code = SignInCode(
        address_hash=address_hash,
        code_hash=code_hash,
        patron_id=patron.id,
        created_at=now,
        expires_at=now + CODE_LIFETIME,
        tries=0,
        used=False,
    )
    session.add(code)
    session.flush()
    return code


def live_codes(session: Session, address_hash: str, now: datetime) -> Sequence[SignInCode]:
    """Return the codes mailed to an address still usable: unexpired, unused, tries left."""
    query = (
        select(SignInCode)
        .where(
            SignInCode.address_hash == address_hash,
            SignInCode.expires_at > now,
            SignInCode.used.is_(False),
            SignInCode.tries < CODE_TRIES,
        )
        .order_by(SignInCode.id.desc())
        .with_for_update()
    )
    return session.scalars(query).all()


def add_line(session: Session, patron_id: str, at: datetime, text: str) -> WebLine:
    """Keep what the patron wrote, placed after the outbox rows written before it."""
    after = int(session.scalar(select(func.max(OutboxMessage.id))) or 0)
    line = WebLine(patron_id=patron_id, at=at, text=text, after_outbox=after)
    session.add(line)
    return line


def lines_since(session: Session, patron_id: str, since: datetime) -> Sequence[WebLine]:
    """Return what the patron wrote since a moment, oldest first."""
    query = (
        select(WebLine)
        .where(WebLine.patron_id == patron_id, WebLine.at > since)
        .order_by(WebLine.id)
    )
    return session.scalars(query).all()


def _shown(patron_id: str) -> list[object]:
    """The rows the patron's web page shows: its web conversation and its notices anywhere."""
    return [
        OutboxMessage.patron_id == patron_id,
        OutboxMessage.kind.in_(SHOWN_KINDS),
        or_(OutboxMessage.channel == CHANNEL, OutboxMessage.kind == "notice"),
    ]


def messages_after(
    session: Session, patron_id: str, after: int, limit: int = 100
) -> Sequence[OutboxMessage]:
    """Return the patron's web rows and notices newer than message `after`, oldest first."""
    query = (
        select(OutboxMessage)
        .where(*_shown(patron_id), OutboxMessage.id > after)  # type: ignore[arg-type]
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return session.scalars(query).all()


def conversation_since(
    session: Session, patron_id: str, since: datetime, limit: int = 200
) -> Sequence[OutboxMessage]:
    """Return the patron's web conversation rows since a moment, oldest first."""
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.patron_id == patron_id,
            OutboxMessage.channel == CHANNEL,
            OutboxMessage.kind.in_(SHOWN_KINDS),
            OutboxMessage.created_at > since,
        )
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    )
    return list(reversed(session.scalars(query).all()))


def notices_since(
    session: Session, patron_id: str, since: datetime, limit: int = 20
) -> Sequence[OutboxMessage]:
    """Return the newest notices to the patron on any channel since a moment, oldest first."""
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.patron_id == patron_id,
            OutboxMessage.kind == "notice",
            OutboxMessage.state != "failed",
            OutboxMessage.created_at > since,
        )
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    )
    return list(reversed(session.scalars(query).all()))


def last_message_id(session: Session, patron_id: str) -> int:
    """Return the greatest id of the rows the patron's page shows (0 when none)."""
    query = select(func.max(OutboxMessage.id)).where(*_shown(patron_id))  # type: ignore[arg-type]
    return int(session.scalar(query) or 0)


def purge_web(session: Session, now: datetime) -> tuple[int, int, int]:
    """Delete ended sessions, spent codes and attempts past their window; return the counts.

    A session is gone once it idled out or aged out, a code an hour after it expired (its mail
    once sent or given up), an attempt once no rate limit counts it, a patron's own line after
    a day: none of them keeps a patron id, card, address or words after that.
    """
    sessions = session.execute(
        delete(WebSession).where(
            or_(WebSession.expires_at <= now, WebSession.last_seen_at <= now - SESSION_IDLE)
        )
    )
    # The mail that carried a code holds the code and the address: gone once the code is.
    # Found by the patrons of expired codes (outbox.patron_id is indexed, its template is not);
    # a code's row stays an hour past its expiry for a mail the SMTP sender was slow with.
    expired = select(SignInCode.patron_id).where(SignInCode.expires_at <= now)
    session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.patron_id.in_(expired.scalar_subquery()),
            OutboxMessage.template == CODE_TEMPLATE,
            OutboxMessage.state != "pending",
            OutboxMessage.created_at <= now - CODE_LIFETIME,
        )
    )
    codes = session.execute(delete(SignInCode).where(SignInCode.expires_at <= now - ATTEMPT_WINDOW))
    session.execute(delete(WebLine).where(WebLine.at <= now - LINES_KEPT))
    attempts = session.execute(
        delete(SignInAttempt).where(SignInAttempt.at <= now - ATTEMPT_WINDOW)
    )
    # A web row the patron's page never fetched would stay pending, address and all, for ever
    # (the purge keeps pending rows for their sender): after a day no page shows it any more.
    session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.channel == CHANNEL,
            OutboxMessage.state == "pending",
            OutboxMessage.created_at <= now - LINES_KEPT,
        )
        .values(state="failed", failed_at=now, last_error=UNFETCHED)
        .execution_options(synchronize_session=False)
    )
    return _count(sessions), _count(codes), _count(attempts)


def forget_visits(session: Session, library: str, before: datetime) -> int:
    """Delete when the library's patrons were last here, for visits before its retention cutoff."""
    patrons = select(Patron.id).where(Patron.library == library).scalar_subquery()
    result = session.execute(
        delete(WebVisit).where(WebVisit.seen_at < before, WebVisit.patron_id.in_(patrons))
    )
    return _count(result)


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
