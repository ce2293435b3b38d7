"""A title named for a draft that had none fills it, and keeps what the draft already held."""

from __future__ import annotations

from datetime import date

from handlers.changes import read_change
from handlers.drafts import Draft
from handlers.revise import apply
from handlers.understand import Item, understand
from tests.handlers.chat import Chat, chat_fixture  # noqa: F401  (the `chat` fixture)

TODAY = date(2026, 12, 6)


def test_title_is_x_with_a_hedge_is_a_cued_title_change() -> None:
    reading = understand("title is The Social Life of Guns or something like that", today=TODAY)
    change = read_change(reading, in_draft=True)
    assert (change.title, change.cued) == ("The Social Life of Guns", True)


def test_the_author_is_x_is_a_cued_author_change() -> None:
    change = read_change(understand("wait the author is Jesmyn Ward", today=TODAY), in_draft=True)
    assert (change.author, change.cued) == ("Jesmyn Ward", True)


def test_a_title_for_an_untitled_item_keeps_its_author_journal_and_numbers() -> None:
    item = Item(author="Jacobs", journal="Criminology", year=2019, volume="57", material="article")
    change = read_change(
        understand("the title is The Social Life of Guns", today=TODAY), in_draft=True
    )
    updated, told = apply(Draft(items=(item,)), change)
    (new,) = updated.items
    assert (new.title, new.author, new.journal, new.volume) == (
        "The Social Life of Guns",
        "Jacobs",
        "Criminology",
        "57",
    )
    assert told


def test_the_title_given_while_the_draft_waits_goes_into_it(chat: Chat) -> None:
    chat.patron("lee", "johnjay", "undergraduate")
    (asked,) = chat.say(
        "lee", "hey can i get an article thru u? its Jacobs 2019 from Criminology vol 57"
    )
    assert "Shall I request this?" in asked["text"]
    (again,) = chat.say("lee", "title is The Social Life of Guns or something like that")
    assert (
        "- Title: The Social Life of Guns" in again["text"] and "- Author: Jacobs" in again["text"]
    )
    (still,) = chat.say("lee", "idk the pages")
    assert still["text"].startswith("Still waiting on: your go-ahead")
    (done,) = chat.say("lee", "yes")
    assert done["outcome"] == "accepted"
    (request,) = chat.requests()
    assert (request.title, request.author, request.journal) == (
        "The Social Life of Guns",
        "Jacobs",
        "Criminology",
    )
