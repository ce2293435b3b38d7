"""Spanish references and last touches, read once the rest of a message is in English.

"la número 3" → "#3", "la solicitud 7 y la 8" → "request 7 and #8", "renuévenme la 3" (by now
"renew la 3") → "renew #3", "si ya tienen mi pedido" → "the status of my request", "gratis por
favor" → "free only please". LATE runs after every other table (spanish._cue_phrases), so its
patterns see the English the earlier tables wrote; they are lower-case and accent-free.
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules


def _wants(match: re.Match[str], original: str) -> str:
    """Say "mi hijo quiere Los Futbolísimos" as "my hijo: I want …" (a wish passed on)."""
    after = original[match.end() :].lstrip()
    return ": I want" if after[:1].isupper() or after[:1] in '¡¿"«“' else "want"


# What a number after "la"/"el" counts when it is no request: copies, days, pages, a date.
_NOT_A_REF = (
    r"(?!\s*(?:de\b|del\b|copias?|ejemplares?|dias?|days?|semanas?|weeks?|paginas?|pages?"
    r"|capitulos?|chapters?|%|\$|/|[.,:]\d|st\b|nd\b|rd\b|th\b|am\b|pm\b|hrs?\b|horas?))"
)
# An action already said in English, before the request it names.
_ACTION = r"(?:renew|cancel|status\s+of|has\s+it\s+arrived|where\s+is|what\s+about)"

LATE = rules(
    [
        # "la número 3", "el núm. 12", "mi no. 4": a request named by its number
        (
            r"\b(?:la|el|mi|my)\s+(?:numero|num\.?|nro\.?|no\.|n\.o|#)\s*(\d{1,4})\b" + _NOT_A_REF,
            r"#\1",
        ),
        # "renew la 3", "cancel el 6": the action names the request by its number
        (rf"\b({_ACTION})\s+(?:la|el|lo)\s+(\d{{1,4}})\b" + _NOT_A_REF, r"\1 #\2"),
        # "request 7 y la 8", "#11 o el 12": a second request named by its number alone (read
        # after the rule above, so that "cancel la 3 y la 4" has its first number by now)
        (
            r"((?:#|\brequest\s+|\bill-?)\d{1,4})\s*(?:,|y|e|o|and|or)\s+(?:la|el|the)\s+(\d{1,4})\b"
            + _NOT_A_REF,
            r"\1 and #\2",
        ),
        (r"\bcon\s+(?=#\d)", "with "),
        # "¿Me piden The Poet X…?" opening a message: asked of the library, a request
        (r"^\s*¿?\s*me\s+(?:piden|pides|pide)\b", "could you get me"),
        # "si ya tienen mi pedido de Patria": whether it came, asked of the library
        (
            r"\bsi\s+ya\s+(?:tienen|tiene|llego|llegaron|esta|estan|hay)\s+(?=my\s|the\s)",
            "the status of ",
        ),
        # "les pido que cancelen", "le pido que me renueve": a polite wish, not a title's words
        (r"\b(?:les|le|te|os)\s+(?:pido|pedimos|ruego)\s+(?:que\s+)?(?=cancel|renew)", "please "),
        # "make ILL-10 in large print": a change of form, said the English way
        (
            r"\b(make\s+(?:ill-?\d+|#\d+|it|that))\s+in\s+(?=large print|an? audiobook|a dvd)",
            r"\1 the ",
        ),
        # "El próximo lunes necesito X" (by now "next Monday I need X"): the date is a need-by
        (
            r"^\s*(?=(?:next\s+|this\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday"
            r"|sunday|tomorrow)\b[^,.?!\n]{0,12}?\bi\s+need\b)",
            "by ",
        ),
        # "Que sea hasta 15 dólares mejor", "mejor que sea para el viernes": a correction
        (
            r"^\s*(?:mejor\s+)?que\s+sea(?:n)?\s+(?=up\s+to|by\s|before\s|until\s|max\s|\$|free)",
            "make it ",
        ),
        (r"^(\s*make\s+it\s+[^\n]*?)\s+mejor\s*[.!]*\s*$", r"\1 instead"),
        (r"^(\s*make\s+it\s+free)\s*[.!]*\s*$", r"\1 only"),
        # "hmm no sé", "pues no sé": no answer yet ("no se puede" is something else)
        (r"\bno\s+se(?=\s*(?:[.!?,]|$))", "I don't know"),
        # "nel", "nel pastel": no, said in slang
        (r"^\s*nel\b(?:\s+pastel\b)?", "no"),
        # "un escaneo del capítulo 3 de", "los capítulos 7-8 de": what of the title is wanted
        (r"\b(?:un|una)\s+(?=a\s+scan\b)", ""),
        (
            r"\b(?:los\s+)?capitulos\s+(\d+\s*[-–]\s*\d+|\d+\s+y\s+\d+)\s+(?:de|del|of)\b",
            r"chapters \1 of",
        ),
        (
            r"\b(?:me|nos)\s+(?:pueden|puede|podrian|podria)\s+(?:mandar|enviar)\b",
            "could you send me",
        ),
        # "mi hijo quiere X", "mis gemelos quieren X": a wish for someone else, still a request
        (r"\b(?:quiere|quieren)\b(?!\s+(?:decir|saber)\b)", _wants),
        # "gratis por favor", "las dos gratis": free, whatever follows ("free" ends a message)
        (r"\b(?:las|los)\s+(?:dos|tres)\s+free\b(?!\s+only)", "all free only"),
        (r"\bfree(?=\s*,?\s*(?:please|thanks|por\s+favor|porfa|xfa|gracias)\b)", "free only"),
        # "¿me lo pueden conseguir sin costo?": the terms of the request, not a question on cost
        (r"\b((?:get|request|order|send)\b[^?.!\n]*?)\s+free\s*\?", r"\1? free only"),
    ]
)
