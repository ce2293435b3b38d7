"""Conversation repair: questions that wait, corrections, two actions, changes to a request."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.changes import drops, keeps, read_change
from handlers.understand import Entities, Reading, understand
from tests.handlers.chat import Chat, chat_fixture  # noqa: F401  (the `chat` fixture)

TODAY = date(2026, 9, 1)


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("actually, make that the audiobook version", {"material": "audiobook"}),
        ("make it the ebook", {"format": "ebook"}),
        ("oh wait, I meant Deep Work, not Atomic Habits", {"title": "Deep Work"}),
        ("I meant Deep Work by Cal Newport", {"title": "Deep Work", "author": "Cal Newport"}),
        ("not Atomic Habits, Deep Work", {"replaces": "Atomic Habits"}),
        ("the author is Yuval Noah Harari", {"author": "Yuval Noah Harari"}),
        ("just chapter 3, pages 49-80", {"chapter": "3", "pages": "49-80"}),
        ("3rd edition please", {"edition": "3rd"}),
        ("we need 6 copies", {"copies": 6}),
    ],
)
def test_the_words_of_a_correction_are_read(text: str, fields: dict[str, object]) -> None:
    change = read_change(understand(text, today=TODAY), in_draft=True)
    for name, value in fields.items():
        assert getattr(change, name) == value


def test_only_words_that_say_so_change_a_request_already_made() -> None:
    for text in ("the audiobook please", "Where is my book?", "thanks!"):
        assert not read_change(understand(text, today=TODAY), in_draft=False).cued
    for text in ("make ILL-3 the audiobook", "I need it by Jan 5 instead"):
        assert read_change(understand(text, today=TODAY), in_draft=False).cued


def test_dropping_and_keeping_words() -> None:
    assert all(drops(t) for t in ("never mind", "forget it", "never mind, forget it", "nvm"))
    assert all(keeps(t) for t in ("keep it", "wait, actually no, keep it", "don't cancel it"))
    assert not drops("keep it") and not drops("get me Sapiens")


def test_several_drafts_wait_each_named_and_forget_it_drops_the_latest(chat: Chat) -> None:
    chat.patron("bu", "bellevue", "undergraduate")
    chat.say("bu", "get me ISBN 9780134477824")
    asked, also = chat.say("bu", "get me ISBN 9780262046305")
    assert "ISBN 9780262046305" in asked["text"]
    assert "also still waiting on: the need-by date for “ISBN 9780134477824”" in also["text"]
    dropped, again = chat.say("bu", "forget it")
    assert "I won't request ISBN 9780262046305" in dropped["text"]
    assert again["text"].startswith("Still waiting on: the need-by date for “ISBN 9780134477824”")
    (done,) = chat.say("bu", "Oct 15")
    assert (done["request"], done["entities"]["isbn"]) == ("ILL-1", "9780134477824")


def test_an_answer_may_go_to_a_question_asked_earlier(chat: Chat) -> None:
    chat.patron("bu", "bellevue", "undergraduate")
    chat.say("bu", "get me ISBN 9780134477824")  # asks for a need-by date
    chat.say("bu", "get me ISBN 9780262046305 by Oct 1")
    chat.say("bu", "cancel ILL-1")  # a yes/no question on top of the waiting draft
    done, again = chat.say("bu", "Oct 15")  # answers nothing but the draft
    assert (done["outcome"], done["entities"]["need_by"]) == ("accepted", "2026-10-15")
    assert again["text"].startswith("Still waiting on: whether to cancel ILL-1")
    (kept,) = chat.say("bu", "no")
    assert kept["status"] == "submitted"


def test_a_lenders_charge_asked_meanwhile_does_not_lose_the_draft(chat: Chat) -> None:
    chat.patron("sj", "sjpl", "cardholder")
    chat.say("sj", "get me ISBN 9780134477824 free only")
    (asked,) = chat.say("sj", "get me ISBN 9780262046305")
    assert asked["rules"] == ["sjpl.fee.max_cost"]
    (notice,) = chat.event(
        type="staff", at="2026-09-01T11:00", action="fee", request="ILL-1", amount=5
    )
    assert notice["notice"] == "fee_approval"
    answered, again = chat.say("sj", "yes")
    assert answered["intent"] == "fee_answer"
    assert again["text"].startswith(
        "Still waiting on: the most you'll pay for “ISBN 9780262046305”"
    )


def test_both_actions_of_a_message_are_done_in_order(chat: Chat) -> None:
    chat.patron("g", "johnjay", "graduate")
    chat.say("g", "get me ISBN 9780134477824")
    chat.say("g", "get me ISBN 9780262046305")
    text = "where is ILL-2, and cancel ILL-1"
    second = Reading("cancel", Entities(ref=1, refs=(1,)), text="cancel ILL-1")
    chat.readings[text] = Reading("status", Entities(ref=2, refs=(2,)), text=text, also=(second,))
    status, cancel = chat.say("g", text)
    assert (status["intent"], status["request"]) == ("status", "ILL-2")
    assert (cancel["intent"], cancel["outcome"], cancel["request"]) == (
        "cancel",
        "needs_info",
        "ILL-1",
    )
    (done,) = chat.say("g", "yes")  # the question asked in the same message is the one waiting
    assert (done["request"], done["status"]) == ("ILL-1", "cancelled")


def test_an_answer_with_a_second_action_does_both(chat: Chat) -> None:
    chat.patron("g", "johnjay", "graduate")
    chat.say("g", "get me ISBN 9780134477824")
    chat.say("g", "cancel ILL-1")
    text = "yes, and what else do I have?"
    chat.readings[text] = Reading("yes", text="yes", also=(Reading("status", text="what else"),))
    done, status = chat.say("g", text)
    assert (done["intent"], done["status"]) == ("confirm", "cancelled")
    assert status["intent"] == "status"


def test_registration_answered_a_field_at_a_time_is_recorded(chat: Chat) -> None:
    chat.patron("new", "johnjay", "graduate", registered=False)
    chat.say("new", "get me ISBN 9780134477824")
    for answer in ("my name is Ana Ruiz", "I'm a graduate student", "Criminal Justice"):
        (progress,) = chat.say("new", answer)
        assert "still waiting" not in progress["text"].lower()
    (done,) = chat.say("new", "aruiz@jjay.example")
    assert done["outcome"] == "accepted"
    patron = chat.directory("new")
    assert (patron.registered, patron.name, patron.department) == (
        True,
        "Ana Ruiz",
        "Criminal Justice",
    )


def test_a_change_to_a_submitted_request_is_recorded_with_its_history(chat: Chat) -> None:
    chat.patron("g", "johnjay", "graduate")
    chat.say("g", 'please get me "Atomic Habits" by James Clear')
    (before,) = chat.requests()
    (changed,) = chat.say("g", "oh wait, I meant Deep Work by Cal Newport, not Atomic Habits")
    assert changed["intent"] == "change" and "ILL-1 “Atomic Habits”" in changed["text"]
    (after,) = chat.requests()
    assert (after.title, after.author) == ("Deep Work", "Cal Newport")
    assert after.item_key != before.item_key  # a duplicate check now sees Deep Work
    line = chat.history(1)[-1]
    assert (line.action, line.from_status, line.to_status) == ("changed", "submitted", "submitted")
    assert line.note and "Deep Work" in line.note


def test_a_change_policy_refuses_is_not_made(chat: Chat) -> None:
    chat.patron("sj", "sjpl", "cardholder")
    chat.say("sj", 'please get me "Dune" by Frank Herbert, free only')
    (refused,) = chat.say("sj", "actually, make ILL-1 the DVD")
    assert (refused["outcome"], refused["rules"]) == ("refused", ["sjpl.material.type"])
    (request,) = chat.requests()
    assert request.material == "book"


def test_which_request_a_change_is_for_is_asked_when_unclear(chat: Chat) -> None:
    chat.patron("g", "johnjay", "graduate")
    chat.say("g", "get me ISBN 9780134477824")
    chat.say("g", "get me ISBN 9780262046305")
    chat.readings["I need it by Oct 30 instead"] = Reading(
        "unknown", Entities(need_by=date(2026, 10, 30)), text="I need it by Oct 30 instead"
    )
    # By email nothing was just recorded in this conversation: "it" could be either.
    which = chat.event(
        type="message", at="2026-09-02T11:00", **{"from": "g"}, channel="email",
        text="I need it by Oct 30 instead",
    )  # fmt: skip
    assert which[-1]["intent"] == "change" and which[-1]["outcome"] == "needs_info"
    (changed,) = chat.event(
        type="message", at="2026-09-02T11:01", **{"from": "g"}, channel="email", text="2"
    )
    assert (changed["request"], changed["entities"]["need_by"]) == ("ILL-2", "2026-10-30")


def test_a_change_naming_a_request_leaves_the_draft_in_hand_alone(chat: Chat) -> None:
    chat.patron("bu", "bellevue", "undergraduate")
    chat.say("bu", 'get me "Dune" by Frank Herbert by Oct 1')
    chat.say("bu", "can you get me ISBN 9780134477824")  # asks for a need-by date
    changed, again = chat.say("bu", "make ILL-1 the audiobook")
    assert (changed["intent"], changed["request"]) == ("change", "ILL-1")
    assert again["text"].startswith("Still waiting on: the need-by date for “ISBN 9780134477824”")
    (request,) = chat.requests()
    assert request.material == "audiobook"
    (dropped,) = chat.say("bu", "cancel")  # "cancel" naming nothing: the draft in hand
    assert "I won't request ISBN 9780134477824" in dropped["text"]
    assert [r.status for r in chat.requests()] == ["submitted"]


def test_an_amount_alone_just_after_a_request_is_the_most_the_patron_will_pay(chat: Chat) -> None:
    chat.patron("g", "bellevue", "graduate")
    chat.say("g", "need Research Design by Creswell by Dec 10")
    (noted,) = chat.say("g", "up to 20 bucks is fine")
    assert (noted["intent"], noted["outcome"]) == ("change", "done")
    assert "the most you'll pay: $20.00" in noted["text"]
    (request,) = chat.requests()
    assert request.max_cost_cents == 2000
    (asked,) = chat.say("g", "is $30 ok?")  # a question about money changes nothing
    assert asked["intent"] != "change"
    assert chat.requests()[0].max_cost_cents == 2000


def test_an_amount_alone_with_no_request_in_hand_is_not_a_change(chat: Chat) -> None:
    chat.patron("g", "bellevue", "graduate")
    (said,) = chat.say("g", "I can pay up to $20")
    assert said["intent"] != "change" and chat.requests() == []
