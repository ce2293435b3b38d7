"""Rule questions, off-topic messages, two actions in one, references, and when to confirm first."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from handlers.understand import Entities, Item, Reading, understand
from handlers.understand.intent import WEAK_RULES, decide
from handlers.understand.reading import OFFTOPIC_TOPICS, POLICY_TOPICS

TODAY = date(2026, 9, 1)
TUNING = Path(__file__).parent.parent / "understanding" / "tuning" / "intents_refs.jsonl"


def read(text: str) -> Reading:
    return understand(text, today=TODAY)


def _cases() -> list[dict[str, object]]:
    lines = TUNING.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("is there a limit on how many I can ask for", "limit"),
        ("will it cost me anything", "cost"),
        ("how long do I get to keep a scanned article", "loan_period"),
        ("what do I owe", "owe"),
        (
            "I was wondering how long it usually takes for a requested book to arrive",
            "delivery_time",
        ),
    ],
)
def test_a_question_about_the_rules_is_policy_with_its_topic(text: str, topic: str) -> None:
    assert read(text) == Reading("policy", Entities(topic=topic), text)


@pytest.mark.parametrize(
    "text",
    [
        "renew my museum pass",
        "request a locker",
        "cancel my meal plan",
        "what's the wifi password",
        "when do you open",
        "I would like to request a meeting with the dean",
    ],
)
def test_off_topic_messages_using_ill_verbs_are_never_acted_on(text: str) -> None:
    reading = read(text)
    assert reading.intent == "offtopic"
    assert reading.entities == Entities(topic=reading.entities.topic)
    assert reading.entities.topic in OFFTOPIC_TOPICS


def test_every_topic_read_is_one_the_core_answers() -> None:
    for case in _cases():
        topic = read(str(case["text"])).entities.topic
        assert topic is None or topic in POLICY_TOPICS + OFFTOPIC_TOPICS


def test_a_request_about_an_item_is_not_a_rule_question() -> None:
    reading = read("can you get me Beloved by Toni Morrison? is it free?")
    assert reading.intent == "request"
    assert reading.entities.items[0].title == "Beloved"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Why Nations Fail by Daron Acemoglu", "Why Nations Fail"),
        ("Status Anxiety by Alain de Botton", "Status Anxiety"),
        ("Keep Going by Austin Kleon", "Keep Going"),
        ("I need Help! by Giles Smith", "Help!"),
    ],
)
def test_a_title_opening_with_a_command_word_is_a_request(text: str, title: str) -> None:
    reading = read(text)
    assert (reading.intent, reading.entities.items[0].title, reading.sure) == (
        "request",
        title,
        True,
    )


def test_a_command_followed_by_its_object_stays_a_command() -> None:
    reading = read("renew The Fire Next Time")
    assert (reading.intent, reading.entities.ref_hint) == ("renew", "fire next time")


def test_two_actions_in_one_message_are_both_read_in_order() -> None:
    reading = read("cancel ILL-5 and renew ILL-2")
    assert (reading.intent, reading.entities.refs) == ("cancel", (5,))
    assert [(r.intent, r.entities.refs) for r in reading.also] == [("renew", (2,))]
    assert reading.text == "cancel ILL-5 and renew ILL-2"


def test_a_request_and_a_question_about_another_request_are_both_read() -> None:
    reading = read("Get me ISBN 9780134477824 and what's the status of ILL-2?")
    assert (reading.intent, reading.entities.items) == (
        "request",
        (Item(isbn="9780134477824", material="book"),),
    )
    assert [(r.intent, r.entities.refs) for r in reading.also] == [("status", (2,))]


@pytest.mark.parametrize(
    "text",
    [
        "Has ILL-3 arrived? If not, please cancel it",
        "cancel #14 and #15",
        "I still need the Baldwin, could you renew it?",
        "yes, cancel ILL-3",
    ],
)
def test_one_wish_is_not_split_in_two(text: str) -> None:
    assert read(text).also == ()


@pytest.mark.parametrize(
    "text", ["renew both please", "renew all my books", "renew everything", "cancel them all"]
)
def test_renewing_or_cancelling_everything_is_read_as_every(text: str) -> None:
    entities = read(text).entities
    assert (entities.every, entities.ref_hint, entities.refs) == (True, None, ())


def test_both_with_references_names_those_references() -> None:
    entities = read("renew both ILL-3 and ILL-4").entities
    assert (entities.every, entities.refs) == (False, (3, 4))


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("#12", 12),
        ("request 12", 12),
        ("ILL 12", 12),
        ("ill 7", 7),
        ("ILL-12", 12),
        ("number 12", 12),
    ],
)
def test_every_written_form_of_a_reference_names_it(text: str, ref: int) -> None:
    reading = read(text)
    assert (reading.entities.refs, reading.could_be) == ((ref,), ("status", "renew", "cancel"))


def test_a_reference_to_no_request_is_still_read_so_the_core_can_refuse_it() -> None:
    assert read("cancel ILL-0").entities.refs == (0,)


def test_a_volume_and_number_are_not_a_reference() -> None:
    assert read("please get me volume 3 number 2 of Social Text").entities.refs == ()


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        ("the second one I asked for", 2),
        ("cancel my first request", 1),
        ("Actually, never mind that last one", -1),
        ("where's the third book I ordered?", 3),
    ],
)
def test_a_request_named_by_its_place_in_order_is_an_ordinal(text: str, ordinal: int) -> None:
    entities = read(text).entities
    assert (entities.ordinal, entities.ref_hint) == (ordinal, None)


@pytest.mark.parametrize(
    "text", ["Actually, never mind that last one", "renew both please", "Sorry, please ignore that"]
)
def test_ordinary_words_are_never_taken_for_a_request_name(text: str) -> None:
    assert read(text).entities.ref_hint is None


def test_a_request_named_by_title_words_gives_them_as_a_hint() -> None:
    assert read("renew the Garland book").entities.ref_hint == "garland"
    assert read("cancel that one").entities == Entities()


@pytest.mark.parametrize("text", ["never mind", "forget it", "scratch that", "nvm"])
def test_taking_back_the_last_wish_is_a_cancel_without_a_reference(text: str) -> None:
    assert read(text) == Reading("cancel", Entities(), text)


def test_a_correction_is_a_request_for_the_corrected_item_confirmed_first() -> None:
    reading = read("I meant Deep Work, not Atomic Habits")
    assert (reading.intent, reading.sure) == ("request", False)
    assert reading.entities.items == (Item(title="Deep Work", material="book"),)
    assert reading.entities.ref_hint == "atomic habits"
    changed = read("actually make that the audiobook version")
    assert changed.entities.items == (Item(material="audiobook"),)


def test_keeping_it_after_all_answers_no() -> None:
    assert read("wait, actually no, keep it").intent == "no"


@pytest.mark.parametrize("text", ["Sapiens", "Middlemarch", "The Body Keeps the Score"])
def test_a_bare_title_is_a_request_confirmed_first(text: str) -> None:
    reading = read(text)
    assert (reading.intent, reading.entities.items, reading.sure) == (
        "request",
        (Item(title=text, material="book"),),
        False,
    )


@pytest.mark.parametrize("text", ["Thanks,\nMaria", "Hi Sarah", "Asdfghjkl", "Actually"])
def test_a_name_greeting_or_noise_is_not_a_bare_title(text: str) -> None:
    assert read(text).intent != "request"


def test_a_decision_names_its_rule_and_says_when_it_was_a_guess() -> None:
    firm = decide("cancel ILL-5", today=TODAY)
    guess = decide("Middlemarch", today=TODAY)
    assert (firm.rule, firm.firm) == ("action", True)
    assert (guess.rule, guess.firm) == ("bare_title", False)
    assert guess.rule in WEAK_RULES
