"""What the bot understands a patron to want (intent), and which cue wins when several appear."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Entities, Item, Reading, understand
from handlers.understand.reading import INTENTS

TODAY = date(2026, 9, 1)  # a Tuesday


def read(text: str) -> Reading:
    return understand(text, today=TODAY)


def intent_of(text: str) -> str:
    return read(text).intent


@pytest.mark.parametrize(
    "text",
    [
        "Please get me ISBN 9780134477824",
        "can you get me Discipline and Punish by Michel Foucault",
        "I need the book The Wretched of the Earth by Frantz Fanon",
        "can you find The Souls of Black Folk for me?",
        "I'd like to borrow ISBN 9780134477824",
        "Please request ISBN 0-306-40615-2",
        "9780134477824",
        "doi:10.1000/xyz123",
        'Do you have "Beloved" by Toni Morrison?',
        "Discipline and Punish by Michel Foucault",
        "I'm looking for a copy of Discipline and Punish (1977), can you help?",
        "request 2 books please",
    ],
)
def test_asking_for_an_item_is_a_request(text: str) -> None:
    assert intent_of(text) == "request"


@pytest.mark.parametrize(
    "text",
    [
        "where is my request?",
        "Where's my Foucault book?",
        "status",
        "any news?",
        "has my book arrived?",
        "Did my Foucault book come in?",
        "what do I have out",
        "my requests",
        "is ILL-3 ready?",
        "When will my book arrive?",
        "what's the status of ILL-1?",
        "whats going on with my request for Discipline and Punish",
    ],
)
def test_asking_after_requests_is_status(text: str) -> None:
    assert intent_of(text) == "status"


@pytest.mark.parametrize(
    "text",
    [
        "renew ILL-1",
        "can I keep it longer?",
        "Please extend ILL 5",
        "I need more time on the Foucault book",
        "can I have more time with ILL-2",
        "renew",
    ],
)
def test_asking_to_keep_a_loan_longer_is_renew(text: str) -> None:
    assert intent_of(text) == "renew"


@pytest.mark.parametrize(
    "text",
    [
        "cancel ILL-7",
        "cancel my request",
        "I don't need the Fanon book anymore",
        "never mind the Foucault request",
        "no longer need ILL-4",
        "Please cancel ILL-3, I found it in the library",
    ],
)
def test_withdrawing_a_request_is_cancel(text: str) -> None:
    assert intent_of(text) == "cancel"


@pytest.mark.parametrize(
    "text", ["help", "what can you do?", "how does this work?", "how do I request a book?"]
)
def test_asking_how_the_bot_works_is_help(text: str) -> None:
    assert intent_of(text) == "help"


@pytest.mark.parametrize(
    "text",
    ["yes", "Yes!", "yep", "sure", "ok", "go ahead", "y", "please do", "confirm", "yes please"],
)
def test_affirmative_answers_are_yes(text: str) -> None:
    assert intent_of(text) == "yes"


@pytest.mark.parametrize("text", ["no", "nope", "don't", "n", "no, never mind", "no thanks", "nah"])
def test_negative_answers_are_no(text: str) -> None:
    assert intent_of(text) == "no"


@pytest.mark.parametrize("text", ["why?", "why not", "How come?", "but why was it refused"])
def test_asking_for_the_reason_is_why(text: str) -> None:
    assert intent_of(text) == "why"


@pytest.mark.parametrize(
    "text",
    [
        "talk to a person",
        "can I speak to a librarian",
        "staff please",
        "I'd like to speak with a real human",
    ],
)
def test_asking_for_a_person_is_human(text: str) -> None:
    assert intent_of(text) == "human"


@pytest.mark.parametrize(
    "text",
    ["thanks", "thank you!", "hi", "hello", "good morning", "ok, thanks", "Hope you're well!"],
)
def test_greetings_and_thanks_are_smalltalk(text: str) -> None:
    assert intent_of(text) == "smalltalk"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("what's the wifi password", "wifi"),
        ("where are the restrooms?", "other"),
        ("can you get me a coffee?", "other"),
        ("renew my parking permit", "parking"),
        ("cancel my gym membership", "other"),
        ("Can I extend my library card?", "account"),
        ("what's the weather like?", "other"),
        ("can you find the wifi password", "wifi"),
    ],
)
def test_off_topic_is_offtopic_with_its_topic_never_an_action(text: str, topic: str) -> None:
    assert read(text) == Reading("offtopic", Entities(topic=topic), text)


@pytest.mark.parametrize("text", ["tell me a joke", "I need a nap", "are you a bot?"])
def test_jokes_remarks_and_questions_about_the_bot_are_smalltalk(text: str) -> None:
    assert intent_of(text) == "smalltalk"


@pytest.mark.parametrize("text", ["asdfgh", "hmm", "", "   "])
def test_gibberish_is_unknown(text: str) -> None:
    assert intent_of(text) == "unknown"


def test_every_intent_read_is_one_the_core_dispatches_on() -> None:
    samples = ["get me 9780134477824", "renew", "2", "hmm", "why?", "thanks", "human please"]
    assert {intent_of(text) for text in samples} <= set(INTENTS)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("reneew my book", "renew"),
        ("cancle ILL-3", "cancel"),
        ("stauts of ILL-3", "status"),
        ("plz requst Discipline and Punish by Foucault", "request"),
        ("pls renew ILL-2", "renew"),
        ("thx", "smalltalk"),
        ("wheres my book", "status"),
    ],
)
def test_common_typos_are_tolerated(text: str, intent: str) -> None:
    assert intent_of(text) == intent


def test_a_real_word_near_a_keyword_is_not_mistaken_for_it() -> None:
    reading = read("Can you get me a book on cancer, The Emperor of All Maladies?")
    assert reading.intent == "request"
    assert reading.entities.items[0].title == "The Emperor of All Maladies"


def test_cancel_with_a_reference_is_cancel_even_with_yes_first() -> None:
    reading = read("yes, cancel ILL-3")
    assert (reading.intent, reading.entities.ref) == ("cancel", 3)


def test_renew_with_a_reference_is_renew() -> None:
    reading = read("I want to renew ILL-4 please")
    assert (reading.intent, reading.entities.ref) == ("renew", 4)


def test_status_of_a_reference_is_status_not_request() -> None:
    reading = read("status of ILL-3")
    assert (reading.intent, reading.entities.ref) == ("status", 3)


def test_request_wording_with_an_identifier_is_a_request_even_if_an_action_follows() -> None:
    assert intent_of("Get me ISBN 9780134477824 and what's the status of ILL-2?") == "request"


def test_cancelling_a_request_named_by_isbn_is_cancel_and_keeps_the_isbn() -> None:
    reading = read("cancel my request for 9780134477824")
    assert reading.intent == "cancel"
    assert reading.entities.items == (Item(isbn="9780134477824", material="book"),)


def test_a_short_yes_answers_the_question_rather_than_starting_an_action() -> None:
    assert intent_of("yes please renew it") == "yes"


def test_a_negated_action_is_not_that_action() -> None:
    assert intent_of("don't renew it") == "no"


def test_need_to_followed_by_an_action_is_that_action_not_a_request() -> None:
    assert intent_of("I need to cancel ILL-3") == "cancel"


def test_no_fees_is_an_amount_not_a_no() -> None:
    reading = read("no fees please")
    assert reading.intent != "no"
    assert reading.entities.max_cost == 0.0


def test_a_message_that_only_answers_by_when_is_not_smalltalk() -> None:
    reading = read("Can you get it by Monday?")
    assert reading.intent == "unknown"
    assert reading.entities.need_by == date(2026, 9, 7)


def test_a_bare_reference_is_left_to_the_conversation() -> None:
    reading = read("ILL-7")
    assert (reading.intent, reading.entities.ref) == ("unknown", 7)


def test_ref_hint_names_the_request_by_title_words() -> None:
    assert read("where is my Foucault book?").entities.ref_hint == "foucault"
    assert read("my Foucault request, any news?").entities.ref_hint == "foucault"
    assert read("renew the Discipline and Punish one").entities.ref_hint == "discipline punish"


def test_no_ref_hint_when_only_generic_words_name_the_request() -> None:
    assert read("has my book arrived?").entities.ref_hint is None
    assert read("cancel my request").entities.ref_hint is None


def test_no_ref_hint_when_a_reference_is_given() -> None:
    assert read("cancel the Fanon request ILL-4").entities == Entities(ref=4, refs=(4,))


def test_renewing_a_book_named_by_author_gives_a_hint_not_a_new_item() -> None:
    entities = read("Could you please renew the book by Foucault?").entities
    assert entities.items == ()
    assert entities.ref_hint == "foucault"


def test_reading_keeps_the_cleaned_text() -> None:
    reading = read("<@U123> *please* get me ISBN 9780134477824 :pray:")
    assert reading.text == "please get me ISBN 9780134477824"


def test_thanks_for_the_help_is_smalltalk_not_a_call_for_help() -> None:
    assert intent_of("Thank you so much for your help!") == "smalltalk"


def test_asking_whether_it_was_renewed_is_status_not_renew() -> None:
    reading = read("has it been renewed?")
    assert (reading.intent, reading.entities.ref_hint) == ("status", None)


def test_asking_for_a_loan_to_be_renewed_is_renew() -> None:
    reading = read("I'd like ILL-3 renewed please")
    assert (reading.intent, reading.entities.ref) == ("renew", 3)


def test_typo_mending_leaves_title_words_alone() -> None:
    item = read("get me The Marsh King's Daughter by Karen Dionne").entities.items[0]
    assert item.title == "The Marsh King's Daughter"


def test_a_mistyped_month_in_a_date_is_still_read() -> None:
    assert read("needed by Octber 1").entities.need_by == date(2026, 10, 1)


def test_a_lone_large_hash_number_is_a_reference_left_to_the_conversation() -> None:
    reading = read("#12")
    assert (reading.intent, reading.entities.ref, reading.entities.choice) == ("unknown", 12, None)


def test_a_bare_small_number_is_a_choice_and_also_a_possible_amount() -> None:
    entities = read("5").entities
    assert (entities.choice, entities.max_cost) == (5, 5.0)


def test_template_and_ping_injection_in_a_title_is_read_as_plain_words() -> None:
    reading = read('please get "{{ config.items() }} <!channel>" by Mallory')
    assert reading.intent == "request"
    assert reading.entities.items[0].title == "{{ config.items() }}"
    assert "<!channel>" not in reading.text


def test_a_huge_message_is_read_without_stalling() -> None:
    reading = read("by the end of " * 3000 + "*a " * 10000)
    assert reading.intent in INTENTS
