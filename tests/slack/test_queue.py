"""The staff queue in Slack: every accepted request posted with what staff need, its thread
following it, next-step buttons opening forms whose submission records the step, `/ill queue`."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import update

from handlers.digest import staff_digest as digest
from store.db import transaction
from store.models import Patron
from templates.dates import day_words
from tests.slack.conftest import STAFF, STAFFER, SlackBot, action_ids, button
from tests.slack.fake_slack import Call

REQUEST = "Please get me ISBN 9780134477824 by 2027-03-01, up to $25, for R&D"
STEPS = [f"illbot_queue:{v}" for v in ("sent", "unfilled", "fee", "arrived")]


def _name(bot: SlackBot, patron_id: str, name: str) -> None:
    with transaction(bot.runtime.sessions) as session:
        session.execute(update(Patron).where(Patron.id == patron_id).values(name=name))


async def _queued(bot: SlackBot, text: str = REQUEST) -> Call:
    """Have a faculty member ask for a book; return the queue post staff got."""
    _name(bot, "jj-fac", "Ada Lovelace")
    await bot.slack.dm("UFAC", text)
    await bot.dms("UFAC")
    (posted,) = await bot.fake.wait_for("chat.postMessage", channel=STAFF)
    await _recorded(bot)
    return posted


async def _recorded(bot: SlackBot) -> None:
    """Wait until the sender has recorded the root post (it commits just after the post)."""
    for _ in range(200):
        rows = [r for r in bot.outbox() if r.template == "staff/request"]
        if rows and "slack" in rows[0].meta:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the staff post was never recorded as sent")


async def _open(bot: SlackBot, posted: Call, step: str, user: str = STAFFER) -> dict[str, Any]:
    """Click a step's button on the queue post; return the form Slack was asked to open."""
    before = len(bot.fake.called("views.open"))
    message = {"ts": "1700000000.000002", "text": posted.params["text"]}
    await bot.slack.click(user, button(posted, step), channel=STAFF, message=message)
    opened = await bot.fake.wait_for("views.open", before + 1)
    return dict(opened[-1].params["view"])


def _submission(
    view: dict[str, Any], values: dict[str, Any], user: str = STAFFER, view_id: str = "V1"
) -> dict[str, Any]:
    state = {block: {block: value} for block, value in values.items()}
    return {
        "type": "view_submission",
        "user": {"id": user},
        "view": {
            "id": view_id,
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "state": {"values": state},
        },
    }


def _text(value: str) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


async def test_an_accepted_request_is_posted_to_staff_with_everything_they_need(
    bot: SlackBot,
) -> None:
    posted = await _queued(bot)
    text = posted.params["text"]
    for fact in (
        "New request ILL-1",
        "Ada Lovelace",
        "fac@jjay.example",
        "faculty",
        "ISBN: 9780134477824",
        "Need by: 2027-03-01",
        "Maximum cost: $25.00",
        "Fee: $0",
    ):
        assert fact in text, fact
    assert "for R&amp;D" in text  # the patron's own words, escaped for Slack
    assert action_ids(posted) == STEPS
    (row,) = [r for r in bot.outbox() if r.kind == "staff_post"]
    assert (row.address, row.channel, row.template) == ("staff", "slack", "staff/request")
    assert row.meta["slack"]["channel"] == STAFF
    # The patron heard first: their answer is the first row of the turn.
    assert bot.outbox()[0].kind == "reply"


async def test_a_request_waiting_for_approval_is_not_queued_until_approved(bot: SlackBot) -> None:
    await bot.slack.dm("UVS", "get me ISBN 9780134477824")
    (escalation,) = await bot.fake.wait_for("chat.postMessage", channel=STAFF)
    assert "Staff needed" in escalation.blocks_text()
    assert not [r for r in bot.outbox() if r.kind == "staff_post"]
    await bot.slack.command(STAFFER, "staff approve ILL-1", STAFF, "ill-staff")
    staff = await bot.fake.wait_for("chat.postMessage", 2, channel=STAFF)
    assert "New request ILL-1" in staff[-1].params["text"]
    assert action_ids(staff[-1]) == STEPS


