"""A misspelled value in a profile's Jinja text is named on one line when the profile loads.

A rule's explain and instead get the values its kind declares and every rule's; a library's
`[texts]` get the notice variables (notices/NAME) or the reply template's (replies/NAME).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy.errors import ProfileError
from policy.profile import SHIPPED_DIR, load_profiles
from policy.validate import check_files

JOHNJAY = (SHIPPED_DIR / "johnjay.toml").read_text(encoding="utf-8")
OVERDUE = 'explain = "{{ ref }} was due on {{ due }}.'
RIVERTON = """
id = "riverton"
name = "Riverton Community College Library"
timezone = "America/Denver"

[contact]
desk = "the front desk"

[[rules]]
id = "riverton.limit.weekly"
check = "limit.per_week"
max = 5
summary = "Five requests a week."
explain = "You have made {{ count }} requests this week; the week ends {{ week_ends }}."
instead = "Ask again after {{ week_ends }}, or ask at {{ ref }}."

[[rules]]
id = "riverton.overdue.notice"
check = "schedule.overdue"
days = 1
notice = "overdue"
summary = "The day after the due date the patron is told it is overdue."
explain = "{{ name }} was due on {{ due }}; please bring it to {{ desk }}."
"""


def mistakes(tmp_path: Path, text: str, name: str = "riverton.toml") -> list[str]:
    """Check one profile file, written as a librarian would, against the shipped common.toml."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_files([path]).mistakes


def test_a_misspelled_value_names_the_rule_the_key_and_the_likely_value(tmp_path: Path) -> None:
    assert OVERDUE in JOHNJAY, "the John Jay overdue text changed; update this test"
    typo = JOHNJAY.replace(OVERDUE, OVERDUE.replace("{{ due }}", "{{ due_dat }}"))
    [line] = mistakes(tmp_path, typo, "johnjay.toml")
    assert line.startswith(
        "johnjay.toml: rule johnjay.overdue.notice: explain: unknown value 'due_dat' "
        "(did you mean 'due'?; known: due, name, "
    )
    known = line.split("known: ")[1].rstrip(")").split(", ")
    assert {"ref", "overdue", "desk", "billed_through", "pays_fees"} <= set(known)


def test_profile_loading_refuses_the_misspelled_value(tmp_path: Path) -> None:
    """serve, tick, chat and sim load profiles this way: the typo stops them at the start."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    typo = JOHNJAY.replace(OVERDUE, OVERDUE.replace("{{ due }}", "{{ due_dat }}"))
    (folder / "johnjay.toml").write_text(typo, encoding="utf-8")
    with pytest.raises(ProfileError, match=r"johnjay\.overdue\.notice: explain: .*'due_dat'"):
        load_profiles(folder)


def test_instead_and_a_summary_standing_in_for_explain_are_checked(tmp_path: Path) -> None:
    text = RIVERTON.replace("{{ ref }}.", "{{ reff }}.")
    text = text.replace(
        'explain = "You have made {{ count }} requests this week; the week ends {{ week_ends }}."',
        "",
    ).replace('summary = "Five requests a week."', 'summary = "{{ cout }} of five this week."')
    found = mistakes(tmp_path, text)
    assert [line.split(" (")[0] for line in found] == [
        "riverton.toml: rule riverton.limit.weekly: instead: unknown value 'reff'",
        "riverton.toml: rule riverton.limit.weekly: summary: unknown value 'cout'",
    ]
    assert "(did you mean 'ref'?; known: week_ends, ref, " in found[0]
    assert "(did you mean 'count'?; " in found[1]


def test_a_value_of_another_kind_is_unknown_to_this_one(tmp_path: Path) -> None:
    """`due` is a notice's value: a weekly limit's refusal is not about a loan and has none."""
    text = RIVERTON.replace("the week ends {{ week_ends }}", "it is due {{ due }}")
    [line] = mistakes(tmp_path, text)
    assert line == (
        "riverton.toml: rule riverton.limit.weekly: explain: unknown value 'due' (known: "
        "week_ends, ref, status_words, material_words, count, need_by, holding_status, pays_fees, "
        "today)"
    )


def test_a_misspelled_value_in_the_librarys_own_notice_text(tmp_path: Path) -> None:
    text = (
        RIVERTON + '\n[texts]\n"notices/overdue" = "{{ nmae }} is {{ days_overdue }} days late."\n'
    )
    [line] = mistakes(tmp_path, text)
    assert line.startswith(
        "riverton.toml: texts.\"notices/overdue\": unknown value 'nmae' "
        "(did you mean 'name'?; known: ref, title, name, "
    )
    assert "days_overdue" in line and "owed" in line  # every notice's and some notices' values


def test_a_misspelled_value_in_the_librarys_own_reply_text(tmp_path: Path) -> None:
    """A reply's text gets what its shipped template uses, and the library's name and contact."""
    text = RIVERTON + '\n[texts]\n"replies/help" = "{{ libary }} borrows books for you."\n'
    assert mistakes(tmp_path, text) == [
        "riverton.toml: texts.\"replies/help\": unknown value 'libary' (did you mean 'library'?; "
        "known: library, library_id, contact, fee, rules, today, locale)"
    ]


def test_known_values_pass(tmp_path: Path) -> None:
    """Values the texts are given, set in the text, looped over or tested, are no mistakes."""
    texts = """
[texts]
"notices/overdue" = "{{ name }} is {{ days_overdue }} days late{% if fine %}: {{ fine | money }} so far{% endif %}. {% for r in reasons %}{{ r.explain }} {% endfor %}{{ contact.desk }}"
"notices/fee" = "You owe {{ owed | money }} for {{ ref }}; the library pays {{ covered | money }}."
"replies/renew_requested" = "{% set asked = name %}Asked for {{ asked }}{% if due %} (due {{ due }}){% endif %}.{% for n in notes %} {{ n.explain }}{% endfor %} {{ library }}"
"""  # noqa: E501
    holdings = """
[[rules]]
id = "riverton.holdings.local"
check = "holdings.local"
book_club_exception = true
summary = "What the library owns is not borrowed."
explain = "{% if book_club is defined %}Extra copies, then.{% else %}We own it ({{ holding_status }}).{% endif %}"
"""  # noqa: E501
    assert mistakes(tmp_path, RIVERTON + holdings + texts) == []


def test_a_syntax_error_is_reported_once_not_as_unknown_values(tmp_path: Path) -> None:
    text = RIVERTON.replace("{{ name }} was due", "{{ nmae } was due")
    found = mistakes(tmp_path, text)
    assert len(found) == 1 and "template error" in found[0] and "unknown value" not in found[0]
