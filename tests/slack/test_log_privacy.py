"""What the Slack transport logs carries request refs and row ids, never who: no Slack user ids,
names or email addresses, whatever the patron or staff did."""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.slack.conftest import STAFF, STAFFER, SlackBot, button

WHO = ["UMAIL", "UVS", STAFFER, "USTAFF2", "mail@jjay.example", "vs@jjay.example", "UNOBODY"]


async def test_the_logs_name_requests_and_rows_never_people(
    bot: SlackBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    caplog.set_level(logging.DEBUG, logger="handlers")
    caplog.set_level(logging.INFO)
    bot.fake.users["UMAIL"] = "mail@jjay.example"
    await bot.slack.dm("UMAIL", "Please get me ISBN 9780134477824")  # linked by email
    await bot.dms("UMAIL")
    await bot.slack.dm("UNOBODY", "hello")  # users.info does not know them
    await bot.dms("UNOBODY")
    await bot.slack.dm("UVS", "get me ISBN 9780134477824")
    staff = await bot.fake.wait_for("chat.postMessage", 2, channel=STAFF)  # queue post, escalation
    (posted,) = [c for c in staff if "Staff needed" in c.blocks_text()]
    message = {"ts": "1700000000.000002", "text": posted.params["text"]}
    await bot.slack.click(
        STAFFER, button(posted, "illbot_staff_approve"), channel=STAFF, message=message
    )
    await bot.dms("UVS", 2)
    await bot.slack.command("USTAFF2", "staff sent ILL-1 lender NYPL", STAFF, "ill-staff")
    await bot.slack.command("USTAFF2", "staff sent ILL-1 lender NYPL", STAFF, "ill-staff")
    await bot.fake.wait_for("respond", 2)
    await bot.slack.click(
        "UMAIL", button(posted, "illbot_staff_deny"), channel="DMAIL", message=message
    )
    await asyncio.sleep(1.0)
    logged = caplog.text
    assert "ILL-1" in logged and "slack outbox" in logged  # the logs still say what happened
    assert [who for who in WHO if who.lower() in logged.lower()] == []
