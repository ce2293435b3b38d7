"""A mail the store refuses is set aside and reported once; it never holds up the mailbox.

Over a real Dovecot and aiosmtpd, on SQLite and PostgreSQL. The store is made to refuse a value
for real (a CHECK constraint or a trigger), and the values the issue measured (NUL bytes, a From
over 300 characters, a title over 500, a DOI over 200) are mailed as senders write them.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, select, text

from bot.mail.imap import TRANSIENT_TRIES, MailPoller
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from store.db import transaction
from store.models import InboxMessage
from tests.email.conftest import (
    ANN,
    BOB,
    Clock,
    MailBot,
    Mailbox,
    add_patrons,
    outbox,
    refuse_titles,
    statuses,
)
from tests.email.mails import patron_mail
from tests.services.postgres import PostgresCluster

POISON = (
    'Please get me the book "The Poisonwood Bible" by Barbara Kingsolver, needed by Oct 30, 2030'
)
GOOD = "get me ISBN 9780262033848, needed by Oct 30, 2030"


def answers_to(mailbot: MailBot, address: str) -> list[str]:
    """Return the text of every mail the bot sent to an address."""
    found = []
    for message in mailbot.smtp.recorder.messages:
        if message["To"] == address:
            part = message.get_body(preferencelist=("plain",))
            assert part is not None
            found.append(str(part.get_content()))
    return found


def inbox_states(runtime: Runtime) -> list[str]:
    """Return the state of every inbox row."""
    with transaction(runtime.sessions) as session:
        return list(session.scalars(select(InboxMessage.state).order_by(InboxMessage.id)))


async def test_a_mail_the_store_refuses_is_set_aside_once_and_the_next_is_answered(
    backend_mailbot: MailBot, mailbox: Mailbox, backend_runtime: Runtime, clock: Clock
) -> None:
    """Ann's mail fails in the store: staff hear once, it is read no more, Bob is answered."""
    runtime = backend_runtime
    refuse_titles(runtime, "Poisonwood")
    poison = patron_mail(ANN, POISON, message_id="<poison-1@patron.example>")
    mailbox.deliver(poison, patron_mail(BOB, GOOD))
    await backend_mailbot.step()

    assert list(statuses(runtime).values()) == ["submitted"]  # Bob's; Ann's was rolled back
    assert len(answers_to(backend_mailbot, BOB)) == 1 and answers_to(backend_mailbot, ANN) == []
    [report] = outbox(runtime, kind="escalation", template="faults/unreadable")
    assert report.address == "staff" and "could not be handled" in report.text
    assert "IMAP UID" in report.text and ANN not in report.text
    assert mailbox.unseen() == []  # marked like handled mail: staff read it in the mailbox
    assert inbox_states(runtime).count("unreadable") == 2  # its IMAP identity and Message-ID

    # Polled again, and the same mail delivered again (a new UID, the same Message-ID):
    # not tried again in vain, not reported again, and the mailbox still flows.
    clock.advance(minutes=5)
    mailbox.deliver(poison, patron_mail(BOB, "where is ILL-1?"))
    await backend_mailbot.step()
    await backend_mailbot.step()
    assert len(outbox(runtime, kind="escalation", template="faults/unreadable")) == 1
    assert len(answers_to(backend_mailbot, BOB)) == 2 and answers_to(backend_mailbot, ANN) == []
    assert mailbox.unseen() == []


async def test_nul_bytes_and_overlong_values_never_stop_the_mailbox(
    backend_mailbot: MailBot, mailbox: Mailbox, backend_runtime: Runtime
) -> None:
    """The measured poison mails each get an answer or one staff report; Bob is answered."""
    long_title = "Please get me the book “" + "Infinite Jest " * 45 + "”, needed by Oct 30, 2030"
    long_doi = "please get me the article doi:10.1000/" + "x" * 250 + " needed by Oct 30, 2030"
    nul_body = (
        b"From: ann@patron.example\r\nTo: ill@lib.example\r\nSubject: ILL\r\n"
        b"Message-ID: <nul-body@patron.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"
        b"\r\n\r\nwhere is my=00 request?=00\r\n"
    )
    nul_id = (
        b"From: ann@patron.example\r\nTo: ill@lib.example\r\nSubject: =?utf-8?q?status=00?=\r\n"
        b"Message-ID: =?utf-8?q?<nul=00id@patron.example>?=\r\n\r\nstatus please\r\n"
    )
    long_from = patron_mail("a" * 320 + "@patron.example", "status please")
    mailbox.deliver(
        nul_body,
        nul_id,
        long_from,
        patron_mail(ANN, long_title),
        patron_mail(ANN, long_doi),
        patron_mail(BOB, GOOD),
    )
    await backend_mailbot.step()

    assert mailbox.unseen() == []
    assert "submitted" in statuses(backend_runtime).values()  # Bob's, at least
    assert len(answers_to(backend_mailbot, BOB)) == 1
    reports = outbox(backend_runtime, kind="escalation", template="faults/unreadable")
    # Ann's four mails and the one nobody can be answered at: each answered, or set aside
    # and reported, exactly once.
    assert len(answers_to(backend_mailbot, ANN)) + len(reports) == 5
    assert any("no sender address" in row.text for row in reports)
    assert not any("\x00" in row.text for row in outbox(backend_runtime))
    assert all("a" * 300 not in row.address for row in outbox(backend_runtime))


