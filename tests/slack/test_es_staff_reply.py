"""Staff write to a Spanish-speaking patron: staff's card and form stay English, the frame around
their words reaches the patron in Spanish, and the words themselves go as staff wrote them."""

from __future__ import annotations

from tests.slack.conftest import (
    SPANISH,
    STAFF,
    STAFFER,
    SlackBot,
    action_ids,
    add_spanish_patron,
    button,
)


async def test_a_staff_reply_reaches_a_spanish_patron_in_a_spanish_frame(bot: SlackBot) -> None:
    add_spanish_patron(bot)
    await bot.slack.dm(SPANISH, "I'd like to talk to a librarian please")
    (posted,) = await bot.fake.wait_for("chat.postMessage", channel=STAFF)
    assert action_ids(posted) == ["illbot_staff_reply"]
    reply = button(posted, "illbot_staff_reply")
    assert reply["text"]["text"] == "Reply to patron"  # staff read English
    message = {"ts": "1700000000.000100", "text": posted.params["text"]}
    message["blocks"] = posted.params["blocks"]
    await bot.slack.click(STAFFER, reply, channel=STAFF, message=message)
    (opened,) = await bot.fake.wait_for("views.open")
    view = opened.params["view"]
    assert view["title"]["text"] == "Reply to patron"
    said = "Hola Lucía, la llamo mañana."
    submission = {
        "type": "view_submission",
        "user": {"id": STAFFER},
        "view": {
            "id": "VES9",
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "state": {"values": {"reply": {"reply": {"type": "plain_text_input", "value": said}}}},
        },
    }
    assert await bot.slack.interact(submission) == 200
    sent = (await bot.dms(SPANISH, 2))[-1].params["text"]
    first, words = sent.split("\n", 1)
    assert first.startswith("Un mensaje de ") and first.endswith(":")
    assert "A message from" not in sent
    assert words == said
