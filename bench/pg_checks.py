"""What `make bench-pg` checks in a store afterwards: each message once, each notice once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bench.pg_workers import TickRun, run_together, tick_once
from store.db import make_engine
from store.ledger import OPEN_STATUSES
from store.models import IllRequest, InboxMessage, NoticeSent, OutboxMessage


@dataclass(frozen=True)
class StoreCheck:
    """What the store holds after a phase: each message once, no duplicate open request."""

    inbox: int  # rows in the inbox: one per message handled
    duplicate_open: int  # (patron, item) pairs with more than one open request
    requests: int
    outbox: int

    def fingerprint(self) -> tuple[int, int, int]:
        """What must be the same whatever the worker count."""
        return self.inbox, self.requests, self.outbox


@dataclass(frozen=True)
class TickRace:
    """Two `illbot tick` passes at once over one store: what each queued, and any doubles."""

    notices_each: tuple[int, ...]
    claims: int  # rows in notices_sent
    distinct_claims: int  # distinct (request, notice, level, step)
    notices: int  # notice rows the passes put in the outbox
    doubled: int  # (request, notice template, address) queued more than once
    errors: tuple[str, ...]


def check_store(url: str) -> StoreCheck:
    """Count what the phase left: inbox rows, duplicate open requests, requests, outbox rows."""
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            pairs = (
                select(IllRequest.patron_id, IllRequest.item_key)
                .where(IllRequest.status.in_(OPEN_STATUSES))
                .group_by(IllRequest.patron_id, IllRequest.item_key)
                .having(func.count() > 1)
            )
            return StoreCheck(
                inbox=_count(session, InboxMessage.id),
                duplicate_open=_count(session, pairs.subquery().c.item_key),
                requests=_count(session, IllRequest.id),
                outbox=_count(session, OutboxMessage.id),
            )
    finally:
        engine.dispose()


def _count(session: Session, column: ColumnElement[Any] | InstrumentedAttribute[Any]) -> int:
    return int(session.scalar(select(func.count(column))) or 0)


def race_ticks(url: str, at: str, passes: int = 2) -> TickRace:
    """Run `passes` scheduler passes at the same moment over one store; count what they queued."""
    runs: list[TickRun] = run_together(tick_once, [(url, at)] * passes, strict=False)
    engine = make_engine(url)
    try:
        return _tick_race(engine, runs, at)
    finally:
        engine.dispose()


def _tick_race(engine: Engine, runs: Sequence[TickRun], at: str) -> TickRace:
    keys = (NoticeSent.request_id, NoticeSent.notice, NoticeSent.level, NoticeSent.step)
    # The passes' own notices: staff moves earlier queued "sent" and "arrived" ones too.
    notice = OutboxMessage.template.like("notices/%") & (
        OutboxMessage.created_at >= datetime.fromisoformat(at)
    )
    sent = (OutboxMessage.request_id, OutboxMessage.template, OutboxMessage.address)
    doubled = select(*sent).where(notice).group_by(*sent).having(func.count() > 1)
    with Session(engine) as session:
        return TickRace(
            notices_each=tuple(_notices(run) for run in runs),
            claims=_count(session, NoticeSent.id),
            distinct_claims=_count(session, select(*keys).distinct().subquery().c.request_id),
            notices=int(session.scalar(select(func.count()).where(notice)) or 0),
            doubled=_count(session, doubled.subquery().c.template),
            errors=tuple(run.error for run in runs if run.error),
        )


def _notices(run: TickRun) -> int:
    return sum(1 for line in run.lines if " notice about " in line)
