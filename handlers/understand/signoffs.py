"""Drop the sender's name and details under a sign-off, and "Sent from my iPhone".

"Thanks,\nMaria" and "Best,\nDr. K. Osei\nDepartment of History" close a message; the lines
under the sign-off never name an item. The sign-off word itself stays, so a message that is
only "Thanks,\nMaria" is still read as thanks.
"""

from __future__ import annotations

import re

_SIGN_OFF = (
    r"(?:(?:many\s+)?thanks?(?:\s+(?:so\s+much|again|a\s+lot|in\s+advance))?"
    r"|thank\s+you(?:\s+(?:so\s+much|very\s+much|in\s+advance|again))?(?:\s+for\s+(?:your|the)"
    r"\s+(?:help|time|assistance))?|(?:best|kind|warm|warmest|kindest|many)\s+(?:regards|wishes)"
    r"|regards|best(?:\s+wishes)?|all\s+the\s+best|cheers|sincerely"
    r"|yours(?:\s+(?:truly|sincerely|faithfully|respectfully))?|faithfully|v/r|very\s+respectfully"
    r"|respectfully|take\s+care|warmly|thx|ty|with\s+thanks|with\s+gratitude)"
)
# A sign-off ending its line, alone or after a finished sentence: "... for me. Kind regards,".
_CLOSING_LINE = re.compile(
    rf"(?:^|[.!?)]\s+)(?P<off>{_SIGN_OFF})\s*[,.!]*\s*$|^\s*(?P<rule>--+|—|–)\s*$", re.I
)
# A sign-off and a short name closing the message: "Regards, Tom", "Thanks! - Dr. Lee".
_NAME = r"(?-i:(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\.?)"
_NAMED_CLOSE = re.compile(
    rf"(?:^|(?<=[.!?])\s+)(?P<off>{_SIGN_OFF})\s*[,.!]?\s*(?:[-–—]\s*)?{_NAME}\s*$"
    rf"|\s+(?:--+|—|–)\s*{_NAME}\s*$",
    re.I,
)
_DEVICE = re.compile(
    r"(?:^|(?<=\s))(?:sent\s+from\s+my\s+\w+(?:\s+\w+){0,2}|get\s+outlook\s+for\s+\w+"
    r"|sent\s+from\s+(?:mail|yahoo\s+mail|outlook)(?:\s+for\s+\w+)?)\s*\.?\s*$",
    re.I | re.M,
)
# Words that show a line under a sign-off still asks something: it is not a signature.
_ASKING = re.compile(
    r"\?|\b(?:can|could|would|will|please|pls|need|want|renew|cancel|request|get|also|ill"
    r"|isbn|doi)\b",
    re.I,
)
_MAX_SIGNATURE_LINES = 6


def _signature(lines: list[str]) -> bool:
    """Tell whether lines are a signature: a few short lines that ask nothing."""
    return 0 < len(lines) <= _MAX_SIGNATURE_LINES and all(
        len(line.split()) <= 8 and not _ASKING.search(line) for line in lines
    )


def _close_signature(lines: list[str]) -> list[str]:
    """Cut the lines under the last sign-off when they are a signature."""
    for index in range(len(lines) - 1, -1, -1):
        closing = _CLOSING_LINE.search(lines[index])
        if closing and _signature(lines[index + 1 :]):
            kept = lines[:index] if closing.group("rule") else lines[: index + 1]
            return kept if any(line.strip() for line in kept) else lines
    return lines


def _named_close(text: str) -> str:
    """Keep the sign-off of "Regards, Tom" but drop the name; drop a closing "-- Maria"."""
    match = _NAMED_CLOSE.search(text)
    if not match or _ASKING.search(match.group(0)):
        return text
    if match.group("off"):
        return text[: match.end("off")]
    return text[: match.start()] if text[: match.start()].strip() else text


def drop_signature(text: str) -> str:
    """Return the message without the signature and device line that close it."""
    text = _DEVICE.sub("", text).rstrip()
    lines = _close_signature(text.split("\n"))
    return _named_close("\n".join(lines).rstrip()).rstrip()
