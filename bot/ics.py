"""An iCalendar (RFC 5545) event for a loan's due date, attached to the arrived, renewed and
recalled mails.

The patron's calendar then shows the day the item goes back, with a reminder the day before. The
UID names the request, not the date, and SEQUENCE rises with each change, so a renewal or recall
moves the one event instead of leaving the old date beside the new one (§3.8.4.7, §3.8.7.4).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from templates.i18n import N_, translate

PRODUCT = "-//illbot//Interlibrary Loan//EN"
LINE_OCTETS = 75
SUMMARY = N_("Return %(ref)s “%(title)s” to %(library)s")
SUMMARY_UNTITLED = N_("Return %(ref)s to %(library)s")
DESCRIPTION = N_("Interlibrary loan %(ref)s is due back at %(library)s today.")


def escape(text: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (§3.1)."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = LINE_OCTETS if not out else LINE_OCTETS - 1  # continuation lines start with " "
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def event_uid(ref: str, domain: str) -> str:
    """Return the one UID a request's due-date event keeps through renewals and recalls."""
    return f"{ref.lower()}-due@{domain}"


def due_date_event(
    *,
    ref: str,
    title: str,
    due: date,
    library: str,
    domain: str,
    stamp: datetime,
    sequence: int = 0,
    language: str = "en",
) -> bytes:
    """Return a one-event calendar: an all-day event on the due date with a day-ahead alarm."""
    values = {"ref": ref, "title": title, "library": library}
    summary = translate(language, SUMMARY if title else SUMMARY_UNTITLED) % values
    description = translate(language, DESCRIPTION) % values
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event_uid(ref, domain)}",
        f"SEQUENCE:{max(0, sequence)}",
        f"DTSTAMP:{stamp.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{due.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(due + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape(summary)}",
        "TRIGGER:-P1D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
