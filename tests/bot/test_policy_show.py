"""`illbot policy show`: what the engine does, generated from the parameters, beside the words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.policy_text import describe_profile, describe_rule, flagged
from policy.describe import what_it_does
from policy.kinds import KINDS
from policy.profile import Profile, load_profiles

SHIPPED = load_profiles()

MEXIA = """
id = "mexia"
name = "Mexia Public Library"
timezone = "America/Chicago"

[[rules]]
id = "mexia.limit.loans"
check = "limit.loans_held"
max = 10
summary = "Two at a time."

[[rules]]
id = "mexia.overdue.notice"
check = "schedule.overdue"
days = 7
notice = "overdue"
summary = "A week after the due date the patron is told it is overdue."

[[rules]]
id = "mexia.limit.weekly"
check = "limit.per_week"
max = 3
effect = "warn"
summary = "At most three requests a week; a fourth is refused."

[[rules]]
id = "mexia.eligibility.standing"
check = "eligibility.standing"
except_categories = ["staff"]
summary = "A blocked card is refused, except for staff."

[texts]
"notices/overdue" = "{{ name }} is late."
"""


def _mexia(tmp_path: Path, text: str = MEXIA) -> Profile:
    (tmp_path / "mexia.toml").write_text(text, encoding="utf-8")
    return load_profiles(tmp_path)["mexia"]


def _shown(profile: Profile, rule_id: str) -> str:
    return "\n".join(describe_rule(profile.rule(rule_id), profile))


def test_every_kind_says_what_it_does() -> None:
    """No kind the engine knows is shown without a generated description."""
    assert len(KINDS) > 40  # the registry was filled (policy/params.py and the kinds' modules)
    undescribed = sorted(name for name, kind in KINDS.items() if kind.describe is None)
    assert not undescribed, f"kinds without a describer: {undescribed}"


@pytest.mark.parametrize(
    ("library", "rule_id", "words"),
    [
        (
            "johnjay",
            "johnjay.limit.weekly",
            "Refuses an 11th request in a calendar week (Monday to Sunday) once 10 are recorded;"
            " cancelled requests do not count.",
        ),
        (
            "bellevue",
            "bellevue.fee.per_term",
            "Charges $1.00 for the 5th and later request each term (Spring 01-01–05-15, Summer"
            " 05-16–08-15, Fall 08-16–12-31); faculty and staff are exempt",
        ),
        (
            "bellevue",
            "bellevue.renewal.max_two",
            "Refuses a 3rd renewal once an item has been renewed 2 times.",
        ),
        (
            "bellevue",
            "bellevue.need_by.short",
            "Warns, but accepts, a request whose need-by date is fewer than 7 days away.",
        ),
        ("sjpl", "sjpl.limit.five_loans", "Refuses a new loan while the patron holds 5 loans"),
        ("sjpl", "sjpl.renewal.before_due", "Refuses a renewal asked on or after the due date."),
        ("sjpl", "common.copyright.rule_of_five", "Refuses the 6th and later article"),
        (
            "johnjay",
            "common.copyright.rule_of_five",
            "Holds for staff review the 6th and later article",
        ),
        (
            "bellevue",
            "bellevue.overdue.academic_hold",
            "28 days after the due date, sends the “academic_hold” notice and puts an academic hold"
            " on the patron's records (only undergraduate students and graduate students).",
        ),
    ],
)
def test_a_shipped_rule_is_described_from_its_parameters(
    library: str, rule_id: str, words: str
) -> None:
    """The engine's line for a real rule states its own numbers, categories and effect."""
    profile = SHIPPED[library]
    assert what_it_does(profile.rule(rule_id), profile).startswith(words)


def test_the_description_follows_the_parameters_not_the_summary(tmp_path: Path) -> None:
    """Change the number and the words change; the author's summary is not repeated."""
    bigger = _mexia(tmp_path, MEXIA.replace("max = 3", "max = 7"))
    assert what_it_does(bigger.rule("mexia.limit.weekly"), bigger).startswith(
        "Warns, but accepts, an 8th request in a calendar week"
    )


def test_each_rule_shows_the_engine_first_then_the_summary_and_the_policy_words() -> None:
    """A librarian reads what the engine does, then the summary, then the policy's words."""
    lines = describe_rule(SHIPPED["johnjay"].rule("johnjay.limit.weekly"), SHIPPED["johnjay"])
    assert lines[0] == "johnjay.limit.weekly  [limit.per_week · refuse]"
    assert lines[1].startswith("  Does:    Refuses an 11th request")
    assert any(line.startswith("  Summary: Up to ten requests") for line in lines)
    assert lines[-1].startswith("  Policy:  “Up to ten items per week.”")


def test_a_summary_with_the_wrong_number_is_flagged(tmp_path: Path) -> None:
    """`summary = "Two at a time."` with `max = 10` is shown with a warning, not trusted."""
    mexia = _mexia(tmp_path)
    shown = _shown(mexia, "mexia.limit.loans")
    assert "⚠ the summary says 2, the rule allows 10" in shown
    header = describe_profile(mexia).splitlines()[:5]
    assert "  ⚠ 2 summaries contradict their rules: mexia.limit.loans, mexia.limit.weekly" in header


def test_a_week_in_the_summary_matches_seven_days(tmp_path: Path) -> None:
    """ "A week after" with `days = 7` is the same number: no flag."""
    assert "mexia.overdue.notice" not in flagged(_mexia(tmp_path))


def test_a_warn_only_rule_whose_summary_says_refused_is_flagged(tmp_path: Path) -> None:
    """A warning rule must not read as enforced: the summary's "refused" is contradicted."""
    shown = _shown(_mexia(tmp_path), "mexia.limit.weekly")
    assert "Does:    Warns, but accepts, a 4th request" in shown
    assert "⚠ the summary says it is refused, the rule only warns" in shown


@pytest.mark.parametrize("library", sorted(SHIPPED))
def test_the_shipped_profiles_have_no_false_flags(library: str) -> None:
    """Every number in a shipped summary is one of its rule's numbers."""
    assert flagged(SHIPPED[library]) == {}


def test_whom_a_rule_spares_is_said(tmp_path: Path) -> None:
    """`except_categories` is part of what the engine does, so it is in the generated line."""
    mexia = _mexia(tmp_path)
    assert what_it_does(mexia.rule("mexia.eligibility.standing"), mexia) == (
        "Refuses every request from a patron whose card is blocked in the directory;"
        " never for staff."
    )


def test_the_library_own_texts_are_listed(tmp_path: Path) -> None:
    """Which notices and replies are in the library's own words shows at the top."""
    assert "  in the library's own words: notices/overdue" in describe_profile(_mexia(tmp_path))
