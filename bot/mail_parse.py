"""Decode a whole RFC 5322 mail, whatever its charsets and however broken, into plain parts.

Nothing here raises on bad input: a header that cannot be decoded becomes its raw text, a body
in an unknown or lying charset is read as UTF-8 or Windows-1252, attachments are never read,
and only the first MAX_TEXT characters of a body are kept.
"""

from __future__ import annotations

import contextlib
import email
import email.errors
import email.policy
import re
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parseaddr

from bot.mail_html import html_to_text

MAX_TEXT = 100_000
MAX_PARTS = 200
# Labels that mail software writes when it means Windows-1252 (the WHATWG encoding rules).
WINDOWS_1252_ALIASES = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}
)
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To")


@dataclass(frozen=True)
class ParsedMail:
    """The parts of a mail the bot reads."""

    sender: str  # lower-case address from From:, "" when there is none
    subject: str
    message_id: str
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    recipients: tuple[str, ...]
    text: str  # the body as plain text, before trimming
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)  # lower-case name → decoded value
    report: str = ""  # the machine-readable part of a delivery report, if any


def parse_mail(raw: bytes | str) -> ParsedMail:
    """Decode a raw mail; never raises."""
    data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    headers = {name.lower(): header(message, name) for name in set(message.keys())}
    sender = parseaddr(headers.get("from", ""))[1].strip().lower()
    text, report = _body(message)
    return ParsedMail(
        sender=sender if "@" in sender else "",
        subject=_one_line(headers.get("subject", "")),
        message_id=next(iter(_ids(headers.get("message-id", ""))), ""),
        in_reply_to=tuple(_ids(headers.get("in-reply-to", ""))),
        references=tuple(_ids(headers.get("references", ""))),
        recipients=_recipients(message),
        text=text,
        content_type=message.get_content_type(),
        headers=headers,
        report=report,
    )


def header(message: Message, name: str) -> str:
    """Return a header decoded from RFC 2047 words, or its raw text when that fails."""
    values = message.get_all(name) or []
    decoded = []
    for value in values:
        text = str(value)
        with contextlib.suppress(
            LookupError, UnicodeError, ValueError, email.errors.HeaderParseError
        ):
            text = str(make_header(decode_header(text)))
        decoded.append(text)
    return " ".join(decoded).strip()


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:300]


def _ids(value: str) -> list[str]:
    found = re.findall(r"<[^<>\s]{1,250}>", value)
    if not found and value.strip():
        found = [f"<{value.strip().strip('<>')[:250]}>"]
    return found


def _recipients(message: Message) -> tuple[str, ...]:
    values: list[str] = []
    for name in RECIPIENT_HEADERS:
        values += [str(v) for v in message.get_all(name) or []]
    return tuple(address.lower() for _, address in getaddresses(values) if "@" in address)


def decode_part(part: Message) -> str:
    """Decode one text part's payload (quoted-printable, base64) with a charset that works."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = str(part.get_payload() or "").encode("utf-8", "replace")
    charset = str(part.get_content_charset() or "").lower()
    return decode_bytes(payload, charset)


def decode_bytes(payload: bytes, charset: str) -> str:
    """Decode bytes in their declared charset, falling back to UTF-8, Windows-1252 and Latin-1."""
    tries = [charset] if charset and charset not in WINDOWS_1252_ALIASES else []
    tries += ["utf-8", "windows-1252"]
    for name in tries:
        try:
            return payload.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("latin-1")


def _body(message: Message) -> tuple[str, str]:
    """Return the first readable text of the mail (plain preferred) and any delivery report."""
    plain = html = None
    reports: list[str] = []
    for part in _leaves(message):
        kind = part.get_content_type()
        if kind.startswith("message/") or kind == "text/rfc822-headers":
            reports.append(_raw_payload(part))
            continue
        if kind not in ("text/plain", "text/html") or _is_attachment(part):
            continue
        if kind == "text/plain" and plain is None:
            plain = _unflow(decode_part(part)[:MAX_TEXT], part)
        elif kind == "text/html" and html is None:
            html = decode_part(part)
    report = "\n".join(reports)[:40_000]
    if plain is not None and plain.strip():
        return plain, report
    return (html_to_text(html)[:MAX_TEXT] if html else plain or ""), report


def _leaves(message: Message) -> list[Message]:
    """Return the parts to read, without entering attached mails (message/rfc822)."""
    found: list[Message] = []
    stack = [message]
    while stack and len(found) < MAX_PARTS:
        part = stack.pop(0)
        if part.is_multipart() and not part.get_content_type().startswith("message/"):
            payload = part.get_payload()
            stack = [p for p in payload if isinstance(p, Message)] + stack
        else:
            found.append(part)
    return found


def _raw_payload(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return decode_bytes(payload, "utf-8")[:20_000]
    inner = part.get_payload()
    if isinstance(inner, list):  # message/* parsed as header blocks or an attached mail
        blocks = [str(b) if not isinstance(b, Message) else _headers_text(b) for b in inner]
        return "\n".join(blocks)[:20_000]
    return str(inner or "")[:20_000]


def _is_attachment(part: Message) -> bool:
    disposition = str(part.get("Content-Disposition", "")).split(";", 1)[0].strip().lower()
    try:
        named = bool(part.get_filename(None))
    except (LookupError, UnicodeError, ValueError):
        named = True  # a name that cannot even be decoded: not the patron's words
    return disposition == "attachment" or named


def _unflow(text: str, part: Message) -> str:
    """Join the soft line breaks of format=flowed text (RFC 3676)."""
    if str(part.get_param("format", "") or "").lower() != "flowed":
        return text
    delsp = str(part.get_param("delsp", "") or "").lower() == "yes"
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        flowing = bool(lines) and lines[-1].endswith(" ") and lines[-1] != "-- "
        same_depth = flowing and _depth(lines[-1]) == _depth(line)
        if flowing and same_depth:
            previous = lines[-1][:-1] if delsp else lines[-1]
            lines[-1] = previous + line[_depth(line) :].lstrip(" ")
        else:
            lines.append(line)
    return "\n".join(lines)


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(">"))


def _headers_text(message: Message) -> str:
    return "\n".join(f"{name}: {value}" for name, value in message.items())
