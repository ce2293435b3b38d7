"""Block Kit limits: long escalations and many candidates still reach Slack, and still work."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.blocks import answer_blocks, question_blocks
from bot.slack.limits import LimitedWebClient, fit_blocks, fit_view
from handlers.core import handle_message
from handlers.messages import Inbound
from store.db import transaction
from store.models import IllRequest
from store.outbox import enqueue
from tests.slack.conftest import STAFF, SlackBot, action_ids, button
from tests.slack.fake_slack import Call, FakeSlack, wait_until

# A patron's pasted reading list: 63 lines of 2,900 characters, 63 section blocks as it was.
READING_LIST = "\n".join(f"{n:02d}. " + "Smith, J. A study of things; " * 100 for n in range(63))


def _isbn(n: int) -> str:
    """A valid ISBN-13 in the 978-0-00 range, the nth of them."""
    body = f"97800000{n:04d}"
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10) % 10
    return f"{body}{check}"


def _sent_escalations(bot: SlackBot) -> list[int]:
    return [r.id for r in bot.outbox() if r.kind == "escalation" and r.state == "sent"]


def _menu(call: Call) -> dict[str, Any]:
    (menu,) = [
        e
        for b in call.params["blocks"]
        for e in b.get("elements") or []
        if e.get("type") == "static_select"
    ]
    return dict(menu)


async def test_the_fake_slack_refuses_more_than_50_blocks_as_slack_does(
    fake_slack: FakeSlack,
) -> None:
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"part {n}"}} for n in range(63)
    ]
    plain_client = AsyncWebClient(token="xoxb-test", base_url=fake_slack.url)
    try:
        await plain_client.chat_postMessage(channel=STAFF, text="long", blocks=blocks)
    except SlackApiError as exc:
        assert exc.response["error"] == "invalid_blocks"
    else:
        raise AssertionError("63 blocks were accepted")
    limited = LimitedWebClient(token="xoxb-test", base_url=fake_slack.url)
    response = await limited.chat_postMessage(channel=STAFF, text="long", blocks=blocks)
    assert response["ok"]
    refused, sent = fake_slack.called("chat.postMessage")
    assert len(refused.params["blocks"]) == 63
    assert len(sent.params["blocks"]) == 50
    assert "… and 14 more not shown" in sent.blocks_text()


async def test_an_escalation_with_a_long_conversation_is_posted_whole_enough(
    bot: SlackBot,
) -> None:
    text = f"ILL-1 needs an approval: the patron wrote\n{READING_LIST}"
    with transaction(bot.runtime.sessions) as session:
        enqueue(
            session,
            bot.clock.now(),
            kind="escalation",
            channel="slack",
            patron_id="jj-vs",
            address="staff",
            thread="",
            request_id=None,
            template="escalation_approval",
            context={"patron_ref": "jj-vs"},
            meta={"request": "ILL-1", "status": "awaiting_approval"},
            text=text,
        )
    (posted,) = await bot.fake.wait_for("chat.postMessage", channel=STAFF)
    blocks = posted.params["blocks"]
    assert len(blocks) <= 50
    assert "Staff needed* · ILL-1" in blocks[0]["text"]["text"]
    assert action_ids(posted) == ["illbot_staff_approve", "illbot_staff_deny", "illbot_staff_reply"]
    assert "01. Smith" in posted.blocks_text()  # the start of what the patron wrote is there
    assert "more characters not shown" in posted.blocks_text()
    assert "`illbot requests show ILL-1`" in posted.blocks_text()  # where the rest is
    await wait_until(lambda: _sent_escalations(bot), 1, 5, "the escalation recorded as sent")


async def test_which_one_offers_all_30_candidates_in_a_menu_that_answers_it(
    bot: SlackBot,
) -> None:
    with transaction(bot.runtime.sessions) as session:
        for n in range(1, 11):  # the profile takes 10 requests a term: the first 10 by mail
            inbound = Inbound(
                channel="email",
                sender="fac@jjay.example",
                text=f"Please get me ISBN {_isbn(n)}",
                at=bot.clock.now(),
                transport_id=f"<r{n}@jjay.example>",
            )
            handle_message(session, inbound, bot.runtime.library)
    with transaction(bot.runtime.sessions) as session:  # and 20 more as staff would add them
        first = session.get(IllRequest, 1)
        assert first is not None
        columns = [c.key for c in IllRequest.__table__.columns if c.key != "id"]
        for n in range(11, 31):
            fields = {key: getattr(first, key) for key in columns}
            session.add(IllRequest(**{**fields, "isbn": _isbn(n), "item_key": f"isbn:{_isbn(n)}"}))
    assert len([r for r in bot.requests() if r.status == "submitted"]) == 30
    await bot.slack.dm("UFAC", "cancel")
    (question,) = await bot.dms("UFAC")
    assert "Which request do you mean?" in question.params["text"]
    menu = _menu(question)
    assert [o["value"] for o in menu["options"]] == [f"ILL-{n}" for n in range(1, 31)]
    picked = next(o for o in menu["options"] if o["value"] == "ILL-17")
    action = {
        "type": "static_select",
        "action_id": menu["action_id"],
        "block_id": "illbot_answer",
        "selected_option": picked,
    }
    message = {"ts": "1700000000.000031", "blocks": question.params["blocks"]}
    assert await bot.slack.click("UFAC", action, channel="DFAC", message=message) == 200
    confirm = (await bot.dms("UFAC", 2))[-1]
    assert "Cancel ILL-17" in confirm.params["text"]
    (update,) = await bot.fake.wait_for("chat.update", channel="DFAC")
    assert "You answered: *ILL-17*" in update.blocks_text()
    assert action_ids(update) == []  # the menu is gone: no second answer by mistake
    await bot.slack.click("UFAC", button(confirm, "yes"), channel="DFAC", message={"ts": "9.1"})
    done = (await bot.dms("UFAC", 3))[-1]
    assert "Cancelled: ILL-17" in done.params["text"]
    cancelled = [r.id for r in bot.requests() if r.status == "cancelled"]
    assert cancelled == [17]


def test_a_few_choices_stay_buttons() -> None:
    blocks = question_blocks(
        "Which request do you mean?",
        "which",
        {},
        {"outcome": "needs_info", "requests": ["ILL-1", "ILL-2", "ILL-3"]},
    )
    assert blocks is not None
    assert [e["type"] for e in blocks[-1]["elements"]] == ["button"] * 3


def test_more_than_100_choices_offer_the_first_100_and_say_so() -> None:
    refs = [f"ILL-{n}" for n in range(1, 131)]
    blocks = question_blocks(
        "Which request do you mean?", "which", {}, {"outcome": "needs_info", "requests": refs}
    )
    assert blocks is not None
    menu = blocks[-2]["elements"][0]
    assert len(menu["options"]) == 100
    assert "30 more not shown" in blocks[-1]["elements"][0]["text"]
    assert "reply with the one you mean" in blocks[-1]["elements"][0]["text"]


def test_a_spanish_menu_says_in_spanish_what_it_left_out() -> None:
    answers = [(f"ILL-{n}", f"ILL-{n}") for n in range(1, 131)]
    note = answer_blocks(answers, "es")[-1]["elements"][0]["text"]
    assert "y 30 más sin mostrar" in note and "not shown" not in note


def test_every_text_is_cut_to_its_limit_and_buttons_survive_a_long_message() -> None:
    long = "x" * 5000
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": long}},
        *[{"type": "section", "text": {"type": "mrkdwn", "text": long}} for _ in range(60)],
        {
            "type": "actions",
            "elements": [{"type": "button", "text": plain_text(long), "value": long}],
        },
    ]
    fitted = fit_blocks(blocks, where="see `illbot requests show ILL-4`")
    assert len(fitted) == 50
    assert len(fitted[0]["text"]["text"]) == 150 and fitted[0]["text"]["text"].endswith("…")
    assert {len(b["text"]["text"]) for b in fitted[1:48]} == {3000}
    assert "… and 13 more not shown · see `illbot requests show ILL-4`" in str(fitted[48])
    (element,) = fitted[49]["elements"]
    assert len(element["text"]["text"]) == 75 and len(element["value"]) == 2000
    assert len(blocks[1]["text"]["text"]) == 5000  # what the caller built is left alone
    view = fit_view(
        {"type": "modal", "title": plain_text("Renew a loan for a patron"), "blocks": []}
    )
    assert view["title"]["text"] == "Renew a loan for a patr…"  # 24 characters


def plain_text(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}