async def test_the_thread_follows_the_request_notices_and_patron_words(bot: SlackBot) -> None:
    posted = await _queued(bot)
    root = next(r for r in bot.outbox() if r.template == "staff/request").meta["slack"]["ts"]
    await bot.slack.command(STAFFER, "staff sent ILL-1 lender NYPL Main", STAFF, "ill-staff")
    await bot.dms("UFAC", 2)
    await bot.slack.dm("UFAC", "where is ILL-1?")
    await bot.dms("UFAC", 3)
    staff = await bot.fake.wait_for("chat.postMessage", 3, channel=STAFF)
    assert staff[0] is not None and "thread_ts" not in staff[0].params
    replies = staff[1:]
    assert [c.params.get("thread_ts") for c in replies] == [root, root]
    assert "Asked of a lending library" in replies[0].params["text"]
    assert "NYPL Main" in replies[0].params["text"]
    assert "where is ILL-1?" in replies[1].params["text"]
    assert posted.params["text"] not in replies[1].params["text"]


async def test_the_post_buttons_follow_the_status_and_silent_steps_reach_the_thread(
    bot: SlackBot,
) -> None:
    await _queued(bot)
    root = next(r for r in bot.outbox() if r.template == "staff/request").meta["slack"]["ts"]
    await bot.slack.command(STAFFER, "staff sent ILL-1 lender NYPL", STAFF, "ill-staff")
    (edited,) = await bot.fake.wait_for("chat.update", channel=STAFF)
    assert edited.params["ts"] == root
    assert "Status: sent" in edited.params["text"]
    after_sent = [f"illbot_queue:{v}" for v in ("shipped", "arrived", "fee", "unfilled")]
    assert action_ids(edited) == after_sent
    # Shipped sends the patron nothing; staff still see it in the thread, and the buttons move.
    await bot.slack.command(STAFFER, "staff shipped ILL-1", STAFF, "ill-staff")
    edits = await bot.fake.wait_for("chat.update", 2, channel=STAFF)
    assert action_ids(edits[-1]) == ["illbot_queue:arrived", "illbot_queue:fee"]
    staff = await bot.fake.wait_for("chat.postMessage", 3, channel=STAFF)
    shipped = [c for c in staff if "staff recorded *shipped*" in c.params["text"]]
    assert shipped and shipped[0].params["thread_ts"] == root
    # Once it has arrived no lender step is left: the post keeps its text and loses its buttons.
    due = (date.today() + timedelta(days=28)).isoformat()
    await bot.slack.command(STAFFER, f"staff arrived ILL-1 due {due}", STAFF, "ill-staff")
    edits = await bot.fake.wait_for("chat.update", 3, channel=STAFF)
    assert action_ids(edits[-1]) == [] and "Status: ready" in edits[-1].params["text"]


async def test_a_thread_reply_waits_for_its_post_and_is_never_sent_unthreaded(
    bot: SlackBot,
) -> None:
    bot.fake.refuse("chat.postMessage", status=500, error="internal_error", channel=STAFF)
    _name(bot, "jj-fac", "Ada Lovelace")
    await bot.slack.dm("UFAC", REQUEST)
    await bot.dms("UFAC")
    await bot.slack.command(STAFFER, "staff sent ILL-1 lender NYPL", STAFF, "ill-staff")
    await bot.dms("UFAC", 2)
    bot.clock.advance(timedelta(minutes=5))  # past the failed post's backoff
    staff = await bot.fake.wait_for("chat.postMessage", 2, channel=STAFF, timeout=40)
    root, reply = staff[0], staff[1]
    assert "New request ILL-1" in root.params["text"] and "thread_ts" not in root.params
    (row,) = [r for r in bot.outbox() if r.template == "staff/request"]
    assert reply.params["thread_ts"] == row.meta["slack"]["ts"]


