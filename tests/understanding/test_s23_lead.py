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


@pytest.mark.parametrize(
    "text", ["get me ISBN 9780262033841, by Dec 30", "can u get 978-0-262-03384-1 by friday"]
)
def test_an_isbn_failing_its_check_digit_is_never_a_title(text: str) -> None:
    reading = understand(text, today=TODAY)
    assert reading.intent == "request"
    assert reading.entities.items == () and reading.entities.bad_isbn


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("bueno, sí, está bien", "yes"),
        ("pues no, gracias", "no"),
        ("¿cuándo tengo que devolverlo?", "status"),
        ("gracias! y para cuando lo tengo que devolver?", "status"),
    ],
)
def test_spanish_answers_and_due_date_questions(text: str, intent: str) -> None:
    assert understand(text, today=TODAY).intent == intent


@pytest.mark.parametrize(
    "text", ["renew all and tell me what I owe", "renueva todos y dime cuanto debo"]
)
def test_renew_everything_and_a_question_asked_as_an_order(text: str) -> None:
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities.every) == ("renew", True)
    assert [(part.intent, part.entities.topic) for part in reading.also] == [("policy", "owe")]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("¿me va a costar algo?", "cost"),
        ("¿me van a cobrar algo por esto?", "cost"),
        ("¿cuánto tiempo me puedo quedar con el libro?", "loan_period"),
        ("¿cuánto tiempo lo puedo tener?", "loan_period"),
    ],
)
def test_spanish_rule_questions_find_their_topic(text: str, topic: str) -> None:
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities.topic) == ("policy", topic)
