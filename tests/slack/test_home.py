"""The App Home tab: open requests with statuses and due dates, renew and cancel by button."""

from __future__ import annotations

from datetime import date, timedelta

from templates.dates import day_words
from tests.slack.conftest import STAFF, STAFFER, SlackBot, action_ids, button
from tests.slack.fake_slack import Call


async def _open_home(bot: SlackBot, user: str, count: int = 1) -> Call:
    await bot.slack.event({"type": "app_home_opened", "user": user, "tab": "home"})
    return (await bot.fake.wait_for("views.publish", count, user_id=user))[-1]


async def _on_loan(bot: SlackBot, due: str) -> None:
    """ILL-1 requested by UFAC, sent, arrived and checked out."""
    await bot.slack.dm("UFAC", "Please get me ISBN 9780134477824")
    await bot.dms("UFAC")
    for step in ("sent ILL-1", f"arrived ILL-1 due {due}", "checked_out ILL-1"):
        await bot.slack.command(STAFFER, f"staff {step}", STAFF, "ill-staff")
    await bot.fake.wait_for("respond", 3)


async def test_home_lists_open_requests_with_status_and_due_date(bot: SlackBot) -> None:
    due = (date.today() + timedelta(days=20)).isoformat()
    await _on_loan(bot, due)
    await bot.slack.dm("UFAC", "Please get me ISBN 9780262033848")
    await bot.dms("UFAC", 4)
    home = await _open_home(bot, "UFAC")
    shown = home.blocks_text()
    words = day_words(date.fromisoformat(due), date.today())  # "Due Monday, December 21"
    assert "*ILL-1*" in shown and "checked out to you" in shown and f"Due {words}" in shown
    assert "*ILL-2*" in shown and "waiting for ILL staff" in shown
    # ILL-1 is on loan (renew), ILL-2 not yet (cancel)
    assert action_ids(home) == ["illbot_home_renew", "illbot_home_cancel"]


async def test_renew_from_home_asks_the_lender_and_shows_the_new_status(bot: SlackBot) -> None:
    await _on_loan(bot, (date.today() + timedelta(days=20)).isoformat())
    home = await _open_home(bot, "UFAC")
    renew = button(home, "illbot_home_renew")
    await bot.slack.click("UFAC", renew, view={"id": "VHOME", "type": "home"})
    answer = (await bot.dms("UFAC", 4))[-1]
    assert "asked the lending library to renew" in answer.params["text"]
    again = await _open_home(bot, "UFAC", 2)
    assert "a renewal is waiting for the lender" in again.blocks_text()
    assert [r.status for r in bot.requests()] == ["renewal_requested"]


async def test_cancel_from_home_asks_first_and_yes_cancels(bot: SlackBot) -> None:
    await bot.slack.dm("UFAC", "Please get me ISBN 9780134477824")
    await bot.dms("UFAC")
    home = await _open_home(bot, "UFAC")
    await bot.slack.click("UFAC", button(home, "illbot_home_cancel"), view={"id": "VHOME"})
    question = (await bot.dms("UFAC", 2))[-1]
    assert "Cancel ILL-1" in question.params["text"]
    await bot.slack.click("UFAC", button(question, "yes"), channel="DFAC", message={"ts": "1.2"})
    done = (await bot.dms("UFAC", 3))[-1]
    assert "Cancelled: ILL-1" in done.params["text"]
    back_home = await _open_home(bot, "UFAC", 3)  # Slack says so each time the tab is opened
    assert "You have no open requests" in back_home.blocks_text()


async def test_home_tells_someone_unknown_how_to_register(bot: SlackBot) -> None:
    home = await _open_home(bot, "UNEW")
    assert "registration form" in home.blocks_text()
    assert action_ids(home) == []
