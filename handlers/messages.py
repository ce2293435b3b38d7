"""What transports hand to the core (Inbound) and what the core asks them to send (Outgoing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Inbound:
    """One patron message, already converted from its transport."""

    channel: str  # slack, email, console
    sender: str  # patron id, email address or Slack user id
    text: str
    at: datetime  # aware; the moment the message counts as received
    thread: str = ""
    transport_id: str | None = None  # Slack event id, Message-ID: redelivery is ignored
    subject: str | None = None
    about_request: int | None = None  # the request a reply to a notice is about
    # False when the library's own mail server says the sender's address failed SPF or DMARC:
    # such a message may not act on the patron's requests.
    verified: bool = True


@dataclass(frozen=True)
class Outgoing:
    """One message the core decided to send; written to the outbox, never sent directly."""

    kind: str  # reply, notice, escalation
    template: str
    context: dict[str, Any]
    intent: str | None = None
    outcome: str | None = None
    request_id: int | None = None
    request_ids: tuple[int, ...] = ()
    rules: tuple[str, ...] = ()
    fee_cents: int | None = None
    status: str | None = None
    notice: str | None = None
    entities: dict[str, Any] = field(default_factory=dict)
    to_staff: bool = False
