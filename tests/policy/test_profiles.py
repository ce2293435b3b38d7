"""Profiles are data: the shipped three load, bad ones are refused, a fourth is a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy.engine import validate
from policy.errors import ProfileError
from policy.profile import load_profiles

FOURTH = """
id = "riverton"
name = "Riverton Community College Library"
timezone = "America/Denver"

[contact]
register = "Ask at the front desk."

[[rules]]
id = "riverton.eligibility.category"
check = "eligibility.category"
allow = ["faculty", "undergraduate"]
summary = "Faculty and students only."
explain = "Riverton ILL is for faculty and students."
"""


def test_the_three_seed_libraries_load_with_the_common_rules() -> None:
    profiles = load_profiles()
    assert set(profiles) >= {"johnjay", "sjpl", "bellevue"}
    for profile in profiles.values():
        validate(profile)
        ids = [r.id for r in profile.rules]
        assert "common.request.duplicate" in ids
        assert any(i.startswith(f"{profile.id}.") for i in ids)
        assert all(r.summary for r in profile.rules)


def test_a_fourth_library_needs_only_a_file(tmp_path: Path) -> None:
    (tmp_path / "riverton.toml").write_text(FOURTH)
    profiles = load_profiles(tmp_path)
    riverton = profiles["riverton"]
    validate(riverton)
    assert riverton.timezone.key == "America/Denver"
    assert riverton.rule("riverton.eligibility.category").params["allow"] == [
        "faculty",
        "undergraduate",
    ]


def test_an_unknown_check_kind_is_refused_with_the_rule_named(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(
        FOURTH.replace('"eligibility.category"', '"eligibility.magic"')
    )
    with pytest.raises(ProfileError, match=r"riverton\.eligibility\.category.*eligibility\.magic"):
        validate(load_profiles(tmp_path)["riverton"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('"America/Denver"', '"Mars/Olympus"'), "unknown time zone"),
        (
            ('id = "riverton.eligibility.category"', 'id = "common.request.duplicate"'),
            "defined twice",
        ),
        (('summary = "Faculty and students only."', ""), "summary"),
        (("[contact]", "[contact"), "x.toml"),
    ],
)
def test_broken_profiles_are_refused_with_a_clear_reason(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    (tmp_path / "x.toml").write_text(FOURTH.replace(*change))
    with pytest.raises(ProfileError, match=message):
        load_profiles(tmp_path)


def test_a_missing_profiles_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="not found"):
        load_profiles(tmp_path / "nope")


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ('"08:00-20:00"', "must be two times"),
        ('["8 am", "20:00"]', "are not HH:MM times"),
        ('["20:00", "08:00"]', "must open before they close"),
    ],
)
def test_wrong_sending_hours_name_the_file_and_key(
    tmp_path: Path, hours: str, message: str
) -> None:
    (tmp_path / "x.toml").write_text(
        FOURTH.replace("[contact]", f"sending_hours = {hours}\n\n[contact]")
    )
    with pytest.raises(ProfileError, match=f"x.toml: sending_hours.*{message}|x.toml: .*{message}"):
        load_profiles(tmp_path)


def test_sending_hours_default_to_the_working_day_and_can_be_set(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(
        FOURTH.replace("[contact]", 'sending_hours = ["09:30", "17:00"]\n\n[contact]')
    )
    profiles = load_profiles(tmp_path)
    assert [t.isoformat("minutes") for t in profiles["riverton"].sending_hours] == [
        "09:30",
        "17:00",
    ]
    assert [t.isoformat("minutes") for t in profiles["johnjay"].sending_hours] == ["08:00", "20:00"]