async def test_sent_button_opens_a_form_whose_submission_records_the_step(bot: SlackBot) -> None:
    posted = await _queued(bot)
    view = await _open(bot, posted, "illbot_queue:sent")
    assert view["callback_id"] == "illbot_queue_form"
    assert [b["block_id"] for b in view["blocks"]] == ["lender"]
    submitted = _submission(view, {"lender": _text("NYPL <Main>")})
    status, body = await bot.slack.interact_answer(submitted)
    assert (status, body) == (200, "")
    notice = (await bot.dms("UFAC", 2))[-1]
    assert "asked of a lending library" in notice.params["text"]
    (request,) = bot.requests()
    assert (request.status, request.lender) == ("sent", "NYPL <Main>")
    said = await bot.fake.wait_for("chat.postMessage", 3, channel=STAFF)
    recorded = [c for c in said if "recorded on ILL-1" in c.params["text"]]
    assert recorded and f"by <@{STAFFER}>" in recorded[0].params["text"]
    assert recorded[0].params["thread_ts"] == "1700000000.000002"
    # Slack sends the same form again: recorded once, the patron told once.
    assert await bot.slack.interact(submitted) == 200
    await asyncio.sleep(0.5)
    assert len(bot.fake.called("chat.postMessage", channel="UFAC")) == 2


async def test_arrived_form_takes_a_due_date_and_no_renewals(bot: SlackBot) -> None:
    posted = await _queued(bot)
    await bot.slack.command(STAFFER, "staff sent ILL-1 lender NYPL", STAFF, "ill-staff")
    await bot.dms("UFAC", 2)
    due = (date.today() + timedelta(days=28)).isoformat()
    view = await _open(bot, posted, "illbot_queue:arrived")
    option = view["blocks"][1]["element"]["options"][0]
    values = {
        "due": {"type": "datepicker", "selected_date": due},
        "renewable": {"type": "checkboxes", "selected_options": [option]},
    }
    assert await bot.slack.interact(_submission(view, values)) == 200
    notice = (await bot.dms("UFAC", 3))[-1]
    assert day_words(date.fromisoformat(due), date.today()) in notice.params["text"]  # words
    (request,) = bot.requests()
    assert (request.status, str(request.due_date), request.renewable) == ("ready", due, False)


async def test_bad_form_values_are_answered_in_the_form(bot: SlackBot) -> None:
    posted = await _queued(bot)
    view = await _open(bot, posted, "illbot_queue:fee")
    status, body = await bot.slack.interact_answer(_submission(view, {"amount": _text("abc")}))
    assert status == 200
    answer = json.loads(body)
    assert answer["response_action"] == "errors" and "12.50" in answer["errors"]["amount"]
    view = await _open(bot, posted, "illbot_queue:arrived")
    _, body = await bot.slack.interact_answer(_submission(view, {}))
    assert "due" in json.loads(body)["errors"]
    (request,) = bot.requests()
    assert (request.status, request.lender_fee_cents) == ("submitted", None)


async def test_a_fee_from_the_form_is_recorded(bot: SlackBot) -> None:
    posted = await _queued(bot)
    view = await _open(bot, posted, "illbot_queue:fee")
    assert await bot.slack.interact(_submission(view, {"amount": _text("$12.50")})) == 200
    await bot.fake.wait_for("chat.postMessage", 2, channel=STAFF)
    (request,) = bot.requests()
    assert request.lender_fee_cents == 1250


async def test_an_impossible_step_is_refused_privately(bot: SlackBot) -> None:
    posted = await _queued(bot)
    await bot.slack.command(STAFFER, "staff unfilled ILL-1 reason no lender", STAFF, "ill-staff")
    await bot.dms("UFAC", 2)
    # A button on the post as it was before the step (Slack had not shown the edit yet).
    view = await _open(bot, posted, "illbot_queue:sent")
    assert await bot.slack.interact(_submission(view, {"lender": _text("NYPL")})) == 200
    (told,) = await bot.fake.wait_for("chat.postEphemeral")
    assert told.params["user"] == STAFFER and "Not recorded" in told.params["text"]
    assert [r.status for r in bot.requests()] == ["unfilled"]


async def test_unfilled_form_records_the_reason(bot: SlackBot) -> None:
    posted = await _queued(bot)
    view = await _open(bot, posted, "illbot_queue:unfilled")
    assert await bot.slack.interact(_submission(view, {"reason": _text("no lender")})) == 200
    notice = (await bot.dms("UFAC", 2))[-1]
    assert "ILL-1" in notice.params["text"]
    (request,) = bot.requests()
    assert request.status == "unfilled"


