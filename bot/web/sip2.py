"""Check a library card and PIN against the library's ILS over SIP2 2.00, in the clear or TLS.

One connection per check: Login (93→94) when a SIP2 user is configured, SC Status (99→98) when
`sc_status` asks for it (a few ILSs want one before patron questions), then Patron Information
(63→64). 63 rather than Patron Status (23): only the 64 reply carries the patron's email (BE),
which matches the card to the directory, and every ILS that serves self-check machines answers
63. Frames, checksums, charset and the connection itself: `bot.web.sip2_wire`.

With `tls` the connection is TLS from its first byte (an ILS's TLS port, or stunnel in front
of its plain one), and the certificate is verified against `ca_file` or the system's trust
store. Without it the card, PIN and terminal password cross the network readable: SIP2 2.00
has no encryption of its own.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.web.sip2_wire import Link, Reply, Sip2Error, sendable, tls_context
from policy.errors import ConfigError

__all__ = ["CardCheck", "Sip2Config", "Sip2Error", "check_card"]

log = logging.getLogger("illbot.web.sip2")

LANGUAGE = "001"  # English; the ILS answers in its own language anyway
# Patron status flags (the 14 characters of a 64) that refuse what an interlibrary loan needs:
# charge (0), renewal (1) and hold (3) privileges denied, card reported lost (4). The others
# (overdues, fines) are the library's own policy's business, not the card's.
BLOCKING_FLAGS = (0, 1, 3, 4)
PATRON_INFO_FIXED = 14 + 3 + 18 + 6 * 4  # status, language, date, six item counts
SC_STATUS = "0" + "080" + "2.00"  # status OK, print width 80, protocol version 2.00
# Only the 98's first flag (on-line status) is read; some ILSs cut the rest of its fixed part.
ACS_STATUS_READ = 1


@dataclass(frozen=True)
class Sip2Config:
    """Where the ILS's SIP2 server is, how to reach it safely and how to log in to it."""

    host: str
    port: int
    user: str | None
    password: str | None
    location: str | None
    timeout: float = 5.0
    tls: bool = False  # TLS from the first byte; the certificate and host name always verified
    ca_file: str | None = None  # PEM file of the CA(s) to trust; None: the system's trust store
    sc_status: bool = False  # send SC Status (99) after the login

    def __post_init__(self) -> None:
        if self.ca_file and not self.tls:
            # Most likely TLS was meant, and PINs would otherwise go in the clear unnoticed.
            raise ConfigError("ILLBOT_SIP2_CA_FILE is set but ILLBOT_SIP2_TLS is not true")


@dataclass(frozen=True)
class CardCheck:
    """What the ILS said of a card and PIN."""

    valid_card: bool  # BL == "Y"
    valid_pin: bool  # CQ == "Y"
    name: str | None  # AE, only when card and PIN are valid
    email: str | None  # BE, likewise
    card: str  # AA as the ILS returned it
    blocked: bool = False  # patron status: borrowing privileges denied or card lost


def _date() -> str:
    # YYYYMMDDZZZZHHMMSS; "   Z" says the time is UTC.
    return datetime.now(UTC).strftime("%Y%m%d   Z%H%M%S")


def _checked_config(config: Sip2Config) -> None:
    for name, value in (
        ("ILLBOT_SIP2_USER", config.user),
        ("ILLBOT_SIP2_PASSWORD", config.password),
        ("ILLBOT_SIP2_LOCATION", config.location),
    ):
        if value is not None and not sendable(value):
            raise Sip2Error(f"{name} has a character SIP2 cannot carry ('|' or a control)")


async def _exchange(link: Link, config: Sip2Config, card: str, pin: str) -> Reply:
    if config.user:
        login = await link.ask(
            "93",
            "00",  # user id and password as plain text: SIP2 2.00 defines nothing else
            [("CN", config.user), ("CO", config.password or ""), ("CP", config.location or "")],
            "94",
            1,
        )
        if login.fixed != "1":
            raise Sip2Error(
                f"the SIP2 server {link.where} refused the login "
                "(check ILLBOT_SIP2_USER and ILLBOT_SIP2_PASSWORD)"
            )
        log.debug("SIP2 login accepted")
    if config.sc_status:
        status = await link.ask("99", SC_STATUS, [], "98", ACS_STATUS_READ)
        if status.fixed != "Y":
            # An ACS that is off-line cannot vouch for a card: ask again later.
            raise Sip2Error(f"the SIP2 server {link.where} says it is off-line (SC Status)")
    summary = " " * 10  # no item lists: only the patron is wanted
    return await link.ask(
        "63",
        LANGUAGE + _date() + summary,
        [
            ("AO", config.location or ""),
            ("AA", card),
            ("AC", config.password or ""),
            ("AD", pin),
        ],
        "64",
        PATRON_INFO_FIXED,
    )


def _card_check(reply: Reply, card: str) -> CardCheck:
    status = reply.fixed[:14]
    valid_card = reply.fields.get("BL") == "Y"  # a reply without BL is no proof of a card
    valid_pin = valid_card and reply.fields.get("CQ") == "Y"

    def shown(key: str) -> str | None:
        # Some ILSs name the holder of any card; pass a name on only to someone with the PIN.
        value = (reply.fields.get(key) or "").strip()
        return value if value and valid_pin else None

    return CardCheck(
        valid_card=valid_card,
        valid_pin=valid_pin,
        name=shown("AE"),
        email=shown("BE"),
        card=reply.fields.get("AA") or card,
        blocked=any(status[i] == "Y" for i in BLOCKING_FLAGS),
    )


async def check_card(config: Sip2Config, card: str, pin: str) -> CardCheck:
    """Ask the ILS whether a card exists, its PIN is right, and the patron may borrow."""
    _checked_config(config)
    card = card.strip()
    # A value SIP2 cannot frame (a '|' would smuggle in another field) or an empty PIN (some
    # ILSs skip the PIN check for one) is a wrong card or PIN, without asking the ILS.
    if not card or not pin or not sendable(card) or not sendable(pin):
        return CardCheck(valid_card=False, valid_pin=False, name=None, email=None, card=card)
    # A CA file that cannot be used is an error before any connection is made.
    context = await tls_context(config.ca_file) if config.tls else None
    link = Link(config.host, config.port)
    finished = False
    try:
        async with asyncio.timeout(config.timeout):
            await link.open(context)
            reply = await _exchange(link, config, card, pin)
        finished = True
    except TimeoutError:
        raise Sip2Error(link.late(config.timeout)) from None
    finally:
        await link.close(graceful=finished)  # outside the timeout: a slow goodbye loses no reply
    result = _card_check(reply, card)
    log.debug(
        "SIP2 patron information: valid card %s, valid PIN %s", result.valid_card, result.valid_pin
    )
    return result
