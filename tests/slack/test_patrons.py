"""Patrons in Slack: direct messages, `/ill`, question buttons, and who they are."""

from __future__ import annotations

import time

from tests.slack.conftest import SlackBot, action_ids, button

ISBN_REQUEST = "Please get me ISBN 9780134477824"


async def test_a_direct_message_request_is_answered_in_the_dm(bot: SlackBot) -> None:
    started = time.monotonic()
    assert await bot.slack.dm("UFAC", ISBN_REQUEST) == 200
    assert time.monotonic() - started < 3  # acknowledged well inside Slack's 3 seconds
    (reply,) = await bot.dms("UFAC")
    assert "I've requested ISBN 9780134477824 for you as ILL-1" in reply.params["text"]
    assert [r.status for r in bot.requests()] == ["submitted"]


async def test_ill_command_is_answered_privately_in_the_dm(bot: SlackBot) -> None:
    status, ack = await bot.slack.command("UFAC", ISBN_REQUEST, "CGENERAL", "general")
    assert status == 200
    assert '"response_type": "ephemeral"' in ack or '"response_type":"ephemeral"' in ack
    assert "direct messages" in ack
    (reply,) = await bot.dms("UFAC")
    assert "as ILL-1" in reply.params["text"]
    assert not bot.fake.called("chat.postMessage", channel="CGENERAL")


async def test_ill_command_without_words_shows_help(bot: SlackBot) -> None:
    status, ack = await bot.slack.command("UFAC", "")
    assert status == 200 and ack == ""
    (reply,) = await bot.dms("UFAC")
    assert "ILL-" in reply.params["text"] or "ISBN" in reply.params["text"]


async def test_someone_not_in_the_directory_is_told_how_to_register(bot: SlackBot) -> None:
    await bot.slack.dm("UNEW", ISBN_REQUEST)
    (reply,) = await bot.dms("UNEW")
    assert "don't have you in the library's directory" in reply.params["text"]
    assert "registration form" in reply.params["text"]
    assert bot.requests() == []


async def test_a_patron_is_found_by_the_email_slack_reports(bot: SlackBot) -> None:
    bot.fake.users["UMAIL"] = "mail@jjay.example"
    await bot.slack.dm("UMAIL", ISBN_REQUEST)
    (reply,) = await bot.dms("UMAIL")
    assert "as ILL-1" in reply.params["text"]
    assert bot.patron("jj-mail").slack == "UMAIL"
    await bot.slack.dm("UMAIL", "status")
    await bot.dms("UMAIL", 2)
    assert len(bot.fake.called("users.info")) == 1  # linked once, then known by Slack id


async def test_an_email_already_linked_to_another_slack_user_is_not_taken_over(
    bot: SlackBot,
) -> None:
    bot.fake.users["UIMPOSTOR"] = "fac@jjay.example"  # jj-fac is UFAC in the directory
    await bot.slack.dm("UIMPOSTOR", "status")
    (reply,) = await bot.dms("UIMPOSTOR")
    assert "don't have you in the library's directory" in reply.params["text"]
    assert bot.patron("jj-fac").slack == "UFAC"


async def test_which_request_question_has_buttons_that_answer_it(bot: SlackBot) -> None:
    await bot.slack.dm("UFAC", ISBN_REQUEST)
    await bot.slack.dm("UFAC", "Please get me ISBN 9780262033848")
    await bot.dms("UFAC", 2)
    await bot.slack.dm("UFAC", "cancel")
    question = (await bot.dms("UFAC", 3))[-1]
    assert "Which request do you mean?" in question.params["text"]
    assert [b["value"] for b in question.params["blocks"][-1]["elements"]] == ["ILL-1", "ILL-2"]
    message = {"ts": "1700000000.000003", "blocks": question.params["blocks"]}
    await bot.slack.click("UFAC", button(question, "ILL-2"), channel="DFAC", message=message)
    confirm = (await bot.dms("UFAC", 4))[-1]
    assert "Cancel ILL-2" in confirm.params["text"]
    assert [b["value"] for b in confirm.params["blocks"][-1]["elements"]] == ["yes", "no"]
    (update,) = await bot.fake.wait_for("chat.update", channel="DFAC")
    assert "You answered: *ILL-2*" in update.blocks_text()
    assert action_ids(update) == []  # the buttons are gone: no second answer by mistake
    await bot.slack.click("UFAC", button(confirm, "yes"), channel="DFAC", message={"ts": "9.1"})
    done = (await bot.dms("UFAC", 5))[-1]
    assert "Cancelled: ILL-2" in done.params["text"]
    assert [r.status for r in bot.requests()] == ["submitted", "cancelled"]
