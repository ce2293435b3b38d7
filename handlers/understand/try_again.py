"""Whether a patron asks staff to try again for a request ("please try again", "keep looking").

Said after "no library could lend ILL-1", it asks for another search, not a new item and not
small talk (handlers.retry). Asking for another lender counts too ("try another library").
"""

from __future__ import annotations

import re

from handlers.understand.other_lender import asks_other_lender

_AGAIN = re.compile(
    r"\b(?:try|look|search|check|hunt)\b[^.?!]{0,24}?"
    r"\b(?:again|once\s+more|one\s+more\s+time|elsewhere)\b"
    r"|\bkeep\s+(?:looking|trying|searching)\b|\bone\s+more\s+try\b|\btry\s+harder\b"
    r"|\b(?:request|order|get|find)\s+(?:it|them|that(?:\s+one)?)\s+again\b"
    # Spanish
    r"|\b(?:intent|busc|prueb|pid|solicit)[a-záéó]*\s+(?:otra\s+vez|de\s+nuevo|nuevamente)\b"
    r"|\b(?:vuelv|volver)[a-z]*\s+a\s+(?:intentar|buscar|probar|pedir|solicitar)\w*\b"
    r"|\bsig(?:a|an|uen?)\s+buscando\b",
    re.IGNORECASE,
)
# Not asked of staff: "don't bother", or the patron's own try ("I'll try again tomorrow").
_NOT = re.compile(
    r"\b(?:don'?t|do\s+not|no\s+need|never\s+mind|no\s+hace\s+falta)\b"
    r"|\bI(?:'ll|\s+will|\s+can|\s+could|'d)?\s+(?:try|look|check|search)\b",
    re.IGNORECASE,
)


def asks_again(text: str) -> bool:
    """Tell whether the words ask for another try at finding an item."""
    if _NOT.search(text):
        return False
    return bool(_AGAIN.search(text)) or asks_other_lender(text)
