"""Whether a patron turning down a lender's charge asks staff to try another lender.

"that's too much, can you try another library?", "no, find a cheaper one", "no, ¿pueden
buscar otra biblioteca que no cobre?": the answer to a charge question (handlers.fees) is
no to this lender, not no to the book. A message that also says cancel is a plain no.
"""

from __future__ import annotations

import re

_ELSEWHERE = re.compile(
    r"\b(?:another|other|different|a\s+different|some\s+other)\s+"
    r"(?:library|libraries|lender|lenders|place|places|copy|source)\b"
    r"|\bsomewhere\s+else\b|\belsewhere\b"
    r"|\b(?:a\s+)?cheaper\s+(?:one|library|lender|copy|place|option)\b"
    r"|\b(?:one|a\s+library|a\s+lender|someone)\s+(?:that|who|which)\s+"
    r"(?:is\s+free|lends?\s+(?:it\s+)?(?:for\s+)?free|charges?\s+(?:less|nothing)"
    r"|doesn'?t\s+charge|does\s+not\s+charge)"
    r"|\b(?:one|a\s+library|a\s+lender)\s+(?:that|which)['’]s\s+free\b"
    r"|\b(?:find|get|look\s+for)\s+it\s+(?:for\s+less|cheaper|for\s+free)\b"
    # Spanish
    r"|\botr[ao]s?\s+(?:biblioteca|bibliotecas|lugar|lugares|prestador|prestadora|parte|lado)\b"
    r"|\ben\s+otro\s+lado\b"
    r"|\bque\s+(?:no\s+cobre|sea\s+gratis|cobre\s+menos|lo\s+preste\s+gratis)\b"
    r"|\bm[aá]s\s+barat[oa]\b",
    re.IGNORECASE,
)
_CANCEL = re.compile(r"\bcancel|\banul[ae]|\bolv[ií]d", re.IGNORECASE)


def asks_other_lender(text: str) -> bool:
    """Tell whether the words ask for another lender rather than cancelling the request."""
    return bool(_ELSEWHERE.search(text)) and not _CANCEL.search(text)
