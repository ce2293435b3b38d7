"""Spanish terms in a message written in English ("… by Fernanda Melchor? gratis porfa").

Patrons who write English to the bot often keep a few Spanish words for the terms of the
request: the price ("gratis", "sin costo"), the date ("para el 10 de mayo"), the form ("en
audiolibro") and the politeness ("porfa"). The message is detected as English, so the whole
Spanish reading is not applied; only these phrases are said in English, and only when one of
them is there (one search per English message).
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rewrite, rules, shadow
from handlers.understand.spanish_asking import nth

_PROBE = re.compile(
    r"\b(?:gratis|sin\s+costo|porfa|xfa|nomas|nada\s+mas|necesito|quisiera|en\s+audiolibro"
    r"|en\s+letra\s+grande|(?:para|antes)\s+(?:el|del?)\s+\d{1,2}\s+de|by\s+el|hasta\s+el\s+\d+"
    r"|i\s+meant\s+[^,\n]+,\s*no)\b"
)
_NAME_AFTER = re.compile(r"[A-ZÁÉÍÓÚÑ][\w'’.-]+\s+[A-ZÁÉÍÓÚÑ]")


def _by(match: re.Match[str], original: str) -> str:
    """Say "de" as "by" before a full name in the patron's own capitals ("de Amy Poehler")."""
    if _NAME_AFTER.match(original, match.end()):
        return " by "
    return original[match.start() : match.end()]


def _not_the_other(match: re.Match[str], original: str) -> str:
    """Say ", no Pedro Páramo" after "I meant X" as ", not Pedro Páramo"."""
    if re.search(r"\bI\s+meant\b[^,\n]+$", original[: match.start()], re.IGNORECASE):
        return ", not "
    return original[match.start() : match.end()]


MIXED = rules(
    [
        (
            r"\b(?:gratis|sin\s+costo|free)\s*,?\s*(?:porfa|por\s+favor|nomas|nada\s+mas|de\s+"
            r"preferencia|si\s+se\s+puede)\b|\b(?:gratis|sin\s+costo)\b",
            "free only",
        ),
        (r"\b(?:porfa|xfa)\b", "please"),
        (r"\bsi\s+se\s+puede\b", "if possible"),
        (r"^\s*necesito\b", "I need"),
        (r"^\s*quisiera\b", "I would like"),
        (r"\ben\s+audiolibro\b", "on audiobook"),
        (r"\ben\s+letra\s+grande\b", "in large print"),
        # "renew ILL-4 hasta el 30": the day a renewal is wanted until
        (
            r"\bhasta\s+el\s+(\d{1,2})\b(?!\s+de\b)",
            lambda match, _original: f"until the {nth(int(match.group(1)))}",
        ),
        # "I meant Aura, no Pedro Páramo": the Spanish "no" of a correction
        (r",\s*no\s+(?=\w)", _not_the_other),
        # "Yes Please de Amy Poehler": a Spanish "de" before a full name is its author's "by"
        (r"\s+de\s+", _by),
    ]
)


def english_with_spanish(text: str) -> str:
    """Return an English message with its Spanish terms in English (most have none)."""
    plain = shadow(text)
    if not _PROBE.search(plain):
        return text
    from handlers.understand.spanish_dates import DATES
    from handlers.understand.spanish_wishes import DAYS

    text = rewrite(rewrite(text, MIXED, titles=True), DAYS, runs=False)  # "by el Labor Day"
    dated = re.search(r"\b(?:para|antes)\s+(?:el|del?)\s+\d", plain)
    return rewrite(text, DATES) if dated else text
