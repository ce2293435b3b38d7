"""The English reader's session-25 changes, as a patron would notice them (new wording only).

Every message is read twice, with the learned classifier and with the rules alone, and both
readings must agree: nothing here rests on a decision only the classifier makes. The titles
are made up or well known; none is copied from a held-out or spent set.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand
from handlers.understand.reading import Item, Reading

TODAY = date(2026, 12, 2)  # a Wednesday


def _read(text: str, today: date = TODAY) -> Reading:
    learned = understand(text, today=today)
    rules = understand(text, today=today, learned=False)
    assert learned.intent == rules.intent, (learned, rules)
    assert learned.entities == rules.entities, (learned.entities, rules.entities)
    return rules


def _item(text: str, today: date = TODAY) -> Item:
    reading = _read(text, today)
    assert reading.intent == "request", reading
    assert len(reading.entities.items) == 1, reading.entities.items
    return reading.entities.items[0]


# --- emails: a name under the last sentence, a forwarded note, thanks --------------------------


def test_a_name_closing_an_email_with_no_sign_off_is_never_an_item() -> None:
    reading = _read(
        "Hello,\n\nCould you tell me whether ILL-31 has been filled?\n\nOwen Pryce, PhD"
    )
    assert (reading.intent, reading.entities.refs, reading.entities.items) == ("status", (31,), ())


def test_a_forwarded_citation_the_patron_points_at_is_requested() -> None:
    text = (
        "Hello,\n\nCan you get the reading my instructor sends below?\n\nThanks,\nPriya\n\n"
        "---------- Forwarded message ---------\nFrom: Dr. Ana Ruiz <aruiz@example.edu>\n"
        "Date: Tue, Dec 1, 2026 at 8:00 AM\nSubject: reading\n\n"
        "Please read Lopez, M. (2011). Quiet streets and loud parks. Urban Studies, 48(2), 201-219."
    )
    item = _item(text)
    assert (item.title, item.journal, item.pages) == (
        "Quiet streets and loud parks",
        "Urban Studies",
        "201-219",
    )
    assert _read(text).entities.date is None  # the forward's Date: line is not the patron's


def test_thanks_for_a_book_found_asks_for_nothing() -> None:
    reading = _read(
        "Dear ILL,\n\nThank you so much for tracking down the Ishiguro book.\n\nBest,\nMo"
    )
    assert (reading.intent, reading.entities.ref_hint) == ("smalltalk", None)


# --- "free" where patrons put it --------------------------------------------------------------


def test_free_between_commas_or_after_an_isbn_is_a_limit_of_nothing() -> None:
    reading = _read("can i get Persuasion by Jane Austen pls, free, need by 12/20")
    assert reading.entities.max_cost == 0.0
    assert [(i.title, i.author) for i in reading.entities.items] == [("Persuasion", "Jane Austen")]
    reading = _read("isbn 9780141439518 free")
    assert (reading.intent, reading.entities.max_cost) == ("request", 0.0)
    assert [item.title for item in reading.entities.items] == [None]


# --- the request a status question, renewal, cancel or "why" names (ref_hint) -----------------


@pytest.mark.parametrize(
    ("text", "intent", "hint"),
    [
        ("please cancel Thank You for Arguing", "cancel", "thank you arguing"),
        ("can you renew Never Look Back please", "renew", "never look back"),
        ("any news on my request for Still Life — is it on its way to Bellevue?", "status",
         "still life"),
        ("Why was my request for The Lowland turned down? It's not rare.", "why", "lowland"),
        ("Hi,\n\nI no longer need the Putnam book (ILL-23). Please cancel it.\n\nThanks", "cancel",
         "putnam"),
        ("Could you renew ILL-7 (The Overstory)? I am not done.", "renew", "overstory"),
        ("I ordered The Girl Who Loved Sunday (ILL-5) weeks ago, any news?", "status",
         "girl who loved sunday"),
        ("Hi ILL,\n\nWhen do you expect the Nussbaum book to arrive? I travel soon.", "status",
         "nussbaum"),
        ("Hi,\n\nFollowing up on my email below. Has the Tilly article been sent?\n\nBest,\nJo",
         "status", "tilly"),
    ],
)  # fmt: skip
def test_the_request_a_message_is_about_is_named_by_its_title_words(
    text: str, intent: str, hint: str
) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.ref_hint) == (intent, hint)
    assert reading.entities.date is None  # "Sunday" is the title's, not a date


# --- intents and rule questions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "topic"),
    [
        ("are you a bot or a real person?", "smalltalk", None),
        ("are you a bot? I want a real person", "human", None),
        ("what sorts of things can I type here", "help", None),
        ("Hello,\n\nI had an email today and it confused me. why did you turn my request down?",
         "why", None),
        ("see you thursday - maria", "smalltalk", None),
        ("can I get articles through ILL?", "policy", "materials"),
        ("How early before the due date can I ask for a renewal?", "policy", "renewal"),
        ("if I ask to renew and nobody answers, can I keep the book?", "policy", "renewal"),
        ("If I make a request now, when would it get here?", "policy", "delivery_time"),
        ("how long do interlibrary loans normally last?", "policy", "loan_period"),
        ("how will I know my book is ready?", "policy", "pickup"),
    ],
)  # fmt: skip
def test_what_a_message_asks_for(text: str, intent: str, topic: str | None) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.topic) == (intent, topic)


# --- two actions in one message, and parts that are not actions ------------------------------


def test_a_rule_question_after_an_action_and_also_is_answered_too() -> None:
    for text, intent, ref, topic in (
        ("please renew ILL-30 and also how long can I keep it then?", "renew", 30, "loan_period"),
        ("cancel ILL-12 and also do i still owe anything for it", "cancel", 12, "owe"),
    ):
        reading = _read(text)
        assert (reading.intent, reading.entities.refs) == (intent, (ref,))
        assert [(part.intent, part.entities.topic) for part in reading.also] == [("policy", topic)]


def test_an_email_greeting_does_not_keep_two_actions_from_being_done() -> None:
    text = (
        "Dear ILL,\n\nPlease cancel ILL-40; I found a copy. Also, I'd like to renew ILL-41 "
        "until the end of the month.\n\nBest regards,\nAnn"
    )
    reading = _read(text)
    assert (reading.intent, reading.entities.refs) == ("cancel", (40,))
    assert [(part.intent, part.entities.refs) for part in reading.also] == [("renew", (41,))]
    assert reading.also[0].entities.need_by == date(2026, 12, 31)


def test_a_person_asked_for_after_a_status_question_is_asked_for_too() -> None:
    reading = _read("has my audiobook come in? also can i talk to a real person")
    assert (reading.intent, [part.intent for part in reading.also]) == ("status", ["human"])


def test_more_about_the_same_request_stays_with_it() -> None:
    reading = _read(
        "Could you find PMID 30012345 for me? It's for a paper, due date for me is 12/18."
    )
    assert (reading.intent, reading.also) == ("request", ())
    assert reading.entities.need_by == date(2026, 12, 18)
    reading = _read(
        "my tutor said to read Bowling Alone by Putnam. can you get it? I'm a grad student"
    )
    assert (reading.intent, reading.also) == ("request", ())


# --- titles read whole ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("could I get Sunday, and Sunday, and Sunday on cd please",
         "Sunday, and Sunday, and Sunday", None),
        ("could you get yesterday is history by ana lopez, needed in 2 weeks",
         "yesterday is history", "ana lopez"),
        ("Can you get Heath and Potter's Nation of Rebels? need it by Friday", "Nation of Rebels",
         "Heath and Potter"),
        ("can you get a book called The Shipping News, annie proulx", "The Shipping News",
         "annie proulx"),
        ("Hello,\n\nI would like a book by its ISBN, 9780141439518, please.\n\nThanks,\nBo", None,
         None),
        ("@illbot War and Peace, Tolstoy, the Maude translation", "War and Peace", "Tolstoy"),
        ("I'd like to borrow By the Book by Mara Lind, the Jo Weiss translation.", "By the Book",
         "Mara Lind"),
        ("need a scan of ch 2 pages 14-30 from Silent Spring by Rachel Carson. by fri thx",
         "Silent Spring", "Rachel Carson"),
        ("Hello,\n\nCould you obtain Rick Riordan's The Lost Hero? It is the first of the Heroes "
         "of Olympus books.\n\nBest,\nAl", "The Lost Hero", "Rick Riordan"),
        ("the girl who was saturday - lindqvist", "the girl who was saturday", "lindqvist"),
    ],
)  # fmt: skip
def test_a_title_and_its_author_are_read_whole(
    text: str, title: str | None, author: str | None
) -> None:
    item = _item(text)
    assert (item.title, item.author) == (title, author)
    assert _read(text).entities.date is None  # no day word of a title is a date


def test_the_part_or_form_asked_for_is_read_apart_from_the_title() -> None:
    item = _item("could I get Sunday, and Sunday, and Sunday on cd please")
    assert item.material == "audiobook"
    item = _item("need a scan of ch 2 pages 14-30 from Silent Spring by Rachel Carson. by fri thx")
    assert (item.chapter, item.pages, item.material) == ("2", "14-30", "chapter")
    reading = understand("audiobook of the sense of an ending pls", today=TODAY)
    assert (reading.intent, reading.sure) == ("request", False)
    assert [(i.title, i.material) for i in reading.entities.items] == [
        ("the sense of an ending", "audiobook")
    ]


def test_two_titles_opening_with_the_same_word_stay_two() -> None:
    reading = understand("can you get Dune, and Dune Messiah", today=TODAY)
    assert [item.title for item in reading.entities.items] == ["Dune", "Dune Messiah"]


def test_requests_with_no_title_are_confirmed() -> None:
    for text in (
        "need articles about urban heat islands for my thesis",
        "can u get me sum articles on wildfire smoke?? for a paper",
        "@illbot looking for something on sourdough baking, any book is fine",
    ):
        reading = _read(text)
        assert (reading.intent, reading.entities.items, reading.sure) == ("request", (), False)
    for text, name in (
        ("can u find me something by ursula le guin, any of her books", "ursula le guin"),
        ("im not sure of the title but its by tressie cottom about beauty", "tressie cottom"),
    ):
        reading = _read(text)
        assert (reading.intent, reading.sure) == ("request", False)
        assert [(i.title, i.author, i.material) for i in reading.entities.items] == [
            (None, name, "book")
        ]
    assert understand("can you get me something by friday", today=TODAY).entities.items == ()


# --- dates: need-by wording after the date, due dates on renewals -----------------------------


def test_a_date_asked_for_if_possible_is_the_need_by_and_one_only_welcomed_is_not() -> None:
    reading = _read("I need a scan of chapter 2 of Middlemarch. Would Friday be possible?")
    assert (reading.entities.need_by, reading.entities.date) == (date(2026, 12, 4), None)
    reading = _read(
        "Could you get The Lowland by Jhumpa Lahiri? A week from Monday would be great."
    )
    assert (reading.entities.need_by, reading.entities.date) == (None, date(2026, 12, 14))


def test_an_event_before_its_day_is_need_by_wording() -> None:
    reading = _read("need the Moonlight dvd by winter break dec 18")
    assert reading.entities.need_by == date(2026, 12, 18)
    assert [(i.title, i.author) for i in reading.entities.items] == [("Moonlight", None)]
    reading = _read("can u get me emma by jane austen by christmas max $2")  # an author, no event
    assert [(i.title, i.author) for i in reading.entities.items] == [("emma", "jane austen")]
    assert reading.entities.need_by == date(2026, 12, 25)


def test_a_renewal_thru_a_day_is_wanted_until_it_and_a_loan_due_some_week_names_no_day() -> None:
    reading = _read("need more time w ILL-6 can i have it thru dec 20")
    assert (reading.intent, reading.entities.refs) == ("renew", (6,))
    assert (reading.entities.need_by, reading.entities.date) == (date(2026, 12, 20), None)
    reading = _read("Could you renew ILL-3 and ILL-4? They're due next week.")
    assert reading.entities.refs == (3, 4)
    assert (reading.entities.date, reading.entities.need_by) == (None, None)


def test_identifiers_joined_by_and_are_two_items_and_side_by_side_one() -> None:
    reading = _read("@illbot pmid 31452104 and doi 10.1126/science.aac4716 pls")
    assert [(i.pmid, i.doi) for i in reading.entities.items] == [
        ("31452104", None),
        (None, "10.1126/science.aac4716"),
    ]
    reading = _read("PMID: 31452104 DOI: 10.1126/science.aac4716")
    assert [(i.pmid, i.doi) for i in reading.entities.items] == [
        ("31452104", "10.1126/science.aac4716")
    ]


def test_a_weekday_in_the_plural_is_no_date_and_a_list_stops_at_its_sentence() -> None:
    reading = _read("Could you get me the DVD of Moonlight? Our club meets on Thursdays.")
    assert reading.entities.date is None and reading.entities.need_by is None
    text = (
        "Hi,\n\nI need the DVD of Moonlight for class. Could you borrow it? We meet Mondays; "
        "the viewing is set for January 12."
    )
    assert [(i.title, i.material) for i in _read(text).entities.items] == [("Moonlight", "media")]
