"""A mail whose From the library's own server could not vouch for acts on no request.

The library's mail server writes `Authentication-Results:` at the top of each mail it takes in;
a sender can write one too, lower down. Real Dovecot and aiosmtpd, on both backends.
"""

from __future__ import annotations

from dataclasses import replace
from email.message import EmailMessage

import pytest

from bot.mail.auth import is_verified
from bot.mail.imap import MailPoller
from bot.mail.parse import parse_mail
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime
from tests.email.conftest import ANN, Clock, MailBot, Mailbox, outbox, statuses
from tests.email.mails import patron_mail

REQUEST = "get me ISBN 9780134477824, needed by Oct 30, 2030"
OURS = "mx.lib.example"
FAILED = f"{OURS}; spf=fail smtp.mailfrom=patron.example; dmarc=fail header.from=patron.example"
PASSED = f"{OURS}; spf=pass smtp.mailfrom=patron.example; dmarc=pass header.from=patron.example"
RECEIVED = "from mx.forger.example by mx.lib.example with ESMTP id 4f; Tue, 1 Sep 2026 10:00 -0500"


def arrived(text: str, *results: str, below: tuple[str, ...] = ()) -> bytes:
    """A mail from Ann as the library's server files it: its results on top, then its Received,
    then whatever the sender wrote (`below`, maybe headers of their own making)."""
    mail = patron_mail(ANN, text)
    top = "".join(f"Authentication-Results: {value}\r\n" for value in results)
    top += f"Received: {RECEIVED}\r\n"
    top += "".join(f"Authentication-Results: {value}\r\n" for value in below)
    return top.encode() + mail


async def request_ill_1(mailbot: MailBot, mailbox: Mailbox, runtime: Runtime) -> None:
    """Ann asks for a book by an ordinary mail: ILL-1."""
    mailbox.deliver(arrived(REQUEST, PASSED))
    await mailbot.step()
    assert list(statuses(runtime).values()) == ["submitted"]


def plain(message: EmailMessage) -> str:
    """Return the text part of a mail."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


async def cancel_and_confirm(
    mailbot: MailBot, mailbox: Mailbox, clock: Clock, ref: str, *results: str, below: str = ""
) -> list[EmailMessage]:
    """Mail "cancel ILL-n", then "yes" to the question, both arriving with these results."""
    before = len(mailbot.smtp.recorder.messages)
    for text in (f"cancel {ref}", "yes"):
        clock.advance(minutes=5)
        mailbox.deliver(arrived(text, *results, below=(below,) if below else ()))
        await mailbot.step()
    return mailbot.smtp.recorder.messages[before:]


async def test_a_spoofed_cancel_cancels_nothing_and_ann_and_staff_are_told(
    backend_mailbot: MailBot, mailbox: Mailbox, backend_runtime: Runtime, clock: Clock
) -> None:
    """SPF and DMARC failed for Ann's domain: her request stands; she and staff hear of it."""
    await request_ill_1(backend_mailbot, mailbox, backend_runtime)
    [ref] = statuses(backend_runtime)
    sent = await cancel_and_confirm(backend_mailbot, mailbox, clock, ref, FAILED)

    assert statuses(backend_runtime) == {ref: "submitted"}
    assert sent and all(message["To"] == ANN for message in sent)
    assert "could not confirm" in plain(sent[0]) and "reply link" in plain(sent[0])
    [staff] = outbox(backend_runtime, kind="escalation", template="escalation_unverified")
    assert "failed the sender check" in staff.text
    assert mailbox.unseen() == []


async def test_a_fake_pass_lower_down_does_not_outweigh_the_library_server(
    backend_mailbot: MailBot, mailbox: Mailbox, backend_runtime: Runtime, clock: Clock
) -> None:
    """The forger writes `spf=pass; dmarc=pass` under our server's fail: still refused."""
    await request_ill_1(backend_mailbot, mailbox, backend_runtime)
    [ref] = statuses(backend_runtime)
    await cancel_and_confirm(backend_mailbot, mailbox, clock, ref, FAILED, below=PASSED)
    assert statuses(backend_runtime) == {ref: "submitted"}


