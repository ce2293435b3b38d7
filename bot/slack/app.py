"""The Bolt app: every listener acknowledges at once and leaves the real work to run after.

Slack wants an answer within 3 seconds; the core, the store and the Web API calls happen in
tracked background work (bot/slack/inflight.py) so a slow store never makes Slack retry.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.slack.blocks import ANSWER, APPROVE, DENY, REPLY, REPLY_FORM, REPLY_INPUT, reply_form
from bot.slack.config import Deps
from bot.slack.home import CANCEL, RENEW, publish_home
from bot.slack.inbound import (
    click_inbound,
    clicked_channel,
    command_inbound,
    is_staff_command,
    message_inbound,
)
from bot.slack.patron import handle_click, handle_home_click, handle_patron
from bot.slack.staff import (
    NOT_HERE,
    from_staff_channel,
    run_staff_command,
    send_reply,
    settle_click,
)

log = logging.getLogger(__name__)
REF = re.compile(r"^ILL-\d{1,9}$")
Payload = dict[str, Any]
IN_DM = "I'll answer you in our direct messages."


def build_app(deps: Deps) -> AsyncApp:
    """Build the Bolt app with the patron and staff listeners."""
    app = AsyncApp(
        client=deps.client,
        signing_secret=deps.config.signing_secret,
        name="illbot",
        logger=logging.getLogger("illbot.slack.bolt"),
        process_before_response=False,  # ack first; the listener body runs after the response
    )
    listeners = Listeners(deps)
    app.event("message")(listeners.message)
    app.event("app_home_opened")(listeners.home_opened)
    app.command("/ill")(listeners.command)
    app.action(re.compile(rf"^{ANSWER}:\d+$"))(listeners.answer)
    app.action(RENEW)(listeners.home_button)
    app.action(CANCEL)(listeners.home_button)
    app.action(APPROVE)(listeners.approve)
    app.action(DENY)(listeners.deny)
    app.action(REPLY)(listeners.open_reply)
    app.view(REPLY_FORM)(listeners.reply_submitted)
    app.error(listeners.failed)
    return app


class Listeners:
    """Convert each Slack payload and hand it on; no decision is taken here."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def message(self, ack: AsyncAck, body: Payload) -> None:
        """A direct message: the core answers it."""
        await ack()
        inbound = message_inbound(body, self.deps.clock.now())
        if inbound is not None:
            self._start(handle_patron(self.deps, inbound), inbound.transport_id)

    async def home_opened(self, ack: AsyncAck, event: Payload) -> None:
        """The patron opened the App Home tab: show their requests."""
        await ack()
        if event.get("tab") == "home" and event.get("user"):
            self._start(publish_home(self.deps, str(event["user"])), "home")

    async def command(self, ack: AsyncAck, command: Payload, respond: AsyncRespond) -> None:
        """`/ill <text>` for patrons, `/ill staff …` for staff in their channel."""
        if is_staff_command(str(command.get("text") or "")):
            await ack()
            self._start(run_staff_command(self.deps, command, respond), "staff command")
            return
        if command.get("channel_name") == "directmessage":
            await ack()
        else:
            await ack(text=IN_DM, response_type="ephemeral")
        inbound = command_inbound(command, self.deps.clock.now())
        self._start(handle_patron(self.deps, inbound), inbound.transport_id)

    async def answer(self, ack: AsyncAck, body: Payload, action: Payload) -> None:
        """A patron answered the bot's question with a button."""
        await ack()
        value, label = str(action.get("value") or ""), str(action["text"]["text"])
        inbound = click_inbound(body, value, self.deps.clock.now())
        self._start(handle_click(self.deps, inbound, body, label), inbound.transport_id)

    async def home_button(self, ack: AsyncAck, body: Payload, action: Payload) -> None:
        """Renew or cancel from the App Home tab."""
        await ack()
        ref = str(action.get("value") or "")
        if not REF.match(ref):
            return
        verb = "renew" if action["action_id"] == RENEW else "cancel"
        inbound = click_inbound(body, f"{verb} {ref}", self.deps.clock.now())
        self._start(handle_home_click(self.deps, inbound), inbound.transport_id)

    async def approve(self, ack: AsyncAck, body: Payload, respond: AsyncRespond) -> None:
        """Staff approve what an escalation asks."""
        await ack()
        self._start(settle_click(self.deps, body, "approve", respond), "approve")

    async def deny(self, ack: AsyncAck, body: Payload, respond: AsyncRespond) -> None:
        """Staff deny what an escalation asks."""
        await ack()
        self._start(settle_click(self.deps, body, "deny", respond), "deny")

    async def open_reply(
        self, ack: AsyncAck, body: Payload, action: Payload, respond: AsyncRespond
    ) -> None:
        """Open the form where staff write to the patron (within the click's 3 seconds)."""
        await ack()
        if not from_staff_channel(self.deps, clicked_channel(body)):
            await respond(text=NOT_HERE, response_type="ephemeral", replace_original=False)
            return
        form = reply_form(int(action["value"]), None)
        await self.deps.client.views_open(trigger_id=body["trigger_id"], view=form)

    async def reply_submitted(self, ack: AsyncAck, body: Payload, view: Payload) -> None:
        """Staff sent the reply form."""
        value = view["state"]["values"][REPLY_INPUT][REPLY_INPUT].get("value") or ""
        if not value.strip():
            await ack(response_action="errors", errors={REPLY_INPUT: "Write a message first."})
            return
        await ack()
        escalation_id, user = int(view["private_metadata"]), str(body["user"]["id"])
        self._start(send_reply(self.deps, escalation_id, user, value), "staff reply")

    async def failed(self, error: Exception, body: Payload) -> None:
        """Log a listener that raised; Slack gets its answer from Bolt."""
        kind = body.get("type") if isinstance(body, dict) else None
        log.error("slack listener failed on a %s payload", kind, exc_info=error)

    def _start(self, work: Any, what: str | None) -> None:
        self.deps.inflight.start(work, what or "slack work")
