"""Whether a patron reports something wrong with an item they were sent.

"the link doesn't work", "I can't open the PDF", "pages 12-14 are missing", "the scan is
blurry", "wrong article", "the book is damaged", "el enlace no funciona": staff must put it
right (handlers.problem), so the words are passed on, never taken for small talk.
"""

from __future__ import annotations

import re

_THING = (
    r"(?:link|url|pdf|file|download|scan|copy|article|chapter|document|attachment|book|item"
    r"|pages?|enlace|archivo|documento|escaneo|copia|art[ií]culo|cap[ií]tulo|libro|p[aá]ginas?)"
)
_PROBLEM = re.compile(
    rf"\b{_THING}\b[^.?!]{{0,30}}?\b(?:doesn'?t|does\s+not|won'?t|will\s+not|isn'?t|is\s+not|"
    r"aren'?t|are\s+not|didn'?t|did\s+not)\s+(?:work|open|load|download|come\s+through|"
    r"show|readable|legible|there|included|complete|right|the\s+right\s+one)\b"
    rf"|\b{_THING}\b[^.?!]{{0,30}}?\b(?:is|are|was|were|seems?|looks?)\s+(?:broken|expired|"
    r"dead|blank|empty|missing|cut\s+off|blurry|unreadable|illegible|corrupt(?:ed)?|damaged|"
    r"torn|wrong|incomplete|not\s+working)\b"
    rf"|\b(?:can'?t|cannot|could\s+not|couldn'?t|unable\s+to)\s+(?:open|download|access|read|"
    rf"view|see)\b[^.?!]{{0,30}}?\b{_THING}\b"
    r"|\b(?:missing|blurry|unreadable|illegible|cut[\s-]off)\s+pages?\b"
    r"|\bwrong\s+(?:article|chapter|book|item|file|pdf|edition|volume|issue)\b"
    r"|\b(?:broken|dead|expired)\s+(?:link|url)\b"
    # Spanish
    r"|\b(?:enlace|link|archivo|pdf|documento)\b[^.?!]{0,30}?\bno\s+(?:funciona|abre|carga|sirve"
    r"|se\s+(?:abre|puede\s+abrir|descarga))\b"
    r"|\bno\s+(?:puedo|pude|logro)\s+(?:abrir|descargar|ver|leer)\b"
    r"|\bfalta[n]?\s+p[aá]ginas\b|\bp[aá]ginas\s+(?:borrosas|cortadas|faltantes)\b",
    re.IGNORECASE,
)


def reports_problem(text: str) -> bool:
    """Tell whether the words report something wrong with an item the patron was sent."""
    return bool(_PROBLEM.search(text))


# "where can I find it?", "where is my article?", "¿dónde lo recojo?": asked about something
# the patron was just told is ready, it asks where that is (handlers.problem, where_is).
_WHERE = re.compile(
    r"\bwhere\b[^.?!]{0,30}?\b(?:it|them|my\s+(?:book|article|copy|item|scan|pdf|chapter|loan"
    r"|download|file))\b"
    r"|\bd[oó]nde\b[^.?!]{0,30}?\b(?:lo|la|los|las|mi\s+(?:libro|art[ií]culo|copia|pedido))\b",
    re.IGNORECASE,
)


def asks_where(text: str) -> bool:
    """Tell whether the words ask where an item the patron was sent can be found."""
    return bool(_WHERE.search(text)) and not reports_problem(text)
