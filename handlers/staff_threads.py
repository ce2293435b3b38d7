"""Staff threads: which outbox row is a request's post in the staff queue (handlers.queue).

Every notice and patron message about a request follows in that post's thread, so the root is
asked for often: by each notice of a scheduler pass, and by the Slack sender for each reply.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from store.models import OutboxMessage

KIND = "staff_post"
ROOT = "staff/request"
_KNOWN_ROOTS = "handlers.staff_threads.roots"  # Session.info key: know_roots's answers

# Built once: every notice asks it, and building a select costs more than running it.
_ROOT = (
    select(OutboxMessage)
    .where(
        OutboxMessage.kind == KIND,
        OutboxMessage.request_id == bindparam("request_id"),
        OutboxMessage.template == ROOT,
    )
    .order_by(OutboxMessage.id)
    .limit(1)
)


def has_root(session: Session, request_id: int) -> bool:
    """Tell whether a request was posted to the staff queue."""
    return root_of(session, request_id) is not None


def root_of(session: Session, request_id: int) -> OutboxMessage | None:
    """Return the staff queue post of a request, if it has one."""
    for row in session.new:  # written in this transaction and not flushed yet
        if _is_root(row, request_id):
            return row
    known = session.info.get(_KNOWN_ROOTS)
    if known is not None and request_id in known:  # looked up for the whole chunk at once
        found = known[request_id]
        # None then: unless this transaction wrote one since (flushed, so in the identity map).
        return found or _flushed_root(session, request_id)
    with session.no_autoflush:  # a notice's pending changes need not be written to answer this
        return session.scalars(_ROOT, {"request_id": request_id}).first()


def know_roots(session: Session, request_ids: list[int]) -> None:
    """Look up the staff queue posts of many requests in one query, for `root_of` to answer from.

    A scheduler chunk asks for each of its notices; one query per notice cost more than the
    notice's own writes. The answers last as long as the session (one chunk's transaction).
    """
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.kind == KIND,
            OutboxMessage.request_id.in_(request_ids),
            OutboxMessage.template == ROOT,
        )
        .order_by(OutboxMessage.id)
    )
    known: dict[int, OutboxMessage | None] = dict.fromkeys(request_ids)
    with session.no_autoflush:
        for row in session.scalars(query):
            if row.request_id is not None and known.get(row.request_id) is None:
                known[row.request_id] = row
    session.info.setdefault(_KNOWN_ROOTS, {}).update(known)


def _flushed_root(session: Session, request_id: int) -> OutboxMessage | None:
    for row in session.identity_map.values():
        if isinstance(row, OutboxMessage) and _is_root(row, request_id):
            return row
    return None


def _is_root(row: object, request_id: int) -> bool:
    return isinstance(row, OutboxMessage) and (row.kind, row.request_id, row.template) == (
        KIND,
        request_id,
        ROOT,
    )
