"""Turn a whole RFC 5322 mail into an Inbound, or None for a machine's mail."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import datetime
from email.message import EmailMessage
from email.utils import parseaddr

from handlers.messages import Inbound

# RFC 3834 and the common vendor headers that mark mail no one should answer.
AUTOMATIC = re.compile(r"^(auto-replied|auto-generated|auto-notified)", re.IGNORECASE)
BULK = frozenset({"bulk", "junk", "list", "auto_reply"})


def is_automatic(message: EmailMessage) -> bool:
    """Tell whether a mail comes from a machine (auto-reply, bounce, list) and needs no answer."""
    auto = str(message.get("Auto-Submitted", "no")).strip()
    if auto.lower() != "no" and AUTOMATIC.match(auto):
        return True
    if str(message.get("Precedence", "")).strip().lower() in BULK:
        return True
    if message.get("X-Autoreply") or message.get("X-Autorespond") or message.get("List-Id"):
        return True
    if str(message.get("Return-Path", "")).strip() == "<>":
        return True
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    return sender.startswith(("mailer-daemon@", "postmaster@")) or not sender


def body_text(message: EmailMessage) -> str:
    """Return the plain-text body, or the HTML body reduced to text."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):  # an unknown or lying charset
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    if part.get_content_subtype() == "html":
        content = re.sub(r"<(br|/p|/div)[^>]*>", "\n", content, flags=re.IGNORECASE)
        content = re.sub(r"<[^>]+>", "", content)
    return str(content)


def strip_quotes(text: str) -> str:
    """Keep the patron's own words: drop quoted lines, the 'On … wrote:' line and signatures."""
    kept = []
    for line in text.splitlines():
        if line.strip() == "--" or re.match(r"^On .+ wrote:\s*$", line):
            break  # a signature or the quoted original starts here
        if line.startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def inbound_from_raw(raw: str, *, at: datetime, about_request: int | None = None) -> Inbound | None:
    """Parse a whole mail; return None when it must not be answered."""
    message = email.message_from_string(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    if is_automatic(message):
        return None
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    subject = str(message.get("Subject", ""))
    text = strip_quotes(body_text(message)) or subject
    return Inbound(
        channel="email",
        sender=sender,
        text=text,
        at=at,
        thread="",  # one conversation per patron by mail; replies carry tokens (later)
        transport_id=str(message.get("Message-ID", "")).strip() or None,
        subject=subject,
        about_request=about_request,
    )
