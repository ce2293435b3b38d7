"""The staff queue as a list: open requests, soonest need-by first (`/ill queue`, Home tab)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.ledger import OPEN_STATUSES
from store.models import IllRequest


@dataclass(frozen=True)
class QueueLine:
    """One open request in the staff queue."""

    ref: str
    status: str
    need_by: date | None
    age_days: int
    title: str
    patron: str


def open_queue(
    session: Session, today: date, status: str | None = None, limit: int = 100
) -> list[QueueLine]:
    """List open requests (or those in one status), soonest need-by first, then oldest."""
    statuses = (status,) if status else OPEN_STATUSES
    query = select(IllRequest).where(IllRequest.status.in_(statuses))
    requests = list(session.scalars(query))
    requests.sort(key=lambda r: (r.need_by is None, r.need_by or date.max, r.created_at, r.id))
    return [
        QueueLine(
            ref=r.ref,
            status=r.status,
            need_by=r.need_by,
            age_days=max((today - r.recorded_on).days, 0),
            title=r.title or r.isbn or r.issn or r.doi or r.pmid or r.ref,
            patron=(r.patron.name or r.patron.id) if r.patron else "",
        )
        for r in requests[:limit]
    ]
