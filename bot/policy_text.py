"""`illbot policy show`: a profile in plain words, every rule with its id.

For each rule, first what the engine will do with its parameters (generated, policy/describe.py),
then the author's summary and the policy's own words beside it, then a flag wherever the summary
contradicts the parameters (bot/summary_check.py).
"""

from __future__ import annotations

import textwrap

from bot.summary_check import contradictions
from policy.describe import effect_of, what_it_does
from policy.profile import Profile, Rule

WIDTH = 100
LABEL = 11  # "  Summary: " and the other labels line up


def _field(label: str, text: str) -> list[str]:
    head = f"  {label:<{LABEL - 2}}"
    return textwrap.wrap(text, WIDTH, initial_indent=head, subsequent_indent=" " * LABEL)


def describe_rule(rule: Rule, profile: Profile) -> list[str]:
    """Return the lines for one rule: what it does, the summary, the policy's words, flags."""
    lines = [f"{rule.id}  [{rule.check} · {effect_of(rule, profile)}]"]
    lines += _field("Does:", what_it_does(rule, profile))
    lines += _field("Summary:", rule.summary)
    if rule.says:
        lines += _field("Policy:", f"“{rule.says}”")
    for problem in contradictions(rule, profile):
        lines += textwrap.wrap(f"⚠ {problem}", WIDTH, initial_indent="  ", subsequent_indent="    ")
    return lines


def flagged(profile: Profile) -> dict[str, list[str]]:
    """Return the rules whose summary contradicts their parameters, with what is wrong."""
    found = {rule.id: contradictions(rule, profile) for rule in profile.rules}
    return {rule_id: problems for rule_id, problems in found.items() if problems}


def describe_profile(profile: Profile) -> str:
    """Describe a library's profile for a librarian to check against their written policy."""
    lines = [f"{profile.name} ({profile.id}), time zone {profile.timezone.key}", ""]
    for key, value in profile.contact.items():
        lines.append(f"  {key}: {value}")
    lines.append(
        f"  privacy: patron links are removed {profile.retention_days} days after a request ends"
    )
    if profile.texts:
        lines.append(f"  in the library's own words: {', '.join(sorted(profile.texts))}")
    problems = flagged(profile)
    if problems:
        lines.append(f"  ⚠ {len(problems)} summaries contradict their rules: {', '.join(problems)}")
    lines.append("")
    for rule in profile.rules:
        lines += describe_rule(rule, profile)
        lines.append("")
    return "\n".join(lines).rstrip()