async def test_only_staff_may_use_the_queue_buttons_and_forms(bot: SlackBot) -> None:
    posted = await _queued(bot)
    message = {"ts": "1700000000.000002", "text": posted.params["text"]}
    await bot.slack.click(
        "UFAC", button(posted, "illbot_queue:sent"), channel="DFAC", message=message
    )
    (refusal,) = await bot.fake.wait_for("respond")
    assert "only be taken from the ILL staff channel" in refusal.params["text"]
    assert not bot.fake.called("views.open")
    view = await _open(bot, posted, "illbot_queue:sent")
    submitted = _submission(view, {"lender": _text("NYPL")}, user="UFAC")
    status, body = await bot.slack.interact_answer(submitted)
    assert status == 200 and "Only members" in json.loads(body)["errors"]["lender"]
    assert [r.status for r in bot.requests()] == ["submitted"]


async def test_ill_queue_lists_open_requests_by_need_by_then_age(bot: SlackBot) -> None:
    await bot.slack.dm("UFAC", "Please get me ISBN 9780134477824 by 2027-06-01")
    await bot.dms("UFAC")
    await bot.slack.dm("UFAC2", "Please get me ISBN 9780262033848 by 2027-02-01")
    await bot.dms("UFAC2")
    await bot.slack.dm("UFAC", "Please get me ISBN 9780306406157")
    await bot.dms("UFAC", 2)
    await bot.slack.command(STAFFER, "queue", STAFF, "ill-staff")
    (listing,) = await bot.fake.wait_for("respond")
    text = listing.params["text"]
    assert listing.params["response_type"] == "ephemeral"
    order = [text.index(ref) for ref in ("*ILL-2*", "*ILL-1*", "*ILL-3*")]
    assert order == sorted(order), text
    assert "need by 2027-02-01" in text and "0 days old" in text
    await bot.slack.command(STAFFER, "staff sent ILL-3 lender NYPL", STAFF, "ill-staff")
    await bot.fake.wait_for("respond", 2)
    await bot.slack.command(STAFFER, "queue sent", STAFF, "ill-staff")
    listing = (await bot.fake.wait_for("respond", 3))[-1]
    assert "*ILL-3*" in listing.params["text"] and "*ILL-1*" not in listing.params["text"]
    await bot.slack.command(STAFFER, "queue nonsense", STAFF, "ill-staff")
    usage = (await bot.fake.wait_for("respond", 4))[-1]
    assert "Usage" in usage.params["text"]


async def test_ill_queue_is_only_shown_in_the_staff_channel(bot: SlackBot) -> None:
    await bot.slack.command("UFAC", "queue", "CGENERAL", "general")
    (refusal,) = await bot.fake.wait_for("respond")
    assert refusal.params["response_type"] == "ephemeral"
    assert "only be shown in the ILL staff channel" in refusal.params["text"]


async def test_staff_see_the_queue_on_their_home_tab_and_patrons_do_not(bot: SlackBot) -> None:
    await _queued(bot)
    await bot.slack.event({"type": "app_home_opened", "user": STAFFER, "tab": "home"})
    (home,) = await bot.fake.wait_for("views.publish", user_id=STAFFER)
    shown = home.blocks_text()
    assert "ILL staff queue" in shown and "*ILL-1*" in shown and "Ada Lovelace" in shown
    await bot.slack.event({"type": "app_home_opened", "user": "UFAC", "tab": "home"})
    (patron,) = await bot.fake.wait_for("views.publish", user_id="UFAC")
    assert "ILL staff queue" not in patron.blocks_text()
    assert "Ada Lovelace" not in patron.blocks_text()


async def test_the_daily_digest_is_posted_to_the_channel_not_in_a_thread(bot: SlackBot) -> None:
    await _queued(bot)
    library = bot.runtime.library
    profiles = {
        key: replace(profile, digest_at=time(0, 0) if key == "johnjay" else None)
        for key, profile in library.profiles.items()
    }
    with transaction(bot.runtime.sessions) as session:
        assert digest(session, bot.clock.now(), replace(library, profiles=profiles))
    staff = await bot.fake.wait_for("chat.postMessage", 2, channel=STAFF)
    (posted,) = [c for c in staff if "ILL staff digest" in c.params["text"]]
    assert "thread_ts" not in posted.params and "ILL-1" in posted.params["text"]
