"""Rules added after reading the spent sets' intent misses (issue 12), in wordings of their own."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Item, Reading, classifier, understand

TODAY = date(2026, 9, 1)  # a Tuesday


def read(text: str) -> Reading:
    return understand(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "title", "author", "need_by", "max_cost"),
    [
        ("Pachinko by Min Jin Lee, need it by Oct 9", "Pachinko", "Min Jin Lee", "2026-10-09",
         None),
        ("The Road, Cormac McCarthy. I can pay up to five dollars.", "The Road", "Cormac McCarthy",
         None, 5.0),
        ("No Logo by Naomi Klein, no fees", "No Logo", "Naomi Klein", None, 0.0),
    ],
)  # fmt: skip
def test_a_title_and_author_before_a_date_or_price_is_a_request(
    text: str, title: str, author: str, need_by: str | None, max_cost: float | None
) -> None:
    reading = read(text)
    assert reading.intent == "request"
    assert [(i.title, i.author) for i in reading.entities.items] == [(title, author)]
    found = reading.entities.need_by
    assert (found.isoformat() if found else None, reading.entities.max_cost) == (need_by, max_cost)


def test_an_author_that_is_the_need_by_date_is_no_author() -> None:
    reading = read("Atomic Habits, by Tuesday")
    assert reading.entities.items == (Item(title="Atomic Habits", material="book"),)
    assert (reading.entities.need_by, reading.sure) == (date(2026, 9, 8), False)
    assert read("Hi Maria, by Friday please").intent == "unknown"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("whats going on with ILL-14", "status"),
        ("where are we at on #19", "status"),
        ("can I keep ILL-21 a few more days", "renew"),
        ("rnw #4 pls", "renew"),
        ("stop ILL-11 please, I found a copy", "cancel"),
    ],
)
def test_a_reference_with_words_for_an_action_is_that_action(text: str, intent: str) -> None:
    assert read(text).intent == intent


def test_a_reference_named_to_be_left_out_is_never_acted_on() -> None:
    assert read("renew everything except ILL-4").entities.refs == ()
    assert read("renew everything except ILL-4").intent == "unknown"
    assert read("don't cancel ILL-4, cancel ILL-5").entities.refs == (5,)
    assert read("cancel ILL-3, not ILL-4").entities.refs == (3,)


def test_an_unknown_reference_is_read_as_written_so_the_core_refuses_it() -> None:
    for text in ("status of ILL-0", "whats going on with ILL-0", "any update on ILL 0"):
        assert (read(text).intent, read(text).entities.refs) == ("status", (0,))


@pytest.mark.parametrize(
    "text", ["renew the big one", "has the blue one arrived", "cancel whatever I asked for"]
)
def test_ordinary_words_are_not_request_names(text: str) -> None:
    assert read(text).entities.ref_hint is None


def test_the_place_word_alone_names_a_request_by_its_order() -> None:
    reading = read("renew the first one and cancel the second")
    assert reading.entities.ordinal == 1
    assert [(a.intent, a.entities.ordinal) for a in reading.also] == [("cancel", 2)]


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("sorry, the 4th edition, not the 3rd", Item(material="book", edition="4th")),
        ("Correction: the article is in volume 14, not 41.", Item(volume="14", material="article")),
    ],
)
def test_a_correction_of_one_field_is_an_unsure_request_for_it(text: str, item: Item) -> None:
    reading = read(text)
    assert (reading.intent, reading.entities.items, reading.sure) == ("request", (item,), False)


def test_a_date_correction_is_an_answer() -> None:
    reading = read("change the date to Oct 2")
    assert (reading.intent, reading.entities.date) == ("unknown", date(2026, 10, 2))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what sorts of things can I ask you?", "help"),
        ("how do I ask for an article through you?", "help"),
        ("I got a fine on a late library book (not an ILL one), where do I pay it?", "offtopic"),
        ("status of my financial aid", "offtopic"),
        ("When is the due date usually?", "policy"),
        ("Why Nations Fail", "request"),
        ("Renewing Your Mind", "request"),
        ("can I have the Zadie Smith book a bit longer?", "renew"),
        ("si", "yes"),
        ("nein danke", "no"),
    ],
)
def test_other_wordings_read_as_what_they_mean(text: str, intent: str) -> None:
    assert read(text).intent == intent


def test_a_renewal_question_after_a_renewal_is_the_same_wish() -> None:
    reading = read("I'd like to extend ILL-33. Is a renewal possible?")
    assert (reading.intent, reading.also) == ("renew", ())


def test_consulting_skips_the_classifier_only_where_it_could_not_change_the_reading() -> None:
    for intent in ("status", "why", "human", "policy", "yes", "no", "choice"):
        assert classifier.consult("thanks, renew it please", intent) == intent
    scores = [("status", 0.95), ("unknown", 0.05)]
    assert classifier.decide_about_request("unknown", scores) == "status"
    assert (
        classifier.decide_about_request("unknown", [("status", 0.5), ("renew", 0.4)]) == "unknown"
    )
    assert classifier.decide_about_request("unknown", [("request", 0.99)]) == "unknown"
