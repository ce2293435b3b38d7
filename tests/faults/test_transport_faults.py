"""The transports under faults, end to end, on a SQLite file and on PostgreSQL.

- Poison mail through a real Dovecot: good mails from directory patrons interleaved with the
  mails the issue measured (NUL bytes, over-long From, title and DOI, charsets no decoder takes,
  a 2 MB encoded-word Subject) and one whose title the store itself refuses. Every good mail is
  answered once; every poison mail is answered or set aside with one staff report, never neither
  and never both; a redelivered mailbox (marked unseen again, then appended again) answers and
  reports nothing a second time.
- An SMTP mailbox at 4xx for days of simulated time: aiosmtpd greylists one patron for ever
  while the others' replies flow; the stuck row fails once and staff hear once.
- The Slack Web API answering 429 with Retry-After, 500 and `channel_not_found` on three
  channels: every row to a reachable channel is posted exactly once, the unreachable one fails
  once with one staff report.

Each test records one figures line through `fault_report`.
"""

from __future__ import annotations

import asyncio
import socket
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from imap_tools import MailBoxUnencrypted, MailMessageFlags
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select

from bot.mail.imap import MailPoller
from bot.mail.parse import parse_mail
from bot.mail.smtp import SmtpSender
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings, retry_limits
from bot.slack.sender import SlackSender
from store.db import transaction
from store.directory import PatronRecord, upsert_patron
from store.models import InboxMessage, OutboxMessage
from tests.conftest import _service_missing
from tests.email.conftest import (
    LOCAL,
    PASSWORD,
    Clock,
    Mailbox,
    Recorder,
    SmtpServer,
    refuse_titles,
)
from tests.email.mails import BOT, patron_mail
from tests.faults.support import isbn13
from tests.services.dovecot import Dovecot, ServiceUnavailable, start_dovecot
from tests.slack.clocks import ShiftClock, daytime_clock
from tests.slack.conftest import STAFF, STAFFER, open_bot_runtime, queue_replies
from tests.slack.fake_slack import FakeSlack

GOOD_PATRONS = 5
REFUSED = 'Please get me the book "The Poisonwood Bible" by Barbara Kingsolver, needed by Oct 30'
POLL_PASSES = 10  # "to exhaustion": a pass that handles nothing ends it long before this


def _backend(url: str) -> str:
    return url.split(":", 1)[0].split("+", 1)[0]


def _address(patron: str) -> str:
    return f"{patron}@jjay.example"


# ------------------------------------------------------------------ mail: servers and store


@pytest.fixture(scope="module")
def imap_server(request: pytest.FixtureRequest) -> Iterator[Dovecot]:
    """One Dovecot for this module, with the bot's mailbox."""
    try:
        server = start_dovecot({BOT: PASSWORD})
    except ServiceUnavailable as exc:
        _service_missing(request.config, f"Dovecot IMAP: {exc.reason}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mailbox(imap_server: Dovecot) -> Mailbox:
    imap_server.empty(BOT)
    return Mailbox(imap_server)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 9, 1, 10, 0, tzinfo=LOCAL))


@pytest.fixture
def identity() -> MailIdentity:
    return MailIdentity.parse(f"Interlibrary Loan <{BOT}>", "fault suite: 0123456789abcdef")


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    """A store with John Jay faculty g0…g4 (good mail) and x0…x8 (one poison mail each)."""
    opened = open_runtime(load_settings(), database_url)
    with transaction(opened.sessions) as session:
        for patron in [f"g{n}" for n in range(GOOD_PATRONS)] + [f"x{n}" for n in range(9)]:
            upsert_patron(
                session, PatronRecord(patron, "johnjay", "faculty", email=_address(patron))
            )
    yield opened
    opened.engine.dispose()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Greylist(Recorder):
    """Records mail like any server, but answers 451 to every RCPT TO one address, for ever."""

    def __init__(self) -> None:
        super().__init__()
        self.stuck: str | None = None  # the address refused, once a test sets it
        self.refused = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address.lower() == self.stuck:
            self.refused += 1
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """aiosmtpd on loopback, ready to greylist one address."""
    server = SmtpServer(_free_port(), recorder=Greylist())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _rows(runtime: Runtime) -> list[OutboxMessage]:
    with runtime.sessions() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _replies_by_mail(runtime: Runtime) -> Counter[str]:
    """Reply rows per Message-ID of the mail they answer."""
    return Counter(
        str(r.meta["mail"]["in_reply_to"])
        for r in _rows(runtime)
        if r.kind == "reply" and (r.meta or {}).get("mail", {}).get("in_reply_to")
    )


