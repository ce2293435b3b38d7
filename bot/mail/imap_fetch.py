"""IMAP commands the poller needs, each for many mails at once: fetch without marking seen,
and mark handled mail seen or moved. One command per batch instead of three per mail.
"""

from __future__ import annotations

import imaplib
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from imap_tools import BaseMailBox

FETCH_START = re.compile(rb"^\d+ \(")
UID = re.compile(rb"\bUID (\d+)")
SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fetch_mails(mailbox: BaseMailBox, uids: list[int], limit: int) -> Iterator[tuple[int, bytes]]:
    """Fetch mails without marking them seen, several per command; of a huge one only the
    start of its body. A mail expunged meanwhile is left out."""
    if not uids:
        return
    _, data = mailbox.client.uid("FETCH", _uid_set(uids), "(RFC822.SIZE)")
    sizes = _sizes(data)
    chunk: list[int] = []
    chunk_bytes = 0
    for uid in uids:
        if uid not in sizes:
            continue  # expunged meanwhile
        if sizes[uid] > limit:
            parts = f"(BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0.{limit}>)"
            yield from _bodies(mailbox, [uid], parts)
            continue
        chunk.append(uid)
        chunk_bytes += sizes[uid]
        if chunk_bytes >= limit:  # a command's answer holds at most about one big mail
            yield from _bodies(mailbox, chunk, "(BODY.PEEK[])")
            chunk, chunk_bytes = [], 0
    yield from _bodies(mailbox, chunk, "(BODY.PEEK[])")


def mark_handled(mailbox: BaseMailBox, uids: list[int], processed_folder: str | None) -> None:
    """Mark handled mail in one command: move it to the processed folder, or flag it seen."""
    if not uids:
        return
    if processed_folder:
        mailbox.move([str(uid) for uid in uids], processed_folder)
        return
    # STORE alone: imap-tools' flag() also EXPUNGEs, a round trip that could remove
    # mail staff marked deleted.
    result = mailbox.client.uid("STORE", _uid_set(uids), "+FLAGS.SILENT", r"(\Seen)")
    if result[0] != "OK":
        raise imaplib.IMAP4.error(f"STORE \\Seen refused: {result[1]!r}")


def _bodies(mailbox: BaseMailBox, uids: list[int], parts: str) -> Iterator[tuple[int, bytes]]:
    """Fetch these parts of these mails in one command; yield each mail's UID and bytes."""
    if not uids:
        return
    _, data = mailbox.client.uid("FETCH", _uid_set(uids), parts)
    found: dict[int, bytes] = {}
    literals: list[bytes] = []
    uid: int | None = None
    for item in data:
        head = item[0] if isinstance(item, tuple) else item
        if not isinstance(head, bytes):
            continue
        if FETCH_START.match(head):  # a message's answer begins; servers may put UID last
            literals, uid = [], None
        if named := UID.search(head):
            uid = int(named.group(1))
        if isinstance(item, tuple) and len(item) > 1 and isinstance(item[1], bytes):
            literals.append(item[1])
        elif head.endswith(b")") and uid is not None and literals:  # the answer ends
            found[uid] = b"".join(literals)
            literals, uid = [], None
    for number in uids:
        if number in found:
            yield number, found[number]


def _sizes(data: list[Any]) -> dict[int, int]:
    """Read each mail's size from a FETCH (RFC822.SIZE) answer, by UID."""
    sizes = {}
    for item in data:
        head = item[0] if isinstance(item, tuple) else item
        if isinstance(head, bytes) and (uid := UID.search(head)) and (size := SIZE.search(head)):
            sizes[int(uid.group(1))] = int(size.group(1))
    return sizes


def _uid_set(uids: list[int]) -> str:
    """Write ascending UIDs as an IMAP set with ranges (1:4,7,9:12), short for any batch."""
    ranges: list[str] = []
    first = last = uids[0]
    for uid in uids[1:]:
        if uid != last + 1:
            ranges.append(f"{first}:{last}" if last > first else str(first))
            first = uid
        last = uid
    ranges.append(f"{first}:{last}" if last > first else str(first))
    return ",".join(ranges)


def capabilities(mailbox: BaseMailBox) -> set[str]:
    """Refresh capabilities after login (imaplib keeps the pre-login ones, missing MOVE)."""
    _, data = mailbox.client.capability()
    found = {c.upper() for c in (data[0] or b"").decode(errors="replace").split()}
    mailbox.client.capabilities = tuple(sorted(found))
    return found


def imap_date(day: date) -> str:
    """Format a date as IMAP SEARCH wants it (RFC 3501: 1-Feb-1994), whatever the locale."""
    return f"{day.day}-{MONTHS[day.month - 1]}-{day.year}"
