"""Renewal and cancel checks: what may be done with a request already recorded."""

from __future__ import annotations

from policy.checks import LoanCase, loan_check
from policy.decision import Finding
from policy.profile import Rule


@loan_check("renew.on_loan")
def renew_on_loan(rule: Rule, case: LoanCase) -> Finding | None:
    """Refuse renewing anything but a checked-out loan."""
    if case.loan.status not in ("checked_out", "renewal_requested"):
        return Finding(rule, "refuse", {"status": case.loan.status})
    return None


@loan_check("renew.pending")
def renew_pending(rule: Rule, case: LoanCase) -> Finding | None:
    """Tell the patron a renewal already waits for the lender."""
    if case.loan.status == "renewal_requested":
        return Finding(rule, "refuse", {"pending": True})
    return None


@loan_check("renew.renewable")
def renew_renewable(rule: Rule, case: LoanCase) -> Finding | None:
    """Refuse renewing a loan the lender marked non-renewable."""
    if not case.loan.renewable:
        return Finding(rule, "refuse")
    return None


@loan_check("renew.material")
def renew_material(rule: Rule, case: LoanCase) -> Finding | None:
    """Refuse renewing material types the policy never renews (e.g. textbooks)."""
    if case.loan.material in rule.params["materials"]:
        return Finding(rule, "refuse", {"material": case.loan.material})
    return None


@loan_check("renew.max")
def renew_max(rule: Rule, case: LoanCase) -> Finding | None:
    """Refuse a renewal beyond the `max` an item may have in all."""
    if case.loan.renewals >= int(rule.params["max"]):
        return Finding(rule, "refuse", {"count": str(case.loan.renewals)})
    return None


@loan_check("renew.before_due")
def renew_before_due(rule: Rule, case: LoanCase) -> Finding | None:
    """Refuse a renewal asked fewer than `days` days before the due date (1: on or after it)."""
    due = case.loan.due_date
    if due is None:
        return None
    days_left = (due - case.today).days  # calendar dates in the library's time zone
    if days_left < int(rule.params["days"]):
        return Finding(rule, "refuse", {"due": due.isoformat(), "days_left": str(days_left)})
    return None


@loan_check("renew.note")
def renew_note(rule: Rule, case: LoanCase) -> Finding | None:
    """Tell the patron how a renewal goes on (e.g. it is asked of the lender)."""
    return Finding(rule, "note")


@loan_check("renew.keep_while_pending")
def keep_while_pending(rule: Rule, case: LoanCase) -> Finding | None:
    """Tell the patron they may keep the item while the renewal is pending."""
    return Finding(rule, "note")


@loan_check("cancel.refuse_status")
def cancel_refuse_status(rule: Rule, case: LoanCase) -> Finding | None:
    """Refuse cancelling a request in one of the listed statuses."""
    if case.loan.status in rule.params["statuses"]:
        return Finding(rule, "refuse", {"status": case.loan.status})
    return None
