"""The rule engine: run a profile's rules over a case and return a Decision."""

from __future__ import annotations

# Each of these modules registers its check kinds (and params.py the seed kinds' parameters).
from policy import cooldown, counting, fines, late, limits, loans, params, published  # noqa: F401
from policy.checks import LOAN_CHECKS, REQUEST_CHECKS, LoanCase, RequestCase
from policy.decision import Decision, Finding
from policy.errors import ProfileError
from policy.fees import FEE_CHECKS
from policy.profile import Profile
from policy.schedule import SCHEDULE_CHECKS

# Kinds with no check of their own: they feed templates and `policy show`, or name a rule a
# handler applies itself (copyright.action: what the common CONTU check leaves to the library;
# request.one_item: several items become several requests; patron.proxy; overdue.repeated).
INFO_KINDS = frozenset(
    {
        "info",
        "patron.unknown",
        "request.ref",
        "copyright.action",
        "request.one_item",
        "patron.proxy",
        "overdue.repeated",
        "unfilled.purchase_suggestion",
        # Applied by the staff and fee handlers (handlers/staff.py, handlers/fees.py).
        "fee.lender_policy",
        "fee.over_stated_maximum",
        "fine.daily",
        "loan.default_period",
    }
)
REGISTRIES = (REQUEST_CHECKS, LOAN_CHECKS, FEE_CHECKS, SCHEDULE_CHECKS)


def validate(profile: Profile) -> None:
    """Refuse a profile naming a check kind the engine does not know."""
    for rule in profile.rules:
        known = any(rule.check in registry for registry in REGISTRIES)
        if not known and rule.check not in INFO_KINDS:
            raise ProfileError(f"{profile.id}: rule {rule.id} has unknown check '{rule.check}'")


def _request_findings(case: RequestCase) -> list[Finding]:
    staged = [
        (REQUEST_CHECKS[r.check][0], n, r)
        for n, r in enumerate(case.profile.rules)
        if r.check in REQUEST_CHECKS
    ]
    findings: list[Finding] = []
    for _stage, _n, rule in sorted(staged, key=lambda s: (s[0], s[1])):
        finding = REQUEST_CHECKS[rule.check][1](rule, case)
        if finding is None:
            continue
        findings.append(finding)
        action = finding.data.get("action")
        if action:  # the library's own rule for what CONTU leaves to it
            companion = Finding(case.profile.rule(action), finding.effect, {"with": rule.id})
            findings.append(companion)
    return findings


def evaluate_request(case: RequestCase) -> Decision:
    """Decide a new request: refused, needs_info, pending (held for approval) or accepted."""
    findings = _request_findings(case)
    refusal = next((f for f in findings if f.effect == "refuse"), None)
    if refusal is not None:
        companions = [f for f in findings if f.data.get("with") == refusal.rule.id]
        warnings = [f for f in findings if f.effect == "warn"]
        return Decision("refused", (refusal, *companions, *warnings))
    asks = [f for f in findings if f.effect == "ask"]
    if asks:
        return Decision("needs_info", (asks[0],))
    kept = tuple(f for f in findings if f.effect in ("warn", "hold", "fee", "note"))
    fee = sum(int(f.data.get("fee_cents", 0)) for f in kept if f.effect == "fee")
    outcome = "pending" if any(f.effect == "hold" for f in kept) else "accepted"
    return Decision(outcome, kept, fee_cents=fee)


def _loan_decision(case: LoanCase, prefix: str) -> Decision:
    notes: list[Finding] = []
    for rule in case.profile.rules:
        if not rule.check.startswith(prefix) or rule.check not in LOAN_CHECKS:
            continue
        finding = LOAN_CHECKS[rule.check](rule, case)
        if finding is not None and finding.effect == "refuse":
            return Decision("refused", (finding,))
        if finding is not None:
            notes.append(finding)
    return Decision("accepted", tuple(notes))


def evaluate_renewal(case: LoanCase) -> Decision:
    """Decide whether a renewal may be asked for."""
    return _loan_decision(case, "renew.")


def evaluate_cancel(case: LoanCase) -> Decision:
    """Decide whether a request may be cancelled."""
    return _loan_decision(case, "cancel.")
