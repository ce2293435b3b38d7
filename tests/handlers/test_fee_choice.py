"""What a patron's words answer to a lender's charge: pay, cancel, or try another lender."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.fee_answer import ELSEWHERE, fee_choice
from handlers.understand import understand

TODAY = date(2026, 10, 5)


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("yes that's fine", "yes"),
        ("no", "no"),
        ("no thanks, cancel it", "no"),
        ("that's too much, can you try another library?", ELSEWHERE),
        ("no - try somewhere else please", ELSEWHERE),
        ("No. Is there a library that lends it for free?", ELSEWHERE),
        ("another library", ELSEWHERE),
        ("no, find me a cheaper one", ELSEWHERE),
        ("no, ¿pueden buscar otra biblioteca más barata?", ELSEWHERE),
        ("otra biblioteca", ELSEWHERE),
        ("no gracias, cancélelo", "no"),
    ],
)
def test_the_answer_to_a_charge(text: str, choice: str) -> None:
    assert fee_choice(understand(text, today=TODAY)) == choice


def test_an_action_on_a_request_is_not_an_answer_to_the_charge() -> None:
    assert fee_choice(understand("where is ILL-2?", today=TODAY)) is None


def test_a_patron_who_will_look_elsewhere_themselves_does_not_send_it_back_to_staff() -> None:
    reading = understand("no, cancel it, I'll try another library myself", today=TODAY)
    assert fee_choice(reading) != ELSEWHERE  # a cancel (asked to confirm) or a plain no
