"""The store's answers to the questions policy rules ask (policy.decision.Ledger)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, or_, select
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
# What the patron's own limits read of each of the patron's requests (StoreLedger._mine), in
# Core on the table and built once: the ORM's select costs several times the query itself.
_REQUESTS = IllRequest.__table__.c
MINE = (
    select(
        _REQUESTS.id,
        _REQUESTS.item_key,
        _REQUESTS.status,
        _REQUESTS.material,
        _REQUESTS.recorded_on,
        _REQUESTS.due_date,
        _REQUESTS.ended_at,
        _REQUESTS.source,
    )
    .where(_REQUESTS.patron_id == bindparam("patron_id"))
    .order_by(_REQUESTS.id)
)


_HOLDINGS = Holding.__table__.c
_ESCAPE = "/"


def same_title() -> ColumnElement[bool]:
    """Match holdings that may be this title: the same, or one of the two without its subtitle.

    Bound as `title_keys` (the whole and the main title's keys) and `title_prefix` (the whole
    title, a space and `%`, escaped by `title_pattern`): a holding titled "The New Jim Crow:
    Mass Incarceration …" starts with the request's whole title and a space; `_same_item`
    keeps it only when its main title is that whole title.
    """
    return or_(
        _HOLDINGS.title_key.in_(bindparam("title_keys", expanding=True)),
        _HOLDINGS.title_key.like(bindparam("title_prefix"), escape=_ESCAPE),
    )


def title_pattern(title: str) -> dict[str, Any]:
    """Return the values `same_title` is bound with for a title."""
    whole, main = normalise_title(title), normalise_title(main_title(title))
    escaped = "".join(f"{_ESCAPE}{c}" if c in "%_" + _ESCAPE else c for c in f"{whole} ")
    return {"title_keys": sorted({whole, main} - {""}), "title_prefix": f"{escaped}%"}


@cache
def _holdings_query(isbn: bool, issn: bool, title: bool) -> Any:
    """Build once the holdings select for one shape of item (which identifiers it has)."""
    match = []
    if isbn:
        match.append(_HOLDINGS.isbn == bindparam("isbn"))
    if issn:
        match.append(_HOLDINGS.issn == bindparam("issn"))
    if title:
        match.append(same_title())
    columns = (_HOLDINGS.title, _HOLDINGS.title_key, _HOLDINGS.isbn, _HOLDINGS.issn)
    return select(*columns, _HOLDINGS.status).where(
        _HOLDINGS.library == bindparam("library"), or_(*match)
    )


def _same_item(holding: Any, item: ItemFacts) -> bool:
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
        self._rows: dict[str, Sequence[Any]] = {}  # rows of MINE by patron

    def holding_status(self, library: str, item: ItemFacts) -> str | None:
        """Return the local copy's status, matching by ISBN, ISSN, else normalised title."""
        key = (library, item)
        if key not in self._holdings:
            self._holdings[key] = self._holding_status(library, item)
        return self._holdings[key]

    def _holding_status(self, library: str, item: ItemFacts) -> str | None:
        isbn = bool(item.isbn)
        issn = bool(item.issn and item.material == "periodical_issue")
        if not (isbn or issn or item.title):
            return None
        values: dict[str, Any] = {"library": library}
        if item.isbn:
            values["isbn"] = isbn13(item.isbn)
        if issn and item.issn:
            values["issn"] = item.issn.upper()
        if item.title:
            values.update(title_pattern(item.title))
        query = _holdings_query(isbn, issn, bool(item.title))
        self.session.flush()  # what the ORM's autoflush would have written first
        found = self.session.connection().execute(query, values)
        statuses = [h.status for h in found if _same_item(h, item)]
        # The most useful copy decides: one on the shelf beats a missing one.
        for status in ("available", "clics", "electronic_only", "missing", "lost"):
            if status in statuses:
                return status
        return statuses[0] if statuses else None

    def _mine(self, patron_id: str) -> Sequence[Any]:
        """Return the patron's requests, the columns the patron's own limits read, in one query.

        Read once per ledger (a ledger serves one decision): the duplicate, weekly, open and
        loan-count rules all answer from this one result. The retention purge cuts the patron
        link of finished requests, so the rows stay few: open ones and recently finished ones.
        """
        rows = self._rows.get(patron_id)
        if rows is None:
            self.session.flush()  # a request recorded this turn counts (no ORM autoflush here)
            found = self.session.connection().execute(MINE, {"patron_id": patron_id})
            rows = self._rows[patron_id] = found.all()
        return rows

    def open_duplicate(self, patron_id: str, item_key: str) -> str | None:
        """Return the ref of the patron's open request for the same item, if any."""
        for row in self._mine(patron_id):
            if row.item_key == item_key and row.status in OPEN_STATUSES:
                return f"ILL-{row.id}"
        return None

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
        return sum(
            1
            for row in self._mine(patron_id)
            if start <= row.recorded_on <= end
            and row.status != "cancelled"
            and row.material not in exclude_materials
            and (not only_materials or row.material in only_materials)
        )

    def last_recorded(self, patron_id: str, material: str) -> date | None:
        """Return the date of the patron's latest request for a material type, not cancelled."""
        days = [
            row.recorded_on
            for row in self._mine(patron_id)
            if row.material == material and row.status != "cancelled"
        ]
        return max(days, default=None)

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
        return sum(1 for row in self._mine(patron_id) if row.status in HELD_STATUSES)

    def overdue_since(self, patron_id: str, due_on_or_before: date) -> list[str]:
        """Return refs of the patron's checked-out loans due on or before a date.

        A loan whose renewal is pending is left out: the patron may keep it until contacted.
        """
        return [
            f"ILL-{row.id}"
            for row in self._mine(patron_id)
            if row.status == "checked_out"
            and row.due_date is not None
            and row.due_date <= due_on_or_before
        ]

    def unclaimed_since(self, patron_id: str, since: datetime) -> int:
        """Count the patron's requests that went back unclaimed since a moment."""
        return sum(
            1
            for row in self._mine(patron_id)
            if row.status == "unclaimed" and row.ended_at is not None and row.ended_at >= since
        )

    def requests_counted(self, scope: Counting) -> int:
        """Count the requests a limit counts: never cancelled ones (policy/counting.py)."""
        if scope.household:
            return self._household_counted(scope)
        left_out = {s.strip().lower() for s in scope.except_sources}
        return sum(
            1
            for row in self._mine(scope.patron_id)
            if row.status != "cancelled"
            and (not scope.statuses or row.status in scope.statuses)
            and (scope.recorded_from is None or row.recorded_on >= scope.recorded_from)
            and (scope.recorded_to is None or row.recorded_on <= scope.recorded_to)
            and (not scope.materials or row.material in scope.materials)
            and (row.source is None or row.source.lower() not in left_out)
        )

    def _household_counted(self, scope: Counting) -> int:
        """Count a household's requests in SQL: the members' rows are not this patron's."""
        query = select(func.count(IllRequest.id)).where(IllRequest.status != "cancelled")
        members = select(Patron.id).where(
            Patron.library == scope.library, Patron.household == scope.household
        )
        query = query.where(
            or_(IllRequest.patron_id == scope.patron_id, IllRequest.patron_id.in_(members))
        )
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
