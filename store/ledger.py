"""The store's answers to the questions policy rules ask (policy.decision.Ledger)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from policy.decision import Counting, ItemFacts
from policy.keys import isbn13, main_title, normalise_title
from store.models import Holding, IllRequest, Patron, RequestEvent

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


def same_title(title: str) -> ColumnElement[bool]:
    """Match holdings that may be this title: the same, or one of the two without its subtitle.

    A holding titled "The New Jim Crow: Mass Incarceration …" starts with the request's whole
    title and a space; `_same_item` keeps it only when its main title is that whole title.
    """
    whole, main = normalise_title(title), normalise_title(main_title(title))
    keys = {whole, main} - {""}
    return or_(
        Holding.title_key.in_(keys), Holding.title_key.startswith(f"{whole} ", autoescape=True)
    )


def _same_item(holding: Holding, item: ItemFacts) -> bool:
    """Tell whether a holding found by `_holding_status` is the item (not a longer title)."""
    if not item.title or (item.isbn and holding.isbn == isbn13(item.isbn)):
        return True
    if item.issn and holding.issn == item.issn.upper() and item.material == "periodical_issue":
        return True
    whole, main = normalise_title(item.title), normalise_title(main_title(item.title))
    held_main = normalise_title(main_title(holding.title))
    # The same title, or one of the two is the other's main title: never two different
    # subtitles of one main title ("The New Jim Crow: A Study Guide" is another book).
    return holding.title_key in (whole, main) or held_main == whole


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
            match.append(same_title(item.title))
        if not match:
            return None
        query = select(Holding).where(Holding.library == library, or_(*match))
        statuses = [h.status for h in self.session.scalars(query) if _same_item(h, item)]
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

    def requests_counted(self, scope: Counting) -> int:
        """Count the requests a limit counts: never cancelled ones (policy/counting.py)."""
        query = select(func.count(IllRequest.id)).where(IllRequest.status != "cancelled")
        if scope.household:
            members = select(Patron.id).where(
                Patron.library == scope.library, Patron.household == scope.household
            )
            query = query.where(
                or_(IllRequest.patron_id == scope.patron_id, IllRequest.patron_id.in_(members))
            )
        else:
            query = query.where(IllRequest.patron_id == scope.patron_id)
        if scope.statuses:
            query = query.where(IllRequest.status.in_(scope.statuses))
        if scope.recorded_from is not None:
            query = query.where(IllRequest.recorded_on >= scope.recorded_from)
        if scope.recorded_to is not None:
            query = query.where(IllRequest.recorded_on <= scope.recorded_to)
        if scope.materials:
            query = query.where(IllRequest.material.in_(scope.materials))
        if scope.except_sources:
            left_out = [s.strip().lower() for s in scope.except_sources]
            query = query.where(
                or_(IllRequest.source.is_(None), func.lower(IllRequest.source).not_in(left_out))
            )
        return int(self.session.scalar(query) or 0)

    def last_returned(self, patron_id: str, item_key: str) -> datetime | None:
        """Return the moment staff last recorded the patron's return of this item, if ever."""
        query = (
            select(func.max(RequestEvent.at))
            .join(IllRequest, RequestEvent.request_id == IllRequest.id)
            .where(
                IllRequest.patron_id == patron_id,
                IllRequest.item_key == item_key,
                RequestEvent.to_status == "returned",
            )
        )
        return self.session.scalar(query)

    def billed_since(self, patron_id: str, since: date) -> int:
        """Count the patron's requests billed for replacement since a date."""
        query = select(func.count(IllRequest.id)).where(
            IllRequest.patron_id == patron_id, IllRequest.billed_on >= since
        )
        return int(self.session.scalar(query) or 0)

    def returns_since(self, patron_id: str, since: datetime) -> list[tuple[date | None, datetime]]:
        """Return (due date, moment staff recorded the return) of the patron's returns since then.

        From the request history, so a late-return suspension is computed live (policy/late.py).
        """
        query = (
            select(IllRequest.due_date, RequestEvent.at)
            .join(RequestEvent, RequestEvent.request_id == IllRequest.id)
            .where(
                IllRequest.patron_id == patron_id,
                RequestEvent.to_status == "returned",
                RequestEvent.at >= since,
            )
            .order_by(RequestEvent.at)
        )
        return [(due, at) for due, at in self.session.execute(query)]
