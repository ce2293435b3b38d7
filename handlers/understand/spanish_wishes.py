"""More Spanish ways of asking for an item, and of joining two items, said in English.

WISHES runs early, before the dates and the request words (spanish_words.WORDS), with
spanish_asking.ASKING after it: "les pido", "os escribo para
pedir", "un ejemplar de", "hazme un request de", "el último número de la revista X", "la saga
de". JOINS runs after every other table but the last: "X de A y Y de B" names two items, once
the authors read as "by A", so the "y" between them is "and". Patterns are lower-case and
accent-free (see spanish.shadow).
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules
from handlers.understand.spanish_asking import nth
from handlers.understand.spanish_leads import KIN

# Words that may follow "les pido" and make it no request ("les pido que me renueven", "les
# pido disculpas", "les pido información").
_NOT_AN_ITEM = (
    r"(?!\s*,?\s*(?:por\s+favor\s*,?\s*)?(?:que|q|disculpas|perdon|una\s+disculpa|ayuda|informacion"
    r"|de\s+favor|paciencia|renov|cancel|el\s+favor|me\s+|nos\s+|un\s+favor))"
)
_MONTH_OR_DAY = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next|the|tomorrow|today|el|\d"
    r"|mid|late|early|end|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)


# Lower-case words after a name that are the request's terms, not a second title's words.
_TERMS_AFTER = (
    r"(?:by|para|pa|antes|hasta|porfa|xfa|please|pls|plis|free|up|gratis|before|until|for|if|si"
    r"|en|in|on|as)\b"
)


def _join(match: re.Match[str], original: str) -> str:
    """Say the "y" between "X by A" and a second title as "and" (never inside a name)."""
    before = original[: match.start()]
    clause = re.split(r"[.;:!?\n]", before)[-1]
    after = re.split(r"[.;!?\n]", original[match.end() :])[0]
    named = re.search(r"\bby\s+[\w'’.-]+(?:\s+[\w'’.-]+){0,3}$", clause)
    if not named or re.search(r"\bby\s+" + _MONTH_OR_DAY + r"\b", named.group(0), re.I):
        return original[match.start() : match.end()]
    # a second title capitalised ("y Los peligros de fumar…") or a second "by" after it
    second_by = re.search(r"\bby\s+(?!" + _MONTH_OR_DAY + r"\b)[\w'’-]", after, re.I)
    same = re.search(r"\bsame\s+author\b", after, re.I)
    opens_title = after[:1].isupper() or after.startswith(("a scan", "the ", "a copy"))
    goes_on = re.match(r"\S+\s+(?!" + _TERMS_AFTER + r")[a-z]", after)
    if second_by or (same and opens_title) or (opens_title and goes_on):
        return " and "
    return original[match.start() : match.end()]


def _by_the(match: re.Match[str], original: str) -> str:
    """Say the Spanglish "by el 20" as "by 20" ("by El Greco" names an author)."""
    if re.fullmatch(r"by\s+el\s+(?:\d+)?", original[match.start() : match.end()]):
        if match.group(1):  # "by el 20": the 20th of the month
            return f"by the {nth(int(match.group(1)))}"
        return "by "
    return original[match.start() : match.end()]


def _something_by(match: re.Match[str], original: str) -> str:
    """Say "algo de Rosa Montero" as "a book by Rosa Montero" (not "algo de información")."""
    if original[match.end() : match.end() + 1].isupper():
        return "could you get me a book by "
    return original[match.start() : match.end()]


def _said_after(match: re.Match[str], original: str) -> str:
    """Say "X? es de Ciro Guerra y Cristina Gallego" as "X by Ciro Guerra y Cristina Gallego?"."""
    name = original[match.start(1) : match.end(1)]
    words = [word for word in name.split() if word not in ("y", "de", "del")]
    titled = re.search(r"[^\W\d_]$", original[: match.start()])  # (not "el 9788433920768?")
    if titled and len(words) >= 2 and all(word[:1].isupper() for word in words):
        return f" by {name}?"  # ("es de Anagrama": one word may be a publisher)
    return original[match.start() : match.end()]


def _where_and_when(match: re.Match[str], original: str) -> str:
    """Say ", UNAM, 2012" after an item as " (UNAM, 2012)", the way the citation rules read it."""
    place = original[match.start(1) : match.end(1)]
    if not all(word[:1].isupper() or word in ("de", "del", "y") for word in place.split()):
        return original[match.start() : match.end()]
    return f" ({place}, {match.group(2)})"


def _article_on(match: re.Match[str], original: str) -> str:
    """Say "el artículo de Polack et al. sobre X" as "the article by Polack et al." (X no title)."""
    name = original[match.start(1) : match.end(1)]
    if not name[:1].isupper():
        return original[match.start() : match.end()]
    return f"the article by {name}"


def _published(match: re.Match[str], original: str) -> str:
    """Say "publicado en Science en 2015" as "in Science (2015)", the way citations read."""
    journal = original[match.start(1) : match.end(1)]
    if not journal[:1].isupper():
        return original[match.start() : match.end()]
    issue = f", no. {match.group(2)}" if match.group(2) else ""
    return f", in {journal}{issue} ({match.group(3)})"


def _issue(match: re.Match[str], original: str) -> str:
    """Say "el número 520 completo de la revista Nexos" as "issue 520 of Nexos," (its name ends)."""
    words = original[match.start(2) : match.end(2)].split()
    kept: list[str] = []
    for word in words:
        if not word[:1].isupper() and not word[:1].isdigit() and kept:
            break
        kept.append(word)
    if not kept or not kept[0][:1].isupper():
        return original[match.start() : match.end()]
    rest = original[match.start(2) + len(" ".join(kept)) : match.end()]
    return f"issue {match.group(1)} of {' '.join(kept)},{rest}"


def _by_and(match: re.Match[str], original: str) -> str:
    """Say "X de Frantz Fanon y, además, Y" as "X by Frantz Fanon and also Y"."""
    name = original[match.start(1) : match.end(1)]
    if all(word[:1].isupper() for word in name.split()) and original[match.end() :][:1].strip():
        return f" by {name} and also "
    return original[match.start() : match.end()]


def _same_author(match: re.Match[str], original: str) -> str:
    """Say ", same author" after a second title as "by NAME", the author named before it."""
    before = original[: match.start()]
    named = re.findall(
        r"\bby\s+((?:[A-ZÁÉÍÓÚÑ][\w'’.-]*)(?:\s+(?:de|del|[A-ZÁÉÍÓÚÑ][\w'’.-]*))*)", before
    )
    if not named:
        return original[match.start() : match.end()]
    return f" by {named[-1]}"


WISHES = rules(
    [
        # "Mi hijo de 13 años quiere leer en español.": a reason beside the request, no wish itself
        (
            r"\b(?:mi|mis|su|sus)\s+"
            + KIN
            + r"(?:\s+de\s+\d+\s+anos)?\s+(?:quiere|quieren|quisiera)\s+"
            r"(?:leer|practicar)\s+(?:mas\s+)?en\s+(?:espanol|ingles)\s*[.!]",
            "",
        ),
        (
            r"\b(?:les|os|le|te)\s+(?:pido|pedimos|solicito|solicitamos)\b(?:\s*,\s*por\s+favor\s*,)?"
            + _NOT_AN_ITEM,
            "I'd like to request",
        ),
        (
            r"\b(?:os\s+escribo|me\s+dirijo\s+a\s+(?:ustedes|usted|vosotros))\s+para\s+(?:solicitar|pedir)"
            r"(?:les|le|os)?\b",
            "I'm writing to request",
        ),
        (r"\bme\s+interesa(?:ria)?\s+(?:pedir|solicitar|conseguir)\b", "I'd like to request"),
        # "el audiolibro de X, si lo tienen en CD mejor": the form wished for
        (
            r"\s*,?\s*\bsi\s+(?:lo|la)\s+(?:tienen|hay)\s+en\s+(cd|dvd)(?:\s+(?:mejor|mucho\s+mejor))?\b",
            lambda match, _original: f", on {match.group(1).upper()} if possible",
        ),
        (
            r"\b(?:un|el)\s+ejemplar\s+de\s+(?!(?:la\s+|el\s+)?(?:revista|periodico|diario)\b)",
            "a copy of ",
        ),
        # "¿me haces un request del audiobook de X?", "hazme request de X": the Spanglish ask
        (
            r"\b(?:me\s+|nos\s+)?(?:haces|hace|hacen|harias|haria|harian|hazme|hagame|haganme)\s+"
            r"(?:una?\s+)?(?:request|pedido|solicitud|order|ill)\s+(?:de|del|para|for)\s+",
            "could you request ",
        ),
        # a magazine's issue: "el último número de Letras Libres", "el número 520 de Nexos"
        (
            r"\b(?:el\s+)?(?:ultimo|mas\s+reciente|nuevo)\s+(?:numero|ejemplar)\s+(?:de|del)\s+"
            r"(?:la\s+revista\s+)?",
            "the latest issue of ",
        ),
        (
            r"\b(?:el\s+)?numero\s+(\d+)(?:\s+(?:completo|entero))?\s+(?:de|del)\s+(?:la\s+)?"
            r"(?:revista\s+)?([a-z0-9][\w'-]*(?:\s+[a-z0-9][\w'-]*){0,5})",
            _issue,
        ),
        # "el PMID es 31978945": the identifier as the citation readers know it
        (r"\b(?:el\s+|la\s+)?(pmid|doi|isbn|issn)\s+(?:es|seria|sería)\s+(?=\S*\d)", r"\1 "),
        (
            r"\b(?:la\s+)?(?:saga|serie|trilogia|coleccion)\s+(?:completa\s+)?de\s+([^?.!,;\n]{2,60}?)"
            r"(?=\s*(?:[?.!,;\n]|$))",
            r"the \1 series",
        ),
        (
            r"\b(?:quiero|quisiera|queria|me\s+gustaria)\s+leer(?:lo|la|los|las)\b",
            "I'd like to read it",
        ),
        # "¿algo de Rosa Montero?": any book by an author
        (r"\balgo\s+de\s+(?=\w)", _something_by),
        # "el libro impreso de X": a book, printed rather than electronic (still a book)
        (
            r"\b(?:el|un)\s+libro\s+(?:impreso|en\s+papel|fisico)\s+(?:de\s+)?(?=[A-Za-z¿¡\"])",
            "the book ",
        ),
        # "¿me consiguen Pájaros de verano? es de Ciro Guerra": its author, said after the question
        (
            r"\?\s+(?:es|son|esta\s+escrito|lo\s+escribio)\s+(?:de|del|por)\s+([a-z][\w'-]*(?:\s+(?:y|de"
            r"|del|[a-z][\w'-]*)){0,6})\s*(?:[.!]+\s*(?:gracias|thanks)?[.!]*)?\s*$",
            _said_after,
        ),
        # the Spanglish "un scan del cap 5 de …", "un scan de las pags 3-9"
        (
            r"\b(?:un|una|el)\s+(?:scan|escaneo)\s+(?:del|de\s+la|de\s+las|de)\s+(?=(?:cap|capitulo"
            r"|chapter|pags?|paginas|pp)\b)",
            "a scan of ",
        ),
        # a thesis's or book's institution or publisher and year: "…, de X, UNAM, 2012."
        (
            r",\s*([a-z][\w&.'-]*(?:\s+[a-z][\w&.'-]*){0,5})\s*,\s*((?:19|20)\d\d)\b(?=\s*(?:[.;!?\n]|$))",
            _where_and_when,
        ),
        # "el artículo de Polack et al. sobre la vacuna": its authors, and a topic that is no title
        (
            r"\b(?:el|un)\s+articulo\s+de\s+([a-z][\w'-]*(?:\s+[a-z][\w'-]*)?(?:\s+et\s+al\.?)?)\s+"
            r"(?:sobre|acerca\s+de)\s+[^,.;?!\n]+",
            _article_on,
        ),
        # an article's journal and year: "publicado en Science en 2015", "publicado en Revista
        # de Occidente, número 312, de 2007"
        (
            r",?\s+(?:publicad[oa]|salio|aparecio)\s+en\s+(?:la\s+revista\s+)?([a-z][\w&'.-]*(?:\s+"
            r"[\w&'.-]+){0,6}?)(?:\s*,\s*(?:numero|no\.|num\.?)\s*(\d+))?\s*,?\s+(?:en|de|del)\s+"
            r"(?:(?:el\s+)?ano\s+)?(\d{4})\b",
            _published,
        ),
        # a form-only correction: "¿me lo pueden conseguir mejor en letra grande?", "quiero que
        # la ILL-18 sea el audiolibro"
        (
            r"\b(?:me\s+)?(?:lo|la)\s+(?:pueden|puede|podrian|podria|puedes)\s+(?:conseguir|pedir"
            r"|traer)\s+mejor\s+(?:en\s+)?(?=(?:el\s+|un\s+)?(?:audiolibro|audio|dvd|ebook|libro"
            r"\s+electronico|letra\s+grande)\b)",
            "make it ",
        ),
        (
            r"\b(?:quiero|quisiera|prefiero|necesito)\s+que\s+(?:la\s+|el\s+|mi\s+)?(ill-?\s*\d+)\s+"
            r"sea\s+(?:en\s+)?",
            r"make \1 ",
        ),
        # an amount without its sign: "puedo pagar hasta 7.50" (never a date's "hasta")
        (
            r"\bpagar\s+hasta\s+(\d{1,3}(?:[.,]\d{2})?)(?!\s*(?:de|del)\b)(?=\s*[.,!?]?\s*$|\s*[.,!?]\s)",
            lambda match, _original: f"pay up to ${match.group(1).replace(',', '.')}",
        ),
        # "busco algún libro sobre la historia de Puerto Rico": a topic, no title
        (
            r"\b(?:algun|algunos|un|unos)\s+(?:buen\s+)?libros?\s+(?:sobre|acerca\s+de|que\s+hable"
            r"\s+de|que\s+trate\s+de)\s+",
            "a book on ",
        ),
        # "mejor hazlo audiobook", "que sea en DVD": a correction naming only the form
        (
            r"^\s*(?:@\w+\s+)?(?:sorry\s*,?\s*|perdon\s*,?\s*)?(?:mejor\s+)?(?:hazlo|hagalo|haganlo"
            r"|que\s+sea|lo\s+quiero|la\s+quiero)\s+(?:en\s+)?(?:el\s+|un\s+|una\s+)?(?=(?:audiolibro"
            r"|audiobook|audio|dvd|ebook|e-?libro|libro\s+electronico|letra\s+grande)\b)",
            "make it the ",
        ),
    ]
)

# Read inside a capitalised run too ("by el Labor Day").
DAYS = rules(
    [
        # Spanglish dates: "by el 20", "by el Labor Day"
        (r"\bby\s+el\s+(\d{1,2}\b)?", _by_the),
        (r"\bmanana\s+mismo\b", "mañana"),
    ]
)

JOINS = rules(
    [
        # "ILL-60 e ILL-61": "e" is "y" before an i-
        (r"\s+e\s+(?=(?:ill|request)\b)", " and "),
        # "cancel ILL-45, y hazme request de …": a second action
        (r"(?:\s*,)?\s+y\s+(?=(?:could\s+you|can\s+you|i'?d\s+like|please|i\s+need)\b)", ", and "),
        (
            r"\s+de\s+((?:[a-z'-]+\s+){0,3}[a-z'-]+)\s*,?\s+y\s*,\s*(?:ademas|tambien)\s*,?\s+",
            _by_and,
        ),
        (r"(?:\s*,)?\s+y\s*,?\s+(?:ademas\s*,?\s+|tambien\s+)?(?=\S)", _join),
        (r"\s*,\s*(?:same\s+author|del\s+mismo\s+autor|de\s+la\s+misma\s+autora)\b", _same_author),
    ]
)
