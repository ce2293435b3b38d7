"""Actions on existing requests, short answers and off-topic errands (tuning/intents_2.jsonl)."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Reading, understand

TODAY = date(2026, 12, 1)


def read(text: str) -> Reading:
    return understand(text, today=TODAY)


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


@pytest.mark.parametrize(
    "text",
    [
        "let me know where ILL-88 is",
        "is request #102 on its way?",
        "how's it going with ILL-12",
        "when can I collect ILL-70?",
        "is ILL-24 there?",
        "I would like information about my request 58",
    ],
)
def test_more_wordings_ask_where_a_request_is(text: str) -> None:
    assert read(text).intent == "status"


@pytest.mark.parametrize("text", ["renew evrything pls", "pls renew all three"])
def test_every_loan_is_meant_through_typos_and_counts(text: str) -> None:
    reading = read(text)
    assert (reading.intent, reading.entities.every, reading.entities.ref_hint) == (
        "renew",
        True,
        None,
    )


@pytest.mark.parametrize(
    ("text", "topic"),
    [("is there a limit on renewals?", "renewal"), ("how many weeks is the loan", "loan_period")],
)
def test_rule_questions_name_the_rule_asked_about(text: str, topic: str) -> None:
    reading = read(text)
    assert (reading.intent, reading.entities.topic) == ("policy", topic)


def test_a_session_is_not_a_loan() -> None:
    reading = read("cancel my tutoring session on monday")
    assert (reading.intent, reading.entities.topic) == ("offtopic", "other")


def test_a_name_that_is_a_common_word_still_names_the_request() -> None:
    assert read("has the Said article been sent to me?").entities.ref_hint == "said"
    assert read("any update on my DOI request?").entities.ref_hint is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("please annul ILL-35", "cancel"),
        ("ILL-36 is not needed anymore, you can delete it", "cancel"),
        ("is ILL-29 still pending?", "status"),
    ],
)
def test_plainer_words_for_cancel_and_pending(text: str, intent: str) -> None:
    assert read(text).intent == intent


def test_every_takes_a_word_between_it_and_the_noun() -> None:
    reading = read("cancel every pending request")
    assert (reading.intent, reading.entities.every) == ("cancel", True)


def test_an_event_registration_is_about_events() -> None:
    reading = read("cancel my event registration for Friday")
    assert (reading.intent, reading.entities.topic) == ("offtopic", "events")


def test_how_long_a_kind_of_scan_takes_is_a_delivery_question() -> None:
    reading = read("how long does a scanned article normally take?")
    assert (reading.intent, reading.entities.topic) == ("policy", "delivery_time")
