"""Who can be charged: fee words are for patrons a fee rule can charge, never for the exempt.

A Bellevue faculty member is exempt from every Bellevue fee, so "you are still responsible for
any ILL fee" is not for them. Notices and rule explanations get `pays_fees` to say it or not.
"""

from __future__ import annotations

from policy.checks import applies_to
from policy.profile import Profile, Rule

# Kinds that never charge the patron by their nature (a fine is not an ILL fee).
NOT_CHARGING = frozenset({"fee.lender_policy"})
# Kinds that only hold what another rule (or no rule: the whole charge) makes the patron owe.
ONLY_HOLDING = frozenset({"fee.over_stated_maximum"})


def charges(rule: Rule, category: str) -> bool:
    """Tell whether a fee rule can charge a patron of this category."""
    if not rule.check.startswith("fee.") or not applies_to(rule, category):
        return False
    if rule.check in NOT_CHARGING:
        return rule.params.get("accept") != "free_only"  # free only: the patron never pays
    return category not in rule.params.get("exempt", ())


def pays_fees(profile: Profile, category: str) -> bool:
    """Tell whether a patron of this category can be charged any ILL fee here.

    Without fee rules the library's own words decide (John Jay: "there may be fees"), so only
    a library whose every fee rule spares the category answers no.
    """
    fee_rules = [r for r in profile.rules_checking("fee.") if r.check not in ONLY_HOLDING]
    return not fee_rules or any(charges(rule, category) for rule in fee_rules)
