"""The English reader's session-25 changes, as a patron would notice them (new wording only).

Every message is read twice, with the learned classifier and with the rules alone, and both
readings must agree: nothing here rests on a decision only the classifier makes. The titles
are made up or well known; none is copied from a held-out or spent set.
"""

from __future__ import annotations

from datetime import date

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
    assert reading.intent == "status"
    assert reading.entities.refs == (31,)
    assert reading.entities.items == ()


def test_a_forwarded_citation_the_patron_points_at_is_requested() -> None:
    text = (
        "Hello,\n\nCan you get the reading my instructor sends below?\n\nThanks,\nPriya\n\n"
        "---------- Forwarded message ---------\nFrom: Dr. Ana Ruiz <aruiz@example.edu>\n"
        "Date: Tue, Dec 1, 2026 at 8:00 AM\nSubject: reading\n\n"
        "Please read Lopez, M. (2011). Quiet streets and loud parks. Urban Studies, 48(2), 201-219."
    )
    reading = _read(text)
    assert reading.intent == "request"
    (item,) = reading.entities.items
    assert item.title == "Quiet streets and loud parks"
    assert item.journal == "Urban Studies" and item.pages == "201-219"
    assert reading.entities.date is None  # the forward's Date: line is not the patron's


def test_thanks_for_a_book_found_asks_for_nothing() -> None:
    reading = _read(
        "Dear ILL,\n\nThank you so much for tracking down the Ishiguro book.\n\nBest,\nMo"
    )
    assert reading.intent == "smalltalk"
    assert reading.entities.ref_hint is None


# --- "free" where patrons put it --------------------------------------------------------------


def test_free_between_commas_is_a_limit_of_nothing() -> None:
    item = _item("can i get Persuasion by Jane Austen pls, free, need by 12/20")
    assert (item.title, item.author) == ("Persuasion", "Jane Austen")
    assert (
        _read("can i get Persuasion by Jane Austen pls, free, need by 12/20").entities.max_cost
        == 0.0
    )


def test_free_right_after_an_isbn_is_a_limit_of_nothing() -> None:
    reading = _read("isbn 9780141439518 free")
    assert reading.intent == "request"
    assert reading.entities.max_cost == 0.0
    assert [item.title for item in reading.entities.items] == [None]


# --- the request a status question, renewal, cancel or "why" names (ref_hint) -----------------


def test_a_capitalised_title_of_everyday_words_names_the_request() -> None:
    assert _read("please cancel Thank You for Arguing").entities.ref_hint == "thank you arguing"
    reading = _read("can you renew Never Look Back please")
    assert reading.intent == "renew"
    assert reading.entities.ref_hint == "never look back"


def test_the_story_after_a_title_and_a_dash_is_not_its_name() -> None:
    reading = _read("any news on my request for Still Life — is it on its way to Bellevue?")
    assert reading.intent == "status"
    assert reading.entities.ref_hint == "still life"


def test_why_a_titled_request_was_refused_names_it() -> None:
    reading = _read("Why was my request for The Lowland turned down? It's not rare.")
    assert reading.intent == "why"
    assert reading.entities.ref_hint == "lowland"


def test_a_title_beside_its_reference_names_the_request_too() -> None:
    reading = _read("Hi,\n\nI no longer need the Putnam book (ILL-23). Please cancel it.\n\nThanks")
    assert reading.intent == "cancel"
    assert reading.entities.refs == (23,)
    assert reading.entities.ref_hint == "putnam"
    reading = _read("Could you renew ILL-7 (The Overstory)? I am not done.")
    assert (reading.intent, reading.entities.refs) == ("renew", (7,))
    assert reading.entities.ref_hint == "overstory"


def test_a_day_word_closing_a_capitalised_title_is_no_date() -> None:
    reading = _read("I ordered The Girl Who Loved Sunday (ILL-5) weeks ago, any news?")
    assert reading.intent == "status"
    assert reading.entities.date is None
    assert reading.entities.ref_hint == "girl who loved sunday"


# --- rule questions: asked alone, or after an action ------------------------------------------


def test_a_rule_question_after_an_action_and_also_is_answered_too() -> None:
    reading = _read("please renew ILL-30 and also how long can I keep it then?")
    assert (reading.intent, reading.entities.refs) == ("renew", (30,))
    assert [(part.intent, part.entities.topic) for part in reading.also] == [
        ("policy", "loan_period")
    ]
    reading = _read("cancel ILL-12 and also do i still owe anything for it")
    assert (reading.intent, reading.entities.refs) == ("cancel", (12,))
    assert [(part.intent, part.entities.topic) for part in reading.also] == [("policy", "owe")]


