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


# A name closing an email under no sign-off word: "... has been filled.\nHelena Marchetti, MSW".
_NAME_LINE = re.compile(rf"^\s*{_NAME}(?:\s*,\s*[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){{0,4}})?\s*$")
_NOT_A_NAME = re.compile(r"\b(?:the|a|an|of|and|in|on|to|for|by|with|from)\b", re.I)
# A last sentence that points at what follows it: the paragraph after it is the item.
_POINTS_ON = re.compile(r"\b(?:following|below|this\s+(?:one|book|title|article)|these)\b", re.I)


# An email's opening line: a greeting alone ("Good afternoon,", "Dear ILL office,").
_GREETING_LINE = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening|day)|greetings|to\s+whom)"
    r"\b[^.!?\n]{0,40}[,:!]?\s*$",
    re.I,
)


def _unsigned_name(text: str) -> str:
    """Drop the last lines of an email when they are only the sender's name and details.

    "Good afternoon,\n...has been filled.\nHelena Marchetti, MSW": an email opened with a
    greeting and closed with a name under its last sentence, with no sign-off word.
    """
    lines = text.split("\n")
    if len(lines) < 3 or not _GREETING_LINE.match(lines[0]):
        return text
    for size in (1, 2, 3):
        if len(lines) - size < 2:
            break
        head, tail = lines[:-size], lines[-size:]
        last = re.split(r"(?<=[.!?])\s+", head[-1].strip())[-1]
        name = tail[0]
        if not re.search(r"[.!?)]\s*$", head[-1]) or _POINTS_ON.search(last):
            continue
        if _NAME_LINE.match(name) and not _NOT_A_NAME.search(name) and _signature(tail):
            return "\n".join(head).rstrip()
    return text


def drop_signature(text: str) -> str:
    """Return the message without the signature and device line that close it."""
    text = _DEVICE.sub("", text).rstrip()
    lines = _close_signature(text.split("\n"))
    return _unsigned_name(_named_close("\n".join(lines).rstrip()).rstrip())
