"""What a patron owes on their requests: what was charged on each and not refunded.

Every amount put on a request or taken off it is a `charges` row (handlers/fees.py add_charge)
and part of the request's `fee_cents`. Two parts of `fee_cents` have no row: a fee decided with
the request itself (a fee per term), and charges made before the charges table (migration 0007);
they count as fees charged before the patron had the item.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Charge, IllRequest

NO_CHARGE = ("cancelled", "unfilled")  # nothing came of the request: only what a rule kept
# Paid at pickup or soon after (Bellevue: "payment is due in full at the time of pickup"): the
# bot has no record of payments, so a finished request's fees are mentioned, not added up.
SETTLED = ("returned", "completed", "expired")
# Charged once the patron had the item (a fine on return, a lender's fine, a bill): never paid
# at pickup, so owed whatever the request's status.
AFTER_LOAN = ("fine", "bill")


@dataclass(frozen=True)
class Owed:
    """One request's part of the patron's account."""

    request: IllRequest
    cents: int  # owed now
    paid_at_pickup: int  # fees on a finished request, taken as paid when it was picked up
    kinds: tuple[str, ...] = ()  # what was charged on it ("lender", "fine"), first charged first


def owed_on(request: IllRequest, rows: list[Charge]) -> Owed:
    """Say what the patron owes on one request, given its charges rows."""
    kinds = tuple(dict.fromkeys(c.kind for c in rows if c.cents > 0))
    after = sum(c.cents for c in rows if c.kind in AFTER_LOAN)
    before = sum(c.cents for c in rows if c.kind not in AFTER_LOAN)  # refunds count negative
    unrecorded = max(request.fee_cents - after - before, 0)  # in fee_cents with no row
    if request.status in SETTLED:
        return Owed(request, after, max(before + unrecorded, 0), kinds)
    if request.status in NO_CHARGE:
        # A fee the rule does not refund is still owed; a fee decided with the request is not.
        return Owed(request, max(after + before, 0), 0, kinds)
    return Owed(request, max(after + before + unrecorded, 0), 0, kinds)


def account(session: Session, patron_id: str) -> list[Owed]:
    """Return each of the patron's requests with what is owed on it, oldest first."""
    query = select(IllRequest).where(IllRequest.patron_id == patron_id).order_by(IllRequest.id)
    mine = list(session.scalars(query))
    rows: defaultdict[int, list[Charge]] = defaultdict(list)
    if mine:
        ids = [r.id for r in mine]
        for charge in session.scalars(select(Charge).where(Charge.request_id.in_(ids))):
            rows[charge.request_id].append(charge)
    return [owed_on(r, rows[r.id]) for r in mine]
