"""The logic behind each rule kind, written once; profiles choose kinds and parameters.

Each check looks at one case and returns a Finding when its rule applies, else None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from policy.decision import Answers, Finding, ItemFacts, Ledger, LoanFacts, PatronFacts
from policy.kinds import KINDS
from policy.periods import months_before
from policy.profile import Profile, Rule


@dataclass(frozen=True)
class RequestCase:
    """Everything a request check may look at."""

    profile: Profile
    patron: PatronFacts
    item: ItemFacts
    answers: Answers
    today: date
    ledger: Ledger


@dataclass(frozen=True)
class LoanCase:
    """Everything a renewal or cancel check may look at."""

    profile: Profile
    patron: PatronFacts
    loan: LoanFacts
    today: date


Check = TypeVar("Check", bound=Callable[..., Any])
RequestCheck = Callable[[Rule, RequestCase], Finding | None]
LoanCheck = Callable[[Rule, LoanCase], Finding | None]

# Lower stages run first; the first refusal in stage order is the one the patron hears.
REQUEST_CHECKS: dict[str, tuple[int, RequestCheck]] = {}
LOAN_CHECKS: dict[str, LoanCheck] = {}


# What a profile may set a request rule's effect to, replacing what the check finds by nature;
# "inform" makes the rule words only (policy show, "why?"): it never acts on a request.
VERDICTS = ("refuse", "warn", "hold")


def request_check(kind: str, stage: int) -> Callable[[RequestCheck], RequestCheck]:
    """Register a request check under a rule kind.

    The registry holds it wrapped by `applied`, so the rule's categories and its effect are
    honoured by every caller of REQUEST_CHECKS (the engine, a change to a recorded request).
    """

    def register(fn: RequestCheck) -> RequestCheck:
        REQUEST_CHECKS[kind] = (stage, applied(fn))
        return fn

    return register


def applied(fn: RequestCheck) -> RequestCheck:
    """Wrap a check so it skips patrons outside the rule's categories and takes its effect."""

    def check(rule: Rule, case: RequestCase) -> Finding | None:
        if not applies_to(rule, case.patron.category):
            return None
        finding = fn(rule, case)
        if finding is None or not rule.effect or finding.effect not in VERDICTS:
            return finding
        # Only the check's verdict by nature is the profile's to change: a finding the check
        # words otherwise (a declined print copy, the copyright.action rule's say) stays.
        kind = KINDS.get(rule.check)
        if kind is not None and finding.effect != kind.default_effect:
            return finding
        if rule.effect == "inform":
            return None
        if rule.effect in VERDICTS:
            return replace(finding, effect=rule.effect)
        return finding

    check.__doc__ = fn.__doc__
    return check


def applies_to(rule: Rule, category: str) -> bool:
    """Tell whether a rule applies to a patron category (`only_categories`, `except_categories`)."""
    only = _categories(rule, "only_categories")
    if only and category not in only:
        return False
    return category not in _categories(rule, "except_categories")


def _categories(rule: Rule, key: str) -> tuple[str, ...]:
    # A top-level rule key; read from the rule when profile.py gives it a field, else params.
    value = getattr(rule, key, None) or rule.params.get(key) or ()
    return (value,) if isinstance(value, str) else tuple(value)


def registrar(table: dict[str, Check]) -> Callable[[str], Callable[[Check], Check]]:
    """Return a decorator factory that files check functions in `table` under a rule kind."""

    def check(kind: str) -> Callable[[Check], Check]:
        def register(fn: Check) -> Check:
            table[kind] = fn
            return fn

        return register

    return check


loan_check = registrar(LOAN_CHECKS)  # renewal and cancel checks


@request_check("eligibility.registration", stage=5)
def registration(rule: Rule, case: RequestCase) -> Finding | None:
    """Ask an unregistered patron for the registration form's fields first."""
    if not case.patron.registered:
        return Finding(rule, "ask", {"ask": "registration"})
    return None


