"""Library-card checks over SIP2 against a real SIP2 server on loopback."""

from __future__ import annotations

import csv
import logging
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.web.sip2 import CardCheck, Sip2Config, Sip2Error, check_card
from bot.web.sip2_wire import checksum, decode
from tests.services.sip2_server import Sip2Server, load_cards

PIN = "2468"
PASSWORD = "s3cret-term"
CARDS: dict[str, dict[str, Any]] = {
    "21197000000011": {"pin": PIN, "name": "Pat Miller", "email": "pat@sjpl.example"},
    "21197000000029": {"pin": "1357", "name": "Joe Blocked", "email": "", "blocked": True},
    "21197000000037": {"pin": "p@ss wörd#&*", "name": "Zoë Ångström", "email": "zoë@sjpl.example"},
}


@pytest.fixture
def ils() -> Iterator[Sip2Server]:
    """An ILS that wants a SIP2 login."""
    with Sip2Server(CARDS, user="illbot", password=PASSWORD, institution="SJPL") as server:
        yield server


def config_for(server: Sip2Server, **changes: object) -> Sip2Config:
    values: dict[str, object] = {
        "host": server.host,
        "port": server.port,
        "user": server.user,
        "password": server.password,
        "location": "SJPL-MAIN",
        "timeout": 5.0,
    }
    values.update(changes)
    return Sip2Config(**values)  # type: ignore[arg-type]


async def test_valid_card_and_pin_give_the_patron_name_and_email(ils: Sip2Server) -> None:
    check = await check_card(config_for(ils), "21197000000011", PIN)
    assert check == CardCheck(
        valid_card=True,
        valid_pin=True,
        name="Pat Miller",
        email="pat@sjpl.example",
        card="21197000000011",
        blocked=False,
    )
    login, info = ils.requests
    assert login.startswith("9300CNillbot|CO" + PASSWORD + "|CPSJPL-MAIN|AY0AZ")
    assert info.startswith("63001")
    assert "AOSJPL-MAIN|AA21197000000011|AC" + PASSWORD + "|AD" + PIN + "|AY1AZ" in info


async def test_card_is_given_without_surrounding_spaces(ils: Sip2Server) -> None:
    check = await check_card(config_for(ils), "  21197000000011 ", PIN)
    assert check.valid_pin and check.card == "21197000000011"


async def test_wrong_pin_says_so_and_reveals_no_name(ils: Sip2Server) -> None:
    check = await check_card(config_for(ils), "21197000000011", "0000")
    assert check.valid_card and not check.valid_pin
    assert check.name is None and check.email is None


async def test_unknown_card_is_not_valid(ils: Sip2Server) -> None:
    check = await check_card(config_for(ils), "99999999999999", PIN)
    assert not check.valid_card and not check.valid_pin
    assert check.name is None


async def test_blocked_patron_is_flagged(ils: Sip2Server) -> None:
    check = await check_card(config_for(ils), "21197000000029", "1357")
    assert check.valid_card and check.valid_pin and check.blocked
    assert check.name == "Joe Blocked" and check.email is None  # an empty BE is no address


async def test_refused_login_is_an_error_naming_the_settings(ils: Sip2Server) -> None:
    with pytest.raises(Sip2Error, match="refused the login") as caught:
        await check_card(config_for(ils, password="wrong"), "21197000000011", PIN)
    assert "ILLBOT_SIP2_PASSWORD" in str(caught.value)
    assert len(ils.requests) == 1  # no patron question after a refused login


async def test_without_a_user_no_login_is_sent() -> None:
    with Sip2Server(CARDS) as open_ils:
        check = await check_card(config_for(open_ils), "21197000000011", PIN)
        assert check.valid_pin
        assert [frame[:2] for frame in open_ils.requests] == ["63"]
        assert "AY0AZ" in open_ils.requests[0]


async def test_ils_that_wants_a_login_it_did_not_get_is_an_error(ils: Sip2Server) -> None:
    with pytest.raises(Sip2Error, match="closed the connection"):
        await check_card(config_for(ils, user=None), "21197000000011", PIN)


async def test_sc_status_is_sent_after_the_login_when_asked(ils: Sip2Server) -> None:
    check = await check_card(config_for(ils, sc_status=True), "21197000000011", PIN)
    assert check.valid_pin and check.name == "Pat Miller"
    login, status, info = ils.requests
    assert login.startswith("9300") and info.startswith("63001")
    assert status.startswith("9900802.00AY1AZ")  # status OK, 80 columns, SIP2 2.00
    assert "AY2AZ" in info


async def test_sc_status_without_a_login_comes_first() -> None:
    with Sip2Server(CARDS) as open_ils:
        check = await check_card(config_for(open_ils, sc_status=True), "21197000000011", PIN)
        assert check.valid_pin
        assert [frame[:2] for frame in open_ils.requests] == ["99", "63"]


