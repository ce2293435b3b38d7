"""Tell mail written by a machine (auto-replies, bounces, lists, loops) from a patron's.

A machine's mail is never answered: answering an out-of-office starts a loop, answering a
bounce sends mail to nobody. The signs are RFC 3834 `Auto-Submitted`, `Precedence`, the vendor
headers (`X-Autoreply`, `X-Autorespond`), list headers, an empty Return-Path,
delivery reports, mailer-daemon senders, and our own Message-IDs or loop header coming back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.mail.parse import ParsedMail
from bot.mail.tokens import MailIdentity

BULK = frozenset({"bulk", "junk", "list", "auto_reply", "auto-reply"})
MACHINE_SENDERS = re.compile(
    r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|mail-daemon)([+.@-]|$)",
    re.IGNORECASE,
)
AUTO_SUBJECTS = re.compile(
    r"^\s*(auto(matic)?[- ]?(reply|response)|autoreply|out of (the )?office|abwesenheit"
    r"|automatische antwort|réponse automatique|risposta automatica|respuesta automática"
    r"|resposta automática|automatisch antwoord|autosvar|fuera de la oficina|absence)\b",
    re.IGNORECASE,
)
BOUNCE_SUBJECTS = re.compile(
    r"^\s*(undeliverable|undelivered mail|delivery status notification|mail delivery failed"
    r"|returned mail|delivery failure|failure notice|non remis|unzustellbar|nicht zustellbar)",
    re.IGNORECASE,
)
STATUS = re.compile(
    r"^\s*(Status|Diagnostic-Code|Action)\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE
)


@dataclass(frozen=True)
class MachineMail:
    """Why a mail comes from a machine; `bounce` when it reports mail that was not delivered."""

    reason: str
    bounce: bool = False


def machine_mail(mail: ParsedMail, identity: MailIdentity | None) -> MachineMail | None:
    """Return why a mail must not be answered, or None for a person's mail."""
    if is_bounce(mail):
        return MachineMail("bounce", bounce=True)
    h = mail.headers
    auto = h.get("auto-submitted", "").strip().lower()
    if auto and not auto.startswith("no"):
        return MachineMail(f"Auto-Submitted: {auto[:40]}")
    if h.get("precedence", "").strip().lower() in BULK:
        return MachineMail("Precedence")
    if h.get("x-precedence", "").strip().lower() in BULK:
        return MachineMail("X-Precedence")
    for name in ("x-autoreply", "x-autorespond", "x-auto-reply", "x-autoresponder"):
        if h.get(name):
            return MachineMail(name)
    if h.get("list-id") or h.get("list-unsubscribe") or h.get("list-post"):
        return MachineMail("mailing list")
    if "return-path" in h and h["return-path"].strip() in ("<>", ""):
        return MachineMail("Return-Path: <>")
    if h.get("feedback-type") or mail.content_type == "multipart/report":
        return MachineMail("report")
    if not mail.sender:
        return MachineMail("no sender")
    if MACHINE_SENDERS.match(mail.sender):
        return MachineMail("machine sender")
    if AUTO_SUBJECTS.match(mail.subject):
        return MachineMail("auto-reply subject")
    return _loop(mail, identity)


def _loop(mail: ParsedMail, identity: MailIdentity | None) -> MachineMail | None:
    if identity is None:
        return None
    local, _, domain = mail.sender.rpartition("@")
    if local.split("+", 1)[0] == identity.local.lower() and domain == identity.domain:
        return MachineMail("loop: our own address")
    if mail.message_id and identity.is_ours(mail.message_id):
        return MachineMail("loop: our own Message-ID")
    if identity.address in mail.headers.get("x-loop", "").lower():
        return MachineMail("loop: X-Loop")
    return None


def is_bounce(mail: ParsedMail) -> bool:
    """Tell whether a mail reports that some mail could not be delivered."""
    h = mail.headers
    report_type = h.get("content-type", "").lower()
    if mail.content_type == "multipart/report" and "delivery-status" in report_type:
        return True
    if h.get("x-failed-recipients"):
        return True
    daemon = bool(re.match(r"^(mailer-daemon|postmaster|mail-daemon)@", mail.sender))
    empty_path = h.get("return-path", "").strip() in ("<>", "")
    return (daemon or (empty_path and "return-path" in h)) and bool(
        BOUNCE_SUBJECTS.match(mail.subject) or mail.report
    )


def bounce_reason(mail: ParsedMail) -> str:
    """Return the server's words about why delivery failed, on one line."""
    found = {name.lower(): value.strip() for name, value in STATUS.findall(mail.report)}
    words = found.get("diagnostic-code") or found.get("status")
    if not words:
        lines = [line.strip() for line in mail.text.splitlines() if line.strip()]
        words = " ".join(lines[:3])
    return re.sub(r"\s+", " ", words)[:300] or "no reason given"