def _delivered_by_mail(server: SmtpServer) -> Counter[str]:
    """Mails aiosmtpd took, per Message-ID of the mail they answer."""
    return Counter(str(m["In-Reply-To"]) for m in server.recorder.messages if m["In-Reply-To"])


def _poll_to_exhaustion(poller: MailPoller) -> int:
    handled = 0
    for _ in range(POLL_PASSES):
        done = poller.poll()
        if done == 0:
            return handled
        handled += done
    raise AssertionError(f"the poller still found new mail after {POLL_PASSES} passes")


def _uids(mailbox: Mailbox) -> list[int]:
    with MailBoxUnencrypted(mailbox.server.host, mailbox.server.port).login(BOT, PASSWORD) as box:
        return sorted(int(uid) for uid in box.uids("ALL"))


def _mark_all_unseen(mailbox: Mailbox) -> None:
    with MailBoxUnencrypted(mailbox.server.host, mailbox.server.port).login(BOT, PASSWORD) as box:
        box.flag(box.uids("ALL"), MailMessageFlags.SEEN, False)


# ------------------------------------------------------------------ 1. a poison burst


def _good_mails() -> list[tuple[str, bytes]]:
    """Four mails from each good patron: a request, a question, a request, a question."""
    mails = []
    for step in range(4):
        for p in range(GOOD_PATRONS):
            text = (
                f"Please get me ISBN {isbn13(3000 + 10 * p + step)}, needed by Oct 30"
                if step % 2 == 0
                else "where is my request?"
            )
            message_id = f"<good-{p}-{step}@jjay.example>"
            mails.append((message_id, patron_mail(_address(f"g{p}"), text, message_id=message_id)))
    return mails


def _charset_mail(sender: str, charset: bytes, message_id: str, isbn: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: {BOT}\r\nMessage-ID: {message_id}\r\n".encode()
        + b"Subject: =?"
        + charset
        + b"?q?ILL?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset="
        + charset
        + f"\r\n\r\nget me ISBN {isbn}, needed by Oct 30 ".encode()
        + b"\xff\r\n"
    )


