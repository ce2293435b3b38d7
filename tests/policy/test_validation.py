"""A profile file's mistakes, each on the one line a librarian reads: file-level keys, calendars,
texts; and the shipped profiles pass, with every rule's defaults filled in."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy.errors import ProfileError
from policy.profile import load_profiles
from policy.validate import check_files, check_profiles
from tests.policy.test_profiles import FOURTH

RIVERTON = FOURTH  # the correct fourth library test_profiles loads


def mistakes(tmp_path: Path, text: str, name: str = "riverton.toml") -> list[str]:
    """Check one profile file, written as a librarian would, against the shipped common.toml."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_files([path]).mistakes


def test_the_shipped_profiles_have_no_mistakes() -> None:
    checked = check_profiles()
    assert checked.mistakes == []
    assert set(checked.profiles) == {"bellevue", "johnjay", "riverbend", "sjpl"}


def test_a_correct_fourth_library_has_no_mistakes(tmp_path: Path) -> None:
    assert mistakes(tmp_path, RIVERTON) == []


def test_loaded_rules_have_their_defaults_and_effects_filled_in() -> None:
    profiles = load_profiles()
    johnjay, bellevue = profiles["johnjay"], profiles["bellevue"]
    local = johnjay.rule("johnjay.holdings.local")
    assert local.params["book_club_exception"] is False  # not written in the file
    assert local.effect == "refuse"
    assert johnjay.rule("johnjay.copyright.rule_of_five").effect == "hold"  # written
    assert johnjay.rule("johnjay.pickup.desk").effect == "inform"
    step = bellevue.rule("bellevue.overdue.notice")
    assert step.params["after"] == "due"
    assert step.params["action"] is None
    assert bellevue.rule("bellevue.need_by.short").effect == "warn"


def test_a_misspelled_top_level_key_is_unknown_not_missing(tmp_path: Path) -> None:
    found = mistakes(tmp_path, RIVERTON.replace("name =", "nmae ="))
    assert found == ["riverton.toml: nmae: unknown key (did you mean 'name'?)"]


def test_a_misspelled_rules_table_is_named(tmp_path: Path) -> None:
    found = mistakes(tmp_path, RIVERTON.replace("[[rules]]", "[[ruls]]"))
    assert found == ["riverton.toml: ruls: unknown key (did you mean 'rules'?)"]


def test_rule_instead_of_rules_says_every_rule_would_be_dropped(tmp_path: Path) -> None:
    text = RIVERTON.replace("[[rules]]", "[[rule]]") + RIVERTON[RIVERTON.index("[[rules]]") :]
    found = mistakes(tmp_path, text.replace('"riverton.eligibility.category"\nch', '"r.x"\nch', 1))
    assert found == [
        "riverton.toml: rule: unknown key: write [[rules]], not [[rule]] "
        "(as written, 1 rule would be silently dropped)"
    ]


def test_a_missing_name_is_missing(tmp_path: Path) -> None:
    found = mistakes(tmp_path, RIVERTON.replace('name = "Riverton Community College Library"', ""))
    assert found == ["riverton.toml: name: missing (text)"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            'materials = "book"',
            'materials: wants a list of material types, like ["book", "article"], not "book"',
        ),
        ('retention_days = "90"', 'retention_days: wants a number of days, not "90"'),
        (
            'timezone2 = "x"\nregion = "Nebraska"',
            "timezone2: unknown key (did you mean 'timezone'?)",
        ),
    ],
)
def test_wrong_top_level_values_are_named(tmp_path: Path, line: str, expected: str) -> None:
    found = mistakes(tmp_path, RIVERTON.replace("[contact]", f"{line}\n\n[contact]"))
    assert f"riverton.toml: {expected}" in found


def test_every_mistake_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = RIVERTON.replace("name =", "nmae =").replace(
        "[contact]", 'retention_days = "90"\n[contact]'
    )
    text = text.replace('["faculty", "undergraduate"]', '["faculty", "undergrad"]')
    with pytest.raises(ProfileError) as raised:
        load_profiles(_dir(tmp_path, text))
    assert str(raised.value).splitlines() == [
        "riverton.toml: nmae: unknown key (did you mean 'name'?)",
        'riverton.toml: retention_days: wants a number of days, not "90"',
        "riverton.toml: rule riverton.eligibility.category: allow: unknown patron category "
        "'undergrad' (did you mean 'undergraduate'?)",
    ]


