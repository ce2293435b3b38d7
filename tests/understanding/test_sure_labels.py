"""A request is confirmed first exactly when its tuning label says the reading is unsure."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from handlers.understand import understand

TUNING = Path(__file__).parent / "tuning"


def _requests() -> list[tuple[str, dict[str, object]]]:
    """Return (file, case) for every request of the tuning files, where `sure` is labelled."""
    found = []
    for path in sorted(TUNING.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                case = json.loads(line)
                if case["intent"] == "request":
                    found.append((path.name, case))
    labelled = {name for name, case in found if "sure" in case}
    return [(name, case) for name, case in found if name in labelled]


@pytest.mark.parametrize(("name", "case"), _requests(), ids=lambda v: str(v)[:60])
def test_a_request_is_confirmed_first_exactly_when_its_reading_is_unsure(
    name: str, case: dict[str, object]
) -> None:
    today = date.fromisoformat(str(case.get("today", "2026-09-01")))
    assert understand(str(case["text"]), today=today).sure is case.get("sure", True), name


def test_the_sure_labels_are_found() -> None:
    assert {name for name, _ in _requests()} >= {"intents_refs.jsonl", "intents_2.jsonl"}
