"""Every conversation scenario in tests/scenarios/, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.scenarios import run_scenario

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.jsonl"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path, database_url: str) -> None:
    """The bot says exactly what the scenario expects, on every store backend."""
    run_scenario(path, database_url)


def test_there_are_scenarios() -> None:
    """The scenario directory is not empty (a glob typo must not pass silently)."""
    assert len(SCENARIOS) >= 5
