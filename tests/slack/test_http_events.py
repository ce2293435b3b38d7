"""The HTTP endpoint: direct messages recorded and acknowledged without Bolt, the rest by Bolt."""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import text

from store.db import transaction
from tests.slack.conftest import SlackBot

ISBN_REQUEST = "Please get me ISBN 9780134477824"
# A store that cannot take the row (a full disk, a broken file): SQLite refuses it for real.
REFUSE = (
    "CREATE TRIGGER refuse_inbox BEFORE INSERT ON inbox"
    " WHEN NEW.transport_id LIKE '%EvRefused%'"
    " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
)


async def test_slack_s_url_check_is_answered_with_its_challenge(bot: SlackBot) -> None:
    body = json.dumps({"type": "url_verification", "token": "t", "challenge": "c4ll3ng3"})
    status, answer = await bot.slack.post(body, "application/json")
    assert (status, "c4ll3ng3" in answer) == (200, True)


async def test_a_dm_the_store_cannot_record_gets_500_and_its_retry_is_answered_once(
    bot: SlackBot,
) -> None:
    with transaction(bot.runtime.sessions) as session:
        session.execute(text(REFUSE))
    assert await bot.slack.dm("UFAC", ISBN_REQUEST, event_id="EvRefused") == 500
    await asyncio.sleep(0.5)
    assert bot.requests() == []  # not acknowledged, so not acted on: Slack delivers it again
    assert not bot.fake.called("chat.postMessage")
    with transaction(bot.runtime.sessions) as session:
        session.execute(text("DROP TRIGGER refuse_inbox"))
    assert await bot.slack.dm("UFAC", ISBN_REQUEST, event_id="EvRefused", retry=1) == 200
    (reply,) = await bot.dms("UFAC")
    assert "as ILL-1" in reply.params["text"]
    assert len(bot.requests()) == 1


async def test_a_dm_in_a_channel_is_acknowledged_and_not_answered(bot: SlackBot) -> None:
    event = {"type": "message", "channel_type": "channel", "channel": "CGEN", "user": "UFAC"}
    event["text"] = ISBN_REQUEST
    body = json.dumps({"type": "event_callback", "event_id": "EvChannel", "event": event})
    status, _ = await bot.slack.post(body, "application/json")
    assert status == 200
    await asyncio.sleep(0.5)
    assert bot.requests() == []
    assert not bot.fake.called("chat.postMessage")


async def test_a_body_that_is_not_json_is_refused_by_bolt(bot: SlackBot) -> None:
    status, _ = await bot.slack.post('{"type": "event_callback", oops', "application/json")
    assert status == 400
    assert bot.requests() == []
