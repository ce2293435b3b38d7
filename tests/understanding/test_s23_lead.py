"""Misreads found by trying conversations as patrons (session 23), read as a patron would notice."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand

TODAY = date(2026, 12, 6)  # a Sunday


@pytest.mark.parametrize(
    "text",
    [
        "Also, how will I get it, since I can't come in?",
        "how would I receive them? I'm unable to come in",
        "Can my aide pick it up at the branch?",
    ],
)
def test_how_an_item_reaches_the_patron_is_the_pickup_rule(text: str) -> None:
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities.topic) == ("policy", "pickup")


@pytest.mark.parametrize(
    "text",
    ["that's too much, can you try another library?", "thats too much", "it's a bit too pricey"],
)
def test_a_quoted_fee_called_too_much_is_turned_down(text: str) -> None:
    assert understand(text, today=TODAY).intent == "no"


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("can you renew Piranesi and also how long can I keep things?", "renew", "loan_period"),
        ("Please cancel ILL-4. Also, is there a limit on how many I can request?", "cancel",
         "limit"),
    ],
)  # fmt: skip
def test_an_action_then_a_rule_question_does_both(text: str, first: str, second: str) -> None:
    reading = understand(text, today=TODAY)
    assert reading.intent == first
    assert [(part.intent, part.entities.topic) for part in reading.also] == [("policy", second)]
