"""Staff in Slack: escalations with buttons, replies to patrons, lender events by `/ill staff`."""

from __future__ import annotations

from datetime import date, timedelta

from templates.dates import day_words
from tests.slack.conftest import STAFF, STAFFER, SlackBot, action_ids, button
from tests.slack.fake_slack import Call

VISITOR_REQUEST = "get me ISBN 9780134477824"


async def _escalation(bot: SlackBot) -> Call:
    """Have the visiting scholar ask for a book; return the escalation posted to staff."""
    await bot.slack.dm("UVS", VISITOR_REQUEST)
    (posted,) = await bot.fake.wait_for("chat.postMessage", channel=STAFF)
    return posted


def _staff_message(posted: Call) -> dict[str, object]:
    params = posted.params
    return {"ts": "1700000000.000002", "text": params["text"], "blocks": params["blocks"]}


async def test_an_escalation_reaches_the_staff_channel_with_the_facts_and_buttons(
    bot: SlackBot,
) -> None:
    posted = await _escalation(bot)
    (reply,) = await bot.dms("UVS")
    assert "needs an approval" in reply.params["text"]
    assert "ILL-1 needs an approval" in posted.params["text"]
    assert "visiting_scholar" in posted.params["text"]
    # The staff channel is a privileged place: staff see who is asking, to reach them.
    assert "vs@jjay.example" in posted.blocks_text()
    assert action_ids(posted) == ["illbot_staff_approve", "illbot_staff_deny", "illbot_staff_reply"]


async def test_approve_click_moves_the_request_on_tells_the_patron_and_shows_who(
    bot: SlackBot,
) -> None:
    posted = await _escalation(bot)
    approve = button(posted, "illbot_staff_approve")
    message = _staff_message(posted)
    assert await bot.slack.click(STAFFER, approve, channel=STAFF, message=message) == 200
    notice = (await bot.dms("UVS", 2))[-1]
    assert "ILL-1" in notice.params["text"]
    (edit,) = await bot.fake.wait_for("chat.update", channel=STAFF)
    assert edit.params["ts"] == posted_ts(bot)
    assert f"Approved by <@{STAFFER}>" in edit.blocks_text()
    assert "illbot_staff_approve" not in action_ids(edit)
    assert [r.status for r in bot.requests()] == ["submitted"]


async def test_deny_click_cancels_the_request_and_a_second_click_does_nothing(
    bot: SlackBot,
) -> None:
    posted = await _escalation(bot)
    deny = button(posted, "illbot_staff_deny")
    await bot.slack.click(STAFFER, deny, channel=STAFF, message=_staff_message(posted))
    (edit,) = await bot.fake.wait_for("chat.update", channel=STAFF)
    assert f"Denied by <@{STAFFER}>" in edit.blocks_text()
    notice = (await bot.dms("UVS", 2))[-1]
    assert "cancel" in notice.params["text"].lower()
    # A colleague clicks the stale Approve button: refused privately, nothing changes.
    approve = button(posted, "illbot_staff_approve")
    await bot.slack.click("USTAFF2", approve, channel=STAFF, message=_staff_message(posted))
    (refusal,) = await bot.fake.wait_for("respond")
    assert refusal.params["response_type"] == "ephemeral"
    assert "already denied" in refusal.params["text"]
    assert [r.status for r in bot.requests()] == ["cancelled"]
    assert len(bot.fake.called("chat.postMessage", channel="UVS")) == 2


async def test_reply_button_opens_a_form_and_the_staff_words_reach_the_patron(
    bot: SlackBot,
) -> None:
    posted = await _escalation(bot)
    reply = button(posted, "illbot_staff_reply")
    await bot.slack.click(STAFFER, reply, channel=STAFF, message=_staff_message(posted))
    (opened,) = await bot.fake.wait_for("views.open")
    view = opened.params["view"]
    assert view["callback_id"] == "illbot_staff_reply_form"
    said = "We have your clearance now <!channel> & will order it."
    submission = {
        "type": "view_submission",
        "user": {"id": STAFFER},
        "view": {
            "id": "V1",
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "state": {"values": {"reply": {"reply": {"type": "plain_text_input", "value": said}}}},
        },
    }
    assert await bot.slack.interact(submission) == 200
    message = (await bot.dms("UVS", 2))[-1]
    assert "about ILL-1" in message.params["text"]
    escaped = "We have your clearance now &lt;!channel&gt; &amp; will order it."
    assert escaped in message.params["text"]
    (edit,) = await bot.fake.wait_for("chat.update", channel=STAFF)
    assert f"Answered by <@{STAFFER}>" in edit.blocks_text()
    assert "illbot_staff_approve" in action_ids(edit)  # still to be approved or denied


