"""Never act on a guess: unclear messages say so, chat carries nothing, titles are not orders."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import Entities, understand

TODAY = date(2026, 9, 1)


def intent_of(text: str) -> str:
    return understand(text, today=TODAY).intent


def test_a_bare_reference_is_unknown_and_lists_what_the_patron_may_want() -> None:
    reading = understand("ILL-7", today=TODAY)
    assert (reading.intent, reading.entities.ref) == ("unknown", 7)
    assert reading.could_be == ("status", "renew", "cancel")


def test_a_request_named_by_title_alone_is_unknown_with_a_hint() -> None:
    reading = understand("the Foucault one", today=TODAY)
    assert (reading.intent, reading.entities.ref_hint) == ("unknown", "foucault")
    assert reading.could_be == ("status", "renew", "cancel")


def test_an_answer_with_a_date_is_not_marked_unclear() -> None:
    assert understand("for the Baldwin request, by Friday", today=TODAY).could_be == ()


@pytest.mark.parametrize("text", ["Merry Christmas!", "Thanks for your help with ILL-4!"])
def test_small_talk_carries_no_date_amount_or_reference(text: str) -> None:
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities) == ("smalltalk", Entities())


@pytest.mark.parametrize(
    ("text", "topic"),
    [("is the library open on Sunday?", "hours"), ("renew my Spotify for $10 a month", "other")],
)
def test_off_topic_carries_only_its_topic(text: str, topic: str) -> None:
    reading = understand(text, today=TODAY)
    assert (reading.intent, reading.entities) == ("offtopic", Entities(topic=topic))


@pytest.mark.parametrize(
    "text", ["can you renew my student ID?", "cancel my meal plan", "request a locker"]
)
def test_an_action_on_something_no_library_lends_changes_nothing(text: str) -> None:
    assert intent_of(text) == "offtopic"


def test_a_remark_using_an_action_word_is_smalltalk() -> None:
    assert intent_of("Cancel culture is out of control") == "smalltalk"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("can you get me The Cancel Culture Panic by Adrian Daub?", "The Cancel Culture Panic"),
        ("Please request The Renewal of Generosity by Arthur Frank", "The Renewal of Generosity"),
        ("get me Status Anxiety by Alain de Botton", "Status Anxiety"),
        ("I'd like to borrow 'Cancel Me' by Ana Ruiz", "Cancel Me"),
    ],
)
def test_an_action_word_inside_a_title_is_part_of_the_title(text: str, title: str) -> None:
    reading = understand(text, today=TODAY)
    assert reading.intent == "request"
    assert reading.entities.items[0].title == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Can I borrow Mrs. Dalloway through interlibrary loan?", "Mrs. Dalloway"),
        ("please find Dr. Jekyll and Mr. Hyde by R. L. Stevenson, thx", "Dr. Jekyll and Mr. Hyde"),
        ("I need Who Moved My Cheese? by Spencer Johnson", "Who Moved My Cheese?"),
        (
            "I want to read The U.S. Constitution: A Very Short Introduction",
            "The U.S. Constitution: A Very Short Introduction",
        ),
    ],
)
def test_a_full_stop_or_question_mark_inside_a_title_does_not_cut_it(text: str, title: str) -> None:
    assert understand(text, today=TODAY).entities.items[0].title == title


def test_a_title_that_swallowed_an_action_is_that_action() -> None:
    reading = understand("could i get the Zinn book renewed?", today=TODAY)
    assert (reading.intent, reading.entities.ref_hint, reading.entities.items) == (
        "renew",
        "zinn",
        (),
    )


def test_the_hint_comes_from_the_clause_with_the_action() -> None:
    entities = understand(
        "I found a copy at Barnes & Noble, please cancel the Baldwin request", today=TODAY
    ).entities
    assert entities.ref_hint == "baldwin"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("👍", "yes"),
        (":+1:", "yes"),
        ("👎", "no"),
        (":white_check_mark:", "yes"),
        ("🙂", "smalltalk"),
    ],
)
def test_a_message_of_emoji_only_is_read_as_the_answer_it_gives(text: str, intent: str) -> None:
    assert intent_of(text) == intent


def test_a_keycap_emoji_picks_an_option() -> None:
    entities = understand("2️⃣", today=TODAY).entities
    assert (entities.choice, entities.max_cost) == (2, None)


def test_struck_out_words_are_taken_back() -> None:
    reading = understand("~cancel~ renew ILL-4", today=TODAY)
    assert (reading.intent, reading.entities.ref) == ("renew", 4)


def test_the_bots_question_quoted_back_is_not_read_as_the_patrons_words() -> None:
    reading = understand("&gt; Do you want to cancel ILL-3?\nno keep it", today=TODAY)
    assert (reading.intent, reading.entities) == ("no", Entities())


def test_a_catalogue_link_label_is_read_as_the_title_asked_for() -> None:
    reading = understand(
        "<https://www.worldcat.org/title/1035580|Discipline and Punish> please", today=TODAY
    )
    assert reading.entities.items[0].title == "Discipline and Punish"


def test_a_pubmed_link_is_read_as_its_pmid() -> None:
    items = understand("https://pubmed.ncbi.nlm.nih.gov/31978945/", today=TODAY).entities.items
    assert items[0].pmid == "31978945"


def test_a_mended_shorthand_does_not_shift_what_is_read_after_it() -> None:
    reading = understand("pls u get 9780143127550 b4 friday", today=TODAY)
    assert reading.entities.items[0].isbn == "9780143127550"
    assert reading.entities.need_by == date(2026, 9, 4)
