"""Renewal and cancel checks, and the due dates staff enter: what may be done with a loan."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import model_validator

from policy.checks import LoanCase, loan_check
from policy.decision import Finding
from policy.kinds import Params, define, describer
from policy.params import Days
from policy.profile import Profile, Rule


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
        return Finding(rule, "refuse", {"recalled": case.loan.recalled})
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


# --- due dates staff enter or leave out (loan.default_period) ---------------------------------

DEFAULT_PERIOD = "loan.default_period"


class LoanPeriod(Params):
    """loan.default_period: the due date and renewal length when staff give none; sane bounds."""

    days: Days | None = None
    renewal_days: Days | None = None
    min_days: Days | None = None
    max_days: Days | None = None

    @model_validator(mode="after")
    def _something_set(self) -> LoanPeriod:
        if all(v is None for v in (self.days, self.renewal_days, self.min_days, self.max_days)):
            raise ValueError("give at least one of days, renewal_days, min_days, max_days")
        low, high = self.min_days, self.max_days
        if low is not None and high is not None and low > high:
            raise ValueError("min_days must not be more than max_days")
        return self


define(DEFAULT_PERIOD, LoanPeriod, ("refuse",))


def loan_period(profile: Profile) -> tuple[Rule, LoanPeriod] | None:
    """Return the library's loan.default_period rule and its parameters, if it has one."""
    for rule in profile.rules_checking(DEFAULT_PERIOD):
        fields = {k: v for k, v in rule.params.items() if k in LoanPeriod.model_fields}
        return rule, LoanPeriod.model_validate(fields)
    return None


def default_due(profile: Profile, today: date) -> date | None:
    """Return the due date of a loan that arrives today when staff give none, if the rule says."""
    found = loan_period(profile)
    if found is None or found[1].days is None:
        return None
    return today + timedelta(days=found[1].days)


def renewed_due(profile: Profile, due: date | None) -> date | None:
    """Return the due date a renewal approved without one gives: the old one plus renewal_days."""
    found = loan_period(profile)
    if found is None or found[1].renewal_days is None or due is None:
        return due
    return due + timedelta(days=found[1].renewal_days)


def due_date_problem(profile: Profile, due: date, today: date, *, recall: bool = False) -> str:
    """Say in one line why a due date staff entered is outside the library's bounds, or "".

    A recall shortens a loan by nature, so only the upper bound applies to it.
    """
    found = loan_period(profile)
    if found is None:
        return ""
    rule, params = found
    if params.min_days is not None and not recall:
        earliest = today + timedelta(days=params.min_days)
        if due < earliest:
            return (
                f"due date {due.isoformat()} is before {earliest.isoformat()}, the earliest"
                f" {rule.id} allows ({params.min_days} days from today)"
            )
    if params.max_days is not None:
        latest = today + timedelta(days=params.max_days)
        if due > latest:
            return (
                f"due date {due.isoformat()} is after {latest.isoformat()}, the latest"
                f" {rule.id} allows ({params.max_days} days from today)"
            )
    return ""


@describer(DEFAULT_PERIOD)
def _describe_period(rule: Rule, profile: Profile) -> str:
    from policy import describe as say  # it imports the engine, which imports this module

    fields = {k: v for k, v in rule.params.items() if k in LoanPeriod.model_fields}
    params = LoanPeriod.model_validate(fields)
    bounds = ""
    if params.min_days is not None and params.max_days is not None:
        bounds = f"between {params.min_days} and {params.max_days} days from today"
    elif params.min_days is not None:
        bounds = f"at least {say.count(params.min_days, 'day')} from today"
    elif params.max_days is not None:
        bounds = f"at most {say.count(params.max_days, 'day')} from today"
    return say.sentence(
        f"A loan staff record as arrived without a due date is due {say.count(params.days, 'day')}"
        " later"
        if params.days is not None
        else "",
        f"a renewal approved without a new due date adds {say.count(params.renewal_days, 'day')}"
        " to the old one"
        if params.renewal_days is not None
        else "",
        f"a due date staff enter must be {bounds}, else it is refused unless they confirm it"
        " (--force; a recall date is checked only against the latest)"
        if bounds
        else "",
    )
