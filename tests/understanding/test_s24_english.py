"""The English reader's session-24 changes, as a patron would notice them (new wording only).

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


def _items(text: str, today: date = TODAY) -> tuple[Item, ...]:
    reading = _read(text, today)
    assert reading.intent == "request", reading
    return reading.entities.items


def _item(text: str, today: date = TODAY) -> Item:
    items = _items(text, today)
    assert len(items) == 1, items
    return items[0]


# --- the request a status question or a cancel names (ref_hint) -------------------------------


def test_the_story_around_a_capitalised_title_is_not_its_name() -> None:
    reading = _read("any news on Invisible Man? I ordered it back in October and nothing since")
    assert reading.intent == "status"
    assert reading.entities.ref_hint == "invisible man"


def test_words_before_a_title_in_a_cancel_are_not_its_name() -> None:
    reading = _read("I'm so sorry but I have to cancel my request for Middlemarch")
    assert reading.intent == "cancel"
    assert reading.entities.ref_hint == "middlemarch"


def test_the_x_book_names_the_request_and_nothing_after_it() -> None:
    reading = _read("Has the Lepore book been shipped yet? My seminar starts next week.")
    assert reading.intent == "status"
    assert reading.entities.ref_hint == "lepore"


def test_a_slack_mention_and_a_stretched_verb_name_no_request() -> None:
    assert _read("@illbot did the chomsky book come in").entities.ref_hint == "chomsky"
    reading = _read("renewwww the Gladwell book plz")
    assert reading.intent == "renew"
    assert reading.entities.ref_hint == "gladwell"


def test_a_title_of_generic_words_after_the_still_names_a_request() -> None:
    assert _read("any update on The Stranger?").entities.ref_hint == "stranger"


def test_a_holiday_between_my_and_book_is_the_request_name() -> None:
    reading = _read("has my Memorial Day book come in?")
    assert reading.intent == "status"
    assert reading.entities.ref_hint == "memorial day"
    assert reading.entities.date is None


# --- authors ------------------------------------------------------------------------------------


def test_a_pasted_mla_reference_after_a_greeting_keeps_the_greeting_out() -> None:
    item = _item(
        'Good afternoon,\nRequesting Okafor, Grace. "Markets at Dusk." Journal of Urban '
        "Trade, vol. 12, no. 3, 2015, pp. 1201-1233.\nThanks"
    )
    assert item.author == "Okafor, Grace"
    assert item.pages == "1201-1233"
    assert item.issn is None  # a page range that checks as an ISSN is still pages


def test_a_lower_case_author_in_brackets() -> None:
    item = _item("pls get me The Overstory (richard powers)")
    assert (item.title, item.author) == ("The Overstory", "richard powers")
    assert _item("can I get Beloved (any edition)").author is None


def test_a_hedged_byline_still_names_the_author() -> None:
    item = _item("could you find Piranesi, i think by Susanna Clarke?")
    assert (item.title, item.author) == ("Piranesi", "Susanna Clarke")


def test_a_family_of_authors_with_its_article() -> None:
    item = _item("can I request Fargo by the Coen brothers on DVD")
    assert (item.title, item.author, item.material) == ("Fargo", "the Coen brothers", "media")


def test_the_same_author_twice_and_a_remark_after_the_list() -> None:
    items = _items("please order Beloved by Toni Morrison and Jazz by the same author, no hurry")
    assert [(i.title, i.author) for i in items] == [
        ("Beloved", "Toni Morrison"),
        ("Jazz", "Toni Morrison"),
    ]


def test_a_group_asking_for_copies_keeps_its_own_words_out_of_the_author() -> None:
    reading = _read("we need 5 copies of Piranesi by Susanna Clarke for our reading circle")
    assert reading.entities.copies == 5
    assert reading.entities.items[0].author == "Susanna Clarke"


def test_a_surname_alone_after_of_in_non_native_english() -> None:
    assert _item('i want the book "War and Peace" of Tolstoy').author == "Tolstoy"


def test_a_dash_author_inside_a_list_of_two() -> None:
    items = _items("i want the book Educated - Tara Westover and also the audiobook of Educated")
    assert (items[0].title, items[0].author) == ("Educated", "Tara Westover")
    assert (items[1].title, items[1].material) == ("Educated", "audiobook")


# --- citations ----------------------------------------------------------------------------------


def test_a_loose_reference_with_three_surnames() -> None:
    item = _item(
        "article pls: Moreno, Tanaka & Osei 2019, Sleep and Memory in Teens, Pediatrics 143(2): "
        "100-112"
    )
    assert item.author == "Moreno"
    assert item.authors == "Moreno, Tanaka & Osei"
    assert (item.journal, item.year, item.volume, item.issue) == ("Pediatrics", 2019, "143", "2")


def test_et_al_stays_on_the_author() -> None:
    item = _item("pls: Lindqvist et al. 2021, Cold Water and Hearts, Annals of Winter Medicine 40")
    assert item.author == "Lindqvist et al."
    assert item.authors is None


def test_an_article_by_two_authors_lists_both() -> None:
    item = _item('need the article "Fences and Neighbours" by Hale and Moss, The Atlantic 1990')
    assert (item.author, item.authors) == ("Hale", "Hale and Moss")
    assert item.journal == "The Atlantic"


def test_a_journal_after_a_comma_inside_the_quotes_and_a_year_before_the_pages() -> None:
    item = _item(
        'Please request the article by Jane Ortiz, "Reading in the Dark," Journal of Night '
        "Studies 12(3), 2004, pp. 45-60. Email is fine."
    )
    assert item.journal == "Journal of Night Studies"
    assert (item.volume, item.issue, item.pages) == ("12", "3", "45-60")


# --- titles: where they end ---------------------------------------------------------------------


def test_an_ellipsis_inside_a_title() -> None:
    item = _item("could you get me The Long Pause... and After by Lena Ortiz?")
    assert (item.title, item.author) == ("The Long Pause... and After", "Lena Ortiz")


def test_the_chapter_wanted_after_a_title_and_its_edition() -> None:
    item = _item("could you get me Robbins Basic Pathology 10th ed, just chapter 4")
    assert (item.title, item.edition, item.chapter) == ("Robbins Basic Pathology", "10th", "4")
    assert item.material == "chapter"
    item = _item("can u get Campbell Biology 12th edition, only the chapter on cell division")
    assert (item.title, item.edition, item.material) == ("Campbell Biology", "12th", "chapter")


def test_pages_of_a_book_are_a_chapter_scan() -> None:
    item = _item("can you scan Thinking in Systems by Donella Meadows, pp. 11-34")
    assert (item.title, item.pages, item.material) == ("Thinking in Systems", "11-34", "chapter")


def test_an_expanded_edition() -> None:
    item = _item("Could I get Good Strategy Bad Strategy by Richard Rumelt, expanded edition?")
    assert (item.title, item.edition) == ("Good Strategy Bad Strategy", "expanded")


def test_a_periodical_name_ends_before_a_lower_case_remark() -> None:
    item = _item("could I get a whole issue of The Economist pls, the one with the ocean cover")
    assert (item.journal, item.material) == ("The Economist", "periodical_issue")


def test_a_lower_case_title_keeps_its_front() -> None:
    item = _item("can you get me a brief history of seven killings by marlon james")
    assert item.title == "a brief history of seven killings"
    assert item.author == "marlon james"


def test_a_lower_case_title_and_a_surname_alone() -> None:
    item = _item("the sound and the fury by faulkner pls")
    assert (item.title, item.author) == ("the sound and the fury", "faulkner")


def test_a_lower_case_date_title_before_its_author() -> None:
    reading = _read("can u get me march 15 by grace nakamura")
    item = reading.entities.items[0]
    assert (item.title, item.author) == ("march 15", "grace nakamura")
    assert reading.entities.date is None and reading.entities.need_by is None


def test_a_holiday_title_before_a_lower_case_author() -> None:
    reading = _read("could you get Thanksgiving Night by richard bausch?")
    item = reading.entities.items[0]
    assert (item.title, item.author) == ("Thanksgiving Night", "richard bausch")
    assert reading.entities.date is None and reading.entities.need_by is None


def test_a_description_is_no_title() -> None:
    reading = _read("can you get me the one about the silk road by peter frankopan")
    assert all(item.title is None for item in reading.entities.items)


def test_a_capitalised_action_word_after_the_book_opens_a_title() -> None:
    items = _items("I need the book Status Update by Kim Ortiz and also Deep Work by Cal Newport")
    assert [(i.title, i.author) for i in items] == [
        ("Status Update", "Kim Ortiz"),
        ("Deep Work", "Cal Newport"),
    ]


def test_either_form_is_fine_names_no_form() -> None:
    item = _item("Could you get The Goldfinch by Donna Tartt? The book or the audiobook is fine.")
    assert item.material == "book"


def test_asking_again_for_it_is_no_second_action() -> None:
    reading = _read("do you have Homegoing by Yaa Gyasi? can you get it")
    assert reading.intent == "request"
    assert reading.also == ()


# --- dates and money ----------------------------------------------------------------------------


def test_a_group_meeting_gives_the_need_by_date() -> None:
    reading = _read(
        "Can you get me Circe by Madeline Miller? I need it for a book club that meets on Friday."
    )
    assert reading.entities.need_by == date(2026, 12, 4)


def test_need_it_in_a_week_from_a_weekday() -> None:
    assert _read("need Circe by Madeline Miller in a week from monday").entities.need_by == date(
        2026, 12, 14
    )


def test_a_day_of_a_lower_case_march_is_a_date() -> None:
    reading = _read("i want Sapiens, i need before 3 of march")
    assert reading.entities.need_by == date(2027, 3, 3)


def test_a_hedged_amount() -> None:
    assert _read("i can pay like 8").entities.max_cost == 8.0


def test_an_edition_correction_after_and() -> None:
    reading = _read("and make it the 3rd edition not the 2nd")
    assert reading.intent == "request"
    assert [(i.edition, i.material) for i in reading.entities.items] == [("3rd", "book")]


# --- questions that are not requests ------------------------------------------------------------


def test_a_copy_on_the_shelf_here_is_a_catalogue_question() -> None:
    reading = _read("is there a copy of Dune on the shelf here?")
    assert reading.intent == "offtopic"
    assert reading.entities.topic == "catalog"


def test_a_subject_word_inside_a_title_being_cancelled() -> None:
    reading = _read("cancel Coffee with Strangers, found a copy")
    assert reading.intent == "cancel"
    assert reading.entities.ref_hint == "coffee strangers"


def test_rule_questions_read_by_their_topic() -> None:
    assert _read("How many interlibrary loan requests am I allowed each month?").entities.topic == (
        "limit"
    )
    reading = _read("as a visiting scholar can I borrow entire books or only chapters?")
    assert reading.entities.topic == "materials"
    assert _read("i moved to the next town over, can i still use this").entities.topic == (
        "eligibility"
    )
