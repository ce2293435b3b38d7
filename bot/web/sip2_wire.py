"""SIP2 2.00 on the wire: one connection (TCP, or TLS over it), request and reply frames.

TLS: the server's certificate and host name are always verified, against the configured CA
file or else the system's trust store, and TLS 1.2 is the least accepted. No setting turns the
check off: a PIN handed to whoever answers on the port is what TLS is there to prevent.

Every request carries a sequence number and checksum (AY/AZ) and ends in `\\r`. A reply's
checksum is verified when it has one, and a wrong one is an error. A reply with no trailer is
accepted: it is what an ILS with error detection switched off sends, and TCP guards the bytes.

Charset: SIP2 names none (in practice ASCII or Latin-1, and many ILSs send UTF-8). Requests go
as UTF-8, which is ASCII for ASCII cards and PINs; a reply is read as UTF-8, and as Latin-1
when it is not valid UTF-8, so a name is never refused for its accents.

Hand-written, not pysip2 0.1.0: that package is the ACS (server) side, brings msgspec and anyio,
rejects replies whose unused fields stray from the letter of the spec (patron status flags
other than "Y"/" ", a blank language, no AE for an unknown card), and reads a frame in one
charset only (bytes that are not UTF-8 escape as UnicodeDecodeError).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import ssl
from dataclasses import dataclass

from policy.errors import TransportError

MAX_VALUE_BYTES = 255  # the longest variable-length field SIP2 2.00 allows
CLOSE_SECONDS = 1.0  # how long a finished TLS session may take to say goodbye
TLS_RECORD_ALERT = b"\x15\x03"  # how a TLS server's answer to plain text begins
MAX_CONTEXTS = 8  # client TLS contexts kept, by CA file and its modification time
_CONTEXTS: dict[tuple[str | None, int], ssl.SSLContext] = {}


class Sip2Error(TransportError):
    """The ILS could not be asked (connection, timeout, malformed reply)."""


@dataclass(frozen=True)
class Reply:
    """A decoded SIP2 reply: command, fixed-length part and variable fields."""

    command: str
    fixed: str
    fields: dict[str, str]


def checksum(data: bytes) -> bytes:
    """Return the four hex digits that make the 16-bit sum of data and them zero."""
    return f"{-sum(data) & 0xFFFF:04X}".encode("ascii")


def sendable(value: str) -> bool:
    """Tell whether a value can travel in a SIP2 field (no delimiter, no control characters)."""
    return (
        "|" not in value
        and not any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value)
        and len(value.encode("utf-8")) <= MAX_VALUE_BYTES
    )


def encode(command: str, fixed: str, fields: list[tuple[str, str]], sequence: int) -> bytes:
    """Build a request frame with its AY/AZ trailer and `\\r`."""
    body = command + fixed + "".join(f"{key}{value}|" for key, value in fields)
    data = f"{body}AY{sequence % 10}AZ".encode()
    return data + checksum(data) + b"\r"


def decode(frame: bytes, expected: str, sequence: int, fixed_length: int) -> Reply:
    """Check a reply frame's trailer and shape, and split it; raise Sip2Error if it is wrong."""
    data = frame.rstrip(b"\r").lstrip(b"\n")  # some ILSs end lines with \r\n
    if len(data) >= 6 and data[-6:-4] == b"AZ":
        if checksum(data[:-4]) != data[-4:].upper():
            raise Sip2Error("the SIP2 reply failed its checksum")
        data = data[:-6]
        if len(data) >= 3 and data[-3:-1] == b"AY":
            if data[-1:] != str(sequence % 10).encode("ascii"):
                raise Sip2Error("the SIP2 reply is out of sequence")
            data = data[:-3]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # never fails: every byte is a Latin-1 character
    command = text[:2]
    if command == "96":
        raise Sip2Error("the SIP2 server asked for a resend (it saw a damaged request)")
    if command != expected:
        raise Sip2Error(f"the SIP2 server answered {command!r} where {expected!r} was due")
    fixed, rest = text[2 : 2 + fixed_length], text[2 + fixed_length :]
    if len(fixed) != fixed_length:
        raise Sip2Error(f"the SIP2 {expected} reply is too short")
    fields: dict[str, str] = {}
    for piece in rest.split("|"):
        if len(piece) >= 2:
            fields.setdefault(piece[:2], piece[2:])  # repeated fields (AF): the first is enough
    return Reply(command, fixed, fields)


async def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """Return a client TLS context that verifies the server's certificate and host name."""
    ca_file = ca_file or None
    try:
        stamp = os.stat(ca_file).st_mtime_ns if ca_file else 0  # a replaced file is read again
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise Sip2Error(f"ILLBOT_SIP2_CA_FILE {ca_file} cannot be read: {reason}") from None
    context = _CONTEXTS.get((ca_file, stamp))
    if context is None:
        # Reading the system's trust store takes some 50 ms: once, and off the event loop.
        context = await asyncio.to_thread(_new_context, ca_file)
        if len(_CONTEXTS) >= MAX_CONTEXTS:
            _CONTEXTS.clear()
        _CONTEXTS[(ca_file, stamp)] = context
    return context