def _dir(tmp_path: Path, text: str, name: str = "riverton.toml") -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_toml_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    found = mistakes(tmp_path, RIVERTON.replace("[contact]", "[contact"))
    assert len(found) == 1
    assert found[0].startswith("riverton.toml: ") and "line 6" in found[0]


SPRING = '["Spring", "01-01", "05-15"]'
SUMMER = '["Summer", "05-16", "08-15"]'
FALL = '["Fall", "08-16", "12-31"]'
CALENDAR = f"terms = [{SPRING}, {SUMMER}, {FALL}]"
WINTER = '["Spring", "03-01", "05-15"], ["Winter", "01-01", "02-28"]'
NOT_MM_DD = 'is not a MM-DD date like "08-16"'


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("05-16", "06-01"), "no term holds 05-16 to 05-31 (the terms must cover the year)"),
        (("05-16", "05-10"), "Spring and Summer overlap on 05-10 to 05-15"),
        (("12-31", "12-32"), f'Fall: "12-32" {NOT_MM_DD}'),
        (("12-31", "Dec 31"), f'Fall: "Dec 31" {NOT_MM_DD}'),
        (("05-15", "02-29"), 'Spring: "02-29" is not in every year'),
        ((FALL, '["Fall", "08-16"]'), '["Fall", "08-16"] is not [name, "MM-DD", "MM-DD"]'),
        ((SPRING, WINTER), "no term holds 02-29 in leap years: end a term elsewhere than 02-28"),
    ],
)
def test_a_term_calendar_must_cover_the_year_once(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    text = RIVERTON.replace("[contact]", f"{CALENDAR.replace(*change)}\n\n[contact]")
    assert mistakes(tmp_path, text) == [f"riverton.toml: terms: {expected}"]


def test_a_whole_year_calendar_passes(tmp_path: Path) -> None:
    assert mistakes(tmp_path, RIVERTON.replace("[contact]", f"{CALENDAR}\n\n[contact]")) == []


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            '"notices/overdue" = "{{ ref } is late"',
            "texts.\"notices/overdue\": template error on line 1: unexpected '}'",
        ),
        (
            '"notices/overdue" = "Due {{ due | monye }}"',
            "texts.\"notices/overdue\": template error: no filter named 'monye'",
        ),
        (
            '"replies/request_reslt" = "Done."',
            "texts.\"replies/request_reslt\": unknown reply 'request_reslt' "
            "(did you mean 'request_result'?)",
        ),
    ],
)
def test_mistakes_in_the_librarys_own_texts_are_named(
    tmp_path: Path, entry: str, expected: str
) -> None:
    text = RIVERTON.replace("[contact]", f"[texts]\n{entry}\n\n[contact]")
    assert mistakes(tmp_path, text) == [f"riverton.toml: {expected}"]


def test_an_unknown_key_in_a_category_is_named(tmp_path: Path) -> None:
    text = RIVERTON.replace(
        "[contact]",
        '[categories.faculty]\nword = "teacher"\n[categories.undergraduate]\n\n[contact]',
    )
    assert mistakes(tmp_path, text) == [
        "riverton.toml: categories.faculty.word: unknown key (did you mean 'words'?)"
    ]


def test_a_file_replacing_a_shipped_profile_is_announced(tmp_path: Path) -> None:
    shipped = (Path(__file__).parents[2] / "policy/profiles/sjpl.toml").read_text()
    folder = _dir(tmp_path, shipped, "sjpl.toml")
    checked = check_profiles(folder)
    assert checked.notes == (f"sjpl.toml in {folder} replaces the shipped profile 'sjpl'",)
    assert checked.profiles["sjpl"].source == "sjpl.toml"
    assert checked.mistakes == []


def test_two_files_for_one_library_are_a_mistake(tmp_path: Path) -> None:
    folder = _dir(tmp_path, RIVERTON, "a.toml")
    (folder / "b.toml").write_text(RIVERTON, encoding="utf-8")
    assert check_profiles(folder).mistakes == [
        f"b.toml: id: 'riverton' is also the id of {folder / 'a.toml'} (one file a library)"
    ]
