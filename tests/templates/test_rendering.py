"""Templates: strict about missing values, and patron text can never act as markup or code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from templates import render
from tests.support.scenarios import parse, run_scenario

NASTY = "<!channel> Tom & Jerry <https://evil.example|click> {{ 7*7 }} {% raw %}"


def _status(title: str, channel: str) -> str:
    item = {
        "name": f"ILL-1 “{title}”",
        "status": "submitted",
        "asked_on": "2026-10-01",
        "need_by": "",
        "due": "",
        "fee": 0,
    }
    return render("replies/status_one", channel, {"item": item})


def test_slack_replies_escape_patron_text_so_nobody_is_pinged() -> None:
    text = _status(NASTY, "slack")
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text
    assert "Tom &amp; Jerry" in text
    assert "<https://evil.example|click>" not in text


def test_jinja_in_a_title_is_shown_not_run() -> None:
    for channel in ("slack", "email", "console"):
        text = _status(NASTY, channel)
        assert "{{ 7*7 }}" in text and "49" not in text


def test_plain_channels_keep_the_title_as_written() -> None:
    assert NASTY in _status(NASTY, "email")


def test_a_missing_value_is_an_error_not_a_blank() -> None:
    with pytest.raises(UndefinedError):
        render("replies/status_one", "console", {})


def test_injection_in_a_request_is_stored_and_echoed_harmlessly(tmp_path: Path) -> None:
    scenario = tmp_path / "inject.jsonl"
    title = "Robert'); DROP TABLE requests;-- & Tom & Jerry"
    events = [
        {"type": "patron", "id": "f", "library": "johnjay", "category": "faculty"},
        {
            "type": "message",
            "at": "2026-10-01T09:00",
            "from": "f",
            "text": f'get me the book "{title}"',
        },
        {
            "expect": {
                "outcome": "accepted",
                "request": "ILL-1",
                "says": ["DROP TABLE", "&amp; Tom &amp; Jerry"],
            }
        },
        {"type": "message", "at": "2026-10-01T09:01", "from": "f", "text": "status"},
        {"expect": {"requests": ["ILL-1"], "says": ["DROP TABLE requests"]}},
    ]
    scenario.write_text("".join(json.dumps(e) + "\n" for e in events))
    assert len(parse(scenario)) == 3
    run_scenario(scenario)