def _new_context(ca_file: str | None) -> ssl.SSLContext:
    try:
        # With a CA file, only that file is trusted (a library's own CA), not the system store.
        context = ssl.create_default_context(cafile=ca_file)
    except OSError as exc:
        if isinstance(exc, ssl.SSLError):
            raise Sip2Error(f"ILLBOT_SIP2_CA_FILE {ca_file} holds no PEM certificate") from None
        reason = exc.strerror or type(exc).__name__
        raise Sip2Error(f"ILLBOT_SIP2_CA_FILE {ca_file} cannot be read: {reason}") from None
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context  # create_default_context: CERT_REQUIRED and check_hostname already


class Link:
    """One SIP2 connection: connect, maybe TLS, then numbered requests and their replies."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.where = f"{host}:{port}"  # the most any error names: never card, PIN or password
        self.port = port
        self.stage = "connect"  # then "tls", then "talk": what a timeout interrupted
        self.tls = False
        self.sequence = 0
        self.writer: asyncio.StreamWriter | None = None
        self.reader: asyncio.StreamReader | None = None

    async def open(self, context: ssl.SSLContext | None) -> None:
        """Connect, and shake hands over TLS when a context is given."""
        try:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise Sip2Error(f"cannot connect to the SIP2 server {self.where}: {reason}") from None
        if context is None:
            self.stage = "talk"
            return
        self.stage, self.tls = "tls", True
        try:
            await self.writer.start_tls(context, server_hostname=self.host)
        except ssl.SSLCertVerificationError as exc:
            raise Sip2Error(
                f"the TLS certificate of the SIP2 server {self.where} did not verify: "
                f"{exc.verify_message} (check ILLBOT_SIP2_CA_FILE and ILLBOT_SIP2_HOST)"
            ) from None
        except OSError as exc:  # ssl.SSLError is one; so is a reset or an EOF mid-handshake
            reason = getattr(exc, "reason", None) or exc.strerror or str(exc) or "it hung up"
            raise Sip2Error(
                f"the TLS handshake with the SIP2 server {self.where} failed: {reason} "
                "(does that port serve SIP2 over TLS? check ILLBOT_SIP2_TLS)"
            ) from None
        self.stage = "talk"

    async def ask(
        self, command: str, fixed: str, fields: list[tuple[str, str]], reply: str, length: int
    ) -> Reply:
        """Send one request and return its decoded reply."""
        assert self.reader is not None and self.writer is not None, "open() first"
        sequence = self.sequence
        self.sequence += 1
        try:
            self.writer.write(encode(command, fixed, fields, sequence))
            await self.writer.drain()
            frame = await self.reader.readuntil(b"\r")
        except asyncio.IncompleteReadError as exc:
            if not self.tls and exc.partial.startswith(TLS_RECORD_ALERT):
                raise Sip2Error(self._speaks_tls()) from None
            raise Sip2Error(f"the SIP2 server closed the connection instead of a {reply}") from None
        except asyncio.LimitOverrunError:
            raise Sip2Error(f"the SIP2 {reply} reply is too long") from None
        except OSError as exc:
            if not self.tls and sequence == 0 and isinstance(exc, ConnectionResetError):
                raise Sip2Error(self._speaks_tls()) from None
            reason = getattr(exc, "reason", None) or exc.strerror or type(exc).__name__
            raise Sip2Error(f"the SIP2 connection to {self.where} failed: {reason}") from None
        return decode(frame, reply, sequence, length)

    def _speaks_tls(self) -> str:
        # A TLS server answers plain text with an alert, or resets the connection unread.
        return (
            f"the SIP2 server {self.where} refused the first plain-text request (a reset or a "
            "TLS alert); if that port serves SIP2 over TLS, set ILLBOT_SIP2_TLS=true"
        )

    def late(self, timeout: float) -> str:
        """Say what did not happen in time, for a timeout at the current stage."""
        if self.stage == "tls":
            return (
                f"the SIP2 server {self.where} did not finish a TLS handshake within "
                f"{timeout:g} s (does that port serve SIP2 over TLS? check ILLBOT_SIP2_TLS)"
            )
        return f"the SIP2 server {self.where} did not answer within {timeout:g} s"

    async def close(self, *, graceful: bool) -> None:
        """Close the connection: politely after a finished talk, at once after a failure."""
        writer, self.writer = self.writer, None
        if writer is None:
            return
        if not graceful:
            writer.transport.abort()  # a hung or failed peer gets no time of ours
            return
        writer.close()
        with contextlib.suppress(OSError, TimeoutError):
            async with asyncio.timeout(CLOSE_SECONDS):
                await writer.wait_closed()
        writer.transport.abort()  # no-op once closed; ends a TLS goodbye that hangs
