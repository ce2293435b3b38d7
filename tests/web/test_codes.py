"""Sign-in by a one-time code where no SIP2 server is configured: mailed through the outbox by
the real email sender to a real SMTP server, once, for ten minutes and five tries.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.mail.smtp import SmtpConfig, SmtpSender
from bot.mail.tokens import MailIdentity
from bot.runtime import Runtime
from store.db import transaction
from store.models import OutboxMessage, SignInAttempt, SignInCode, WebSession, WebVisit
from store.retention import purge_finished
from tests.web.conftest import Browser, RunningChat, SmtpServer, running_chat

Browsers = Callable[[RunningChat], Browser]
PAT = "pat@sjpl.example"


@pytest.fixture
def code_chat(runtime: Runtime, tmp_path: Path) -> Iterator[RunningChat]:
    """The web chat with no SIP2 server (sign-in by mailed code), on SQLite and PostgreSQL."""
    with running_chat(runtime, tmp_path, None) as chat:
        yield chat


async def mail_out(chat: RunningChat, smtp: SmtpServer) -> int:
    """Run the bot's email sender over the outbox once; return how many mails left."""
    identity = MailIdentity.parse("Interlibrary Loan <ill@sjpl.example>", "test secret 0123456789")
    config = SmtpConfig(host="127.0.0.1", port=smtp.port, security="none", timeout=5.0)
    return await SmtpSender(chat.runtime.sessions, identity, config, chat.clock).drain()


