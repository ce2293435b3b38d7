"""Every mail about one request threads under one subject, and its calendar entry moves."""

from __future__ import annotations

from email.message import EmailMessage

import icalendar

from bot.runtime import Runtime
from tests.email.conftest import ANN, Clock, MailBot, Mailbox, staff
from tests.email.test_mail_flow import plain, request_by_mail

REQUEST = "Please get me The Overstory by Richard Powers, needed by Oct 30, 2030"


def calendar_event(message: EmailMessage) -> icalendar.Component:
    """Parse the mail's .ics attachment with icalendar and return its one event."""
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    [event] = icalendar.Calendar.from_ical(payload).walk("VEVENT")
    return event


async def test_notices_share_one_subject_and_the_calendar_entry_moves(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime, clock: Clock
) -> None:
    """Arrived, renewed, recalled: one subject, one thread, one event whose date moves."""
    answer = await request_by_mail(mailbot, mailbox, ANN, REQUEST, subject="A novel")
    assert answer["Subject"] == "Re: A novel"  # the patron's own thread is answered as such
    start = len(mailbot.smtp.recorder.messages)
    staff(runtime, clock, "sent", 1)
    staff(runtime, clock, "arrived", 1, due="2026-10-10")
    staff(runtime, clock, "checked_out", 1)
    clock.advance(days=7)
    staff(runtime, clock, "renewal", 1, due="2026-11-07", approved=True)
    clock.advance(days=3)
    staff(runtime, clock, "recall", 1, due="2026-10-28")
    await mailbot.sender.drain()
    notices = mailbot.smtp.recorder.messages[start:]
    headlines = [plain(m).splitlines()[0] for m in notices]
    assert headlines == [
        "Asked of a lending library: ILL-1",
        "Ready for pickup: ILL-1",
        "Renewed: ILL-1",
        "Recalled by the lender: ILL-1",
    ], headlines
    assert {m["Subject"] for m in notices} == {"ILL-1: The Overstory"}
    roots = {m["References"].split()[0] for m in notices}
    assert len(roots) == 1  # one thread root, so every client threads them together
    assert all(m["In-Reply-To"] in m["References"] for m in notices)

    dated = [m for m in notices if any(True for _ in m.iter_attachments())]
    assert len(dated) == 3  # arrived, renewed, recalled
    events = [calendar_event(m) for m in dated]
    assert len({str(e["UID"]) for e in events}) == 1
    assert "2026" not in str(events[0]["UID"])
    assert [e.decoded("SEQUENCE") for e in events] == [0, 1, 2]
    assert [e.decoded("DTSTART").isoformat() for e in events] == [
        "2026-10-10",
        "2026-11-07",
        "2026-10-28",
    ]
    html = notices[2].get_body(preferencelist=("html",))
    assert html is not None and "Renewed" in html.get_content()
