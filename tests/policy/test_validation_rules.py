"""A rule's mistakes, each on the line a librarian reads: its keys, types, names, effect, words;
and every check kind the engine knows has a schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy import engine
from policy.kinds import KINDS
from policy.params import REQUEST_STATUSES
from policy.validate import check_files
from store.ledger import FINISHED_STATUSES, OPEN_STATUSES
from templates import HERE as TEMPLATES

HEAD = """
id = "riverton"
name = "Riverton Community College Library"
timezone = "America/Denver"

[[rules]]
id = "riverton.rule"
summary = "The rule under test."
"""


def mistakes(tmp_path: Path, rule: str, head: str = HEAD) -> list[str]:
    """Check a profile whose one rule has these lines, against the shipped common.toml."""
    path = tmp_path / "riverton.toml"
    path.write_text(head + rule, encoding="utf-8")
    return check_files([path]).mistakes


def loaded(tmp_path: Path, rule: str, head: str = HEAD) -> dict[str, object]:
    """Check the profile, which must be correct, and return its rule's filled-in parameters."""
    path = tmp_path / "riverton.toml"
    path.write_text(head + rule, encoding="utf-8")
    checked = check_files([path])
    assert checked.mistakes == []
    return checked.profiles["riverton"].rule("riverton.rule").params


RULE = "riverton.toml: rule riverton.rule"


def test_day_for_days_is_an_unknown_key_and_a_missing_one(tmp_path: Path) -> None:
    assert mistakes(tmp_path, 'check = "renew.before_due"\nday = 1\n') == [
        f"{RULE}: day: unknown key (did you mean 'days'?)",
        f"{RULE}: days: missing (a number of days)",
    ]


def test_a_single_material_where_a_list_is_wanted_is_refused(tmp_path: Path) -> None:
    rule = 'check = "material.refuse"\nmaterials = "audiobook"\n'
    assert mistakes(tmp_path, rule) == [
        f'{RULE}: materials: wants a list of material types, like ["book"], not "audiobook"'
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ('check = "renew.max"\nmax = "two"', 'max: wants a whole number, not "two"'),
        ('check = "renew.max"\nmax = 2.5', "max: wants a whole number, not 2.5"),
        ('check = "renew.max"\nmax = -1', "max: wants a whole number, at least 0, not -1"),
        (
            'check = "holdings.local"\nbook_club_exception = "yes"',
            'book_club_exception: wants true or false, not "yes"',
        ),
        (
            'check = "schedule.overdue"\ndays = 7\nnotice = "overdue"\nafter = "before"',
            'after: "before" is not a choice (choices: "due", "previous")',
        ),
        (
            'check = "schedule.overdue"\ndays = 7\nnotice = "overdue"\naction = "staff_task"',
            'action "staff_task" needs task = "…" (the work staff are given)',
        ),
    ],
)
def test_wrong_parameter_types_name_what_is_wanted(
    tmp_path: Path, rule: str, expected: str
) -> None:
    assert mistakes(tmp_path, rule + "\n") == [f"{RULE}: {expected}"]


def test_an_unknown_key_far_from_any_lists_what_the_kind_takes(tmp_path: Path) -> None:
    assert mistakes(tmp_path, 'check = "renew.before_due"\ndays = 1\ncolour = "red"\n') == [
        f"{RULE}: colour: unknown key (renew.before_due takes days; any rule: id, check, "
        "summary, says, explain, instead, answer, topics, effect, only_categories, "
        "except_categories)"
    ]


def test_an_effect_the_kind_does_not_have_is_refused(tmp_path: Path) -> None:
    rule = 'check = "eligibility.category"\nallow = ["faculty"]\neffect = "warn"\n'
    assert mistakes(tmp_path, rule) == [
        f'{RULE}: effect: "warn" is not an effect of eligibility.category (choices: refuse, hold)'
    ]


def test_an_unknown_check_kind_is_refused_with_the_close_one(tmp_path: Path) -> None:
    assert mistakes(tmp_path, 'check = "renew.befor_due"\n') == [
        f"{RULE}: check: unknown check kind 'renew.befor_due' (did you mean 'renew.before_due'?)"
    ]


def test_a_rule_without_a_check_is_named_by_its_place(tmp_path: Path) -> None:
    head = HEAD.replace('id = "riverton.rule"\n', "")
    assert mistakes(tmp_path, 'check = "request.one_item"\n', head) == [
        "riverton.toml: rule #1: id: missing (text)"
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            'check = "eligibility.refuse"\ncategories = ["alumnus"]',
            "categories: unknown patron category 'alumnus' (did you mean 'alumni'?)",
        ),
        (
            'check = "material.refuse"\nmaterials = ["audio_book"]',
            "materials: unknown material type 'audio_book' (did you mean 'audiobook'?)",
        ),
        (
            'check = "holdings.status"\nstatuses = ["clic"]',
            "statuses: unknown holding status 'clic' (did you mean 'clics'?)",
        ),
        (
            'check = "cancel.refuse_status"\nstatuses = ["shiped"]',
            "statuses: unknown request status 'shiped' (did you mean 'shipped'?)",
        ),
        (
            'check = "request.one_item"\nonly_categories = ["facluty"]',
            "only_categories: unknown patron category 'facluty' (did you mean 'faculty'?)",
        ),
        (
            'check = "request.one_item"\nexcept_categories = "faculty"',
            'except_categories: wants a list of patron categories, like ["faculty"], not "faculty"',
        ),
    ],
)
def test_names_the_profile_does_not_declare_are_refused(
    tmp_path: Path, rule: str, expected: str
) -> None:
    assert mistakes(tmp_path, rule + "\n") == [f"{RULE}: {expected}"]