async def test_a_fake_fail_lower_down_does_not_stop_ann(
    mailbot: MailBot, mailbox: Mailbox, runtime: Runtime, clock: Clock
) -> None:
    """Our server passed Ann's mail; a `dmarc=fail` below its Received line is not ours."""
    await request_ill_1(mailbot, mailbox, runtime)
    [ref] = statuses(runtime)
    sent = await cancel_and_confirm(mailbot, mailbox, clock, ref, PASSED, below=FAILED)
    assert statuses(runtime) == {ref: "cancelled"}
    assert "Cancelled" in plain(sent[-1])
    assert outbox(runtime, kind="escalation", template="escalation_unverified") == []


async def test_with_an_authserv_id_only_that_server_is_heard(
    mailbox: Mailbox, runtime: Runtime, identity: MailIdentity, clock: Clock, mailbot: MailBot
) -> None:
    """ILLBOT_MAIL_AUTHSERV_ID names our server; a pass on top from another name is not ours."""
    ours = replace(identity, authserv_id=OURS)
    mailbot.poller = MailPoller(runtime, ours, mailbox.config(), clock)
    await request_ill_1(mailbot, mailbox, runtime)
    [ref] = statuses(runtime)
    clock.advance(minutes=10)
    other = PASSED.replace(OURS, "filter.forger.example")
    await cancel_and_confirm(mailbot, mailbox, clock, ref, other, FAILED)
    assert statuses(runtime) == {ref: "submitted"}
    assert outbox(runtime, kind="escalation", template="escalation_unverified")


def verdict(*headers: str, authserv_id: str | None = None, sender: str = ANN) -> bool:
    """Parse a mail with these headers on top and say whether it is verified."""
    top = "".join(f"{h}\r\n" for h in headers).encode()
    return is_verified(parse_mail(top + patron_mail(sender, "hello")), authserv_id)


@pytest.mark.parametrize(
    ("results", "verified"),
    [
        ("mx.lib.example; spf=fail smtp.mailfrom=ann@patron.example", False),
        ("mx.lib.example; dmarc=fail (p=reject dis=none) header.from=patron.example", False),
        ("mx.lib.example 1; spf=fail (sender not allowed) smtp.mailfrom=patron.example", False),
        ("mx.lib.example; dmarc=fail", False),  # DMARC is about the From domain by definition
        ("mx.lib.example; spf=softfail smtp.mailfrom=patron.example", True),
        ("mx.lib.example; spf=none smtp.mailfrom=patron.example; dmarc=none", True),
        ("mx.lib.example; spf=neutral smtp.mailfrom=patron.example", True),
        ("mx.lib.example; spf=fail smtp.mailfrom=lists.other.example", True),  # not Ann's domain
        ("mx.lib.example; none", True),
        ("mx.lib.example; spf=pass (comment; dmarc=fail) smtp.mailfrom=patron.example", True),
    ],
)
def test_what_the_library_server_wrote_decides(results: str, verified: bool) -> None:
    """Only a hard SPF fail or a DMARC fail for the From domain makes a mail unverified."""
    assert verdict(f"Authentication-Results: {results}") is verified


def test_no_header_at_all_is_no_verdict() -> None:
    """A mail with no Authentication-Results (a server that does not check) acts as before."""
    assert verdict() is True


def test_only_the_topmost_header_counts_without_an_authserv_id() -> None:
    """Without ILLBOT_MAIL_AUTHSERV_ID, the second header (maybe the sender's) is not read."""
    assert verdict(f"Authentication-Results: {PASSED}", f"Authentication-Results: {FAILED}")
    assert not verdict(f"Authentication-Results: {FAILED}", f"Authentication-Results: {PASSED}")


def test_with_an_authserv_id_its_headers_above_the_next_received_count() -> None:
    """One header per check (SPF, then DMARC) all count; the same name below Received does not."""
    spf = "Authentication-Results: mx.lib.example; spf=pass smtp.mailfrom=patron.example"
    dmarc = "Authentication-Results: mx.lib.example; dmarc=fail header.from=patron.example"
    assert not verdict(spf, dmarc, authserv_id=OURS)
    assert verdict(spf, f"Received: {RECEIVED}", dmarc, authserv_id=OURS)
    assert verdict(dmarc.replace(OURS, "other.example"), spf, authserv_id="MX.LIB.EXAMPLE")
