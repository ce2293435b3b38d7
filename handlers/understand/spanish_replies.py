"""Spanish answers, repairs and remarks the everyday table would flatten, said in English first.

Read before spanish_everyday, which says "está bien" and "órale" as "ok": "está bien el cargo"
accepts a fee, "órale, está padre este servicio" praises the service, "mejor olvídalo" drops
a request and "que la ILL-6 sea en letra grande" changes one. Each rule is a shape of reply.
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules


def _yes_word(match: re.Match[str], original: str) -> str:
    """Say a lower-case "simón" (Mexican "yes") as yes; "Simón, ..." may be a name."""
    word = original[match.start() : match.end()]
    return "yes" if word[:1].islower() else word


# What a need-by day opens with ("Navidad", "el 3", "mañana", "el próximo lunes", "finales").
_DAY = (
    r"navidad|nochebuena|ano\s+nuevo|reyes|(?:el\s+)?dia\s+de|accion\s+de\s+gracias|manana"
    r"|finales|fines|mediados|principios|el\s+\d|el\s+(?:proximo|lunes|martes|miercoles|jueves"
    r"|viernes|sabado|domingo)|(?:el\s+)?(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b"
)
_SERVICE = r"(?:este|el|tu|su)\s+(?:servicio|bot|sistema|chat|programa)"
_PRAISE = r"(?:padre|padrisimo|chido|chidisimo|genial|buenisimo|increible|bacan|chevere|guay)"

REPLIES = rules(
    [
        (r"^\s*simon\b", _yes_word),
        (r"\b(?:asi|eso)\s+esta\s+bien\b", "that's fine"),
        (
            r"\b(?:esta\s+bien|no\s+hay\s+problema\s+con|acepto)\s+(?:el|ese|los)\s+"
            r"(?:cargo|cobro|costo|precio|pago)s?\b\s*,?\s*(?:no\s+hay\s+problema)?",
            "yes, I'll pay the fee",
        ),
        # praise of the service, whatever interjection opens it ("órale,", "oye,", "wow")
        (
            r"\b(?:(?:orale|oye|ay|uy|guau|wow|vaya)\s*,?\s*)?(?:esta|que|es)\s+(?:muy\s+)?"
            + _PRAISE
            + r"\s+"
            + _SERVICE
            + r"\b",
            "wow, this service is great",
        ),
        (r"\by\s+eso\s+por\s+que\b", "why is that"),
        # "mejor olvídalo", "mejor cancélalo": "mejor" (better) is the English "actually"
        (r"^\s*mejor\s*,?\s+(?=olvid|cancel|dej|no\b|ya\s+no\b)", "actually "),
        (
            r"\b(?:cambia|cambie|cambien|cambiale|cambiele|cambienle|mueve|mueva|pasa|pase)(?:la)?"
            r"\s+la\s+fecha\s+(?:al|a|para\s+el|para)\s+",
            "change the date to ",
        ),
        # "que la ILL-6 sea en letra grande": make the request that form
        (
            r"^\s*que\s+(?:la|el|mi)\s+((?:ill|#)\s*-?\s*\d+)\s+(?:sea|venga|llegue)\s+(?:en\s+)?"
            r"(?:letra\s+grande|large\s+print)",
            r"make \1 the large print",
        ),
        (
            r"^\s*que\s+(?:la|el|mi)\s+((?:ill|#)\s*-?\s*\d+)\s+(?:sea|venga|llegue)\s+(?:en\s+)?"
            r"(?=audiolibro|audiobook|dvd|libro\s+electronico|ebook)",
            r"make \1 ",
        ),
        # "Pide El llano en llamas …": the imperative opening a request
        (r"^\s*(?:pide|pidan|pideme|pidanme|pidame|pidele|pidanle)\b", "request"),
        (r"\b(?:todos|todas)\s+(?:los|las)\s+que\s+(?:tengo|tenemos)\b", "all my loans"),
        # "el 20/3" alone answers "by when?" (a date alone is need-by and date)
        (r"^\s*el\s+(?=\d{1,2}/\d{1,2}(?:/\d{2,4})?\s*[.!?]*\s*$)", "by "),
        # "la quisiera en letra grande": the form of the item named before
        (
            r"\b(?:la|lo)\s+(?:quisiera|quiero|necesito|prefiero|i\s+would\s+like)\s+"
            r"(?=en\s+letra\s+grande|in\s+large\s+print)",
            "I'd like it ",
        ),
        # "lo quiero pa Navidad": the patron's want, for a day (need-by, as "lo necesito para")
        (
            r"(?<!no\s)\b(?:lo|la|los|las)\s+(?:quiero|queremos|i\s+would\s+like|i'd\s+like)\s+"
            r"(?:pa|para)\s+(?=" + _DAY + ")",
            "I need it by ",
        ),
        (
            r"\b(?:hay|habra|esta)\s+(?:algun|alguna|un|una)\s+(?:humano|persona|ser\s+humano"
            r"|persona\s+de\s+verdad|persona\s+real)\b(?:\s+(?:ahi|alli|por\s+ahi))?",
            "can I talk to a human",
        ),
    ]
)