def test_a_profiles_own_categories_replace_the_shared_ones(tmp_path: Path) -> None:
    head = HEAD.replace("\n[[rules]]", '\n[categories.member]\nwords = "member"\n\n[[rules]]')
    assert mistakes(tmp_path, 'check = "eligibility.category"\nallow = ["member"]\n', head) == []
    assert mistakes(tmp_path, 'check = "eligibility.category"\nallow = ["faculty"]\n', head) == [
        f"{RULE}: allow: unknown patron category 'faculty' (known: member)"
    ]


def test_a_notice_type_without_template_or_text_is_refused(tmp_path: Path) -> None:
    rule = 'check = "schedule.overdue"\ndays = 7\nnotice = "overdu"\n'
    assert mistakes(tmp_path, rule) == [
        f"{RULE}: notice: unknown notice type 'overdu' (did you mean 'overdue'?; "
        'or give its words as [texts]."notices/overdu")'
    ]


def test_a_notice_type_the_profile_words_itself_is_accepted(tmp_path: Path) -> None:
    head = HEAD.replace(
        "\n[[rules]]", '\n[texts]\n"notices/phone_call" = "We will call you."\n\n[[rules]]'
    )
    rule = 'check = "schedule.overdue"\ndays = 14\nnotice = "phone_call"\n'
    assert loaded(tmp_path, rule, head)["notice"] == "phone_call"


@pytest.mark.parametrize("key", ["explain", "instead", "answer", "summary"])
def test_a_jinja_mistake_in_a_rule_text_is_named(tmp_path: Path, key: str) -> None:
    head = HEAD.replace('summary = "The rule under test."\n', "" if key == "summary" else "$&")
    head = head.replace("$&", 'summary = "The rule under test."\n')
    rule = f'check = "request.one_item"\n{key} = "{{{{ ref }} is yours"\n'
    assert mistakes(tmp_path, rule, head) == [
        f"{RULE}: {key}: template error on line 1: unexpected '}}'"
    ]


def test_a_warning_that_says_the_library_cannot_is_a_mistake(tmp_path: Path) -> None:
    rule = (
        'check = "material.new_release"\nmaterials = ["book"]\nmonths = 12\n'
        'explain = "Riverton cannot borrow items published this calendar year."\n'
    )
    assert mistakes(tmp_path, rule) == [
        f'{RULE}: explain: says "cannot", but the rule only warns, so the reply would both '
        'accept and refuse (set effect = "refuse", or reword it)'
    ]
    assert mistakes(tmp_path, rule + 'effect = "refuse"\n') == []


def test_a_warning_about_what_lenders_will_not_do_is_no_contradiction(tmp_path: Path) -> None:
    rule = (
        'check = "material.new_release"\nmaterials = ["book"]\nmonths = 6\n'
        'explain = "Many lenders won\'t lend books this new, so it may take longer."\n'
    )
    assert mistakes(tmp_path, rule) == []


def test_per_term_fees_use_the_profiles_terms_when_the_rule_has_none(tmp_path: Path) -> None:
    rule = 'check = "fee.per_term"\nfree = 4\nfee_cents = 100\n'
    assert mistakes(tmp_path, rule) == [
        f'{RULE}: terms: missing (a term calendar, like [["Spring", "01-01", "05-15"], …]), '
        "and the profile has no top-level terms to use instead"
    ]
    year = 'terms = [["Spring", "01-01", "06-30"], ["Fall", "07-01", "12-31"]]\n'
    params = loaded(tmp_path, rule, year + HEAD)
    assert params["terms"] == [["Spring", "01-01", "06-30"], ["Fall", "07-01", "12-31"]]
    assert params["exempt"] == [] and params["excluded"] == []


def test_a_rules_own_term_calendar_is_checked(tmp_path: Path) -> None:
    rule = (
        'check = "fee.per_term"\nfree = 4\nfee_cents = 100\nterms = [["Year", "01-01", "12-30"]]\n'
    )
    assert mistakes(tmp_path, rule) == [
        f"{RULE}: terms: no term holds 12-31 (the terms must cover the year)"
    ]


def test_every_kind_the_engine_knows_has_a_schema_and_every_schema_a_check() -> None:
    registries = set(engine.INFO_KINDS).union(*engine.REGISTRIES)
    assert sorted(registries - set(KINDS)) == [], "kinds the engine runs without a define()"
    assert sorted(set(KINDS) - registries) == [], "kinds defined that nothing runs"


def test_every_notice_a_kind_sends_has_a_template() -> None:
    sent = {n for kind in KINDS.values() for n in kind.notices}
    assert sorted(n for n in sent if not (TEMPLATES / f"notices/{n}.txt.j2").is_file()) == []


def test_the_request_statuses_are_the_stores() -> None:
    assert set(REQUEST_STATUSES) == set(OPEN_STATUSES) | set(FINISHED_STATUSES)
