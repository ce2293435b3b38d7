"""The Bolt app: every listener records, acknowledges, and leaves the real work to run after.

Slack wants an answer within 3 seconds; a patron's message is first written to the inbox (one
short committed transaction, bot/slack/received.py) so nothing acknowledged is ever lost, then
the core, the store and the Web API calls happen in tracked background work
(bot/slack/inflight.py) so a slow store never makes Slack retry. Bolt acknowledges events
before their listener runs, so events are recorded by a middleware instead.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.logs import log_failure
from bot.slack.blocks import (
    ANSWER,
    APPROVE,
    DENY,
    REPLY,
    REPLY_FORM,
    REPLY_INPUT,
    chosen,
    reply_form,
)
from bot.slack.config import Deps
from bot.slack.home import CANCEL, RENEW, publish_home
from bot.slack.inbound import (
    click_inbound,
    clicked_channel,
    command_inbound,
    is_staff_command,
    message_inbound,
)
from bot.slack.patron import add_edit_listeners, handle_click
from bot.slack.queue import (
    FIRST_INPUT,
    NOT_QUEUE_STAFF,
    QUEUE_ACTION,
    QUEUE_FORM,
    STEPS,
    is_queue_command,
    queue_form,
    read_form,
    run_queue_action,
    run_queue_command,
)
from bot.slack.received import HOME, record, record_queue_step, record_reply, start
from bot.slack.staff import (
    NOT_HERE,
    NOT_STAFF,
    UNCHECKED,
    from_staff_channel,
    is_staff_member,
    run_staff_command,
    send_reply,
    settle_click,
)

log = logging.getLogger(__name__)
REF = re.compile(r"^ILL-\d{1,9}$")
Payload = dict[str, Any]
IN_DM = "I'll answer you in our direct messages."
NEW, INBOUND = "illbot_new", "illbot_inbound"


def build_app(deps: Deps) -> AsyncApp:
    """Build the Bolt app with the patron and staff listeners."""
    # Bolt is given a client without the token: the token comes with `authorize`, and Bolt
    # warns when it is given both. The listeners make their calls with deps.client.
    bolt_client = AsyncWebClient(base_url=deps.client.base_url, timeout=deps.client.timeout)
    app = AsyncApp(
        client=bolt_client,
        authorize=deps.authorization.for_bolt(),
        signing_secret=deps.config.signing_secret,
        name="illbot",
        logger=logging.getLogger("illbot.slack.bolt"),
        process_before_response=False,  # ack first; the listener body runs after the response
    )
    listeners = Listeners(deps)
    app.middleware(listeners.record_event)
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
    app.action(re.compile(rf"^{QUEUE_ACTION}:({'|'.join(STEPS)})$"))(listeners.open_step)
    app.view(QUEUE_FORM)(listeners.step_submitted)
    add_edit_listeners(app, deps)  # the patron's confirm card: Edit opens a prefilled form
    app.error(listeners.failed)
    return app


class Listeners:
    """Convert each Slack payload and hand it on; no decision is taken here."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def record_event(
        self,
        body: Payload,
        context: AsyncBoltContext,
        next: Callable[[], Awaitable[BoltResponse | None]],  # Bolt passes it by this name
    ) -> BoltResponse | None:
        """Record a direct message in the inbox before Bolt acknowledges it."""
        if body.get("type") == "event_callback":
            inbound = message_inbound(body, self.deps.clock.now())
            if inbound is not None:
                context[NEW] = await record(self.deps, inbound)  # a retry seen before: False
                context[INBOUND] = inbound
        return await next()

    async def message(self, ack: AsyncAck, context: AsyncBoltContext) -> None:
        """A direct message: the core answers it (once, however often Slack delivers it)."""
        await ack()
        inbound = context.get(INBOUND)
        if inbound is not None and context.get(NEW):
            start(self.deps, inbound)

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
        if is_queue_command(str(command.get("text") or "")):
            await ack()
            self._start(run_queue_command(self.deps, command, respond), "queue command")
            return
        inbound = command_inbound(command, self.deps.clock.now())
        new = await record(self.deps, inbound)
        if command.get("channel_name") == "directmessage":
            await ack()
        else:
            await ack(text=IN_DM, response_type="ephemeral")
        if new:
            start(self.deps, inbound)

    async def answer(self, ack: AsyncAck, body: Payload, action: Payload) -> None:
        """A patron answered the bot's question with a button or the menu that stands for many."""
        value, label = chosen(action)
        inbound = click_inbound(body, value, self.deps.clock.now())
        new = await record(self.deps, inbound)
        await ack()
        if new:
            self._start(handle_click(self.deps, inbound, body, label), inbound.transport_id)

    async def home_button(self, ack: AsyncAck, body: Payload, action: Payload) -> None:
        """Renew or cancel from the App Home tab."""
        ref = str(action.get("value") or "")
        if not REF.match(ref):
            await ack()
            return
        verb = "renew" if action["action_id"] == RENEW else "cancel"
        inbound = click_inbound(body, f"{verb} {ref}", self.deps.clock.now())
        new = await record(self.deps, inbound, HOME)
        await ack()
        if new:
            start(self.deps, inbound, HOME)

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
        user = str(body["user"]["id"])
        member = await is_staff_member(self.deps, user)
        if not member:
            refusal = NOT_STAFF if member is False else UNCHECKED
            await ack(response_action="errors", errors={REPLY_INPUT: refusal})
            return
        escalation_id, view_id = int(view["private_metadata"]), str(view.get("id") or "")
        # In the inbox before the form closes: a crash now delays the reply, never loses it.
        new = not view_id or await record_reply(self.deps, escalation_id, user, value, view_id)
        await ack()
        if new:
            self._start(send_reply(self.deps, escalation_id, user, value, view_id), "staff reply")

    async def open_step(
        self, ack: AsyncAck, body: Payload, action: Payload, respond: AsyncRespond
    ) -> None:
        """Open the small form for a request's next step (within the click's 3 seconds)."""
        await ack()
        channel = clicked_channel(body)
        if not from_staff_channel(self.deps, channel):
            await respond(text=NOT_HERE, response_type="ephemeral", replace_original=False)
            return
        verb = str(action["action_id"]).split(":", 1)[1]
        ts = (body.get("message") or {}).get("ts")
        form = queue_form(verb, int(action["value"]), channel, ts)
        await self.deps.client.views_open(trigger_id=body["trigger_id"], view=form)

    async def step_submitted(self, ack: AsyncAck, body: Payload, view: Payload) -> None:
        """Staff submitted a next-step form: check it, record it, then answer Slack."""
        where, fields, errors = read_form(view)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        user = str(body["user"]["id"])
        member = await is_staff_member(self.deps, user)
        if not member:
            refusal = NOT_QUEUE_STAFF if member is False else UNCHECKED
            await ack(response_action="errors", errors={FIRST_INPUT[where["action"]]: refusal})
            return
        view_id = str(view.get("id") or "") or f"unnamed:{uuid.uuid4().hex}"
        # In the inbox before the form closes: a crash now delays the step, never loses it.
        payload = await record_queue_step(self.deps, where, fields, user, view_id)
        await ack()
        if payload is not None:
            self._start(run_queue_action(self.deps, payload), "queue step")

    async def failed(self, error: Exception, body: Payload) -> None:
        """Log a listener that raised; Slack gets its answer from Bolt."""
        kind = body.get("type") if isinstance(body, dict) else None
        log_failure(log, "slack listener failed on a %s payload", kind, exc=error)

    def _start(self, work: Any, what: str | None) -> None:
        self.deps.inflight.start(work, what or "slack work")
