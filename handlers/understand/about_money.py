"""Whether a message speaks of paying: "why do I have to pay $15?", "¿por qué me cobran?".

A "why?" with nothing refused that asks about money asks why a charge is owed (handlers.why).
"""

from __future__ import annotations

import re

_MONEY = re.compile(
    r"[$€]\s*\d|\b\d+(?:\.\d\d)?\s*(?:dollars?|bucks|d[oó]lares)\b"
    r"|\b(?:pay|paying|paid|charge|charged|charges|charging|fee|fees|cost|costs|owe|owed|bill"
    r"|billed|price)\b"
    r"|\b(?:pag(?:ar|o|ue|amos)|cobr\w*|cargos?|cuesta|cuestan|costo|coste|debo|deber)\b",
    re.IGNORECASE,
)


def speaks_of_money(text: str) -> bool:
    """Tell whether the words are about paying or a charge."""
    return bool(_MONEY.search(text))
