"""Card sign-in through the web chat with the ILS reached over TLS, configured as an operator does
(ILLBOT_SIP2_TLS, ILLBOT_SIP2_CA_FILE, ILLBOT_SIP2_SC_STATUS), and the settings that refuse to
start: a real TLS SIP2 server with a throwaway CA, the web chat on loopback, `illbot serve`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.runtime import Runtime
from bot.settings import Settings, load_settings
from bot.web.config import WebChat
from policy.errors import ConfigError
from tests.conftest import _service_missing
from tests.services.sip2_server import Sip2Server, server_tls
from tests.services.tls_certs import Certs, ServiceUnavailable, make_certs
from tests.web.conftest import (
    CARDS,
    PAT_CARD,
    PAT_PIN,
    Browser,
    RunningChat,
    free_port,
    running_chat,
)

USER, PASSWORD = "illbot", "s3cret-term"
Browsers = Callable[[RunningChat], Browser]


@pytest.fixture(scope="module")
def ils_certs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Certs:
    """A throwaway CA and a server certificate for 127.0.0.1 and localhost, made by openssl."""
    try:
        return make_certs(tmp_path_factory.mktemp("web-tls"))
    except ServiceUnavailable as exc:
        _service_missing(request.config, f"openssl: {exc.reason}")


@pytest.fixture
def tls_ils(ils_certs: Certs) -> Iterator[Sip2Server]:
    """The ILS serving SIP2 over TLS only, with the demo cards and a terminal login."""
    tls = server_tls(ils_certs.cert, ils_certs.key)
    with Sip2Server(CARDS, user=USER, password=PASSWORD, tls=tls) as server:
        yield server


def tls_settings(ils: Sip2Server, ca_file: Path, **more: Any) -> Settings:
    """The settings an operator writes for an ILS's TLS port."""
    return load_settings(
        web_chat=True,
        sip2_host="localhost",  # the certificate's name is checked, not only its signature
        sip2_port=ils.port,
        sip2_user=USER,
        sip2_password=PASSWORD,
        sip2_tls=True,
        sip2_ca_file=str(ca_file),
        **more,
    )


async def test_a_patron_signs_in_with_a_card_the_ils_checks_over_tls(
    sqlite_runtime: Runtime,
    tls_ils: Sip2Server,
    ils_certs: Certs,
    tmp_path: Path,
    browsers: Browsers,
) -> None:
    settings = tls_settings(tls_ils, ils_certs.ca, sip2_sc_status=True)
    sip2 = WebChat.from_settings(sqlite_runtime, settings).sip2
    with running_chat(sqlite_runtime, tmp_path, tls_ils, sip2_config=sip2) as running:
        pat = browsers(running)
        status, answer = await pat.sign_in(PAT_CARD, PAT_PIN)
        assert (status, answer["ok"]) == (200, True)
        _, state = await pat.get("state")
        assert state["patron"]["name"] == "Pat"
        wrong = await browsers(running).sign_in(PAT_CARD, "0000")
        assert wrong[0] == 401
    assert tls_ils.handshakes == ["ok", "ok"]  # every card check went over TLS
    assert [frame[:2] for frame in tls_ils.requests[:3]] == ["93", "99", "63"]  # SC Status asked


async def test_an_ils_whose_certificate_is_not_trusted_is_not_sent_the_card(
    sqlite_runtime: Runtime,
    tls_ils: Sip2Server,
    ils_certs: Certs,
    tmp_path: Path,
    browsers: Browsers,
) -> None:
    settings = tls_settings(tls_ils, ils_certs.other_ca)
    sip2 = WebChat.from_settings(sqlite_runtime, settings).sip2
    with running_chat(sqlite_runtime, tmp_path, tls_ils, sip2_config=sip2) as running:
        status, answer = await browsers(running).sign_in(PAT_CARD, PAT_PIN)
    assert status == 503 and "cannot check library cards" in answer["error"]
    assert PAT_CARD not in answer["error"]
    assert tls_ils.requests == []  # neither the terminal password nor the card crossed


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"sip2_ca_file": "ca.pem"}, "ILLBOT_SIP2_CA_FILE: is set but ILLBOT_SIP2_TLS is not true"),
        ({"sip2_host": None, "sip2_tls": True}, "ILLBOT_SIP2_TLS: is true but ILLBOT_SIP2_HOST"),
        ({"sip2_host": None, "sip2_sc_status": True}, "ILLBOT_SIP2_SC_STATUS: is true but"),
    ],
)
def test_a_sip2_setting_that_cannot_work_is_refused_naming_it(
    changes: dict[str, Any], named: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(**({"sip2_host": "ils.example"} | changes))
    assert str(refused.value).startswith(named)
    assert "\n" not in str(refused.value)


def test_an_empty_ca_file_setting_means_the_system_trust_store() -> None:
    settings = load_settings(sip2_host="ils.example", sip2_tls=True, sip2_ca_file="")
    assert settings.sip2_ca_file is None


def serve_refuses(tmp_path: Path, **env: str) -> str:
    """Start `illbot serve` with the web chat and these settings; return what it said."""
    environment = {
        **os.environ,
        "ILLBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "ILLBOT_HTTP_PORT": str(free_port()),
        "ILLBOT_SLACK_BOT_TOKEN": "",
        "ILLBOT_IMAP_HOST": "",
        "ILLBOT_SMTP_HOST": "",
        "ILLBOT_WEB_CHAT": "true",
        "ILLBOT_SIP2_HOST": "127.0.0.1",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0, done.stdout + done.stderr
    return done.stderr


@pytest.mark.parametrize("tls", [{}, {"ILLBOT_SIP2_TLS": "false"}])
def test_serve_will_not_start_with_a_ca_file_but_no_tls(
    tmp_path: Path, tls: dict[str, str]
) -> None:
    said = serve_refuses(tmp_path, ILLBOT_SIP2_CA_FILE="/etc/ssl/ils-ca.pem", **tls)
    assert "ILLBOT_SIP2_CA_FILE: is set but ILLBOT_SIP2_TLS is not true" in said
    assert len([line for line in said.splitlines() if line.strip()]) == 1, said


def test_serve_will_not_start_with_a_ca_file_that_holds_no_certificate(tmp_path: Path) -> None:
    junk = tmp_path / "ca.pem"
    junk.write_text("not a certificate\n")
    said = serve_refuses(tmp_path, ILLBOT_SIP2_TLS="true", ILLBOT_SIP2_CA_FILE=str(junk))
    assert f"ILLBOT_SIP2_CA_FILE: {junk} holds no PEM certificate" in said, said
    missing = tmp_path / "gone.pem"
    said = serve_refuses(tmp_path, ILLBOT_SIP2_TLS="true", ILLBOT_SIP2_CA_FILE=str(missing))
    assert f"ILLBOT_SIP2_CA_FILE: {missing} cannot be read" in said, said
