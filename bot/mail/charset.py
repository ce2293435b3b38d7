"""Decode header values and text in whatever charset a mail claims, and never raise.

RFC 2047 encoded words are decoded in one pass over a header cut to MAX_HEADER_CHARS first, so a
2 MB encoded-word Subject costs no more than an ordinary one. A charset label that is unknown,
lies, or names no text charset (`undefined`, `punycode`, `base64`) falls back to UTF-8, then
Windows-1252 with replacement characters. NUL characters are removed from what is returned.
"""

from __future__ import annotations

import binascii
import codecs
import re

MAX_HEADER_CHARS = 8_192  # of one header, raw, before any decoding
# Labels that mail software writes when it means Windows-1252 (the WHATWG encoding rules).
WINDOWS_1252_ALIASES = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}
)
# Codecs Python knows that no mail is written in: reading with them fails or invents text.
NOT_MAIL_CHARSETS = frozenset(
    {"undefined", "punycode", "idna", "unicode_escape", "raw_unicode_escape", "mbcs", "oem"}
)
ENCODED_WORD = re.compile(r"=\?([^?\s]{1,80})\?([qQbB])\?([^?\s]*)\?=")
FOLD = re.compile(r"\r?\n(?=[ \t])")


def clean(text: str) -> str:
    """Remove NUL characters (quoted-printable `=00`, an encoded word's `=00`)."""
    return text.replace("\x00", "")


def decode_header_value(value: str) -> str:
    """Decode one raw header: unfold, read 8-bit bytes, decode RFC 2047 words; never raises."""
    value = FOLD.sub("", value[:MAX_HEADER_CHARS])
    if not value.isascii():  # raw 8-bit bytes (RFC 6532 UTF-8, or a sender's legacy charset)
        value = decode_bytes(value.encode("utf-8", "surrogateescape"), "utf-8")
    if "=?" in value:
        value = _decode_words(value)
    return clean(value).strip()


def _decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words in one pass; a word that does not decode stays as written.

    Whitespace between two encoded words is dropped (RFC 2047 6.2), and the bytes of adjacent
    words in one charset are joined before decoding (mailers split UTF-8 characters across them).
    """
    tokens: list[str | tuple[str, bytes]] = []
    position = 0
    for match in ENCODED_WORD.finditer(value):
        payload = _word_bytes(match.group(2), match.group(3))
        between = value[position : match.start()]
        if payload is None:
            tokens.append(between + match.group(0))
        else:
            charset = match.group(1).split("*", 1)[0].lower()  # RFC 2231 language suffix
            previous = tokens[-1] if tokens else None
            if isinstance(previous, tuple) and not between.strip():
                if previous[0] == charset:
                    tokens[-1] = (charset, previous[1] + payload)
                else:
                    tokens.append((charset, payload))
            else:
                tokens.append(between)
                tokens.append((charset, payload))
        position = match.end()
    tokens.append(value[position:])
    return "".join(t if isinstance(t, str) else decode_bytes(t[1], t[0]) for t in tokens)


def _word_bytes(encoding: str, text: str) -> bytes | None:
    try:
        if encoding in "qQ":
            return binascii.a2b_qp(text.replace("_", " ").encode("ascii"), header=False)
        data = text.encode("ascii")
        return binascii.a2b_base64(data + b"=" * (-len(data) % 4))
    except (binascii.Error, ValueError, UnicodeError):
        return None


def decode_bytes(payload: bytes, charset: str | None) -> str:
    """Decode bytes in their declared charset, else UTF-8, else Windows-1252 (with U+FFFD).

    A label Python does not know, one that names no text charset (`undefined`, `base64`), or
    one with a NUL in it is ignored; none of them raises.
    """
    codec = _codec(charset or "")
    for name in ([codec] if codec else []) + ["utf-8", "windows-1252"]:
        try:
            return payload.decode(name)
        except (LookupError, UnicodeError, ValueError):
            continue
    return payload.decode("windows-1252", "replace")


def _codec(label: str) -> str | None:
    label = label.strip().strip("\"'").lower()
    if not label or len(label) > 40 or not label.isprintable() or label in WINDOWS_1252_ALIASES:
        return None
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError, TypeError):
        return None
    text = getattr(info, "_is_text_encoding", True)
    return info.name if text and info.name not in NOT_MAIL_CHARSETS else None