def test_questions_about_renewing_waiting_and_pickup_are_rule_questions() -> None:
    asked = {
        "How early before the due date can I ask for a renewal?": "renewal",
        "if I ask to renew and nobody answers, can I keep the book?": "renewal",
        "If I make a request now, when would it get here?": "delivery_time",
        "how long do interlibrary loans normally last?": "loan_period",
        "how will I know my book is ready?": "pickup",
    }
    for text, topic in asked.items():
        reading = _read(text)
        assert (reading.intent, reading.entities.topic) == ("policy", topic), text


# --- two actions in one message, and parts that are not actions ------------------------------


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
    assert reading.intent == "status"
    assert [part.intent for part in reading.also] == ["human"]


def test_a_due_date_after_a_request_is_its_need_by() -> None:
    reading = _read(
        "Could you find PMID 30012345 for me? It's for a paper, due date for me is 12/18."
    )
    assert reading.intent == "request" and reading.also == ()
    assert reading.entities.need_by == date(2026, 12, 18)


def test_more_about_the_wish_after_can_you_get_it_is_no_rule_question() -> None:
    reading = _read(
        "my tutor said to read Bowling Alone by Putnam. can you get it? I'm a grad student btw"
    )
    assert reading.intent == "request" and reading.also == ()


# --- titles read whole ------------------------------------------------------------------------


def test_a_capitalised_day_word_said_again_after_and_stays_in_the_title() -> None:
    item = _item("could I get Sunday, and Sunday, and Sunday on cd please")
    assert item.title == "Sunday, and Sunday, and Sunday"
    assert item.material == "audiobook"
    assert _read("could I get Sunday, and Sunday, and Sunday on cd please").entities.date is None


def test_two_titles_opening_with_the_same_word_stay_two() -> None:
    reading = understand("can you get Dune, and Dune Messiah", today=TODAY)
    assert [item.title for item in reading.entities.items] == ["Dune", "Dune Messiah"]


def test_a_lower_case_title_opening_with_a_day_word_keeps_it() -> None:
    reading = _read("could you get yesterday is history by ana lopez, needed in 2 weeks")
    assert [(i.title, i.author) for i in reading.entities.items] == [
        ("yesterday is history", "ana lopez")
    ]
    assert reading.entities.need_by == date(2026, 12, 16) and reading.entities.date is None


def test_two_owners_before_a_title_are_its_authors() -> None:
    item = _item("Can you get Heath and Potter's Nation of Rebels? need it by Friday")
    assert (item.title, item.author) == ("Nation of Rebels", "Heath and Potter")


def test_no_trailing_comma_on_a_title_and_no_author_from_its_isbn() -> None:
    item = _item("can you get a book called The Shipping News, annie proulx")
    assert item.title == "The Shipping News"
    item = _item("Hello,\n\nI would like a book by its ISBN, 9780141439518, please.\n\nThanks,\nBo")
    assert (item.isbn, item.author) == ("9780141439518", None)


def test_the_form_before_a_lower_case_title_is_its_material() -> None:
    reading = understand("audiobook of the sense of an ending pls", today=TODAY)
    assert reading.intent == "request" and not reading.sure
    assert [(i.title, i.material) for i in reading.entities.items] == [
        ("the sense of an ending", "audiobook")
    ]


# --- intents: the bot itself, refusals, arrivals ----------------------------------------------


def test_asking_whether_the_bot_is_a_person_is_small_talk() -> None:
    assert _read("are you a bot or a real person?").intent == "smalltalk"
    assert _read("are you a bot? I want a real person").intent == "human"


def test_asking_what_one_may_say_to_the_bot_is_help() -> None:
    reading = _read("what sorts of things can I type here")
    assert reading.intent == "help" and reading.entities.topic is None


def test_why_a_request_was_turned_down_after_a_story_is_a_why() -> None:
    text = "Hello,\n\nI had an email today and it confused me. why did you turn my request down?"
    assert _read(text).intent == "why"


def test_an_arrival_asked_about_under_a_greeting_line_is_a_status() -> None:
    reading = _read("Hi ILL,\n\nWhen do you expect the Nussbaum book to arrive? I travel soon.")
    assert reading.intent == "status"
    assert reading.entities.ref_hint == "nussbaum"