async def ask_code(chat: RunningChat, smtp: SmtpServer, patron: Browser, email: str = PAT) -> str:
    """Ask for a code and read it from the mail the sender delivered."""
    status, answer = await patron.post("code", {"email": email})
    assert (status, answer) == (200, {"ok": True, "sent_to": f"{email[0]}***@sjpl.example"})
    assert await mail_out(chat, smtp) == 1
    mail = smtp.messages()[-1]
    assert mail["To"] == PAT
    found = re.search(r"\b(\d{6})\b", mail.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    assert found is not None
    return found.group(1)


async def test_a_mailed_code_signs_the_patron_in_once_and_never_reaches_a_log(
    code_chat: RunningChat,
    smtp_server: SmtpServer,
    browsers: Browsers,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    patron = browsers(code_chat)
    await patron.open()
    code = await ask_code(code_chat, smtp_server, patron, "Pat@sjpl.example")
    wrong = "000000" if code != "000000" else "111111"
    verify = {"email": PAT, "code": wrong}
    assert (await patron.post("code/verify", verify))[0] == 401
    status, answer = await patron.post("code/verify", {**verify, "code": code})
    assert status == 200
    patron.csrf = answer["csrf"]
    _, state = await patron.get("state")
    assert state["patron"]["name"] == "Pat"
    other = browsers(code_chat)
    await other.open()
    assert (await other.post("code/verify", {**verify, "code": code}))[0] == 401  # used
    ours = [r for r in caplog.records if r.name != "mail.log"]  # not the SMTP server's own
    logged = "\n".join(record.getMessage() for record in ours)
    assert code not in logged and PAT not in logged.lower()


async def test_an_address_not_in_the_directory_gets_the_same_answer_and_no_mail(
    code_chat: RunningChat, smtp_server: SmtpServer, browsers: Browsers
) -> None:
    patron = browsers(code_chat)
    await patron.open()
    status, answer = await patron.post("code", {"email": "stranger@sjpl.example"})
    assert (status, answer) == (200, {"ok": True, "sent_to": "s***@sjpl.example"})
    assert await mail_out(code_chat, smtp_server) == 0
    with code_chat.runtime.sessions() as session:
        assert session.scalars(select(OutboxMessage)).all() == []


async def test_five_wrong_tries_spend_the_code_and_an_old_code_is_refused(
    sqlite_runtime: Runtime, tmp_path: Path, smtp_server: SmtpServer, browsers: Browsers
) -> None:
    with running_chat(sqlite_runtime, tmp_path, None) as chat:
        patron = browsers(chat)
        await patron.open()
        code = await ask_code(chat, smtp_server, patron)
        wrong = "000000" if code != "000000" else "111111"
        for _ in range(5):
            assert (await patron.post("code/verify", {"email": PAT, "code": wrong}))[0] == 401
        status, answer = await patron.post("code/verify", {"email": PAT, "code": code})
        assert status == 429 and "try again in" in answer["error"]
        chat.advance(minutes=16)
        assert (await patron.post("code/verify", {"email": PAT, "code": code}))[0] == 401
        fresh = await ask_code(chat, smtp_server, patron)
        chat.advance(minutes=11)
        assert (await patron.post("code/verify", {"email": PAT, "code": fresh}))[0] == 401


async def test_a_fourth_code_within_the_hour_is_refused_with_when_to_ask_again(
    sqlite_runtime: Runtime, tmp_path: Path, smtp_server: SmtpServer, browsers: Browsers
) -> None:
    with running_chat(sqlite_runtime, tmp_path, None) as chat:
        patron = browsers(chat)
        await patron.open()
        for _ in range(3):
            assert (await patron.post("code", {"email": PAT}))[0] == 200
        status, answer = await patron.post("code", {"email": PAT})
        assert status == 429
        assert answer["error"] == "Too many tries. Please try again in 60 minutes."
        assert await mail_out(chat, smtp_server) == 3


async def test_the_purge_leaves_nothing_of_a_code_sign_in_but_the_last_visit(
    code_chat: RunningChat, smtp_server: SmtpServer, browsers: Browsers
) -> None:
    patron = browsers(code_chat)
    await patron.open()
    code = await ask_code(code_chat, smtp_server, patron)
    assert (await patron.post("code/verify", {"email": PAT, "code": code}))[0] == 200
    code_chat.advance(hours=13)
    runtime = code_chat.runtime
    with transaction(runtime.sessions) as session:
        purge_finished(session, code_chat.clock.now(), runtime.library)
    with runtime.sessions() as session:
        for model in (WebSession, SignInCode, SignInAttempt, OutboxMessage):
            assert session.scalars(select(model)).all() == [], model
        (visit,) = session.scalars(select(WebVisit)).all()
        assert visit.patron_id == "sj-card"  # "since your last visit", kept like a conversation


def illbot(chat: RunningChat, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the `illbot` command line an operator uses, on the chat's store."""
    url = chat.runtime.engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "ILLBOT_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True, timeout=60
    )


async def test_operators_see_a_code_mail_waiting_or_failed_but_never_its_code(
    code_chat: RunningChat, browsers: Browsers
) -> None:
    patron = browsers(code_chat)
    await patron.open()
    assert (await patron.post("code", {"email": PAT}))[0] == 200  # not sent yet: no SMTP run
    with code_chat.runtime.sessions() as session:
        (mail,) = session.scalars(select(OutboxMessage))
        code = re.findall(r"\b\d{6}\b", mail.text)[0]
    listed = illbot(code_chat, "outbox", "list")
    assert listed.returncode == 0, listed.stderr
    (line,) = [line for line in listed.stdout.splitlines() if line.startswith(f"#{mail.id} ")]
    assert "pending email" in line and "(sign-in code, hidden)" in line
    assert code not in listed.stdout + listed.stderr and PAT not in listed.stdout
    with transaction(code_chat.runtime.sessions) as session:
        row = session.get(OutboxMessage, mail.id)
        assert row is not None
        row.state, row.failed_at = "failed", code_chat.clock.now()
        row.last_error = f"550 5.7.1 content rejected: 'Your code ... is {code}' ({code})"
    failed = illbot(code_chat, "outbox", "list", "--failed")
    assert f"#{mail.id} failed" in failed.stdout and "(sign-in code, hidden)" in failed.stdout
    assert "550 5.7.1" in failed.stdout and code not in failed.stdout + failed.stderr
    with transaction(code_chat.runtime.sessions) as session:
        row = session.get(OutboxMessage, mail.id)
        assert row is not None
        row.created_at -= timedelta(minutes=11)  # its code has expired
    retried = illbot(code_chat, "outbox", "retry", str(mail.id))
    assert retried.returncode != 0 and "sign-in code that has expired" in retried.stderr
    with code_chat.runtime.sessions() as session:
        assert session.get(OutboxMessage, mail.id).state == "failed"  # type: ignore[union-attr]
