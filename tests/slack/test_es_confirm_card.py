"""A Spanish-speaking patron's confirm card in Slack: Spanish buttons and a Spanish Edit form.

The patron is an SJPL cardholder whose directory entry says Spanish; SJPL offers English and
Spanish. The reader is made unsure of free-text requests, as in test_confirm_card.py, so the
card is shown; an English-speaking patron's card is checked to stay English beside it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.slack.conftest import SPANISH, SlackBot, action_ids, add_spanish_patron, button
from tests.slack.fake_slack import Call

REQUEST = "could you find me Sapiens by Yuval Harari"


pytestmark = pytest.mark.usefixtures("unsure_reader")


async def _card(bot: SlackBot, user: str) -> Call:
    await bot.slack.dm(user, REQUEST)
    (card,) = await bot.dms(user)
    return card


def _message(card: Call) -> dict[str, Any]:
    return {"ts": "1700000000.000001", "text": card.params["text"], "blocks": card.params["blocks"]}


def _inputs(view: dict[str, Any]) -> dict[str, Any]:
    return {b["block_id"]: b for b in view["blocks"] if b.get("type") == "input"}


async def test_a_spanish_patron_gets_spanish_buttons_and_a_spanish_edit_form(
    bot: SlackBot,
) -> None:
    add_spanish_patron(bot)
    card = await _card(bot, SPANISH)
    assert action_ids(card) == ["illbot_answer:0", "illbot_edit_request"]
    submit = button(card, "illbot_answer:0")
    edit = button(card, "illbot_edit_request")
    assert (submit["text"]["text"], submit["value"]) == ("Enviar", "yes")  # "yes" is read anyway
    assert edit["text"]["text"] == "Editar"
    assert bot.requests() == []

    await bot.slack.click(SPANISH, edit, channel="DES", message=_message(card))
    (opened,) = await bot.fake.wait_for("views.open")
    view = opened.params["view"]
    assert (view["title"]["text"], view["submit"]["text"], view["close"]["text"]) == (
        "Su solicitud",
        "Solicitarlo",
        "Cancelar",
    )
    inputs = _inputs(view)
    labels = {name: block["label"]["text"] for name, block in inputs.items()}
    assert labels["title"] == "Título" and labels["author"] == "Autor"
    assert labels["need_by"] == "Lo necesita para el"
    assert labels["max_cost"] == "Costo máximo que pagará (USD)"
    assert inputs["title"]["element"]["initial_value"] == "Sapiens"
    formats = [o["text"]["text"] for o in inputs["format"]["element"]["options"]]
    assert formats[:4] == ["Libro", "Libro, ejemplar impreso", "Libro electrónico", "Audiolibro"]

    # A form with mistakes is answered in Spanish, by field, and nothing is recorded.
    values = {
        "title": {"type": "plain_text_input", "value": "Sapiens"},
        "format": {"type": "static_select", "selected_option": {"value": "book"}},
        "copies": {"type": "plain_text_input", "value": "0"},
        "max_cost": {"type": "plain_text_input", "value": "mucho"},
    }
    submission = {
        "type": "view_submission",
        "user": {"id": SPANISH},
        "view": {
            "id": "VES1",
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "state": {"values": {block: {block: v} for block, v in values.items()}},
        },
    }
    status, answer = await bot.slack.interact_answer(submission)
    assert status == 200
    assert json.loads(answer) == {
        "response_action": "errors",
        "errors": {
            "copies": "Escriba un número de ejemplares del 1 al 99.",
            "max_cost": "Escriba una cantidad en dólares, por ejemplo 15 o 0.",
        },
    }
    assert bot.requests() == []


async def test_the_spanish_card_names_the_format_in_spanish_and_submit_goes_on(
    bot: SlackBot,
) -> None:
    add_spanish_patron(bot)
    card = await _card(bot, SPANISH)
    assert "libro" in card.params["text"] and "book" not in card.params["text"]
    submit = button(card, "illbot_answer:0")
    await bot.slack.click(SPANISH, submit, channel="DES", message=_message(card))
    after = (await bot.dms(SPANISH, 2))[-1]
    # "Enviar" answered yes: SJPL's next question (what it may cost) comes, not the card again.
    assert after.params["text"] != card.params["text"] and "Sapiens" in after.params["text"]
    assert "illbot_edit_request" not in action_ids(after)


async def test_an_english_patrons_card_stays_english_beside_a_spanish_one(bot: SlackBot) -> None:
    add_spanish_patron(bot)
    card = await _card(bot, "UFAC")
    assert button(card, "illbot_answer:0")["text"]["text"] == "Submit"
    assert button(card, "illbot_edit_request")["text"]["text"] == "Edit"
    await bot.slack.click(
        "UFAC", button(card, "illbot_edit_request"), channel="DFAC", message=_message(card)
    )
    (opened,) = await bot.fake.wait_for("views.open")
    view = opened.params["view"]
    assert view["title"]["text"] == "Your request"
    assert _inputs(view)["need_by"]["label"]["text"] == "Needed by"
