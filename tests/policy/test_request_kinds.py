"""The request-time kinds no seed library uses, shown at their boundaries through `illbot sim`.

Each file in request_kinds/ is a scenario (the tests/scenarios format) against the small test
libraries in request_kinds/profiles/, loaded from a temporary profiles directory as a fourth
library would be: limit.open per household with a source left out, limit.per_period in every
window, material.published, material.new_release made to refuse, request.cooldown, a limit that
holds for staff, and only_categories / except_categories.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from policy.profile import load_profiles
from tests.support.scenarios import run_scenario

HERE = Path(__file__).parent / "request_kinds"
SCENARIOS = sorted(HERE.glob("*.jsonl"))


@pytest.fixture
def profiles_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy the test libraries to a temporary profiles directory the bot loads."""
    folder = tmp_path / "profiles"
    shutil.copytree(HERE / "profiles", folder)
    monkeypatch.setenv("ILLBOT_PROFILES_DIR", str(folder))
    return folder


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_request_kind_scenario(path: Path, database_url: str, profiles_dir: Path) -> None:
    """The bot says exactly what the scenario expects of the test library's rule."""
    run_scenario(path, database_url)


def test_every_test_library_rule_is_shown_by_a_scenario(profiles_dir: Path) -> None:
    """A rule of the test libraries that no scenario shows deciding a message fails."""
    own = {
        rule.id
        for profile in load_profiles(profiles_dir).values()
        for rule in profile.rules
        if profile.source in {p.name for p in profiles_dir.glob("*.toml")}
        and rule.id.startswith(f"{profile.id}.")
    }
    shown: set[str] = set()
    for path in SCENARIOS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                shown.update(json.loads(line).get("expect", {}).get("rules", []))
    assert own, "no test library loaded"
    assert sorted(own - shown) == []
