"""Actions on existing requests, short answers and off-topic errands (tuning/intents_2.jsonl)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from handlers.understand import Reading, understand

TODAY = date(2026, 12, 1)
TUNING = Path(__file__).parent.parent / "understanding" / "tuning" / "intents_2.jsonl"


def read(text: str) -> Reading:
    return understand(text, today=TODAY)


def _cases() -> list[dict[str, object]]:
    lines = TUNING.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("case", [c for c in _cases() if c["intent"] == "request"], ids=str)
def test_a_correction_of_the_form_is_confirmed_first(case: dict) -> None:
    assert read(str(case["text"])).sure is case.get("sure", True)


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("Could you tell me the state of ILL-19?", "status", (19,)),
        ("has ILL-14 been scanned yet", "status", (14,)),
        ("did you find a lender for ILL-40", "status", (40,)),
        ("can you check if #8 is in", "status", (8,)),
        ("please prolong ILL-33", "renew", (33,)),
        ("could you make my loan longer? it's ILL-3", "renew", (3,)),
        ("you can drop #30", "cancel", (30,)),
        ("delete ILL-44 please", "cancel", (44,)),
        ("cancel order number 17", "cancel", (17,)),
        ("renew loan no. 4", "renew", (4,)),
    ],
)
def test_actions_on_a_request_are_read_in_plain_wordings(
    text: str, intent: str, refs: tuple[int, ...]
) -> None:
    reading = read(text)
    assert (reading.intent, reading.entities.refs) == (intent, refs)


def test_an_order_of_a_title_that_is_a_number_names_no_request() -> None:
    assert read("can you order 1984 by George Orwell").entities.refs == ()


@pytest.mark.parametrize("text", ["sure, why not", "ok why not"])
def test_why_not_agrees(text: str) -> None:
    assert read(text).intent == "yes"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("cancel my doctor's appointment", "other"),
        ("I got a fine on a DVD from the main library", "fines_local"),
    ],
)
def test_errands_that_are_not_loans_are_off_topic(text: str, topic: str) -> None:
    reading = read(text)
    assert (reading.intent, reading.entities.topic) == ("offtopic", topic)


def test_someone_else_picking_up_is_a_pickup_question() -> None:
    reading = read("can somebody else collect my ILL book?")
    assert (reading.intent, reading.entities.topic) == ("policy", "pickup")


@pytest.mark.parametrize(
    ("text", "material"),
    [("actually the DVD instead", "media"), ("the audiobook instead", "audiobook")],
)
def test_a_form_named_alone_with_instead_corrects_the_form(text: str, material: str) -> None:
    reading = read(text)
    assert reading.intent == "request" and not reading.sure
    assert [item.material for item in reading.entities.items] == [material]


def test_essays_is_not_part_of_the_words_naming_a_request() -> None:
    assert read("what's the status of the Baldwin essays").entities.ref_hint == "baldwin"
