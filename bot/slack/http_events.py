"""Slack's HTTP endpoint: a patron's direct message is recorded and acknowledged here, the rest
by Bolt.

Why not Bolt for everything: under a burst of 100 direct messages, Bolt's dispatch of each
request (its request object, middleware chain, listener matching and argument injection) ran on
the event loop before that request's ack, one after another, and made the last acks wait. A
direct message needs only its signature checked, its body read and its inbox row committed
before Slack hears 200 (bot/slack/received.py); its turn then starts exactly as Bolt's listener
starts it (`Listeners.message`). Everything else (URL verification, other events, commands,
clicks, forms, a bad signature) goes to Bolt unchanged, and Socket Mode is all Bolt.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.logs import log_failure
from bot.slack.config import EVENTS_PATH, Deps
from bot.slack.inbound import message_inbound
from bot.slack.received import record, start
from handlers.messages import Inbound

log = logging.getLogger(__name__)
EVENT_CALLBACK = '"event_callback"'  # in every Events API body: a cheap first look


def events_app(app: AsyncApp, deps: Deps) -> web.Application:
    """Return the web app answering Slack at EVENTS_PATH (health and web chat routes join it)."""
    verifier = SignatureVerifier(deps.config.signing_secret)

    async def events(request: web.Request) -> web.Response:
        body = await request.text()
        if not verifier.is_valid_request(body, request.headers):
            log.warning("slack: a request with a bad or stale signature was refused")
            return web.Response(status=401)  # forged or replayed: nothing in it is read
        try:
            inbound = direct_message(deps, body)
        except ValueError:  # signed, yet not JSON: Slack never sends that
            log.warning("slack: a signed event body that is not JSON was refused")
            return web.Response(status=400)
        if inbound is None:
            return await _bolt(app, request, body)
        try:
            new = await record(deps, inbound)  # in the store before Slack hears 200
        except Exception as exc:  # Slack hears 500 and delivers it again later
            what = inbound.transport_id
            log_failure(log, "slack message %s could not be recorded", what, exc=exc)
            return web.Response(status=500)
        if new:
            start(deps, inbound)
        return web.Response(status=200)

    web_app = web.Application()
    web_app.router.add_post(EVENTS_PATH, events)
    return web_app


def direct_message(deps: Deps, body: str) -> Inbound | None:
    """Return the patron's direct message a signed body carries; None leaves the body to Bolt.

    Raises ValueError for an Events API body that is not JSON.
    """
    if EVENT_CALLBACK not in body:
        return None
    payload = json.loads(body)
    if not isinstance(payload, dict) or payload.get("type") != "event_callback":
        return None
    return message_inbound(payload, deps.clock.now())


async def _bolt(app: AsyncApp, request: web.Request, body: str) -> web.Response:
    """Let Bolt answer a request that is not a direct message (its listeners in bot/slack/app)."""
    headers: dict[str, str | Sequence[str]] = dict(request.headers)
    bolt = AsyncBoltRequest(body=body, query=request.query_string, headers=headers)
    return await to_aiohttp_response(await app.async_dispatch(bolt))
