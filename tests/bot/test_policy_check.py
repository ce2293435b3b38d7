"""`illbot policy check`, and every command that starts the bot refusing a wrong profile:
real processes, one line per mistake, exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

SHIPPED = Path(__file__).parents[2] / "policy" / "profiles"
WRONG = """
id = "riverton"
name = "Riverton Community College Library"
timezone = "America/Denver"

[[rules]]
id = "riverton.renewal.before_due"
check = "renew.before_due"
day = 1
summary = "Renewals are asked before the due date."

[[rules]]
id = "riverton.material.audio"
check = "material.refuse"
materials = "audiobook"
summary = "No audiobooks."
"""
MISTAKES = [
    "riverton.toml: rule riverton.renewal.before_due: day: unknown key (did you mean 'days'?)",
    "riverton.toml: rule riverton.renewal.before_due: days: missing (a number of days)",
    "riverton.toml: rule riverton.material.audio: materials: wants a list of material types, "
    'like ["book"], not "audiobook"',
]


def illbot(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run the command as an operator would, with only the ILLBOT_ settings given."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ILLBOT_")}
    environment["PYTHONPATH"] = str(Path(__file__).parents[2])
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=60,
        check=False,
    )


@pytest.fixture
def wrong(tmp_path: Path) -> Path:
    """A profiles directory holding one profile with three mistakes."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "riverton.toml").write_text(WRONG, encoding="utf-8")
    return folder


def _rules(name: str) -> int:
    return len(tomllib.loads((SHIPPED / name).read_text(encoding="utf-8"))["rules"])


def test_the_shipped_profiles_check_ok(tmp_path: Path) -> None:
    result = illbot("policy", "check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"ok: common.toml — rules every library shares, {_rules('common.toml')} rules",
        f"ok: bellevue.toml — Bellevue University Library, {_rules('bellevue.toml')} rules",
        f"ok: johnjay.toml — John Jay College Library, {_rules('johnjay.toml')} rules",
        f"ok: riverbend.toml — Riverbend Public Library, {_rules('riverbend.toml')} rules",
        f"ok: sjpl.toml — St. Joseph Public Library, {_rules('sjpl.toml')} rules",
    ]


def test_a_wrong_file_gets_one_line_per_mistake_and_exit_2(tmp_path: Path, wrong: Path) -> None:
    good = SHIPPED / "sjpl.toml"
    result = illbot("policy", "check", str(wrong / "riverton.toml"), str(good), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        *MISTAKES,
        f"ok: sjpl.toml — St. Joseph Public Library, {_rules('sjpl.toml')} rules",
    ]


def test_the_profiles_directory_is_checked_with_the_shipped_ones(
    tmp_path: Path, wrong: Path
) -> None:
    result = illbot("policy", "check", cwd=tmp_path, env={"ILLBOT_PROFILES_DIR": str(wrong)})
    assert result.returncode == 2
    assert result.stdout.splitlines()[-3:] == MISTAKES


def test_a_file_replacing_a_shipped_profile_is_announced(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "sjpl.toml").write_text((SHIPPED / "sjpl.toml").read_text(), encoding="utf-8")
    result = illbot("policy", "check", cwd=tmp_path, env={"ILLBOT_PROFILES_DIR": str(folder)})
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[0] == (
        f"sjpl.toml in {folder} replaces the shipped profile 'sjpl'"
    )
    ok = f"ok: {folder / 'sjpl.toml'} — St. Joseph Public Library, {_rules('sjpl.toml')} rules"
    assert ok in result.stdout


def test_a_file_that_does_not_exist_is_named(tmp_path: Path) -> None:
    result = illbot("policy", "check", str(tmp_path / "nope.toml"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [f"{tmp_path / 'nope.toml'}: no such file"]


@pytest.mark.parametrize(
    "command",
    [["tick", "--at", "2026-09-01T10:00"], ["sim", "-"], ["chat"], ["serve"], ["policy", "show"]],
)
def test_the_bot_refuses_to_start_on_a_wrong_profile(
    tmp_path: Path, wrong: Path, command: list[str]
) -> None:
    env = {"ILLBOT_PROFILES_DIR": str(wrong), "ILLBOT_DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    result = illbot(*command, cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"illbot: {line}" for line in MISTAKES]
    assert not (tmp_path / "x.db").exists()  # nothing was started, not even the store


def test_serve_logs_a_file_replacing_a_shipped_profile(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    replacing = (SHIPPED / "sjpl.toml").read_text().replace('name = "St.', 'nmae = "St.')
    (folder / "sjpl.toml").write_text(replacing, encoding="utf-8")
    result = illbot("serve", cwd=tmp_path, env={"ILLBOT_PROFILES_DIR": str(folder)})
    assert result.returncode == 2
    assert f"sjpl.toml in {folder} replaces the shipped profile 'sjpl'" in result.stderr
    assert "illbot: sjpl.toml: nmae: unknown key (did you mean 'name'?)" in result.stderr