def test_a_follow_up_names_the_request_in_its_next_sentence() -> None:
    reading = _read(
        "Hi,\n\nFollowing up on my email below. Has the Tilly article been sent?\n\nBest,\nJo"
    )
    assert reading.intent == "status"
    assert reading.entities.ref_hint == "tilly"


# --- dates: need-by wording after the date, due dates on renewals -----------------------------


def test_a_date_asked_for_if_possible_is_the_need_by_and_one_only_welcomed_is_not() -> None:
    reading = _read("I need a scan of chapter 2 of Middlemarch. Would Friday be possible?")
    assert reading.entities.need_by == date(2026, 12, 4) and reading.entities.date is None
    reading = _read(
        "Could you get The Lowland by Jhumpa Lahiri? A week from Monday would be great."
    )
    assert reading.entities.date == date(2026, 12, 14) and reading.entities.need_by is None


def test_an_event_before_its_day_is_need_by_wording() -> None:
    reading = _read("need the Moonlight dvd by winter break dec 18")
    assert reading.entities.need_by == date(2026, 12, 18)
    assert [(i.title, i.author) for i in reading.entities.items] == [("Moonlight", None)]
    reading = _read("can u get me emma by jane austen by christmas max $2")  # an author, no event
    assert [(i.title, i.author) for i in reading.entities.items] == [("emma", "jane austen")]
    assert reading.entities.need_by == date(2026, 12, 25)


def test_keeping_a_loan_thru_a_day_is_the_day_the_renewal_is_wanted_until() -> None:
    reading = _read("need more time w ILL-6 can i have it thru dec 20")
    assert (reading.intent, reading.entities.refs) == ("renew", (6,))
    assert reading.entities.need_by == date(2026, 12, 20) and reading.entities.date is None


def test_a_loan_due_some_week_names_no_day() -> None:
    reading = _read("Could you renew ILL-3 and ILL-4? They're due next week.")
    assert reading.entities.refs == (3, 4)
    assert reading.entities.date is None and reading.entities.need_by is None


def test_works_on_a_subject_asked_for_are_a_request_with_no_title() -> None:
    for text in (
        "need articles about urban heat islands for my thesis",
        "can u get me sum articles on wildfire smoke?? for a paper",
        "@illbot looking for something on sourdough baking, any book is fine",
    ):
        reading = _read(text)
        assert (reading.intent, reading.entities.items, reading.sure) == ("request", (), False), (
            text
        )
    assert _read("can I get articles through ILL?").intent == "policy"


def test_a_request_naming_only_an_author_holds_that_author_and_is_confirmed() -> None:
    for text in (
        "can u find me something by ursula le guin, any of her books",
        "im not sure of the title but its by tressie cottom about beauty",
    ):
        reading = _read(text)
        assert reading.intent == "request" and not reading.sure, text
        assert [(i.title, i.author, i.material) for i in reading.entities.items] == [
            (None, text.split(" by ")[1].split(",")[0].split(" about")[0], "book")
        ], text
    assert understand("can you get me something by friday", today=TODAY).entities.items == ()


def test_a_lower_case_title_ending_in_a_day_word_before_a_dash_author_is_a_title() -> None:
    reading = _read("the girl who was saturday - lindqvist")
    assert (reading.intent, reading.sure) == ("request", False)
    assert [(i.title, i.author) for i in reading.entities.items] == [
        ("the girl who was saturday", "lindqvist")
    ]
    assert reading.entities.date is None
    assert _read("see you thursday - maria").intent == "smalltalk"


def test_the_translation_asked_for_and_a_title_opening_with_by_are_read_right() -> None:
    item = _item("@illbot War and Peace, Tolstoy, the Maude translation")
    assert (item.title, item.author) == ("War and Peace", "Tolstoy")
    item = _item("I'd like to borrow By the Book by Mara Lind, the Jo Weiss translation.")
    assert (item.title, item.author) == ("By the Book", "Mara Lind")


def test_a_chapter_and_its_pages_before_from_are_the_part_wanted() -> None:
    item = _item("need a scan of ch 2 pages 14-30 from Silent Spring by Rachel Carson. by fri thx")
    assert (item.title, item.author) == ("Silent Spring", "Rachel Carson")
    assert (item.chapter, item.pages, item.material) == ("2", "14-30", "chapter")