def test_a_lost_database_keeps_the_mail_for_later_and_never_sets_it_aside(
    postgres_cluster: PostgresCluster, mailbox: Mailbox, identity: MailIdentity, clock: Clock
) -> None:
    """With PostgreSQL refusing connections the mail stays unread; once back, it is answered."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    runtime = open_runtime(load_settings(), postgres_cluster.create_database(name))
    add_patrons(runtime)
    poller = MailPoller(runtime, identity, mailbox.config(), clock)
    admin = create_engine(postgres_cluster.url("postgres"))

    def allow(allowed: bool) -> None:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f"ALTER DATABASE {name} ALLOW_CONNECTIONS {allowed}"))
            if not allowed:
                connection.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname=:d"),
                    {"d": name},
                )

    mailbox.deliver(patron_mail(ANN, GOOD))
    allow(False)
    try:
        for _ in range(4):  # more often than a mail that fails in the store would be tried
            with pytest.raises(Exception, match=r"(?i)connect|terminat|closed"):
                poller.poll()
        assert len(mailbox.unseen()) == 1
    finally:
        allow(True)
    assert poller.poll() == 1
    assert statuses(runtime) == {"ILL-1": "submitted"}
    assert outbox(runtime, kind="escalation") == []
    assert mailbox.unseen() == []


async def test_mails_in_charsets_no_decoder_takes_are_answered_over_imap(
    backend_mailbot: MailBot, mailbox: Mailbox, backend_runtime: Runtime
) -> None:
    """`undefined`, `punycode`, a NUL in a charset name and a 2 MB Subject, from the mailbox."""
    mails = [
        b"From: ann@patron.example\r\nTo: ill@lib.example\r\nSubject: =?"
        + charset
        + b"?q?ILL?=\r\nContent-Type: text/plain; charset="
        + charset
        + b"\r\n\r\nget me ISBN 978026203384"
        + str(n).encode()
        + b", needed by Oct 30, 2030 \xff\r\n"
        for n, charset in enumerate([b"undefined", b"punycode", b"utf\x008"])
    ]
    subject = b" ".join([b"=?utf-8?q?B=C3=BCcher?="] * 90_000)
    mails.append(patron_mail(ANN, "where is ILL-1?").replace(b"Interlibrary loan", subject, 1))
    mailbox.deliver(*mails)
    await backend_mailbot.step()
    assert mailbox.unseen() == []
    assert len(answers_to(backend_mailbot, ANN)) == 4
    assert outbox(backend_runtime, kind="escalation") == []
    big = backend_mailbot.smtp.recorder.messages[-1]
    assert str(big["Subject"]).startswith("Re: BücherBücher") and len(str(big["Subject"])) < 400


def test_a_mail_whose_turn_kills_the_connection_is_set_aside_after_a_few_tries(
    postgres_cluster: PostgresCluster, mailbox: Mailbox, identity: MailIdentity, clock: Clock
) -> None:
    """The store answers, yet this mail's turn loses the connection each time: not for ever."""
    runtime = open_runtime(
        load_settings(), postgres_cluster.create_database(f"t_{uuid.uuid4().hex[:12]}")
    )
    add_patrons(runtime)
    with runtime.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE FUNCTION die() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$"
            )
        )
        connection.execute(
            text(
                "CREATE TRIGGER die BEFORE INSERT ON requests FOR EACH ROW "
                "WHEN (NEW.title LIKE '%Poisonwood%') EXECUTE FUNCTION die()"
            )
        )
    poller = MailPoller(runtime, identity, mailbox.config(), clock)
    mailbox.deliver(patron_mail(ANN, POISON), patron_mail(BOB, GOOD))
    for _ in range(TRANSIENT_TRIES - 1):  # maybe the store's trouble: tried again later
        with pytest.raises(Exception, match=r"(?i)terminat|closed|connection"):
            poller.poll()
        assert len(mailbox.unseen()) == 2
    assert poller.poll() == 2  # now it is the mail's: set aside, and Bob's is handled
    assert list(statuses(runtime).values()) == ["submitted"]
    assert len(outbox(runtime, kind="escalation", template="faults/unreadable")) == 1
    assert mailbox.unseen() == []