def _poison_mails() -> list[tuple[str, str, bytes]]:
    """(what, Message-ID as the parser reads it, raw) for each poison mail."""
    x = [_address(f"x{n}") for n in range(9)]
    nul_body = (
        f"From: {x[0]}\r\nTo: {BOT}\r\nSubject: ILL\r\n".encode()
        + b"Message-ID: <poison-nul-body@jjay.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"
        b"\r\n\r\nwhere is my=00 request?=00\r\n"
    )
    nul_id = (
        f"From: {x[1]}\r\nTo: {BOT}\r\n".encode() + b"Subject: =?utf-8?q?status=00?=\r\n"
        b"Message-ID: =?utf-8?q?<poison-nul=00id@jjay.example>?=\r\n\r\nwhere is my request?\r\n"
    )
    long_title = "Please get me the book “" + "Infinite Jest " * 45 + "”, needed by Oct 30"
    long_doi = "please get me the article doi:10.1000/" + "x" * 250 + " needed by Oct 30"
    subject = b" ".join([b"=?utf-8?q?B=C3=BCcher?="] * 90_000)  # about 2 MB
    big = patron_mail(x[6], "where is my request?", message_id="<poison-big@jjay.example>")
    raws = [
        ("nul in body", nul_body),
        ("nul in Message-ID", nul_id),
        (
            "From over 300 (its name)",
            patron_mail(
                f'"{"Patron " * 45}" <{x[7]}>',
                "where is my request?",
                message_id="<poison-long-name@jjay.example>",
            ),
        ),
        (
            "From over 300 (its address)",
            patron_mail(
                "a" * 320 + "@jjay.example",
                "where is my request?",
                message_id="<poison-long-address@jjay.example>",
            ),
        ),
        (
            "title over 500",
            patron_mail(x[2], long_title, message_id="<poison-title@jjay.example>"),
        ),
        ("DOI over 200", patron_mail(x[3], long_doi, message_id="<poison-doi@jjay.example>")),
        (
            "charset=undefined",
            _charset_mail(x[4], b"undefined", "<poison-undefined@jjay.example>", isbn13(3901)),
        ),
        (
            "charset=punycode",
            _charset_mail(x[5], b"punycode", "<poison-punycode@jjay.example>", isbn13(3902)),
        ),
        ("2 MB Subject", big.replace(b"Interlibrary loan", subject, 1)),
        (
            "a title the store refuses",
            patron_mail(x[8], REFUSED, message_id="<poison-refused@jjay.example>"),
        ),
    ]
    return [(what, str(parse_mail(raw).message_id), raw) for what, raw in raws]


@dataclass
class PoisonCount:
    """What became of the poison mails: replies and staff reports per mail."""

    answers: dict[str, int] = field(default_factory=dict)
    reports: dict[str, int] = field(default_factory=dict)

    def outcome(self, what: str) -> int:
        return self.answers[what] + self.reports[what]


def _reported_mail(
    runtime: Runtime, row: OutboxMessage, by_message_id: dict[str, str], uid_of: dict[int, str]
) -> str:
    """Which mail a staff report is about: by the inbox row it names, else by its IMAP UID."""
    with transaction(runtime.sessions) as session:
        inbox = session.get(InboxMessage, int(str(row.context["inbox_ref"]).lstrip("#")))
        key = inbox.transport_id if inbox is not None else ""
    if key in by_message_id:
        return by_message_id[key]
    reason = str(row.context["reason"])
    if not reason.startswith("IMAP UID "):
        return f"inbox row {key}, not a poison mail"
    uid = int(reason.split(":", 1)[0].removeprefix("IMAP UID "))
    return uid_of.get(uid, f"UID {uid}, not a poison mail")


def _count_poison(
    runtime: Runtime, poison: list[tuple[str, str, bytes]], uid_of: dict[int, str]
) -> PoisonCount:
    replies = _replies_by_mail(runtime)
    by_message_id = {message_id: what for what, message_id, _raw in poison}
    reports: Counter[str] = Counter()
    for row in _rows(runtime):
        if row.template == "faults/unreadable":
            reports[_reported_mail(runtime, row, by_message_id, uid_of)] += 1
    count = PoisonCount()
    for what, message_id, _raw in poison:
        count.answers[what] = replies[message_id]
        count.reports[what] = reports.pop(what, 0)
    assert not reports, f"staff reports about mails that were not poison: {dict(reports)}"
    return count


