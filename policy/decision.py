"""What the engine is asked about (facts) and what it answers (decisions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from policy.profile import Rule

COPIES = frozenset({"article", "chapter"})


@dataclass(frozen=True)
class PatronFacts:
    """What policy needs to know about the patron."""

    id: str
    category: str
    standing: str = "good"
    registered: bool = True
    cleared: bool = False
    household: str | None = None  # patrons sharing one are counted together by limits


@dataclass(frozen=True)
class ItemFacts:
    """What policy needs to know about the item asked for."""

    material: str
    item_key: str
    title: str | None = None
    isbn: str | None = None
    issn: str | None = None
    journal_key: str | None = None
    year: int | None = None  # publication year; month and day when the citation gives them
    month: int | None = None
    day: int | None = None

    @property
    def is_copy(self) -> bool:
        """Tell whether this is a copy (nothing to return) rather than a loan."""
        return self.material in COPIES


@dataclass(frozen=True)
class Answers:
    """What the patron has told the bot so far for a draft request."""

    need_by: date | None = None
    max_cost_cents: int | None = None
    print_copy: bool | None = None
    book_club: bool = False  # extra copies for a book club (SJPL's holdings exception)


@dataclass(frozen=True)
class LoanFacts:
    """What policy needs to know about an existing request."""

    ref: str
    status: str
    material: str
    due_date: date | None = None
    renewable: bool = True
    renewals: int = 0
    category: str = ""
    delivered_on: date | None = None
    recorded_on: date | None = None
    recalled: bool = False  # the lender asked for it back early


class Ledger(Protocol):
    """Questions about the library's records that rules ask; the store answers them."""

    def holding_status(self, library: str, item: ItemFacts) -> str | None:
        """Return the status of the library's own copy of the item, if it holds one."""
        ...

    def open_duplicate(self, patron_id: str, item_key: str) -> str | None:
        """Return the ref of the patron's open request for the same item, if any."""
        ...

    def articles_this_year(self, library: str, journal_key: str, today: date) -> int:
        """Count the library's recent-article requests from one periodical this year (CONTU)."""
        ...

    def requests_recorded(
        self,
        patron_id: str,
        start: date,
        end: date,
        exclude_materials: tuple[str, ...] = (),
        only_materials: tuple[str, ...] = (),
    ) -> int:
        """Count the patron's requests recorded in a period, cancelled ones left out."""
        ...

    def last_recorded(self, patron_id: str, material: str) -> date | None:
        """Return the date of the patron's latest request for a material type."""
        ...

    def title_requests(self, library: str, item_key: str, start: date, end: date) -> int:
        """Count every patron's requests for one title in a period."""
        ...

    def loans_held(self, patron_id: str) -> int:
        """Count the loans the patron has in hand or on the hold shelf."""
        ...

    def overdue_since(self, patron_id: str, due_on_or_before: date) -> list[str]:
        """Return refs of the patron's checked-out loans due on or before a date."""
        ...

    def unclaimed_since(self, patron_id: str, since: datetime) -> int:
        """Count the patron's requests that went back unclaimed since a moment."""
        ...

    def requests_counted(self, scope: Counting) -> int:
        """Count the requests a limit counts (policy/counting.py), cancelled ones left out."""
        ...

    def last_returned(self, patron_id: str, item_key: str) -> datetime | None:
        """Return the moment staff last recorded the patron's return of this item, if ever."""
        ...

    def returns_since(self, patron_id: str, since: datetime) -> list[tuple[date | None, datetime]]:
        """Return (due date, moment the return was recorded) of the patron's returns since then."""
        ...


@dataclass(frozen=True)
class Counting:
    """Which requests a limit counts: one patron's (or household's), by status, date and source.

    `statuses` empty means every status but cancelled; `recorded_from`/`recorded_to` are
    library-local dates, inclusive; requests whose source is in `except_sources` (compared
    without case) are left out; `materials` empty means every material.
    """

    patron_id: str
    library: str
    household: str | None = None  # count every patron of the library in this household
    statuses: tuple[str, ...] = ()
    recorded_from: date | None = None
    recorded_to: date | None = None
    except_sources: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One rule that applied, and how."""

    rule: Rule
    effect: str  # refuse, warn, ask, hold (awaiting approval + staff), fee, note
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """The engine's answer: an outcome and the rules that produced it."""

    outcome: str  # accepted, refused, needs_info, pending
    findings: tuple[Finding, ...] = ()
    fee_cents: int = 0

    @property
    def rules(self) -> tuple[str, ...]:
        """Return the ids of every rule that decided or qualified the outcome."""
        return tuple(dict.fromkeys(f.rule.id for f in self.findings))

    def first(self, effect: str) -> Finding | None:
        """Return the first finding with this effect."""
        return next((f for f in self.findings if f.effect == effect), None)

    def all(self, effect: str) -> tuple[Finding, ...]:
        """Return every finding with this effect."""
        return tuple(f for f in self.findings if f.effect == effect)

    @property
    def status(self) -> str:
        """Return the status a recorded request starts in."""
        return "awaiting_approval" if self.outcome == "pending" else "submitted"
