"""The English reader's session-22 changes, as a patron would notice them (new wording only)."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import understand
from handlers.understand.reading import Item, Reading

TODAY = date(2026, 12, 2)  # a Wednesday


def _read(text: str) -> Reading:
    return understand(text, today=TODAY)


def _item(text: str) -> Item:
    reading = _read(text)
    assert reading.intent == "request", reading
    assert len(reading.entities.items) == 1, reading.entities.items
    return reading.entities.items[0]


# --- a lower-case title keeps the article typed before it --------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("could u get me 3 copies of the lost daughter by elena ferrante", "the lost daughter",
         "elena ferrante"),
        ("need chapter 5 of the structure of scientific revolutions by thomas kuhn",
         "the structure of scientific revolutions", "thomas kuhn"),
        ("can i get a gentleman in moscow by amor towles", "a gentleman in moscow",
         "amor towles"),
    ],
)  # fmt: skip
def test_a_lower_case_title_keeps_its_article(text: str, title: str, author: str) -> None:
    item = _item(text)
    assert (item.title, item.author) == (title, author)


def test_a_lone_article_before_chat_is_no_title() -> None:
    reading = _read("hey could i get an artcle, the doi is 10.1086/225469 thx")
    assert [item.title for item in reading.entities.items] == [None]


# --- a lower-case author ends where the rest of the sentence begins ---------------------------


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("can u get me the overstory by richard powers for my book group", "the overstory",
         "richard powers"),
        ("get me the dutch house by ann patchett so my aunt can read it", "the dutch house",
         "ann patchett"),
        ("pls find the collected letters by vincent van gogh for my art class",
         "the collected letters", "vincent van gogh"),
        ("i need the hundred years war on palestine by rashid khalidi, thx",
         "the hundred years war on palestine", "rashid khalidi"),
    ],
)  # fmt: skip
def test_a_lower_case_author_stops_before_the_rest(text: str, title: str, author: str) -> None:
    item = _item(text)
    assert (item.title, item.author) == (title, author)


def test_a_lower_case_time_after_by_is_no_author() -> None:
    reading = _read("can u get me the road by cormac mccarthy by friday pls")
    assert (reading.entities.items[0].author, reading.entities.need_by) == (
        "cormac mccarthy",
        date(2026, 12, 4),
    )


# --- talk left in front of a capitalised title is not the title -------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Hello, request Sapiens: A Brief History of Humankind by Yuval Noah Harari",
         "Sapiens: A Brief History of Humankind"),
        ("The title is Pachinko by Min Jin Lee, thanks", "Pachinko"),
        ("grad student here - need The Souls of Black Folk by W. E. B. Du Bois",
         "The Souls of Black Folk"),
    ],
)  # fmt: skip
def test_talk_before_a_title_is_dropped(text: str, title: str) -> None:
    assert _item(text).title == title


def test_a_capitalised_on_opens_a_title_not_a_topic() -> None:
    item = _item(
        "could you get On Tyranny: Twenty Lessons from the Twentieth Century by Timothy Snyder"
    )
    assert item.title == "On Tyranny: Twenty Lessons from the Twentieth Century"


def test_a_topic_typed_in_lower_case_is_still_a_topic() -> None:
    assert _item("can i get a book on whales, Moby-Dick").title == "Moby-Dick"


# --- a hedge before a texted title is not its first word --------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("maybe beloved by toni morrison", "beloved", "toni morrison"),
        ("perhaps the remains of the day", "the remains of the day", None),
    ],
)
def test_a_hedge_is_not_the_title(text: str, title: str, author: str | None) -> None:
    reading = _read(text)
    assert reading.intent == "request" and not reading.sure
    item = reading.entities.items[0]
    assert (item.title, item.author) == (title, author)


# --- day words inside lower-case titles and before subtitles stay in the title ----------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("can you find me the saturday night ghost club by craig davidson",
         "the saturday night ghost club"),
        ("could I get Christmas: A Biography by Judith Flanders", "Christmas: A Biography"),
        ("the tuesday club by ana ruiz pls", "the tuesday club"),
    ],
)  # fmt: skip
def test_a_day_word_in_a_title_is_no_date(text: str, title: str) -> None:
    reading = _read(text)
    assert reading.entities.items[0].title == title
    assert reading.entities.need_by is None and reading.entities.date is None


def test_a_day_before_a_colon_after_it_is_still_a_date() -> None:
    reading = _read("need it Monday: The Overstory by Richard Powers")
    assert reading.entities.items[0].title == "The Overstory"
    assert reading.entities.need_by == date(2026, 12, 7)


# --- the library's own loans, fines, rooms and events are off-topic, never acted on ------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("can you renew the normal books I checked out at the front desk?", "account"),
        ("I've got a 2 dollar fine on a library book, where do I pay", "fines_local"),
        ("the late fine on my dvd is not an ILL one, can I pay it here", "fines_local"),
        ("could we reserve the big meeting room on Feb 2?", "rooms"),
        ("how do I register for the spring poetry event", "events"),
        ("any news on my book club signup", "events"),
        ("Hoopla keeps crashing when I open a comic, help", "other"),
        ("does the shuttle stop at the library on sundays?", "other"),
    ],
)
def test_the_librarys_own_services_are_off_topic(text: str, topic: str) -> None:
    reading = _read(text)
    assert (reading.intent, reading.entities.topic) == ("offtopic", topic)
    assert not (reading.entities.date or reading.entities.need_by or reading.entities.refs)


# --- a title asked about, which only the classifier reads as a request, is read and confirmed ---


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("Is Piranesi by Susanna Clarke a book you could borrow for me?", "Piranesi",
         "Susanna Clarke"),
        ("is The Candy House by Jennifer Egan something you can get for me?", "The Candy House",
         "Jennifer Egan"),
        ("could u gett me Open Water by caleb azumah nelson", "Open Water",
         "caleb azumah nelson"),
    ],
)  # fmt: skip
def test_a_title_asked_about_is_read_and_confirmed(text: str, title: str, author: str) -> None:
    reading = _read(text)
    assert reading.intent == "request" and not reading.sure
    item = reading.entities.items[0]
    assert (item.title, item.author) == (title, author)


def test_a_title_cut_at_its_comma_is_not_recorded() -> None:
    # "Beautiful" alone would be a wrong title in every later notice: better none, and a question
    reading = _read("Never Let Me Go? no - Hello, Beautiful by Ann Napolitano")
    assert "Beautiful" not in [item.title for item in reading.entities.items]
