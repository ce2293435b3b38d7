"""Checked-out loans put in a store through the simulator, and a census of the notices owed."""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import create_engine, func, select

from bot.runtime import open_runtime
from bot.settings import load_settings
from bot.sim import Simulator
from store.models import IllRequest, NoticeSent, OutboxMessage
from tests.faults.support import isbn13

DUE = "2026-11-02"
OVERDUE_AT = "2026-11-03T10:00"  # the day after: every loan is owed its overdue notice
PASS_DAY = datetime(2026, 11, 3, tzinfo=UTC)
PER_PATRON = 10  # John Jay's weekly limit


def loan_events(count: int) -> list[dict[str, Any]]:
    """Events that leave `count` John Jay loans checked out, all due on DUE."""
    events: list[dict[str, Any]] = []
    patrons = (count + PER_PATRON - 1) // PER_PATRON
    for p in range(patrons):
        events.append(
            {
                "type": "patron",
                "id": f"f{p}",
                "library": "johnjay",
                "category": "faculty",
                "email": f"f{p}@jjay.example",
            }
        )
    for n in range(count):
        patron = f"f{n // PER_PATRON}"
        text = f"Please get me ISBN {isbn13(5000 + n)}, needed by Dec 1"
        events.append({"type": "message", "at": "2026-10-05T09:00", "from": patron, "text": text})
    for n in range(1, count + 1):
        ref = f"ILL-{n}"
        events.append({"type": "staff", "at": "2026-10-06T09:00", "action": "sent", "request": ref})
        events.append(
            {
                "type": "staff",
                "at": "2026-10-09T09:00",
                "action": "arrived",
                "request": ref,
                "due": DUE,
            }
        )
        events.append(
            {"type": "staff", "at": "2026-10-10T09:00", "action": "checked_out", "request": ref}
        )
    return events


def put_loans(url: str, count: int) -> None:
    """Run the loan events through the simulator on the store at `url` (migrating it)."""
    runtime = open_runtime(load_settings(), url)
    try:
        Simulator(runtime).run([json.dumps(e) for e in loan_events(count)], io.StringIO())
        with runtime.sessions() as session:
            out = session.scalar(select(func.count()).where(IllRequest.status == "checked_out"))
        assert out == count, f"setup: {out} of {count} loans checked out"
    finally:
        runtime.engine.dispose()


@dataclass(frozen=True)
class Notices:
    """Scheduled notices in the outbox, per (request, notice), and the scheduler's claims."""

    loans: int
    written: Counter[tuple[int, str]]
    claims: int

    def missing(self, notice: str) -> list[int]:
        """Loans with no `notice` written."""
        have = {request for request, kind in self.written if kind == notice}
        return [n for n in range(1, self.loans + 1) if n not in have]

    def doubled(self) -> list[tuple[int, str]]:
        return sorted(key for key, times in self.written.items() if times > 1)

    def line(self, notice: str) -> str:
        once = sum(1 for (_, kind), times in self.written.items() if kind == notice and times == 1)
        return (
            f"loans {self.loans}  {notice} notice once {once}  "
            f"missing {len(self.missing(notice))}  doubled {len(self.doubled())}"
        )


def notices(url: str, loans: int) -> Notices:
    """Read the store directly for the notices written so far."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(OutboxMessage.request_id, OutboxMessage.meta).where(
                    OutboxMessage.kind == "notice",
                    OutboxMessage.created_at >= PASS_DAY,  # not the staff actions' notices
                )
            ).all()
            claims = (
                connection.scalar(  # a stuck request's staff report is not a notice's claim
                    select(func.count())
                    .select_from(NoticeSent)
                    .where(NoticeSent.notice != "scheduler_stuck")
                )
                or 0
            )
    finally:
        engine.dispose()
    written: Counter[tuple[int, str]] = Counter(
        (int(request or 0), str((meta or {}).get("notice"))) for request, meta in rows
    )
    return Notices(loans, written, claims)