async def test_a_poison_burst_through_dovecot(
    database_url: str,
    runtime: Runtime,
    mailbox: Mailbox,
    smtp: SmtpServer,
    identity: MailIdentity,
    clock: Clock,
    fault_report: Callable[[str], None],
) -> None:
    good, poison = _good_mails(), _poison_mails()
    refuse_titles(runtime, "Poisonwood")  # as a value the store cannot keep is refused
    # Interleaved: a poison mail after every second good one.
    order: list[tuple[str, bytes]] = []  # (Message-ID of a good mail, or what the poison is; raw)
    rest = list(poison)
    for index, (message_id, raw) in enumerate(good):
        order.append((message_id, raw))
        if index % 2 == 1 and rest:
            what, _mid, poison_raw = rest.pop(0)
            order.append((what, poison_raw))
    order += [(what, raw) for what, _mid, raw in rest]
    poller = MailPoller(runtime, identity, mailbox.config(), clock)
    sender = SmtpSender(runtime.sessions, identity, smtp.config(), clock)

    mailbox.deliver(*(raw for _, raw in order))
    uid_of = dict(zip(_uids(mailbox), (what for what, _ in order), strict=True))
    handled = _poll_to_exhaustion(poller)
    await sender.drain()
    assert mailbox.unseen() == []

    replies, delivered = _replies_by_mail(runtime), _delivered_by_mail(smtp)
    ids = [message_id for message_id, _ in good]
    once = [m for m in ids if replies[m] == 1 and delivered[m] == 1]
    lost = [m for m in ids if replies[m] == 0 or delivered[m] == 0]
    doubled = [m for m in ids if replies[m] > 1 or delivered[m] > 1]
    first = _count_poison(runtime, poison, uid_of)
    before = (len(_rows(runtime)), len(smtp.recorder.messages))

    # The whole mailbox again: first marked unseen, then every mail appended again (new UIDs,
    # the same Message-IDs), as a server restored from a backup would deliver it.
    clock.advance(minutes=10)
    _mark_all_unseen(mailbox)
    again = _poll_to_exhaustion(poller)
    mailbox.deliver(*(raw for _, raw in order))
    uid_of.update(zip(_uids(mailbox)[len(order) :], (what for what, _ in order), strict=True))
    clock.advance(minutes=10)
    again += _poll_to_exhaustion(poller)
    await sender.drain()
    assert mailbox.unseen() == []
    second = _count_poison(runtime, poison, uid_of)
    after = (len(_rows(runtime)), len(smtp.recorder.messages))

    answered = [w for w in first.answers if first.answers[w] == 1 and first.reports[w] == 0]
    set_aside = [w for w in first.reports if first.reports[w] == 1 and first.answers[w] == 0]
    nothing = [w for w in first.answers if first.outcome(w) == 0]
    twice = [w for w in first.answers if first.outcome(w) > 1]
    line = (
        f"{_backend(database_url):8} tried {len(ids)}  answered once {len(once)}  "
        f"lost {len(lost)}  doubled {len(doubled)}  (good mails; handled {handled} of "
        f"{len(order)}); poison {len(poison)}: answered {len(answered)}  set aside and reported "
        f"{len(set_aside)}  nothing {len(nothing)}  twice {len(twice)}; redelivered "
        f"{2 * len(order)} ({again} new UIDs handled): new rows {after[0] - before[0]}  "
        f"new mails sent {after[1] - before[1]}"
    )
    fault_report(line)
    assert not lost, f"{line}\nlost: {lost}"
    assert not doubled, f"{line}\ndoubled: {doubled}"
    assert len(once) == len(ids), line
    assert not nothing and not twice, (
        f"{line}\nno answer and no staff report: {nothing}; both or more than one: {twice}"
        f"\nanswers: {first.answers}\nreports: {first.reports}"
    )
    unsent = [w for w, m, _ in poison if delivered[m] != first.answers[w]]
    assert not unsent, f"{line}\nanswered in the store but not mailed once: {unsent}"
    assert second == first, f"{line}\nafter redelivery: {second}\nbefore: {first}"
    assert after == before, f"redelivery answered or reported again: {line}"
    assert not any("\x00" in row.text for row in _rows(runtime))


# ------------------------------------------------------------------ 2. 4xx for days