@request_check("eligibility.refuse", stage=10)
def refuse_categories(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse the categories the policy names as having no ILL privileges."""
    if case.patron.category in rule.params["categories"]:
        return Finding(rule, "refuse")
    return None


@request_check("eligibility.category", stage=11)
def allowed_categories(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse every category the policy does not name."""
    if case.patron.category not in rule.params["allow"]:
        return Finding(rule, "refuse", {"category": case.patron.category})
    return None


@request_check("eligibility.standing", stage=12)
def good_standing(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse patrons whose card is blocked."""
    if case.patron.standing != "good":
        return Finding(rule, "refuse")
    return None


@request_check("eligibility.materials", stage=13)
def category_materials(rule: Rule, case: RequestCase) -> Finding | None:
    """Limit some categories to some material types."""
    restricted = case.patron.category in rule.params["categories"]
    if restricted and case.item.material not in rule.params["materials"]:
        return Finding(rule, "refuse", {"material": case.item.material})
    return None


@request_check("eligibility.clearance", stage=14)
def clearance(rule: Rule, case: RequestCase) -> Finding | None:
    """Hold requests from categories that need clearance until staff give it."""
    if case.patron.category in rule.params["categories"] and not case.patron.cleared:
        return Finding(rule, "hold", {"reason": "clearance"})
    return None


@request_check("material.refuse", stage=20)
def refused_materials(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse material types the library does not borrow."""
    if case.item.material in rule.params["materials"]:
        return Finding(rule, "refuse", {"material": case.item.material})
    return None


@request_check("holdings.local", stage=30)
def local_holdings(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse what the library's own collection can supply."""
    status = case.ledger.holding_status(case.profile.id, case.item)
    if status is None or status in rule.params.get("unless", []):
        return None
    if case.answers.book_club and rule.params.get("book_club_exception", False):
        return Finding(rule, "note", {"holding_status": status, "book_club": True})
    return Finding(rule, "refuse", {"holding_status": status})


@request_check("holdings.status", stage=31)
def holding_status(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse items whose local status sends the patron elsewhere (e.g. CLICS)."""
    status = case.ledger.holding_status(case.profile.id, case.item)
    if status in rule.params["statuses"]:
        return Finding(rule, "refuse", {"holding_status": status})
    return None


@request_check("holdings.ask_print", stage=32)
def electronic_only(rule: Rule, case: RequestCase) -> Finding | None:
    """Ask whether a print copy is needed for a title held only electronically."""
    status = case.ledger.holding_status(case.profile.id, case.item)
    if status != "electronic_only":
        return None
    if case.answers.print_copy is None:
        return Finding(rule, "ask", {"ask": "print_copy"})
    if case.answers.print_copy is False:
        return Finding(rule, "refuse", {"declined": True})
    return Finding(rule, "warn")


@request_check("request.duplicate", stage=40)
def duplicate(rule: Rule, case: RequestCase) -> Finding | None:
    """Refuse an item the patron already has an open request for, naming it."""
    ref = case.ledger.open_duplicate(case.patron.id, case.item.item_key)
    if ref is not None:
        return Finding(rule, "refuse", {"ref": ref})
    return None


def _rule_of_five_action(profile: Profile) -> Rule | None:
    rules = profile.rules_checking("copyright.action")
    return rules[0] if rules else None


@request_check("copyright.rule_of_five", stage=60)
def rule_of_five(rule: Rule, case: RequestCase) -> Finding | None:
    """Count the library's recent articles from one periodical this year (CONTU)."""
    item = case.item
    if item.material != "article" or not item.journal_key:
        return None
    recent_years = int(rule.params["recent_years"])
    if item.year is not None and item.year < case.today.year - recent_years:
        return None
    count = case.ledger.articles_this_year(case.profile.id, item.journal_key, case.today)
    if count < int(rule.params["per_year"]):
        return None
    action = _rule_of_five_action(case.profile)
    # Without a rule of its own the library accepts and pays royalties: a warning.
    effect = action.effect if action and action.effect else "warn"
    return Finding(rule, effect, {"count": count, "action": action.id if action else None})


@request_check("ask.need_by", stage=70)
def need_by_required(rule: Rule, case: RequestCase) -> Finding | None:
    """Ask for the date the patron needs the item by."""
    if case.answers.need_by is None:
        return Finding(rule, "ask", {"ask": "need_by"})
    return None


@request_check("ask.max_cost", stage=71)
def max_cost_required(rule: Rule, case: RequestCase) -> Finding | None:
    """Ask how much the patron is willing to pay."""
    if case.answers.max_cost_cents is None:
        return Finding(rule, "ask", {"ask": "max_cost"})
    return None


@request_check("warn.need_by_short", stage=90)
def need_by_short(rule: Rule, case: RequestCase) -> Finding | None:
    """Warn when the need-by date leaves less time than lenders usually take."""
    need_by = case.answers.need_by
    if need_by is not None and (need_by - case.today).days < int(rule.params["days"]):
        return Finding(rule, "warn", {"need_by": need_by.isoformat()})
    return None


@request_check("material.new_release", stage=80)
def new_release(rule: Rule, case: RequestCase) -> Finding | None:
    """Warn that lenders seldom lend books published in the last months.

    Only the publication year is known, so a book counts as new when its year is on or after
    the year of the day `months` months ago.
    """
    item = case.item
    if item.material not in rule.params["materials"] or item.year is None:
        return None
    window_start = months_before(case.today, int(rule.params["months"]))
    if item.year >= window_start.year:
        return Finding(rule, "warn", {"year": str(item.year)})
    return None