async def test_a_person_asked_for_is_escalated_with_only_a_reply_button(bot: SlackBot) -> None:
    await bot.slack.dm("UFAC", "I'd like to talk to a librarian please")
    (posted,) = await bot.fake.wait_for("chat.postMessage", channel=STAFF)
    assert "talk to a librarian" in posted.params["text"]
    assert action_ids(posted) == ["illbot_staff_reply"]


async def test_staff_record_lender_events_from_the_staff_channel(bot: SlackBot) -> None:
    await bot.slack.dm("UFAC", "Please get me ISBN 9780134477824")
    await bot.dms("UFAC")
    due = (date.today() + timedelta(days=30)).isoformat()
    await bot.slack.command(STAFFER, "staff sent ILL-1 lender NYPL Main", STAFF, "ill-staff")
    await bot.slack.command(STAFFER, f"staff arrived ILL-1 due {due}", STAFF, "ill-staff")
    notices = await bot.dms("UFAC", 3)
    assert day_words(date.fromisoformat(due), date.today()) in notices[-1].params["text"]
    said = await bot.fake.wait_for("respond", 2)
    assert all(s.params["response_type"] == "in_channel" for s in said)
    assert f"*arrived* recorded on ILL-1 by <@{STAFFER}>" in said[-1].params["text"]
    (request,) = bot.requests()
    assert (request.status, request.lender, str(request.due_date)) == ("ready", "NYPL Main", due)


async def test_staff_actions_are_refused_outside_the_staff_channel(bot: SlackBot) -> None:
    await bot.slack.dm("UFAC", "Please get me ISBN 9780134477824")
    await bot.dms("UFAC")
    status, _ = await bot.slack.command("UFAC", "staff sent ILL-1", "CGENERAL", "general")
    assert status == 200
    (refusal,) = await bot.fake.wait_for("respond")
    assert refusal.params["response_type"] == "ephemeral"
    assert "only be taken from the ILL staff channel" in refusal.params["text"]
    assert [r.status for r in bot.requests()] == ["submitted"]
    assert len(bot.fake.called("chat.postMessage", channel="UFAC")) == 1


async def test_approve_clicked_outside_the_staff_channel_is_refused(bot: SlackBot) -> None:
    posted = await _escalation(bot)
    approve = button(posted, "illbot_staff_approve")
    await bot.slack.click("UVS", approve, channel="DVS", message=_staff_message(posted))
    (refusal,) = await bot.fake.wait_for("respond")
    assert "only be taken from the ILL staff channel" in refusal.params["text"]
    assert [r.status for r in bot.requests()] == ["awaiting_approval"]


async def test_a_mistyped_staff_command_says_how_to_write_it(bot: SlackBot) -> None:
    await bot.slack.command(STAFFER, "staff arrived seven", STAFF, "ill-staff")
    (said,) = await bot.fake.wait_for("respond")
    assert said.params["response_type"] == "ephemeral"
    assert "must look like ILL-7" in said.params["text"] and "Usage" in said.params["text"]


def posted_ts(bot: SlackBot) -> str:
    """Return the ts Slack gave the escalation, as the bot recorded it."""
    (row,) = [r for r in bot.outbox() if r.kind == "escalation" and "settles" not in r.meta]
    return str(row.meta["slack"]["ts"])


async def test_approving_by_command_also_settles_the_escalation_message(bot: SlackBot) -> None:
    posted = await _escalation(bot)
    await bot.slack.command(STAFFER, "staff approve ILL-1", STAFF, "ill-staff")
    (edit,) = await bot.fake.wait_for("chat.update", channel=STAFF)
    assert edit.params["ts"] == posted_ts(bot)
    assert f"Approved by <@{STAFFER}>" in edit.blocks_text()
    assert action_ids(edit) == ["illbot_staff_reply"]
    assert "ILL-1" in posted.params["text"]