async def test_an_smtp_mailbox_at_4xx_for_days(
    database_url: str,
    runtime: Runtime,
    mailbox: Mailbox,
    smtp: SmtpServer,
    identity: MailIdentity,
    clock: Clock,
    fault_report: Callable[[str], None],
) -> None:
    """g0 is greylisted for ever; g1…g3 write every day; hourly drains over five days."""
    greylist = smtp.recorder
    assert isinstance(greylist, Greylist)
    greylist.stuck = _address("g0")
    poller = MailPoller(runtime, identity, mailbox.config(), clock)
    sender = SmtpSender(runtime.sessions, identity, smtp.config(), clock)
    mailbox.deliver(patron_mail(_address("g0"), f"get me ISBN {isbn13(4000)}, by Dec 30"))
    poller.poll()
    good: list[str] = []
    for hour in range(24 * 5):
        if hour % 24 == 1:
            day = hour // 24
            for p in (1, 2, 3):
                message_id = f"<day-{day}-{p}@jjay.example>"
                good.append(message_id)
                text = f"get me ISBN {isbn13(4000 + 10 * p + day)}, needed by Dec 30"
                mailbox.deliver(patron_mail(_address(f"g{p}"), text, message_id=message_id))
            poller.poll()
        await sender.drain()
        clock.advance(hours=1)
    tries = greylist.refused
    clock.advance(days=3)  # and more: never tried again, never reported again
    await sender.drain()

    rows = _rows(runtime)
    replies, delivered = _replies_by_mail(runtime), _delivered_by_mail(smtp)
    once = [m for m in good if replies[m] == 1 and delivered[m] == 1]
    lost = [m for m in good if replies[m] == 0 or delivered[m] == 0]
    doubled = [m for m in good if replies[m] > 1 or delivered[m] > 1]
    stuck = [r for r in rows if r.channel == "email" and r.address == _address("g0")]
    reports = [r for r in rows if r.template == "faults/undelivered"]
    line = (
        f"{_backend(database_url):8} tried {len(good)}  delivered once {len(once)}  "
        f"lost {len(lost)}  doubled {len(doubled)}  (good rows over 5 days); stuck row: "
        f"{'/'.join(r.state for r in stuck)} after {tries} tries, staff told {len(reports)}"
    )
    fault_report(line)
    assert not lost and not doubled and len(once) == len(good) == 15, line
    assert [r.state for r in stuck] == ["failed"], line
    assert stuck[0].reported_at is not None and "gave up after" in (stuck[0].last_error or "")
    assert len(reports) == 1 and f"outbox row {stuck[0].id}" in reports[0].text, line
    assert greylist.refused == tries == stuck[0].attempts, line
    assert not any(_address("g0") in rcpts for _, rcpts, _ in greylist.envelopes)
    others = [r for r in rows if r.channel == "email" and r.address != _address("g0")]
    assert {r.state for r in others} == {"sent"}, line


# ------------------------------------------------------------------ 3. Slack Web API faults


