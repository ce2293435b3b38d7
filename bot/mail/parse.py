"""Decode a whole RFC 5322 mail, whatever its charsets and however broken, into plain parts.

Nothing here raises on bad input: an encoded word that cannot be decoded stays as it was, a
charset that is unknown, lies, or is no text charset at all (`undefined`, `punycode`, `base64`)
is read as UTF-8 or Windows-1252 with replacement characters, attachments are never read, and
only the first MAX_TEXT characters of a body are kept. Work is bounded before decoding: each
header is cut to MAX_HEADER_CHARS raw characters and only the first MAX_HEADER_FIELDS headers are
read, so a 2 MB encoded-word Subject costs no more than an ordinary one. NUL characters, which
PostgreSQL refuses in text, are removed from everything returned.
"""

from __future__ import annotations

import email
import email.policy
import itertools
import logging
import re
import traceback
from dataclasses import dataclass, field
from email.message import Message
from email.utils import getaddresses, parseaddr
from pathlib import Path

from bot.mail.charset import MAX_HEADER_CHARS, clean, decode_bytes, decode_header_value
from bot.mail.html_text import html_to_text

MAX_TEXT = 100_000
MAX_PARTS = 200
MAX_DEPTH = 30  # nested multiparts read; deeper ones are no mail client's
MAX_HEADER_FIELDS = 500  # headers read, from the top
MAX_ADDRESS = 254  # RFC 5321: a longer From is no address anyone can be answered at
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To")
HEAD_END = re.compile(rb"\r?\n\r?\n")
FIELD_START = re.compile(rb"\n(?![ \t\r\n])")  # the line break before each header but the first
BOUNDARY_LINE = re.compile(rb"\n--")

PROJECT = str(Path(__file__).resolve().parents[1])
log = logging.getLogger("illbot.mail")


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
    # Every header read, top first, as (lower-case name, decoded value): the order matters for
    # headers each server prepends, such as Authentication-Results.
    fields: tuple[tuple[str, str], ...] = ()


def parse_mail(raw: bytes | str) -> ParsedMail:
    """Decode a raw mail; never raises (a mail beyond reading comes back with no sender)."""
    try:
        return _parse(raw)
    except Exception as exc:  # nothing a sender writes may stop the bot; such a mail is ignored
        log.warning("mail: could not parse a mail (%s)", where(exc))
        return ParsedMail("", "", "", (), (), (), "", "text/plain")


def where(exc: BaseException) -> str:
    """Name an exception by its type and the innermost line of ours that raised it (else the
    innermost line at all): no data from the mail in it."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(PROJECT) and ".venv" not in f.filename]
    chosen = ours or list(frames)
    place = f" at {Path(chosen[-1].filename).name}:{chosen[-1].lineno}" if chosen else ""
    return f"{type(exc).__name__}{place}"


def _parse(raw: bytes | str) -> ParsedMail:
    data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    message = email.message_from_bytes(_bounded(data), policy=email.policy.compat32)
    fields = _fields(message)
    headers: dict[str, str] = {}
    for name, value in fields:
        headers[name] = f"{headers[name]} {value}" if name in headers else value
    headers = {name: value.strip()[:MAX_HEADER_CHARS] for name, value in headers.items()}
    sender = parseaddr(headers.get("from", ""))[1].strip().lower()
    text, report = _body(message)
    return ParsedMail(
        sender=sender if "@" in sender and len(sender) <= MAX_ADDRESS else "",
        subject=_one_line(headers.get("subject", "")),
        message_id=next(iter(_ids(headers.get("message-id", ""))), ""),
        in_reply_to=tuple(_ids(headers.get("in-reply-to", ""))),
        references=tuple(_ids(headers.get("references", ""))),
        recipients=_recipients(fields),
        text=clean(text),
        content_type=_content_type(message),
        headers=headers,
        report=clean(report),
        fields=fields,
    )


def _bounded(data: bytes) -> bytes:
    """Cut a mail before parsing: at most MAX_HEADER_FIELDS headers and MAX_PARTS * 2 lines
    starting with `--` (MIME boundaries), so pathological structure costs bounded time."""
    end = HEAD_END.search(data)
    head, body = (data[: end.end()], data[end.end() :]) if end else (data, b"")
    starts = [m.start() for m in itertools.islice(FIELD_START.finditer(head), MAX_HEADER_FIELDS)]
    if len(starts) == MAX_HEADER_FIELDS:
        head = head[: starts[-1] + 1] + b"\r\n"
    lines = [m.start() for m in itertools.islice(BOUNDARY_LINE.finditer(body), MAX_PARTS * 2)]
    if len(lines) == MAX_PARTS * 2:
        body = body[: lines[-1] + 1]
    return head + body


def _fields(message: Message) -> tuple[tuple[str, str], ...]:
    """Decode the first MAX_HEADER_FIELDS headers, each cut to MAX_HEADER_CHARS first."""
    found = []
    for index, (name, value) in enumerate(message.raw_items()):
        if index >= MAX_HEADER_FIELDS:
            break
        found.append((clean(str(name)).strip().lower(), decode_header_value(str(value))))
    return tuple(found)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:300]


def _ids(value: str) -> list[str]:
    found = re.findall(r"<[^<>\s]{1,250}>", value)
    if not found and value.strip():
        found = [f"<{value.strip().strip('<>')[:250]}>"]
    return found


def _recipients(fields: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    names = {name.lower() for name in RECIPIENT_HEADERS}
    values = [value for name, value in fields if name in names]
    return tuple(
        address.lower()
        for _, address in getaddresses(values)
        if "@" in address and len(address) <= MAX_ADDRESS
    )


def _content_type(part: Message) -> str:
    try:
        return clean(part.get_content_type())
    except Exception:  # a Content-Type beyond reading: RFC 2045's default
        return "text/plain"


def decode_part(part: Message) -> str:
    """Decode one text part's payload (quoted-printable, base64) with a charset that works."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # a transfer encoding beyond repair: read what is there
        payload = None
    if not isinstance(payload, bytes):
        payload = str(part.get_payload() or "").encode("utf-8", "replace")
    try:
        charset = str(part.get_content_charset() or "").lower()
    except Exception:  # an RFC 2231 charset parameter in a charset of its own that fails
        charset = ""
    return decode_bytes(payload, charset)