async def test_ils_that_says_it_is_off_line_is_not_asked_about_the_card(ils: Sip2Server) -> None:
    ils.online = False
    with pytest.raises(Sip2Error, match="says it is off-line"):
        await check_card(config_for(ils, sc_status=True), "21197000000011", PIN)
    assert [frame[:2] for frame in ils.requests] == ["93", "99"]


async def test_reply_with_a_bad_checksum_is_an_error(ils: Sip2Server) -> None:
    ils.mode = "bad_checksum"
    with pytest.raises(Sip2Error, match="checksum"):
        await check_card(config_for(ils), "21197000000011", PIN)


async def test_reply_without_checksum_is_accepted(ils: Sip2Server) -> None:
    # An ILS with error detection switched off sends no AY/AZ trailer.
    ils.mode = "no_checksum"
    check = await check_card(config_for(ils), "21197000000011", PIN)
    assert check.valid_pin and check.name == "Pat Miller"


async def test_server_that_never_answers_times_out(ils: Sip2Server) -> None:
    ils.mode = "hang"
    with pytest.raises(Sip2Error, match=r"did not answer within 0\.3 s"):
        await check_card(config_for(ils, timeout=0.3), "21197000000011", PIN)


async def test_refused_connection_is_an_error() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = Sip2Config(host="127.0.0.1", port=port, user=None, password=None, location=None)
    with pytest.raises(Sip2Error, match="cannot connect to the SIP2 server"):
        await check_card(config, "21197000000011", PIN)


async def test_pin_with_spaces_symbols_and_accents_is_sent_as_typed(ils: Sip2Server) -> None:
    check = await check_card(config_for(ils), "21197000000037", "p@ss wörd#&*")
    assert check.valid_pin
    assert (check.name, check.email) == ("Zoë Ångström", "zoë@sjpl.example")  # UTF-8 replies


async def test_name_sent_in_latin1_is_read() -> None:
    cards = {"1": {"pin": "1", "name": "Zoë Ångström", "email": "zoë@sjpl.example"}}
    with Sip2Server(cards, encoding="latin-1") as latin1_ils:
        check = await check_card(config_for(latin1_ils), "1", "1")
    assert (check.name, check.email) == ("Zoë Ångström", "zoë@sjpl.example")


@pytest.mark.parametrize("pin", ["0000|AD2468", "24\r68", "", "x" * 300])
async def test_pin_sip2_cannot_carry_is_wrong_without_asking(ils: Sip2Server, pin: str) -> None:
    # A '|' would smuggle a second PIN field into the request; an empty PIN some ILSs accept.
    check = await check_card(config_for(ils), "21197000000011", pin)
    assert not check.valid_card and not check.valid_pin
    assert ils.requests == []


async def test_no_pin_password_or_card_in_errors_or_logs(
    ils: Sip2Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    card, pin = "21197000000011", "9731-odd|pin"
    errors: list[str] = []
    attempts: list[tuple[str, dict[str, Any]]] = [
        ("normal", {"password": "wrong-" + PASSWORD}),
        ("bad_checksum", {}),
        ("hang", {"timeout": 0.3}),
        ("normal", {"user": None}),
    ]
    for mode, changes in attempts:
        ils.mode = mode
        for tried in (pin.replace("|", ""), PIN):
            with pytest.raises(Sip2Error) as caught:
                await check_card(config_for(ils, **changes), card, tried)
            errors.append(str(caught.value))
    ils.mode = "normal"
    await check_card(config_for(ils), card, PIN)
    text = "\n".join(errors + [record.getMessage() for record in caplog.records])
    assert len(errors) == 8 and all("\n" not in error for error in errors)
    for secret in (PIN, "9731-oddpin", PASSWORD, card, "Pat Miller"):
        assert secret not in text


async def test_demo_cards_file_serves_every_demo_patron_by_card() -> None:
    cards = load_cards(Path(__file__).parents[1] / "services" / "sip2_cards.csv")
    demo = Path(__file__).parents[2] / "bot" / "demo" / "patrons.csv"
    with demo.open(newline="") as handle:
        patrons = {row["card"]: row for row in csv.DictReader(handle)}
    assert set(cards) == set(patrons)
    for number, card in cards.items():
        assert (card.name, card.email) == (patrons[number]["name"], patrons[number]["email"])
        assert card.blocked == (patrons[number]["standing"] == "blocked")
    with Sip2Server(cards) as demo_ils:
        check = await check_card(config_for(demo_ils), "21197000000011", "2468")
        assert (check.name, check.email) == ("Pat Miller", "pat@sjpl.example")
        blocked = await check_card(config_for(demo_ils), "21197000000029", "1357")
        assert blocked.blocked


def test_reply_after_a_crlf_line_end_and_lowercase_checksum_is_read() -> None:
    # Some ILSs end lines with \r\n, so the next reply starts with \n; some write hex in lower case.
    data = b"941AY0AZ"
    frame = b"\n" + data + checksum(data).lower() + b"\r"
    assert decode(frame, "94", 0, 1).fixed == "1"
    with pytest.raises(Sip2Error, match="out of sequence"):
        decode(frame, "94", 1, 1)
