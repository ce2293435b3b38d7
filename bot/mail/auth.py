"""Did the library's own mail server vouch for a mail's From address? (Authentication-Results)

The library's server checks SPF and DMARC as mail arrives and prepends its verdict in an
`Authentication-Results:` header (RFC 8601). Anyone can write such a header too, lower down in
the mail they send, so only the server's own are read:

- with ILLBOT_MAIL_AUTHSERV_ID set, the topmost headers whose authserv-id is that name: the first
  one, and those after it up to the next `Received:` header (a server writes one per check,
  all above its own `Received:`; a sender's fakes sit below it);
- without it, the topmost `Authentication-Results:` header only.

A mail is unverified when a trusted header says `spf=fail` (the hard fail only; `softfail` is
a domain's "maybe") for the From domain, or `dmarc=fail` for it. `none`, `neutral`, `pass`,
`softfail`, `temperror` and no header at all give no verdict: the mail counts as verified.
"""

from __future__ import annotations

import re

from bot.mail.parse import ParsedMail

RESULT = re.compile(r"^\s*([a-z0-9_-]+)(?:\s*/\s*\d+)?\s*=\s*([a-z]+)", re.IGNORECASE)
PROPERTY = re.compile(r'([a-z0-9_-]+)\.([a-z0-9_.-]+)\s*=\s*("[^"]*"|[^\s;]+)', re.IGNORECASE)
# method → (its result that fails the From address, the property naming the domain checked)
FAILS = {"spf": ("fail", "smtp.mailfrom"), "dmarc": ("fail", "header.from")}


def is_verified(mail: ParsedMail, authserv_id: str | None) -> bool:
    """Tell whether a mail may act for its From address (no trusted fail for its domain)."""
    domain = mail.sender.rpartition("@")[2]
    for header in trusted_results(mail.fields, authserv_id):
        for method, result, properties in results(header):
            failing, subject = FAILS.get(method, ("", ""))
            if result != failing:
                continue
            checked = properties.get(subject)
            if checked is None or _domain(checked) == domain:
                return False
    return True


def trusted_results(fields: tuple[tuple[str, str], ...], authserv_id: str | None) -> list[str]:
    """Return the Authentication-Results values written by the library's own server."""
    wanted = (authserv_id or "").strip().lower()
    found: list[str] = []
    for name, value in fields:
        if name == "received" and found:
            break
        if name != "authentication-results":
            continue
        if not wanted:
            return [value]
        if authserv(value) == wanted:
            found.append(value)
    return found


def authserv(value: str) -> str:
    """Return the authserv-id a header names (its first word), lower-case."""
    words = _uncommented(value).split(";", 1)[0].split()
    return words[0].lower() if words else ""


def results(value: str) -> list[tuple[str, str, dict[str, str]]]:
    """Return each (method, result, properties) of one Authentication-Results header."""
    found = []
    for clause in _uncommented(value).split(";")[1:]:
        match = RESULT.match(clause)
        if match is None:
            continue
        properties = {
            f"{ptype.lower()}.{name.lower()}": raw.strip('"')
            for ptype, name, raw in PROPERTY.findall(clause[match.end() :])
        }
        found.append((match.group(1).lower(), match.group(2).lower(), properties))
    return found


def _domain(value: str) -> str:
    return value.strip().strip("<>").rpartition("@")[2].strip().rstrip(".").lower()


def _uncommented(value: str) -> str:
    """Remove (comments), nested or not, outside quoted strings (RFC 5322 CFWS)."""
    out: list[str] = []
    depth = 0
    quoted = escaped = False
    for char in value:
        if escaped:
            escaped = False
            if depth == 0:
                out.append(char)
            continue
        if char == "\\":
            escaped = True
            if depth == 0:
                out.append(char)
        elif quoted:
            quoted = char != '"'
            out.append(char)
        elif char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif depth == 0:
            quoted = char == '"'
            out.append(char)
    return "".join(out)
