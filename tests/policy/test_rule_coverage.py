"""Every rule of the catalog is defined by the profiles and shown working by a scenario."""

from __future__ import annotations

import json
from pathlib import Path

from policy.profile import load_profiles

HERE = Path(__file__).parent
CATALOG = HERE / "catalog_ids.txt"  # the ids of POLICY_RULES.md, one per line
SCENARIOS = sorted((HERE.parent / "scenarios").glob("*.jsonl"))


def _catalog() -> set[str]:
    return {line.strip() for line in CATALOG.read_text().splitlines() if line.strip()}


def _expects() -> list[dict]:
    found = []
    for path in SCENARIOS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                data = json.loads(line)
                if "expect" in data:
                    found.append(data["expect"])
    return found


def _shown_by_scenarios() -> set[str]:
    shown: set[str] = set()
    for expect in _expects():
        shown.update(expect.get("rules", []))
        shown.update(expect.get("covers", []))
    return shown


def test_profiles_define_every_catalog_rule() -> None:
    """Each library's profile defines every id the catalog gives that library (and common)."""
    profiles = load_profiles()
    for rule_id in sorted(_catalog()):
        owner = rule_id.split(".", 1)[0]
        holders = profiles.values() if owner == "common" else [profiles[owner]]
        for profile in holders:
            assert rule_id in {r.id for r in profile.rules}, f"{profile.id} lacks {rule_id}"


def test_every_rule_the_profiles_define_has_a_scenario() -> None:
    """A rule id that no scenario shows deciding (or, for information, wording) a message fails."""
    defined = {r.id for p in load_profiles().values() for r in p.rules}
    missing = sorted(defined - _shown_by_scenarios())
    assert not missing, f"rules without a scenario: {missing}"


def test_covered_rules_are_checked_by_their_words() -> None:
    """An informational rule counts as shown only when the expect checks the text it adds."""
    for expect in _expects():
        if expect.get("covers"):
            assert expect.get("says"), f"'covers' without 'says': {expect}"


def test_the_catalog_list_is_not_empty() -> None:
    """The catalog file was read (a wrong path must not make the coverage test pass)."""
    assert len(_catalog()) > 60
