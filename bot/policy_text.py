"""`illbot policy show`: a profile in plain words, every rule with its id."""

from __future__ import annotations

import textwrap

from policy.profile import Profile


def describe_profile(profile: Profile) -> str:
    """Describe a library's profile for a librarian to check against their written policy."""
    lines = [f"{profile.name} ({profile.id}), time zone {profile.timezone.key}", ""]
    for key, value in profile.contact.items():
        lines.append(f"  {key}: {value}")
    lines.append(
        f"  privacy: patron links are removed {profile.retention_days} days after a request ends"
    )
    lines.append("")
    for rule in profile.rules:
        lines.append(f"{rule.id}")
        lines.extend(textwrap.wrap(rule.summary, 96, initial_indent="  ", subsequent_indent="  "))
        if rule.says:
            lines.extend(
                textwrap.wrap(
                    f"Policy text: “{rule.says}”", 96, initial_indent="  ", subsequent_indent="  "
                )
            )
        lines.append("")
    return "\n".join(lines).rstrip()
