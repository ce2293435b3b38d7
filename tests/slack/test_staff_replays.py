"""Staff actions under replays, on both backends: a replayed command, click or form records and
notifies once; the same action again on a request moments later is "already recorded"; the
reply form is taken only from members of the staff channel."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from tests.slack.conftest import STAFF, STAFFER, SlackBot, button
from tests.slack.fake_slack import Call

ISBN_REQUEST = "Please get me ISBN 9780134477824"


async def _requested(bot: SlackBot) -> None:
    await bot.slack.dm("UFAC", ISBN_REQUEST)
    await bot.dms("UFAC")


async def _escalation(bot: SlackBot) -> Call:
    await bot.slack.dm("UVS", "get me ISBN 9780134477824")
    (posted,) = await bot.fake.wait_for("chat.postMessage", channel=STAFF)
    await bot.dms("UVS")
    return posted


def _answers(bot: SlackBot) -> list[str]:
    return [str(c.params["text"]) for c in bot.fake.called("respond")]


def _submission(view_id: str, user: str, metadata: str, said: str) -> dict[str, Any]:
    value = {"type": "plain_text_input", "value": said}
    return {
        "type": "view_submission",
        "user": {"id": user},
        "view": {
            "id": view_id,
            "type": "modal",
            "callback_id": "illbot_staff_reply_form",
            "private_metadata": metadata,
            "state": {"values": {"reply": {"reply": value}}},
        },
    }


async def _reply_form(bot: SlackBot, posted: Call) -> str:
    """Click Reply on the escalation; return the form's private metadata."""
    message = {"ts": "1700000000.000002", "text": posted.params["text"]}
    await bot.slack.click(
        STAFFER, button(posted, "illbot_staff_reply"), channel=STAFF, message=message
    )
    (opened,) = await bot.fake.wait_for("views.open")
    return str(opened.params["view"]["private_metadata"])


async def test_a_replayed_fee_command_records_and_notifies_once(any_bot: SlackBot) -> None:
    bot = any_bot
    await _requested(bot)
    text = "staff fee ILL-1 amount 5"
    await bot.slack.command(STAFFER, text, STAFF, "ill-staff", trigger_id="trig.fee.1")
    notices = await bot.dms("UFAC", 2)
    await bot.fake.wait_for("respond")
    await bot.slack.command(STAFFER, text, STAFF, "ill-staff", trigger_id="trig.fee.1")
    said = await bot.fake.wait_for("respond", 2)
    await asyncio.sleep(1.0)
    assert len(bot.fake.called("chat.postMessage", channel="UFAC")) == len(notices) == 2
    assert "*fee* recorded on ILL-1" in said[0].params["text"]
    assert said[1].params["text"].startswith("Already recorded")
    assert said[1].params["response_type"] == "ephemeral"


async def test_the_same_action_typed_again_soon_is_already_recorded(any_bot: SlackBot) -> None:
    bot = any_bot
    await _requested(bot)
    await bot.slack.command(STAFFER, "staff fee ILL-1 amount 5", STAFF, "ill-staff")
    await bot.dms("UFAC", 2)
    await bot.fake.wait_for("respond")
    # A colleague, a minute later, types the same charge in other words.
    await bot.slack.command("USTAFF2", "staff fee ILL-1 amount $5.00", STAFF, "ill-staff")
    said = await bot.fake.wait_for("respond", 2)
    assert said[1].params["text"].startswith("Already recorded")
    assert "'fee' was recorded on ILL-1 at" in said[1].params["text"]
    await asyncio.sleep(1.0)
    assert len(bot.fake.called("chat.postMessage", channel="UFAC")) == 2
    # A different amount is a correction, not a replay: it is recorded and the patron told.
    await bot.slack.command(STAFFER, "staff fee ILL-1 amount 7", STAFF, "ill-staff")
    said = await bot.fake.wait_for("respond", 3)
    assert "*fee* recorded on ILL-1" in said[2].params["text"]
    await bot.dms("UFAC", 3)


async def test_a_replayed_approve_click_approves_and_notifies_once(any_bot: SlackBot) -> None:
    bot = any_bot
    posted = await _escalation(bot)
    approve = {**button(posted, "illbot_staff_approve"), "action_ts": "1700000999.000001"}
    message = {"ts": "1700000000.000002", "text": posted.params["text"]}
    payload = {
        "type": "block_actions",
        "user": {"id": STAFFER},
        "trigger_id": "trig.approve.1",
        "response_url": bot.fake.response_url,
        "actions": [approve],
        "channel": {"id": STAFF},
        "container": {"type": "message", "channel_id": STAFF},
        "message": message,
    }
    assert await bot.slack.interact(payload) == 200
    await bot.dms("UVS", 2)
    assert await bot.slack.interact(payload) == 200  # Slack delivers the click again
    await asyncio.sleep(1.5)
    assert len(bot.fake.called("chat.postMessage", channel="UVS")) == 2
    assert len(bot.fake.called("chat.update", channel=STAFF)) == 1
    assert not bot.fake.called("respond")  # no "already approved" noise for a replay
    assert [r.status for r in bot.requests()] == ["submitted"]


async def test_a_patron_cannot_send_the_staff_reply_form(any_bot: SlackBot) -> None:
    bot = any_bot
    posted = await _escalation(bot)
    metadata = await _reply_form(bot, posted)
    forged = _submission("VFORGED", "UVS", metadata, "Your fee is waived, says the office")
    status, body = await bot.slack.interact_answer(forged)
    assert status == 200
    answer = json.loads(body)
    assert answer["response_action"] == "errors"
    assert "Only members of the ILL staff channel" in answer["errors"]["reply"]
    await asyncio.sleep(1.0)
    assert len(bot.fake.called("chat.postMessage", channel="UVS")) == 1  # only the first reply
    assert not bot.fake.called("chat.update")  # the escalation shows no answer


async def test_a_replayed_reply_form_delivers_one_message(any_bot: SlackBot) -> None:
    bot = any_bot
    posted = await _escalation(bot)
    metadata = await _reply_form(bot, posted)
    submission = _submission("VREPLY1", STAFFER, metadata, "We have your clearance now.")
    status, body = await bot.slack.interact_answer(submission)
    assert (status, body) == (200, "")  # the form closes
    (message,) = (await bot.dms("UVS", 2))[1:]
    assert "We have your clearance now." in message.params["text"]
    assert await bot.slack.interact(submission) == 200  # Slack sends the same form again
    await asyncio.sleep(1.5)
    assert len(bot.fake.called("chat.postMessage", channel="UVS")) == 2
    assert len(bot.fake.called("chat.update", channel=STAFF)) == 1


async def test_the_form_is_refused_when_slack_cannot_say_who_is_staff(bot: SlackBot) -> None:
    posted = await _escalation(bot)
    metadata = await _reply_form(bot, posted)
    bot.fake.refuse("conversations.members", status=500, error="internal_error", times=3)
    status, body = await bot.slack.interact_answer(
        _submission("VREPLY2", STAFFER, metadata, "Hello")
    )
    assert status == 200
    assert "could not check" in json.loads(body)["errors"]["reply"]
    await asyncio.sleep(1.0)
    assert len(bot.fake.called("chat.postMessage", channel="UVS")) == 1
