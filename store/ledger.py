"""The store's answers to the questions policy rules ask (policy.decision.Ledger)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from policy.decision import ItemFacts
from policy.keys import isbn13, normalise_title
from store.models import Holding, IllRequest

OPEN_STATUSES = (
    "submitted",
    "awaiting_approval",
    "sent",
    "shipped",
    "ready",
    "delivered",
    "checked_out",
    "renewal_requested",
)
HELD_STATUSES = ("ready", "checked_out", "renewal_requested")  # loans a patron has in hand
FINISHED_STATUSES = (
    "returned",
    "completed",
    "cancelled",
    "unfilled",
    "unclaimed",
    "expired",
    "lost",
)


class StoreLedger:
    """Answer policy questions from the database inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        # Several holdings rules ask about the same item; holdings do not change mid-decision.
        self._holdings: dict[tuple[str, ItemFacts], str | None] = {}

    def holding_status(self, library: str, item: ItemFacts) -> str | None:
        """Return the local copy's status, matching by ISBN, ISSN, else normalised title."""
        key = (library, item)
        if key not in self._holdings:
            self._holdings[key] = self._holding_status(library, item)
        return self._holdings[key]

    def _holding_status(self, library: str, item: ItemFacts) -> str | None:
        match = []
        if item.isbn:
            match.append(Holding.isbn == isbn13(item.isbn))
        if item.issn and item.material == "periodical_issue":
            match.append(Holding.issn == item.issn.upper())
        if item.title:
            match.append(Holding.title_key == normalise_title(item.title))
        if not match:
            return None
        query = select(Holding.status).where(Holding.library == library, or_(*match))
        statuses = list(self.session.scalars(query))
        # The most useful copy decides: one on the shelf beats a missing one.
        for status in ("available", "clics", "electronic_only", "missing", "lost"):
            if status in statuses:
                return status
        return statuses[0] if statuses else None

    def open_duplicate(self, patron_id: str, item_key: str) -> str | None:
        """Return the ref of the patron's open request for the same item, if any."""
        query = select(IllRequest.id).where(
            IllRequest.patron_id == patron_id,
            IllRequest.item_key == item_key,
            IllRequest.status.in_(OPEN_STATUSES),
        )
        found = self.session.scalars(query.limit(1)).first()
        return f"ILL-{found}" if found is not None else None

    def articles_this_year(self, library: str, journal_key: str, today: date) -> int:
        """Count this year's recent-article requests from one periodical, library-wide."""
        query = select(func.count(IllRequest.id)).where(
            IllRequest.library == library,
            IllRequest.journal_key == journal_key,
            IllRequest.material == "article",
            IllRequest.recorded_on >= date(today.year, 1, 1),
            IllRequest.recorded_on <= date(today.year, 12, 31),
            # An unknown publication year counts as recent (POLICY_RULES common.copyright).
            or_(IllRequest.year.is_(None), IllRequest.year >= today.year - 5),
            # A request cancelled before it was sent does not count.
            or_(IllRequest.status != "cancelled", IllRequest.sent_on.is_not(None)),
        )
        return int(self.session.scalar(query) or 0)

    def requests_recorded(
        self,
        patron_id: str,
        start: date,
        end: date,
        exclude_materials: tuple[str, ...] = (),
        only_materials: tuple[str, ...] = (),
    ) -> int:
        """Count the patron's requests recorded from start to end (library dates), not cancelled."""
        query = select(func.count(IllRequest.id)).where(
            IllRequest.patron_id == patron_id,
            IllRequest.recorded_on >= start,
            IllRequest.recorded_on <= end,
            IllRequest.status != "cancelled",
        )
        if exclude_materials:
            query = query.where(IllRequest.material.not_in(exclude_materials))
        if only_materials:
            query = query.where(IllRequest.material.in_(only_materials))
        return int(self.session.scalar(query) or 0)

    def last_recorded(self, patron_id: str, material: str) -> date | None:
        """Return the date of the patron's latest request for a material type, not cancelled."""
        query = select(func.max(IllRequest.recorded_on)).where(
            IllRequest.patron_id == patron_id,
            IllRequest.material == material,
            IllRequest.status != "cancelled",
        )
        return self.session.scalar(query)

    def title_requests(self, library: str, item_key: str, start: date, end: date) -> int:
        """Count every patron's requests for one title in a period, library-wide, not cancelled."""
        query = select(func.count(IllRequest.id)).where(
            IllRequest.library == library,
            IllRequest.item_key == item_key,
            IllRequest.recorded_on >= start,
            IllRequest.recorded_on <= end,
            IllRequest.status != "cancelled",
        )
        return int(self.session.scalar(query) or 0)

    def loans_held(self, patron_id: str) -> int:
        """Count the loans the patron holds: on the hold shelf, checked out or being renewed."""
        query = select(func.count(IllRequest.id)).where(
            IllRequest.patron_id == patron_id,
            IllRequest.status.in_(HELD_STATUSES),
        )
        return int(self.session.scalar(query) or 0)

    def overdue_since(self, patron_id: str, due_on_or_before: date) -> list[str]:
        """Return refs of the patron's checked-out loans due on or before a date.

        A loan whose renewal is pending is left out: the patron may keep it until contacted.
        """
        query = select(IllRequest.id).where(
            IllRequest.patron_id == patron_id,
            IllRequest.status == "checked_out",
            IllRequest.due_date <= due_on_or_before,
        )
        return [f"ILL-{n}" for n in self.session.scalars(query.order_by(IllRequest.id))]

    def unclaimed_since(self, patron_id: str, since: datetime) -> int:
        """Count the patron's requests that went back unclaimed since a moment."""
        query = select(func.count(IllRequest.id)).where(
            IllRequest.patron_id == patron_id,
            IllRequest.status == "unclaimed",
            IllRequest.ended_at >= since,
        )
        return int(self.session.scalar(query) or 0)

    def billed_since(self, patron_id: str, since: date) -> int:
        """Count the patron's requests billed for replacement since a date."""
        query = select(func.count(IllRequest.id)).where(
            IllRequest.patron_id == patron_id, IllRequest.billed_on >= since
        )
        return int(self.session.scalar(query) or 0)