def _body(message: Message) -> tuple[str, str]:
    """Return the readable text of the mail and any delivery report.

    Every inline text part counts (Apple Mail sends text, image, text as multipart/mixed); of
    the versions in a multipart/alternative, plain is preferred over HTML. Attached mails and
    parts sent as attachments are not the patron's words.
    """
    reports: list[str] = []
    budget = [MAX_PARTS]
    text = _text_of(message, reports, budget, 0)
    return text[:MAX_TEXT], "\n".join(reports)[:40_000]


def _text_of(part: Message, reports: list[str], budget: list[int], depth: int) -> str:
    """Return one part's readable text; `budget` bounds the parts visited in the whole mail."""
    budget[0] -= 1
    kind = _content_type(part)
    if budget[0] < 0 or depth > MAX_DEPTH:
        return ""
    if kind.startswith("message/") or kind == "text/rfc822-headers":
        reports.append(_raw_payload(part))
        return ""
    if part.is_multipart():
        children = [p for p in part.get_payload() if isinstance(p, Message)]
        if kind == "multipart/alternative":
            return _alternative(children, reports, budget, depth + 1)
        texts = [_text_of(child, reports, budget, depth + 1).strip("\n") for child in children]
        # A part repeated word for word says nothing new (and 50 000 copies cost nothing).
        return "\n\n".join(dict.fromkeys(t for t in texts if t.strip()))
    if kind not in ("text/plain", "text/html") or _is_attachment(part):
        return ""
    if kind == "text/plain":
        return _unflow(decode_part(part)[:MAX_TEXT], part)
    return html_to_text(decode_part(part))[:MAX_TEXT]


def _alternative(children: list[Message], reports: list[str], budget: list[int], depth: int) -> str:
    """Return the plain version of a multipart/alternative, else the first one with text."""
    versions = [(_has_plain(c), _text_of(c, reports, budget, depth)) for c in children]
    for wanted in (True, False):
        for plain, text in versions:
            if plain == wanted and text.strip():
                return text
    return ""


def _has_plain(part: Message) -> bool:
    """Tell whether a version is plain text (or a multipart whose first leaf is)."""
    while part.is_multipart():
        first = next(iter(part.get_payload()), None)
        if not isinstance(first, Message):
            return False
        part = first
    return _content_type(part) == "text/plain"


def _raw_payload(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # a transfer encoding beyond repair: read what is there
        payload = None
    if isinstance(payload, bytes):
        return decode_bytes(payload, "utf-8")[:20_000]
    inner = part.get_payload()
    if isinstance(inner, list):  # message/* parsed as header blocks or an attached mail
        blocks = [str(b) if not isinstance(b, Message) else _headers_text(b) for b in inner]
        return "\n".join(blocks)[:20_000]
    return str(inner or "")[:20_000]


def _is_attachment(part: Message) -> bool:
    disposition = _param(part, "Content-Disposition", "").split(";", 1)[0].strip().lower()
    try:
        named = bool(part.get_filename(None))
    except Exception:
        named = True  # a name that cannot even be decoded: not the patron's words
    return disposition == "attachment" or named


def _unflow(text: str, part: Message) -> str:
    """Join the soft line breaks of format=flowed text (RFC 3676)."""
    if _param(part, "format").lower() != "flowed":
        return text
    delsp = _param(part, "delsp").lower() == "yes"
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


def _param(part: Message, name: str, header: str | None = None) -> str:
    """Return a Content-Type parameter (or, with `header`, a whole header) as text, or ""."""
    try:
        if header is not None:
            return decode_header_value(str(part.get(name, header)))
        value = part.get_param(name, "")
        return clean(str(value[2] if isinstance(value, tuple) else value or ""))
    except Exception:  # RFC 2231 values in an unknown charset, and the like
        return ""


def _headers_text(message: Message) -> str:
    rows = list(message.raw_items())[:MAX_HEADER_FIELDS]
    return "\n".join(f"{name}: {decode_header_value(str(value))}" for name, value in rows)
