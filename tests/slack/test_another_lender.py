"""A lender's charge asked again in Slack offers a button to try another lender."""

from __future__ import annotations

import asyncio

from tests.slack.conftest import STAFF, STAFFER, SlackBot, button


async def test_the_charge_asked_again_has_an_another_library_button_that_sends_it_back(
    bot: SlackBot,
) -> None:
    await bot.slack.dm("UFAC", "Please get me ISBN 9780134477824, up to $10")
    await bot.dms("UFAC")
    await bot.slack.command(STAFFER, "staff fee ILL-1 amount 15", STAFF, "ill-staff")
    notice = (await bot.dms("UFAC", 2))[-1]
    assert "Do you want to pay $15.00?" in notice.params["text"]
    await bot.slack.dm("UFAC", "where are my requests?")  # the question waits, then comes back
    asked = (await bot.dms("UFAC", 4))[-1]
    values = [b["value"] for b in asked.params["blocks"][-1]["elements"]]
    assert values == ["yes", "no", "another library"]
    labels = [b["text"]["text"] for b in asked.params["blocks"][-1]["elements"]]
    assert labels[-1] == "Another library"
    message = {"ts": "1700000000.000009", "blocks": asked.params["blocks"]}
    await bot.slack.click("UFAC", button(asked, "another library"), channel="DFAC", message=message)
    done = (await bot.dms("UFAC", 5))[-1]
    assert "asked our staff to look for another library" in done.params["text"]
    (request,) = bot.requests()
    assert (request.status, request.lender_fee_cents, request.fee_cents) == ("submitted", None, 0)
    for _ in range(50):  # the staff thread's line follows the patron's answer
        staff = [c.params["text"] for c in bot.fake.called("chat.postMessage", channel=STAFF)]
        if any("asked for another lender" in text for text in staff):
            break
        await asyncio.sleep(0.1)
    line = next(text for text in staff if "asked for another lender" in text)
    assert "will not pay the $15.00" in line and "their most is $10.00" in line
