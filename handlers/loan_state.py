"""Where a loan stands today, as a patron should hear it: overdue, held, billed, renewable.

Notices and status replies share these facts, so a reminder offers renewal only when the renewal
rules would allow it that day, and "where is my book?" says a loan is overdue, that a hold is on
the patron's records because of it, that it was billed, and the fine so far.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers.renew import loan_facts, recalled
from policy.checks import LoanCase
from policy.decision import Finding, PatronFacts
from policy.engine import evaluate_renewal
from policy.fines import fine_so_far
from policy.payers import pays_fees
from policy.profile import Profile
from policy.schedule import holds_academic_records, keeps_while_pending, step_offsets
from store.models import IllRequest
from templates.i18n import N_, _, current
from templates.words import material_words

RECALLED = N_("the lending library has recalled it")
# Why a loan can't be renewed, in a few words after "It can't be renewed:" (notices/due_soon).
NOT_RENEWABLE = N_("the lending library does not allow renewals")
MATERIAL_NEVER = N_("%(material)ss are never renewed")  # "textbooks are never renewed"
RENEWED_MOST = N_("it has been renewed %(count)s times, the most allowed")
ASK_DAYS_BEFORE = N_("renewals must be asked at least %(days)s days before the due date")
ASK_BEFORE = N_("renewals must be asked before the due date")


def renewal_offer(request: IllRequest, profile: Profile, today: date) -> tuple[bool, str]:
    """Tell whether the patron may ask for a renewal today and, if not, why in a few words."""
    if request.status != "checked_out":
        return False, ""
    if recalled(request):
        return False, _(RECALLED)
    patron = request.patron
    facts = PatronFacts(request.patron_id or "", request.category)
    if patron is not None:
        facts = PatronFacts(patron.id, patron.category, patron.standing, patron.registered)
    decision = evaluate_renewal(LoanCase(profile, facts, loan_facts(request), today))
    if decision.outcome != "refused":
        return True, ""
    return False, _why_not(decision.findings[0], request)


def _why_not(finding: Finding, request: IllRequest) -> str:
    """Say in a few words which renewal rule stands in the way ("textbooks are never renewed").

    In the language being spoken (the patron's, for their notice).
    """
    kind, params = finding.rule.check, finding.rule.params
    if kind == "renew.renewable":
        return _(NOT_RENEWABLE)
    if kind == "renew.material":
        return _(MATERIAL_NEVER, material=material_words(request.material, current()))
    if kind == "renew.max":
        return _(RENEWED_MOST, count=request.renewals)
    if kind == "renew.before_due" and int(params["days"]) > 1:
        return _(ASK_DAYS_BEFORE, days=params["days"])
    if kind == "renew.before_due":
        return _(ASK_BEFORE)
    return finding.rule.summary.rstrip(".")


def days_overdue(request: IllRequest, profile: Profile, today: date) -> int:
    """Return how many days a loan is overdue today (0 when it is not, or a renewal protects it)."""
    on_loan = (
        ("checked_out",) if keeps_while_pending(profile) else ("checked_out", "renewal_requested")
    )
    if request.status not in on_loan or request.due_date is None:
        return 0
    return max(0, (today - request.due_date).days)


def held_for(request: IllRequest, profile: Profile, late: int) -> bool:
    """Tell whether the patron's academic hold is there because of this loan's ladder step."""
    patron = request.patron
    if patron is None or not patron.academic_hold or not late:
        return False
    if not holds_academic_records(profile, request.category):
        return False
    offsets = step_offsets(profile)
    return any(
        rule.params.get("action") == "academic_hold" and offsets.get(rule.id, 10**6) <= late
        for rule in profile.rules_checking("schedule.overdue")
    )


def billed_through(profile: Profile, category: str) -> str:
    """Say how the library bills this category ("through your Student Accounts …"), or ""."""
    declared = profile.categories.get(category)
    return declared.billed_through if declared is not None else ""


def standing(request: IllRequest, profile: Profile, today: date) -> dict[str, Any]:
    """Return the loan's state today for notices and status replies (see NOTICE_VARIABLES)."""
    late = days_overdue(request, profile, today)
    can_renew, no_renewal = renewal_offer(request, profile, today)
    fine = fine_so_far(profile, loan_facts(request), today) if late else None
    return {
        "days_overdue": late,
        "academic_hold": held_for(request, profile, late),
        "billed_on": request.billed_on.isoformat() if request.billed_on else "",
        "billed_through": billed_through(profile, request.category),
        "fine": fine.cents if fine is not None else 0,
        "can_renew": can_renew,
        "no_renewal": no_renewal,
        "pays_fees": pays_fees(profile, request.category),
    }
