"""What a change to a recorded request is checked against again, and the item it becomes.

A librarian checks a different item as a new request would be checked: its material, the
library's own copy, when it was published, a duplicate, a cool-down since the patron returned it.
It is not counted again (the request already counts towards every limit), and the patron's
privileges were settled when the request was made. A new need-by date meets only the need-by
rules; a change of format, copies or cost meets none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.drafts import Draft, item_facts
from handlers.turn import Turn
from handlers.understand import Item
from policy.checks import REQUEST_CHECKS, RequestCase
from policy.decision import Answers, Finding
from store.ledger import StoreLedger
from store.models import IllRequest

# Rules that depend on what the item is.
ITEM_RULES = frozenset(
    {
        "eligibility.materials",  # which materials a category may borrow: the material changed
        "material.refuse",
        "material.published",
        "material.new_release",
        "holdings.local",
        "holdings.status",
        "request.duplicate",
        "request.cooldown",
    }
)
NEED_BY_RULES = frozenset({"warn.need_by_short"})
_YEAR = re.compile(r"1\d{3}|20\d{2}")  # "the 1850 edition": an edition named by its year


def item_of(request: IllRequest) -> Item:
    """Describe a recorded request as the item it asks for, its publication date to the day."""
    return Item(
        isbn=request.isbn,
        issn=request.issn,
        doi=request.doi,
        pmid=request.pmid,
        title=request.title,
        author=request.author,
        journal=request.journal,
        year=request.year,
        material=request.material,
        authors=request.authors,
        volume=request.volume,
        issue=request.issue,
        pages=request.pages,
        edition=request.edition,
        chapter=request.chapter,
        month=request.published_month,
        day=request.published_day,
    )


def answers_of(request: IllRequest) -> Answers:
    """Return the answers a recorded request was made with."""
    return Answers(need_by=request.need_by, max_cost_cents=request.max_cost_cents)


def dated(before: Item, after: Item) -> Item:
    """Give a changed item the year its new edition names ("the 1850 edition"), if it names one.

    The old month and day were the old edition's, so they go when the year changes.
    """
    edition = (after.edition or "").strip()
    if edition == (before.edition or "").strip() or not _YEAR.fullmatch(edition):
        return after
    year = int(edition)
    if year == after.year:
        return after
    return replace(after, year=year, month=None, day=None)


def kinds(before: Draft, after: Draft) -> frozenset[str]:
    """Return the check kinds a change from `before` to `after` must pass again."""
    kinds: frozenset[str] = frozenset()
    if after.items[0] != before.items[0]:
        kinds |= ITEM_RULES
    if after.answers.need_by != before.answers.need_by:
        kinds |= NEED_BY_RULES
    return kinds


def findings(turn: Turn, request: IllRequest, before: Draft, after: Draft) -> list[Finding]:
    """Run the rules the change calls for on the changed request, in the engine's order.

    Through REQUEST_CHECKS, so each rule's categories and effect apply as on a new request.
    """
    wanted = kinds(before, after)
    rules = [r for r in turn.profile.rules if r.check in wanted and r.check in REQUEST_CHECKS]
    if not rules:
        return []
    case = RequestCase(
        profile=turn.profile,
        patron=turn.patron_facts,
        item=item_facts(after.items[0]),
        answers=after.answers,
        today=turn.today,
        ledger=StoreLedger(turn.session),
    )
    rules.sort(key=lambda r: REQUEST_CHECKS[r.check][0])  # stable: profile order within a stage
    found = [finding for r in rules if (finding := REQUEST_CHECKS[r.check][1](r, case))]
    return [f for f in found if not _itself(f, request)]


def _itself(finding: Finding, request: IllRequest) -> bool:
    """Tell whether a duplicate finding only found the request being changed."""
    return finding.rule.check == "request.duplicate" and finding.data.get("ref") == request.ref