class RecordingSlack(FakeSlack):
    """The fake Web API, also noting whether each post was accepted (`ok`) or refused."""

    def __init__(self) -> None:
        super().__init__()
        self.posts: list[tuple[str, str, int, bool]] = []  # channel, text, status, ok

    def _answer(
        self, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        status, body, headers = super()._answer(method, params)
        if method == "chat.postMessage":
            entry = (str(params.get("channel")), str(params.get("text")), status, body["ok"])
            with self.lock:
                self.posts.append(entry)
        return status, body, headers


@pytest.fixture
def fake() -> Iterator[RecordingSlack]:
    slack = RecordingSlack()
    slack.members[STAFF] = [STAFFER]
    slack.start()
    yield slack
    slack.stop()


async def test_slack_answers_429_500_and_channel_not_found(
    database_url: str, fake: RecordingSlack, fault_report: Callable[[str], None]
) -> None:
    """UFAC is rate limited for a while, UFAC2 gets 500s, UGONE is gone; UVS is fine."""
    runtime, _settings = open_bot_runtime(database_url, fake)
    clock: ShiftClock = daytime_clock()
    users = ["UFAC", "UFAC2", "UVS"] * 10
    users.insert(13, "UGONE")
    ids = queue_replies(runtime, clock, users)
    pairs = enumerate(zip(ids, users, strict=True), 1)
    texts = {i: (user, f"reply {n} to {user}") for n, (i, user) in pairs}
    fake.refuse("chat.postMessage", status=429, retry_after=20, times=4, channel="UFAC")
    fake.refuse("chat.postMessage", status=500, error="internal_error", times=3, channel="UFAC2")
    fake.refuse("chat.postMessage", status=200, error="channel_not_found", channel="UGONE")
    client = AsyncWebClient(token="xoxb-test", base_url=fake.url)
    limits = retry_limits(load_settings())
    sender = SlackSender(
        runtime.sessions, client, STAFF, clock, asyncio.Event(), poll_seconds=0.1, limits=limits
    )
    try:
        drains = await _drain_until_nothing_due(runtime, sender, clock)
        rows = _rows(runtime)
    finally:
        runtime.engine.dispose()

    accepted = Counter((ch, text) for ch, text, _status, ok in fake.posts if ok)
    patron_posts = [p for p in fake.posts if p[0] != STAFF]
    reachable = [i for i, (user, _) in texts.items() if user != "UGONE"]
    once = [i for i in reachable if accepted[texts[i]] == 1]
    lost = [i for i in reachable if accepted[texts[i]] == 0]
    doubled = [i for i in reachable if accepted[texts[i]] > 1]
    failed = [r for r in rows if r.state == "failed"]
    staff_posts = [text for ch, text, _status, ok in fake.posts if ch == STAFF and ok]
    reported = [r for r in failed if sum(f"outbox row {r.id}" in t for t in staff_posts) == 1]
    refusals = Counter(
        "429" if status == 429 else "500" if status == 500 else "channel_not_found"
        for _ch, _text, status, ok in patron_posts
        if not ok
    )
    line = (
        f"{_backend(database_url):8} tried {len(patron_posts)} posts for {len(texts)} rows  "
        f"delivered once {len(once)}  lost {len(lost)}  doubled {len(doubled)}  "
        f"failed and reported {len(reported)}/{len(failed)}  (refused: 429 {refusals['429']}, "
        f"500 {refusals['500']}, channel_not_found {refusals['channel_not_found']}; "
        f"staff posts {len(staff_posts)}; {drains} drains)"
    )
    fault_report(line)
    assert not lost, f"{line}\nlost: {[texts[i] for i in lost]}"
    assert not doubled, f"{line}\ndoubled: {[texts[i] for i in doubled]}"
    assert len(once) == len(reachable), line
    [gone] = [i for i, (user, _) in texts.items() if user == "UGONE"]
    assert [r.id for r in failed] == [gone], line
    assert failed[0].last_error == "channel_not_found" and failed[0].attempts == 1, line
    assert [r.id for r in reported] == [gone] and len(staff_posts) == 1, line
    assert refusals == {"429": 4, "500": 3, "channel_not_found": 1}, line
    assert {r.state for r in rows if r.id != gone} == {"sent"}, line


async def _drain_until_nothing_due(
    runtime: Runtime, sender: SlackSender, clock: ShiftClock, most: int = 100
) -> int:
    """Drain, then move the sender's clock to the next row's retry time (or past a 429's pause),
    until no row is pending; return the number of drains."""
    for drains in range(1, most + 1):
        await sender.drain()
        pending = [r.next_attempt_at for r in _rows(runtime) if r.state == "pending"]
        if not pending:
            return drains
        wake = max(min(pending), sender.paused_until or min(pending))
        clock.advance(max(wake - clock.now(), timedelta(0)) + timedelta(seconds=1))
    raise AssertionError(f"rows still pending after {most} drains")
