"""An unsure request in Slack: a card with Submit and Edit; Edit opens a prefilled form.

The reader is made unsure of every free-text request here, so the card shows whatever the
reader's own certainty is today; requests with an identifier still go straight through.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from bot.slack.blocks import question_blocks
from templates.dates import day_words
from tests.slack.conftest import SlackBot, action_ids, button
from tests.slack.fake_slack import Call

UNSURE_REQUEST = "could you find me Sapiens by Yuval Harari"


pytestmark = pytest.mark.usefixtures("unsure_reader")


async def _card(bot: SlackBot) -> Call:
    await bot.slack.dm("UFAC", UNSURE_REQUEST)
    (card,) = await bot.dms("UFAC")
    return card


def _message(card: Call) -> dict[str, Any]:
    return {"ts": "1700000000.000001", "text": card.params["text"], "blocks": card.params["blocks"]}


def _submission(
    view: dict[str, Any], values: dict[str, Any], view_id: str = "VE1"
) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "user": {"id": "UFAC"},
        "view": {
            "id": view_id,
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "state": {"values": {block: {block: value} for block, value in values.items()}},
        },
    }


def _text(value: str) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def _inputs(view: dict[str, Any]) -> dict[str, Any]:
    return {b["block_id"]: b["element"] for b in view["blocks"] if b.get("type") == "input"}


async def test_an_unsure_request_shows_a_card_and_submit_records_it(bot: SlackBot) -> None:
    card = await _card(bot)
    text = card.params["text"]
    assert "Title: Sapiens" in text and "Shall I request this?" in text
    assert action_ids(card) == ["illbot_answer:0", "illbot_edit_request"]
    assert bot.requests() == []  # nothing is recorded before the patron says so
    submit = button(card, "illbot_answer:0")
    assert submit["text"]["text"] == "Submit" and submit["value"] == "yes"
    await bot.slack.click("UFAC", submit, channel="DFAC", message=_message(card))
    done = (await bot.dms("UFAC", 2))[-1]
    assert "Done: I've requested Sapiens for you as ILL-1" in done.params["text"]
    (update,) = await bot.fake.wait_for("chat.update", channel="DFAC")
    assert "You answered: *Submit*" in update.blocks_text()
    assert [(r.title, r.status) for r in bot.requests()] == [("Sapiens", "submitted")]


async def test_edit_opens_a_prefilled_form_and_submitting_it_records_the_request(
    bot: SlackBot,
) -> None:
    card = await _card(bot)
    edit = button(card, "illbot_edit_request")
    await bot.slack.click("UFAC", edit, channel="DFAC", message=_message(card))
    (opened,) = await bot.fake.wait_for("views.open")
    view = opened.params["view"]
    assert view["callback_id"] == "illbot_edit_form"
    inputs = _inputs(view)
    assert inputs["title"]["initial_value"] == "Sapiens"
    assert inputs["author"]["initial_value"] == "Yuval Harari"
    assert inputs["format"]["initial_option"]["value"] == "book"
    values = {
        "title": _text("Sapiens: A Brief History of Humankind"),
        "author": _text("Yuval Noah Harari"),
        "format": {"type": "static_select", "selected_option": {"value": "audiobook"}},
        "need_by": {"type": "datepicker", "selected_date": "2027-03-01"},
        "max_cost": _text("$12"),
    }
    assert await bot.slack.interact(_submission(view, values)) == 200
    done = (await bot.dms("UFAC", 2))[-1]
    assert "Done: I've requested Sapiens: A Brief History of Humankind" in done.params["text"]
    (request,) = bot.requests()
    assert (request.title, request.author, request.material, request.format) == (
        "Sapiens: A Brief History of Humankind",
        "Yuval Noah Harari",
        "audiobook",
        "audiobook",
    )
    assert (str(request.need_by), request.max_cost_cents) == ("2027-03-01", 1200)
    (update,) = await bot.fake.wait_for("chat.update", channel="DFAC")
    assert "Edited and submitted" in update.blocks_text()
    assert action_ids(update) == []  # no second Submit by mistake
    # Slack sends the same form again: one request, one answer.
    assert await bot.slack.interact(_submission(view, values)) == 200
    assert len(bot.requests()) == 1


async def test_a_bad_form_is_answered_in_the_form(bot: SlackBot) -> None:
    card = await _card(bot)
    await bot.slack.click(
        "UFAC", button(card, "illbot_edit_request"), channel="DFAC", message=_message(card)
    )
    (opened,) = await bot.fake.wait_for("views.open")
    values = {"title": _text(""), "max_cost": _text("lots"), "copies": _text("0")}
    status, body = await bot.slack.interact_answer(_submission(opened.params["view"], values))
    assert status == 200
    errors = json.loads(body)["errors"]
    assert set(errors) == {"title", "max_cost", "copies"}
    assert bot.requests() == []


async def test_a_request_with_an_identifier_needs_no_card(bot: SlackBot) -> None:
    await bot.slack.dm("UFAC", "Please get me ISBN 9780134477824")
    (reply,) = await bot.dms("UFAC")
    assert "Done: I've requested" in reply.params["text"]
    assert "illbot_edit_request" not in action_ids(reply)


async def test_answering_the_card_in_words_works_too(bot: SlackBot) -> None:
    card = await _card(bot)
    assert "Author: Yuval Harari" in card.params["text"]
    await bot.slack.dm("UFAC", "the author is Yuval Noah Harari")
    again = (await bot.dms("UFAC", 2))[-1]
    assert "changed the author to Yuval Noah Harari" in again.params["text"]
    assert action_ids(again) == ["illbot_answer:0", "illbot_edit_request"]
    edit = button(again, "illbot_edit_request")
    assert json.loads(edit["value"])["author"] == "Yuval Noah Harari"


def test_a_question_asked_again_keeps_its_buttons() -> None:
    meta = {"outcome": "needs_info"}
    form = {"title": "Sapiens"}
    card = question_blocks(
        "Still waiting on: …", "still_waiting", {"asked": "request_confirm", "form": form}, meta
    )
    assert card is not None and [e["action_id"] for e in card[-1]["elements"]] == [
        "illbot_answer:0",
        "illbot_edit_request",
    ]
    yes_no = question_blocks(
        "Still waiting on: …", "still_waiting", {"asked": "cancel_confirm"}, meta
    )
    assert yes_no is not None and [e["value"] for e in yes_no[-1]["elements"]] == ["yes", "no"]
    several = question_blocks("…", "request_confirm", {"form": {}}, meta)  # two items: no form
    assert several is not None and [e["action_id"] for e in several[-1]["elements"]] == [
        "illbot_answer:0"
    ]


async def test_the_card_says_the_need_by_date_in_words_and_edit_keeps_it_iso(
    bot: SlackBot,
) -> None:
    need = date.today() + timedelta(days=20)
    await bot.slack.dm("UFAC", f"{UNSURE_REQUEST}, needed by {need:%B} {need.day}")
    (card,) = await bot.dms("UFAC")
    assert f"- Needed by: {day_words(need, date.today())}" in card.params["text"]
    await bot.slack.click(
        "UFAC", button(card, "illbot_edit_request"), channel="DFAC", message=_message(card)
    )
    (opened,) = await bot.fake.wait_for("views.open")
    assert _inputs(opened.params["view"])["need_by"]["initial_date"] == need.isoformat()
