"""Spanish shapes read before every other table, while the patron's words are still whole.

spanish_filler.BEFORE says "préstamo interbibliotecario" and spanish_dates the months in English,
and spanish_authors marks "de NAME" as the author: "un préstamo interbibliotecario de …",
"(Carlos Fuentes)" after a title, "la revista Letras Libres, número de octubre de 2026", "algo de
historia" (a subject, no title), "el de Harry Potter y la piedra filosofal" (a title, not a name),
"Juan Rulfo, El llano en llamas" (the author first), and Spanish citations ("núm.", "En:", "y"
between APA authors) must be read before they are. Patterns are lower-case and accent-free.
"""

from __future__ import annotations

import re

from handlers.understand.spanish import may_be_a_title, rules, shadow


def _named_in_brackets(match: re.Match[str], original: str) -> str:
    """Say "(Carlos Fuentes)" after a title as its author, when it holds only a name."""
    inside = original[match.start(1) : match.end(1)]
    words = inside.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return f" by {inside}"  # ("de América Latina (Eduardo Galeano)": the title's own "de")
    return original[match.start() : match.end()]


_MONTHS = {
    "enero": "January",
    "febrero": "February",
    "marzo": "March",
    "abril": "April",
    "mayo": "May",
    "junio": "June",
    "julio": "July",
    "agosto": "August",
    "septiembre": "September",
    "octubre": "October",
    "noviembre": "November",
    "diciembre": "December",
}


def _issue(match: re.Match[str], original: str) -> str:
    """Say a whole issue of a journal the way the English reader knows it."""
    journal = original[match.start(1) : match.end(1)]
    month = _MONTHS[match.group(2)]
    return f"the {month} {match.group(3)} issue of {journal}"


def _title_not_name(match: re.Match[str], original: str) -> str:
    """Drop "el de" before a title ("el de Harry Potter y la piedra filosofal"), not a name."""
    run = re.match(r"[^,.;:!?\n]*", original[match.end() :])
    words = (
        re.split(r"\s+(?:pero|para|pa|porque|xq|que|en)\s", run.group(0))[0].split() if run else []
    )
    if not may_be_a_title([shadow(w) for w in words]):
        return original[match.start() : match.end()]
    lower = [i for i, w in enumerate(words[:6]) if w[:1].islower() and shadow(w) not in _PARTICLES]
    wished = bool(WISH.search(shadow(original[: match.start()])))
    if words and words[0][:1].isupper() and lower and wished:
        before = words[lower[0] - 1]
        if before[:1].isupper() or shadow(before) in ARTICLES | {"un", "una"}:
            return ""  # "Harry Potter y la piedra filosofal", not "Allende y dime …"
    if words and shadow(words[0]) in ARTICLES and wished:
        return ""  # "me gustaría el de los cuatro acuerdos": the title, lower case
    return original[match.start() : match.end()]


ARTICLES = frozenset({"el", "la", "los", "las"})
WISH = re.compile(
    r"\b(?:quiero|kiero|quisiera|gustaria|consigue\w*|consigan|necesito|ocupo|busco|pide\w*"
    r"|pidan\w*|would like|need|get me|request)(?:\s+(?:tener|leer))?\s+$"
)


_PARTICLES = frozenset({"de", "del", "el", "la", "las", "los", "lo", "y", "e", "da", "van", "von"})


def _author_first(match: re.Match[str], original: str) -> str:
    """Say "Juan Rulfo, El llano en llamas." (a name, then a title, nothing else) as a request."""
    author = original[match.start(1) : match.end(1)]
    title = original[match.start(2) : match.end(2)]
    if not all(w[:1].isupper() for w in author.split()) or not title[:1].isupper():
        return original[match.start() : match.end()]
    if not may_be_a_title([shadow(w) for w in author.split()]):
        return original[match.start() : match.end()]  # "Hola Marta, Necesito …"
    return f'I\'d like to request "{title}" by {author}'


_NOT_A_SUBJECT = frozenset(
    {
        "mi",
        "mis",
        "su",
        "sus",
        "tu",
        "tus",
        "el",
        "la",
        "los",
        "las",
        "eso",
        "esto",
        "ese",
        "este",
        "texto",
        "aqui",
        "alli",
        "alla",
        "esta",
        "otra",
        "un",
        "una",
    }
)


def _subject(match: re.Match[str], original: str) -> str:
    """Say "algo de historia", "un libro sobre duelo" as "a book on": a subject, no title."""
    word = re.match(r"[^\W\d_]+", original[match.end() :])
    if word and word.group(0).islower() and shadow(word.group(0)) not in _NOT_A_SUBJECT:
        return "a book on "
    return original[match.start() : match.end()]


# Read before every other table (spanish_filler.BEFORE says "préstamo interbibliotecario" and
# spanish_dates the months in English, spanish_authors marks "de NAME").
FIRST = rules(
    [
        (r"\b(?:un|el)\s+prestamo\s+interbibliotecario\s+(?:de|del|para)\s+", ""),
        (r"\s*\(([^()\d]{3,40})\)", _named_in_brackets),
        # a whole issue: "la revista Letras Libres, número de octubre de 2026"
        (
            r"\b(?:la\s+)?revista\s+([^,]{2,60}?)\s*,\s*(?:el\s+)?(?:numero|ejemplar|edicion)\s+de\s+"
            r"(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre"
            r"|diciembre)\s+(?:de\s+)?(\d{4})\b",
            _issue,
        ),
        # "el libro ese de Isabel Allende nuevo, cualquiera q tengan": whose work, any of it
        (r"\s*\b(?:de|desde)\s+otra\s+biblioteca\b", ""),
        (
            r"\b(?:algo|algun\s+libro|un\s+libro|unos\s+libros|libros|alguna\s+novela)\s+(?:de|sobre"
            r"|acerca\s+de)\s+(?=[^\W\d_])",
            _subject,
        ),
        (r"\b(?:me\s+)?recomendaron\s+(?=a book on)", "I was told about "),
        (r"(?:\s*,)?\s*\b(?:lo\s+que\s+(?:sea|tengan|haya)|cualquiera)\s*(?=[.!?,]|$)", ""),
        # citations pasted in Spanish: "núm. 3", "En: J. Ortiz (Ed.), …", "García, M. y López, R."
        (r"\bnum\.\s*(?=\d)", "no. "),
        (r"(?<=\.\s)en:\s+", "In "),
        (r"(?<=,\s[a-z]\.)\s+y\s+(?=[a-z][\w'’-]*(?:\s[a-z][\w'’-]*)?,\s*[a-z]\.)", ", & "),
        (r"\blibro\s+ese\b", "libro"),
        (r"\bel\s+de\s+(?=\w)", _title_not_name),
        (
            r"^\s*([^\W\d_]+(?:\s+[^\W\d_]+){1,3}),\s+([^\W\d_][^.,;:!?\n]+?)\s*(?=[.!]|$)",
            _author_first,
        ),
        (
            r"\s+(?:nuevo|nueva|mas\s+nuevo|mas\s+reciente|reciente)?\s*,?\s*\bcualquiera\s+(?:que|q)"
            r"\s+(?:tengan|tenga|haya|consigan)\b",
            "",
        ),
    ]
)
