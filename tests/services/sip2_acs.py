"""What the test SIP2 server answers: an ILS's ACS side of SIP2 2.00, without the sockets.

Login (93→94), SC Status (99→98), Patron Status (23→24) and Patron Information (63→64) from a
dict of cards, the way an ILS does: checksums (AY/AZ) verified on requests and sent on replies
when the request carried them. `mode` makes it misbehave for the failure tests:
"bad_checksum" spoils every reply's AZ, "hang" reads requests and never answers;
"no_checksum" is an ILS with error detection off. Its framing is written apart from
`bot.web.sip2_wire` on purpose, so the two check each other. Sockets: `sip2_server`.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

MODES = ("normal", "bad_checksum", "no_checksum", "hang")
# The 98's supported messages (BX), by the spec's positions: patron status (0), SC/ACS status
# (4), login (6) and patron information (7).
SUPPORTED = "YNNNYNYYNNNNNNNN"


@dataclass(frozen=True)
class Card:
    """One patron record of the ILS."""

    pin: str
    name: str
    email: str = ""
    blocked: bool = False


def _truthy(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "y"}


def load_cards(path: str | Path) -> dict[str, Card]:
    """Read cards from a CSV with columns card,pin,name,email,blocked."""
    cards: dict[str, Card] = {}
    with Path(path).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            cards[row["card"].strip()] = Card(
                pin=row["pin"],
                name=row.get("name") or "",
                email=row.get("email") or "",
                blocked=_truthy(row.get("blocked") or ""),
            )
    return cards


def as_card(value: Card | Mapping[str, Any]) -> Card:
    """Return a Card from a Card or a dict with pin, name, email, blocked."""
    if isinstance(value, Card):
        return value
    return Card(
        pin=str(value["pin"]),
        name=str(value.get("name") or ""),
        email=str(value.get("email") or ""),
        blocked=bool(value.get("blocked", False)),
    )


def checksum(data: bytes) -> str:
    """Return the SIP2 checksum of everything up to and including "AZ"."""
    return f"{-sum(data) & 0xFFFF:04X}"


def _now() -> str:
    return datetime.now().strftime("%Y%m%d    %H%M%S")


def _fields(text: str) -> dict[str, str]:
    """Split the variable part of a request into {id: value} (first occurrence wins)."""
    out: dict[str, str] = {}
    for piece in text.split("|"):
        if len(piece) >= 2:
            out.setdefault(piece[:2], piece[2:])
    return out


class Acs:
    """The answering side of an ILS: cards, its login, its mood; `requests` logs every frame."""

    cards: dict[str, Card]
    user: str | None
    password: str | None
    institution: str
    mode: str
    encoding: str
    online: bool  # False: SC Status says the ACS is off-line
    requests: list[str]

    def answer(self, frame: bytes, logged_in: bool) -> tuple[bytes | None, bool, bool]:
        """Return (reply frame or None, keep the connection open, logged in)."""
        text = frame.decode(self.encoding, errors="replace")
        self.requests.append(text)
        sequence: str | None = None
        if len(frame) >= 6 and frame[-6:-4] == b"AZ":
            if checksum(frame[:-4]) != frame[-4:].decode("ascii", "replace").upper():
                return self._frame("96", None, plain=True), True, logged_in
            if frame[-9:-7] == b"AY":
                sequence = text[-7]
            text = text[: -9 if sequence is not None else -6]
        command, body = text[:2], text[2:]
        if command == "93":
            fields = _fields(body[2:])
            ok = self.user is None or (
                fields.get("CN") == self.user and fields.get("CO") == (self.password or "")
            )
            # A refused login ends the session, as Koha and Evergreen do.
            return self._frame("941" if ok else "940", sequence), ok, ok
        if not logged_in:
            return None, False, logged_in
        if command == "99":
            return self._frame(self._acs_status(), sequence), True, logged_in
        if command == "63":
            return self._frame(self._patron("64", body[31:]), sequence), True, logged_in
        if command == "23":
            return self._frame(self._patron("24", body[21:]), sequence), True, logged_in
        return None, True, logged_in  # SIP2: an unknown command is ignored

    def _acs_status(self) -> str:
        # On-line, checkin, checkout, renewal policy, status update, off-line; timeout 010,
        # 003 retries, the date, protocol 2.00.
        flags = ("Y" if self.online else "N") + "NNNNN"
        return f"98{flags}010003{_now()}2.00AO{self.institution}|AMillbot test ILS|BX{SUPPORTED}|"

    def _patron(self, reply: str, body: str) -> str:
        fields = _fields(body)
        number = fields.get("AA", "")
        card = self.cards.get(number)
        pin_ok = card is not None and fields.get("AD") == card.pin
        # Patron status: charge, renewal, recall, hold privileges denied, then 10 more flags.
        status = ("YYYY" + " " * 10) if card is not None and card.blocked else " " * 14
        if card is None:
            status = "YYYY" + " " * 10
        head = f"{reply}{status}001{_now()}"
        if reply == "64":
            head += "0000" * 6
        out = f"{head}AO{fields.get('AO', self.institution)}|AA{number}|"
        # Name and email only to someone who knows the PIN, as most ILSs are configured.
        out += f"AE{card.name if pin_ok and card else ''}|"
        out += f"BL{'Y' if card else 'N'}|CQ{'Y' if pin_ok else 'N'}|"
        if reply == "64" and pin_ok and card is not None and card.email:
            out += f"BE{card.email}|"
        if card is None:
            out += "AFUnknown patron|"
        elif card.blocked:
            out += "AFPatron blocked|"
        return out

    def _frame(self, text: str, sequence: str | None, *, plain: bool = False) -> bytes:
        data = text.encode(self.encoding)
        if (sequence is None and not plain) or self.mode == "no_checksum":
            return data + b"\r"
        data += b"AZ" if sequence is None else f"AY{sequence}AZ".encode("ascii")
        value = checksum(data)
        if self.mode == "bad_checksum":
            value = f"{(int(value, 16) + 1) & 0xFFFF:04X}"
        return data + value.encode("ascii") + b"\r"
