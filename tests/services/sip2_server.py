"""A small real SIP2 2.00 server (an ILS's ACS) on loopback, for tests and for trying by hand.

One thread per connection, `\\r` line ends, plain TCP or, given an `ssl.SSLContext` (see
`server_tls`), TLS from the first byte as an ILS's TLS port or stunnel serves it. What it
answers, and how `mode` makes it misbehave: `tests.services.sip2_acs`.

    python -m tests.services.sip2_server --port 6001 --cards tests/services/sip2_cards.csv
    python -m tests.services.sip2_server --port 6443 --tls-cert server.pem --tls-key server.key
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import socketserver
import ssl
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.services.sip2_acs import MODES, Acs, Card, as_card, load_cards

__all__ = ["MODES", "Card", "Sip2Server", "load_cards", "server_tls"]

MAX_FRAME = 4096
HANDSHAKE_SECONDS = 5.0


def server_tls(cert: str | Path, key: str | Path) -> ssl.SSLContext:
    """Return a server TLS context for a PEM certificate (chain) and its key."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


class _TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class Sip2Server(Acs):
    """A SIP2 ACS on 127.0.0.1:`port` (a free port unless given); use `with` or start()/stop()."""

    def __init__(
        self,
        cards: Mapping[str, Card] | Mapping[str, Mapping[str, Any]] | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        institution: str = "ILLBOT",
        mode: str = "normal",
        encoding: str = "utf-8",
        tls: ssl.SSLContext | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.cards = {k: as_card(v) for k, v in (cards or {}).items()}
        self.user = user
        self.password = password
        self.institution = institution
        self.mode = mode
        self.encoding = encoding
        self.online = True
        self.requests = []  # every frame received, for tests to look at
        self.tls = tls
        self.handshakes: list[str] = []  # per TLS connection: "ok" or why the handshake failed
        self._host = host
        self._port = port
        self._server: _TCPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    @property
    def host(self) -> str:
        """Return the address it listens on."""
        return self._host

    @property
    def port(self) -> int:
        """Return the port it listens on (known once started)."""
        if self._server is None:
            raise RuntimeError("the SIP2 server is not started")
        return int(self._server.server_address[1])

    def start(self) -> Sip2Server:
        """Listen and serve in a background thread."""
        owner = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                owner._serve_connection(self.request)

        server = _TCPServer((self._host, self._port), Handler)
        self._server = server
        self._stopping.clear()
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name="sip2", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening and release hanging connections; safe to call twice."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Sip2Server:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- one connection ---------------------------------------------------------------------

    def _secured(self, sock: socket.socket) -> socket.socket | None:
        if self.tls is None:
            return sock
        sock.settimeout(HANDSHAKE_SECONDS)
        try:
            secured = self.tls.wrap_socket(sock, server_side=True)
        except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
            self.handshakes.append(getattr(exc, "reason", None) or type(exc).__name__)
            return None
        self.handshakes.append("ok")
        return secured

    def _serve_connection(self, plain: socket.socket) -> None:
        sock = self._secured(plain)
        if sock is None:
            return
        try:
            self._converse(sock)
        finally:
            if sock is not plain:  # socketserver closes only the plain socket it accepted
                sock.close()

    def _converse(self, sock: socket.socket) -> None:
        sock.settimeout(0.2)  # so a stop() is noticed while a client sits idle
        buffer = b""
        logged_in = self.user is None
        while not self._stopping.is_set():
            try:
                chunk = sock.recv(1024)
            except TimeoutError:
                continue
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            if len(buffer) > MAX_FRAME:
                return
            while b"\r" in buffer:
                frame, buffer = buffer.split(b"\r", 1)
                frame = frame.lstrip(b"\n")  # some clients send \r\n
                if not frame:
                    continue
                reply, keep_open, logged_in = self.answer(frame, logged_in)
                if self.mode == "hang":
                    self._stopping.wait()
                    return
                if reply is not None:
                    sock.sendall(reply)
                if not keep_open:
                    return


def main(argv: list[str] | None = None) -> None:
    """Serve cards from a CSV until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=6001)
    parser.add_argument("--cards", default=str(Path(__file__).with_name("sip2_cards.csv")))
    parser.add_argument("--user", default=None, help="login user the client must send (93)")
    parser.add_argument("--password", default=None, help="login password (93)")
    parser.add_argument("--institution", default="ILLBOT")
    parser.add_argument("--mode", choices=MODES, default="normal")
    parser.add_argument("--encoding", default="utf-8", help="charset of replies")
    parser.add_argument("--tls-cert", default=None, help="serve TLS with this PEM certificate")
    parser.add_argument("--tls-key", default=None, help="… and this PEM key")
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    server = Sip2Server(
        load_cards(args.cards),
        user=args.user,
        password=args.password,
        institution=args.institution,
        mode=args.mode,
        encoding=args.encoding,
        tls=server_tls(args.tls_cert, args.tls_key) if args.tls_cert else None,
        host=args.host,
        port=args.port,
    )
    with server:
        kind = "SIP2 over TLS" if server.tls else "SIP2"
        print(
            f"{kind} server on {server.host}:{server.port}, {len(server.cards)} cards; Ctrl-C stops"
        )
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
