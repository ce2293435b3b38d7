"""Turn Slack payloads into the core's Inbound; anything the bot must not answer becomes None."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from handlers.messages import Inbound

CHANNEL = "slack"
USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
STAFF_WORD = "staff"


def is_user_id(value: str) -> bool:
    """Tell whether a string is a Slack user id (U… or W…)."""
    return bool(USER_ID.match(value))


def message_inbound(body: dict[str, Any], at: datetime) -> Inbound | None:
    """Convert a direct message to the bot; None for bots, edits, joins and channel chatter."""
    event = body.get("event") or {}
    if event.get("type") != "message" or event.get("channel_type") != "im":
        return None
    if event.get("subtype") or event.get("bot_id") or not event.get("user"):
        return None  # edits, deletions, joins and bots (the bot itself included) get no answer
    text = str(event.get("text") or "")
    if not text.strip():
        return None
    # Slack sends a retry with the same event_id: the core records it and acts once.
    event_id = body.get("event_id") or f"{event.get('channel')}:{event.get('ts')}"
    return Inbound(
        channel=CHANNEL,
        sender=str(event["user"]),
        text=text,
        at=at,
        thread=str(event.get("thread_ts") or ""),
        transport_id=f"slack:event:{event_id}",
    )


def is_staff_command(text: str) -> bool:
    """Tell whether `/ill` text is a staff action (`/ill staff arrived ILL-7 …`)."""
    words = text.split(maxsplit=1)
    return bool(words) and words[0].lower() == STAFF_WORD


def command_inbound(command: dict[str, Any], at: datetime) -> Inbound:
    """Convert `/ill <text>`; an empty command asks for help."""
    text = str(command.get("text") or "").strip() or "help"
    return Inbound(
        channel=CHANNEL,
        sender=str(command["user_id"]),
        text=text,
        at=at,
        transport_id=f"slack:command:{command.get('trigger_id') or command.get('user_id')}",
    )


def click_inbound(body: dict[str, Any], text: str, at: datetime) -> Inbound:
    """Convert a patron's button click into the words it stands for ("ILL-7", "yes")."""
    action = (body.get("actions") or [{}])[0]
    message = body.get("message") or {}
    user = str(body["user"]["id"])
    stamp = action.get("action_ts") or body.get("trigger_id")
    return Inbound(
        channel=CHANNEL,
        sender=user,
        text=text,
        at=at,
        thread=str(message.get("thread_ts") or ""),
        transport_id=f"slack:action:{user}:{stamp}",
    )


def clicked_channel(body: dict[str, Any]) -> str | None:
    """Return the channel a button was clicked in."""
    channel = (body.get("channel") or {}).get("id")
    return channel or (body.get("container") or {}).get("channel_id")
