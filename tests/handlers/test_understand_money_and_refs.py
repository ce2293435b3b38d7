"""The most a patron will pay, which request they mean, and which option they picked."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Reading, understand

TODAY = date(2026, 9, 1)


def read(text: str) -> Reading:
    return understand(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("up to $10", 10.0),
        ("I'll pay $5", 5.0),
        ("max 15 dollars", 15.0),
        ("$7.50", 7.5),
        ("I can pay up to 12", 12.0),
        ("get me ISBN 9780743273565, I'll pay up to $5", 5.0),
        ("I won't pay more than $5", 5.0),
        ("10", 10.0),
        ("$10", 10.0),
        ("50 cents", 0.5),
    ],
)
def test_max_cost_amounts(text: str, amount: float) -> None:
    assert read(text).entities.max_cost == amount


@pytest.mark.parametrize(
    "text",
    ["nothing", "free only", "no fees", "I won't pay", "nothing, free only", "$0", "zero"],
)
def test_refusing_to_pay_means_zero(text: str) -> None:
    assert read(text).entities.max_cost == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "renew it for 2 more weeks",
        "get me ISBN 9780134477824",
        "nothing else, thanks for asking about my day",
        "feel free to call",
    ],
)
def test_no_amount_when_none_is_given(text: str) -> None:
    assert read(text).entities.max_cost is None


@pytest.mark.parametrize(
    "text",
    [
        "ILL-7",
        "ill 7",
        "ILL7",
        "about #7",
        "request 7",
        "request no. 7",
        "ILL #7",
        "status of ill-7",
    ],
)
def test_every_written_form_of_a_request_reference(text: str) -> None:
    assert read(text).entities.ref == 7


def test_request_followed_by_a_count_is_not_a_reference() -> None:
    assert read("I'd like to request 2 books").entities.ref is None


def test_a_reference_among_other_words_is_a_ref_not_a_choice() -> None:
    entities = read("cancel #2").entities
    assert (entities.ref, entities.choice) == (2, None)


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("2", 2),
        ("#2", 2),
        ("the second one", 2),
        ("second", 2),
        ("2nd", 2),
        ("option 3", 3),
        ("the first one please", 1),
        ("I'll take the third", 3),
        ("number 2 please", 2),
        ("3.", 3),
    ],
)
def test_a_message_that_is_only_a_pick_is_a_choice(text: str, choice: int) -> None:
    reading = read(text)
    assert (reading.intent, reading.entities.choice, reading.entities.ref) == (
        "choice",
        choice,
        None,
    )


def test_a_large_bare_number_is_not_a_choice() -> None:
    reading = read("42")
    assert reading.intent != "choice"
    assert reading.entities.choice is None


def test_a_number_with_other_words_is_not_a_choice() -> None:
    assert read("2 weeks").entities.choice is None
