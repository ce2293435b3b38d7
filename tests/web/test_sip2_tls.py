"""Library-card checks over SIP2 on TLS, against a real TLS SIP2 server with a throwaway CA."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.web.sip2 import Sip2Config, Sip2Error, check_card
from policy.errors import ConfigError
from tests.conftest import _service_missing
from tests.services.sip2_server import Sip2Server, server_tls
from tests.services.tls_certs import Certs, ServiceUnavailable, make_certs

CARD, PIN, PASSWORD = "21197000000011", "2468", "s3cret-term"
CARDS: dict[str, dict[str, Any]] = {
    CARD: {"pin": PIN, "name": "Pat Miller", "email": "pat@sjpl.example"},
}


@pytest.fixture(scope="session")
def certs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Certs:
    """A throwaway CA, its server certificates and an unrelated CA, made by openssl."""
    try:
        return make_certs(tmp_path_factory.mktemp("sip2-tls"))
    except ServiceUnavailable as exc:
        _service_missing(request.config, f"openssl: {exc.reason}")


def ils(
    certs: Certs | None, *, wrong_host: bool = False, user: str | None = "illbot"
) -> Sip2Server:
    """An ILS wanting a login, over TLS when certs are given (not started)."""
    tls = None
    if certs is not None and wrong_host:
        tls = server_tls(certs.wrong_host_cert, certs.wrong_host_key)
    elif certs is not None:
        tls = server_tls(certs.cert, certs.key)
    return Sip2Server(CARDS, user=user, password=PASSWORD, institution="SJPL", tls=tls)


@pytest.fixture
def tls_ils(certs: Certs) -> Iterator[Sip2Server]:
    """An ILS serving SIP2 over TLS with a certificate for 127.0.0.1 and localhost."""
    with ils(certs) as server:
        yield server


def config_for(server: Sip2Server, **changes: Any) -> Sip2Config:
    values: dict[str, Any] = {
        "host": server.host,
        "port": server.port,
        "user": server.user,
        "password": server.password,
        "location": "SJPL-MAIN",
        "timeout": 5.0,
        "tls": True,
    }
    values.update(changes)
    return Sip2Config(**values)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
async def test_check_over_tls_gives_the_patron(
    tls_ils: Sip2Server, certs: Certs, host: str
) -> None:
    config = config_for(tls_ils, host=host, ca_file=str(certs.ca), sc_status=True)
    check = await check_card(config, CARD, PIN)
    assert check.valid_pin and (check.name, check.email) == ("Pat Miller", "pat@sjpl.example")
    assert tls_ils.handshakes == ["ok"]
    assert [frame[:2] for frame in tls_ils.requests] == ["93", "99", "63"]


async def test_self_signed_certificate_given_as_the_ca_file_is_trusted(certs: Certs) -> None:
    tls = server_tls(certs.self_signed_cert, certs.self_signed_key)
    with Sip2Server(CARDS, tls=tls) as stunnel:
        config = config_for(stunnel, ca_file=str(certs.self_signed_cert))
        assert (await check_card(config, CARD, PIN)).valid_pin
        with pytest.raises(Sip2Error, match="self-signed certificate"):
            await check_card(config_for(stunnel, ca_file=str(certs.ca)), CARD, PIN)


@pytest.mark.parametrize("trusted", ["system store", "another CA"])
async def test_certificate_from_an_unknown_ca_is_refused_before_anything_is_sent(
    tls_ils: Sip2Server, certs: Certs, trusted: str
) -> None:
    ca_file = None if trusted == "system store" else str(certs.other_ca)
    with pytest.raises(Sip2Error) as caught:
        await check_card(config_for(tls_ils, ca_file=ca_file), CARD, PIN)
    message = str(caught.value)
    assert "TLS certificate of the SIP2 server" in message and "did not verify" in message
    assert "local issuer certificate" in message and "ILLBOT_SIP2_CA_FILE" in message
    assert tls_ils.requests == []  # neither the terminal password nor the card went out


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
async def test_certificate_for_another_host_is_refused(certs: Certs, host: str) -> None:
    # Signed by the trusted CA, but for sip2.elsewhere.example: the host name check refuses it.
    with ils(certs, wrong_host=True) as impostor:
        config = config_for(impostor, host=host, ca_file=str(certs.ca))
        wrong = f"mismatch, certificate is not valid for '{host}'"
        with pytest.raises(Sip2Error, match=wrong) as caught:
            await check_card(config, CARD, PIN)
        assert "ILLBOT_SIP2_HOST" in str(caught.value)
        assert impostor.requests == []


@pytest.mark.parametrize("user", ["illbot", None], ids=["closes on junk", "waits"])
async def test_plain_server_when_tls_is_asked_is_refused(certs: Certs, user: str | None) -> None:
    # A plain ILS either drops the TLS hello as junk or waits for the rest of a line.
    with ils(None, user=user) as plain:
        config = config_for(plain, ca_file=str(certs.ca), timeout=1.0)
        with pytest.raises(Sip2Error, match="TLS handshake") as caught:
            await check_card(config, CARD, PIN)
        assert "ILLBOT_SIP2_TLS" in str(caught.value)
        assert not any(CARD in frame or PASSWORD in frame for frame in plain.requests)


async def test_tls_server_when_plain_is_asked_fails_cleanly(tls_ils: Sip2Server) -> None:
    with pytest.raises(Sip2Error, match="set ILLBOT_SIP2_TLS=true"):
        await check_card(config_for(tls_ils, tls=False, timeout=2.0), CARD, PIN)
    assert tls_ils.requests == [] and tls_ils.handshakes != ["ok"]


async def test_tls_server_that_never_answers_times_out(tls_ils: Sip2Server, certs: Certs) -> None:
    tls_ils.mode = "hang"
    with pytest.raises(Sip2Error, match=r"did not answer within 0\.5 s"):
        await check_card(config_for(tls_ils, ca_file=str(certs.ca), timeout=0.5), CARD, PIN)


async def test_ca_file_that_cannot_be_used_is_an_error_naming_it(
    tls_ils: Sip2Server, tmp_path: Path
) -> None:
    missing, junk = tmp_path / "missing.pem", tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    with pytest.raises(Sip2Error, match=r"ILLBOT_SIP2_CA_FILE .*missing\.pem cannot be read"):
        await check_card(config_for(tls_ils, ca_file=str(missing)), CARD, PIN)
    with pytest.raises(Sip2Error, match=r"ILLBOT_SIP2_CA_FILE .*junk\.pem holds no PEM"):
        await check_card(config_for(tls_ils, ca_file=str(junk)), CARD, PIN)
    assert tls_ils.handshakes == []  # the ILS was not even contacted


def test_ca_file_without_tls_stops_startup(tmp_path: Path) -> None:
    # Whoever sets a CA file means TLS: without it the PIN would go as plain text unnoticed.
    with pytest.raises(ConfigError, match="ILLBOT_SIP2_CA_FILE is set but ILLBOT_SIP2_TLS"):
        Sip2Config("127.0.0.1", 6001, None, None, None, ca_file=str(tmp_path / "ca.pem"))


async def test_tls_errors_are_one_line_without_card_pin_or_password(
    tls_ils: Sip2Server, certs: Certs
) -> None:
    errors: list[str] = []
    for changes in ({"ca_file": None}, {"tls": False, "timeout": 2.0}):
        with pytest.raises(Sip2Error) as caught:
            await check_card(config_for(tls_ils, **changes), CARD, PIN)
        errors.append(str(caught.value))
    with ils(certs, wrong_host=True) as impostor, pytest.raises(Sip2Error) as caught:
        await check_card(config_for(impostor, ca_file=str(certs.ca)), CARD, PIN)
    errors.append(str(caught.value))
    assert all("\n" not in error for error in errors)
    for secret in (CARD, PIN, PASSWORD, "Pat Miller"):
        assert not any(secret in error for error in errors)
