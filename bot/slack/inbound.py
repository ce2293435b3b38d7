"""Turn Slack payloads into the core's Inbound; anything the bot must not answer becomes None."""

from __future__ import annotations

import hashlib
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
        transport_id=f"slack:command:{command.get('trigger_id') or _digest(command)}",
    )


def click_inbound(body: dict[str, Any], text: str, at: datetime) -> Inbound:
    """Convert a patron's button click into the words it stands for ("ILL-7", "yes")."""
    message = body.get("message") or {}
    user = str(body["user"]["id"])
    return Inbound(
        channel=CHANNEL,
        sender=user,
        text=text,
        at=at,
        thread=str(message.get("thread_ts") or ""),
        transport_id=action_id(body),
    )


def action_id(body: dict[str, Any]) -> str:
    """The transport id of a click: the same for Slack's replay of it, and free of user ids."""
    action = (body.get("actions") or [{}])[0]
    stamp = action.get("action_ts") or ""
    trigger = body.get("trigger_id") or ""
    if not stamp and not trigger:
        return f"slack:action:{_digest(body)}"
    return f"slack:action:{stamp}:{trigger}"


def to_payload(inbound: Inbound, then: str | None = None) -> dict[str, Any]:
    """What the inbox keeps of a message acknowledged before its turn ran (cleared once handled).

    `then` names what follows the turn: "home" publishes the Home tab again.
    """
    return {
        "kind": "patron",
        "transport_id": inbound.transport_id,
        "sender": inbound.sender,
        "text": inbound.text,
        "thread": inbound.thread,
        "at": inbound.at.isoformat(),
        "then": then,
    }


def from_payload(payload: dict[str, Any] | None) -> tuple[Inbound, str | None] | None:
    """Rebuild a recorded message and what follows it; None for a payload that makes no sense."""
    if not isinstance(payload, dict) or payload.get("kind") != "patron":
        return None
    try:
        at = datetime.fromisoformat(str(payload["at"]))
        inbound = Inbound(
            channel=CHANNEL,
            sender=str(payload["sender"]),
            text=str(payload["text"]),
            at=at,
            thread=str(payload.get("thread") or ""),
            transport_id=str(payload["transport_id"]),
        )
    except (KeyError, TypeError, ValueError):
        return None
    if at.tzinfo is None or not inbound.sender or not inbound.transport_id:
        return None
    then = payload.get("then")
    return inbound, str(then) if then else None


def _digest(payload: dict[str, Any]) -> str:
    """A stable short hash of a payload, for ids that must not carry who sent it."""
    raw = repr(sorted((str(k), str(v)) for k, v in payload.items()))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def clicked_channel(body: dict[str, Any]) -> str | None:
    """Return the channel a button was clicked in."""
    channel = (body.get("channel") or {}).get("id")
    return channel or (body.get("container") or {}).get("channel_id")
