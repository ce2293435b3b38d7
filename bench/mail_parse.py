"""Parsing hostile mail: illbot's parser beside the standard library's own, in one run.

`python -m bench.mail_parse` builds mails that used to take seconds or raise (a 2 MB encoded-word
Subject, 100,000 headers, 50,000 parts, deep nesting, 5 MB of HTML, unknown charsets) and prints
the slowest of three parses by `bot.mail.parse.parse_mail` beside one `email.message_from_bytes`
plus `get_body()` on the same bytes (the baseline: what any parser must at least do). Printed, never
asserted; the goal is every mail under one second.
"""

from __future__ import annotations

import email
import email.policy
import time
from collections.abc import Callable

from bot.mail.parse import parse_mail

HEAD = b"From: Ann <ann@patron.example>\r\nTo: ill@lib.example\r\nMessage-ID: <b1@p.example>\r\n"


def _mail(headers: bytes, body: bytes, content_type: bytes = b"text/plain") -> bytes:
    return HEAD + headers + b"Content-Type: " + content_type + b"\r\n\r\n" + body


def hostile_mails() -> dict[str, bytes]:
    """Each mail by name."""
    word = b"=?utf-8?q?caf=C3=A9_?= "
    parts = b"".join(b"--B\r\nContent-Type: text/plain\r\n\r\nx\r\n" for _ in range(50_000))
    nested = b"".join(
        b"--B%d\r\nContent-Type: multipart/mixed; boundary=B%d\r\n\r\n" % (n, n + 1)
        for n in range(3_000)
    )
    return {
        "2 MB encoded-word Subject": _mail(b"Subject: " + word * 90_000 + b"\r\n", b"hi"),
        "100,000 headers": _mail(b"X-A: b\r\n" * 100_000, b"hi"),
        "50,000 parts": _mail(b"", parts + b"--B--\r\n", b"multipart/mixed; boundary=B"),
        "3,000 nested parts": _mail(b"", nested, b"multipart/mixed; boundary=B0"),
        "5 MB of HTML": _mail(b"", b"<p><b>x</b> y</p>" * 300_000, b"text/html; charset=utf-8"),
        "charset=undefined": _mail(b"", b"caf\xe9", b"text/plain; charset=undefined"),
        "charset=punycode": _mail(b"", b"caf\xe9", b"text/plain; charset=punycode"),
    }


def _stdlib(raw: bytes) -> object:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    body = message.get_body(("plain", "html"))
    try:
        return body.get_content() if body is not None else None
    except (LookupError, ValueError):
        return None  # the standard library raises on these charsets


def _slowest(parse: Callable[[bytes], object], raw: bytes, runs: int) -> str:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            parse(raw)
        except RecursionError:
            return "raises"
        times.append(time.perf_counter() - start)
    return f"{max(times):.3f}"


def main() -> None:
    """Print one line per hostile mail (the baseline once: it can take many seconds)."""
    print(f"{'mail':28} {'size':>9} {'stdlib (s)':>11} {'illbot (s)':>11}")
    for name, raw in hostile_mails().items():
        base, ours = _slowest(_stdlib, raw, 1), _slowest(parse_mail, raw, 3)
        print(f"{name:28} {len(raw):>9,} {base:>11} {ours:>11}")


if __name__ == "__main__":
    main()
