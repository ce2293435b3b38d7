"""Spanish authors, said with "by" the way the English title rules read them.

"Cien años de soledad de Gabriel García Márquez" → "… by Gabriel García Márquez": the last " de "
followed by a personal name is the author's; also "Title, Author", "Title - Author", "el libro de
Paulo Freire, Pedagogía del oprimido", "del Dr. …", "por …", and lower-case authors that open with
a common given name. Read after the dates and amounts (spanish_dates), before the cue words.
"""

from __future__ import annotations

import re

from handlers.understand.spanish import CLAUSE_END, NAME, shadow

_AUTHOR_BY = re.compile(r"(,?\s+)(?:de|del autor|de la autora|escrito por|por)\s+(" + NAME + ")"
                        + CLAUSE_END)  # fmt: skip
_PARTICLES = {"de", "del", "la", "y"}
# One-word names after "de" that are places, not authors ("Historia de España").
_PLACES_TEXT = """
    espana mexico chile cuba roma america europa colombia peru argentina venezuela bolivia
    ecuador uruguay paraguay guatemala honduras nicaragua panama madrid barcelona sevilla
    granada lima bogota caracas quito santiago asturias castilla cataluna galicia andalucia
    dios macondo christmas thanksgiving halloween easter monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november
    december babilonia troya paris londres egipto grecia atenas roma jerusalen africa
    asia oriente japon china rusia francia alemania italia inglaterra irlanda brasil
"""
_PLACES = frozenset(_PLACES_TEXT.split())
_AUTHOR_WORD = re.compile(r",?\s+(?:de|del autor|de la autora|escrito por|por)\s")
# Nouns whose "de" names a place or a body, never an author ("Revista de Psicología", "Universidad
# de Kansas", "la traducción de Editorial Alba").
_BODY_BEFORE = re.compile(
    r"\b(?:revista|journal|universidad|editorial|instituto|boletin|anales|cuadernos|traduccion"
    r"|coleccion|colegio|escuela|facultad|departamento|museo|biblioteca)(?:\s+[a-z]+)?\s*$"
)
# "el audiolibro de Pedro Páramo", "6 ejemplares de …": what follows is the title, not an author.
_FORMAT_BEFORE = re.compile(
    r"(?:audiolibro|audio|ejemplares|copias|copia|edicion|capitulo\s*[\d-]*|pags?\.?\s*[\d-]+"
    r"|pags?\.?\s*\d+\s+(?:a|al)\s+\d+"
    r"|paginas\s*[\d-]+|escaneo|escanear|dvd|pelicula|electronico|digital)\s*,?\s*$"
)
_AUTHOR_FIRST = re.compile(
    r"\b(?:el|un)\s+libro\s+de\s+(" + NAME + r")\s*,\s*([A-ZÁÉÍÓÚÑ][^,.;!?\n]*?)\s*(?=[,.;!?\n]|$)"
)


_CAP = r"[A-ZÁÉÍÓÚÑ][\w'’-]+"
# "el libro de Laura Esquivel Malinche", "el libro de Isabel Allende La casa de los espíritus":
# no comma, but a given name and a surname, then a title that opens with an article or is one
# word closing the clause.
_AUTHOR_THEN_TITLE = re.compile(
    rf"\b(?:el|un)\s+libro\s+de\s+(?P<name>(?P<given>{_CAP})(?:\s+{_CAP}){{1,2}}?)\s+"
    rf"(?P<title>(?:El|La|Los|Las|Un|Una)\s[^,.;!?\n]+?)(?=\s*(?:[,.;!?\n]|$))"
)
# "quisiera el libro de Laura Esquivel Malinche": where the name ends and a one-word title
# starts cannot be told ("García Márquez" is one name), so no title is read, only the author.
_AUTHOR_ONLY = re.compile(rf"\b(?:el|un)\s+libro\s+de\s+(?P<names>{_CAP}(?:\s+{_CAP}){{2,4}})"
                          rf"(?=\s*(?:[.;!?\n]|$))")  # fmt: skip
_WISH = re.compile(
    r"\b(?:quiero|quisiera|gustaria|busco|necesito|ocupo|pedir|solicitar|conseguir|consigue\w*"
    r"|interesa)\b[^.?!]*$"
)


def _author_first(text: str) -> str:
    """Say "el libro de Paulo Freire, Pedagogía del oprimido" as "the book … by Paulo Freire"."""
    text = _AUTHOR_FIRST.sub(lambda m: f"the book {m.group(2)} by {m.group(1)}", text)

    def say(match: re.Match[str]) -> str:
        if shadow(match.group("given")) not in _GIVEN:
            return match.group(0)
        return f"the book {match.group('title')} by {match.group('name')}"

    def only_author(match: re.Match[str]) -> str:
        if not _WISH.search(shadow(text[: match.start()])):
            return match.group(0)
        return f"something by {match.group('names')}"

    if "libro de " not in text:
        return text
    return _AUTHOR_ONLY.sub(only_author, _AUTHOR_THEN_TITLE.sub(say, text))


# Given names, for an author written in lower case by a patron texting ("… de gabriel garcia
# marquez"): a lower-case "de" + one of these + a surname is the author too.
_GIVEN_TEXT = """
    gabriel isabel julio jorge mario pablo juan carlos laura elena rosario octavio miguel jose
    maria luis ana ernesto roberto alejo rosa sor gioconda rigoberta rómulo romulo augusto
    mariano horacio alfonsina gabriela rubén ruben césar cesar eduardo manuel fernando javier
    antonio federico benito camilo alejandra clarice esmeralda sandra junot reinaldo
    guillermo samanta valeria yuri elena paulo carmen ernesto isabel
    amy louisa napoleon chris ken stephen john james toni dan paula arturo patricia marcela
    michelle barack yuval agatha jane emily charles mark ray george virginia oscar
"""
_GIVEN = frozenset(_GIVEN_TEXT.split())
GIVEN = _GIVEN  # (read by spanish_frames: "cualquier libro de gabriel garcia marquez")
_DATE_WORDS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next|the\s+\d|\d|tomorrow|today)"
)
_LOWER_AUTHOR = re.compile(
    r"(\s+)de\s+((?:[a-záéíóúñ]+)(?:\s+(?:de\s+|del\s+)?[a-záéíóúñ]+){1,3})" + CLAUSE_END
)


def _lower_author(text: str) -> str:
    """Say a lower-case author with "by" when it opens with a given name ("de isabel allende")."""
    starts = (m.start() for m in re.finditer(r"\s+de\s", text))
    matches = (_LOWER_AUTHOR.match(text, at) for at in starts)
    found = [m for m in matches if m and shadow(m.group(2).split()[0]) in _GIVEN]
    if not found or re.search(r" by (?!" + _DATE_WORDS + r")", text, re.I):  # ("by March 10")
        return text
    match = found[-1]
    return text[: match.start()] + match.group(1) + "by " + match.group(2) + text[match.end() :]


_SUBTITLE_AFTER = re.compile(r"\s*:\s*[A-ZÁÉÍÓÚÑ¿¡]")


def _author_by(text: str) -> str:
    """Say the author of "Cien años de soledad de Gabriel García Márquez" with "by".

    The last " de " followed by a personal name is the author's: a title's own "de" comes
    before it. A name is two capitalised words at least ("Historia de España" has no author),
    or one after a comma ("Ficciones, de Borges").
    """
    found = []
    for start in _AUTHOR_WORD.finditer(text):
        match = _AUTHOR_BY.match(text, start.start())
        said = shadow(text[: match.start()]) if match else ""
        if match and _SUBTITLE_AFTER.match(text, match.end()):
            continue  # "Diario de Greg: Días de perros": a subtitle follows, the "de" is its own
        if match and len(match.group(2).split()) == 1 and _set_off_after(text, match.end()):
            continue  # "La noche de Tlatelolco, Elena Poniatowska": the author is set off after
        if match and _NAMED_AFTER.match(text, match.end()):
            continue  # "Las venas abiertas de América Latina by Eduardo Galeano": the title's "de"
        if match and _in_signature(text, match.start()):
            continue  # "Les saluda atentamente,\nDoña Consuelo Ibarra de León": who signs
        if match and _is_name(match) and not _FORMAT_BEFORE.search(said):
            found += [] if _BODY_BEFORE.search(said) else [match]
    if not found:
        return text
    match = found[-1]
    before = text[: match.start()].split()
    if len(match.group(2).split()) == 1 and before and before[-1][:1].isupper():
        # "Antoine de Saint-Exupéry": the "de" is the name's own; the author starts earlier
        match = next((m for m in found if m.end() == match.end()), match)
    return text[: match.start()] + match.group(1) + "by " + match.group(2) + text[match.end() :]


def _in_signature(text: str, at: int) -> bool:
    """Tell whether `at` is on a short line under a sign-off line ("Atentamente," / "Saludos,")."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    above = [part.strip() for part in text[:start].split("\n") if part.strip()]
    return bool(above) and bool(_SIGN_OFF.search(above[-1])) and len(line.split()) <= 7


_SIGN_OFF = re.compile(
    r"(?i:atentamente|saludos|cordialmente|un\s+saludo|gracias|regards|thanks|bendiciones|cari[ñn]o"
    r"|abrazo|atte\.?|best|sincerely),\s*$"
)


def _set_off_after(text: str, at: int) -> bool:
    """Tell whether an author set off by a comma or a dash closes the text after `at`."""
    found = SET_OFF_AUTHOR.search(text)
    return found is not None and found.start("name") >= at


def _is_name(match: re.Match[str]) -> bool:
    words = [w for w in match.group(2).split() if w not in _PARTICLES]
    if len(words) == 1 and words[0].isupper():
        return False  # "estudiantes de ESL": an acronym, no author
    if match.group(0).lstrip(", ").startswith("por") and len(words) == 1:
        return not match.group(1).startswith(",")  # "Don Quixote por Cervantes"
    if match.group(1).startswith(","):
        return len(words) >= 1
    if len(words) == 1 and shadow(words[0]) not in _PLACES:
        return True  # "El Aleph de Borges", "Mafalda 1 de Quino"
    return len(words) >= 2 or bool(
        re.match(r"\s+(?:del autor|de la autora|escrito)", match.group(0))
    )


# "Pedagogía de la autonomía, Paulo Freire, para el …", "- Estrella distante, Roberto Bolaño",
# "Crónica de una muerte anunciada - García Márquez": a name of two or more capitalised words
# after a comma or a dash, closing its clause, behind a title, is the author.
SET_OFF_AUTHOR = re.compile(
    r"(?P<title>[A-ZÁÉÍÓÚÑ][^,.;:!?\n]*?)(?:,|\s+[-–—])[ \t]+"
    r"(?P<name>[A-ZÁÉÍÓÚÑ][\w'’-]+(?:[ \t]+(?:de|del|de la|[A-ZÁÉÍÓÚÑ][a-záéíóúñ][\w'’-]*)){1,3})"
    r"(?=[ \t]*(?:[,.;!?]|$|\n))",
    re.MULTILINE,
)
# Words before the comma that make it a greeting or a sign-off, not a title ("Gracias, Ana Ruiz").
_NOT_A_TITLE = re.compile(
    r"(?i:hello|hola|thanks|gracias|regards|saludos|dear|estimad[oa]s?|atentamente|"
    r"cordialmente|buenas|buenos|sorry|perdon|soy|me\s+llamo|my\s+name|mi\s+nombre)"
)


def set_off_author(text: str) -> str:
    """Say "Title, Author" and "Title - Author" as "Title by Author"."""

    def say(match: re.Match[str]) -> str:
        title = match.group("title")
        if _NOT_A_TITLE.search(title) or " by " in title:
            return match.group(0)
        return f"{title} by {match.group('name')}"

    if "," not in text and " -" not in text and " –" not in text and " —" not in text:
        return text
    return SET_OFF_AUTHOR.sub(say, text)


# A month or weekday after "by" is a date ("y Robinson by Jan 10"), not the next item's author.
_MONTH_WORD = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat"
    r"|Sun|January|February|March|April|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Labor|Memorial|Christmas"
    r"|Thanksgiving)\b"
)
_NAMED_AFTER = re.compile(r",?\s+by\s+(?!" + _MONTH_WORD + r")[A-ZÁÉÍÓÚÑ][a-záéíóúñ]")
# "Rayuela de Julio Cortázar y Ficciones de Borges": two items, each with its own author.
_NEXT_ITEM = re.compile(
    r"\s+(?:y|and)(?:\s+also|\s+tambien|\s+también)?\s+"
    # ("y también el audiolibro de Desierto sonoro de …": the form before the second title)
    r"(?=(?:(?:el|la|los|las|the|un|una|an?|audiolibro|audiobook|libro|book|dvd|de|del|of)\s+){0,4}"
    r"[A-ZÁÉÍÓÚÑ][^,.;!?\n]*?\s(?:de|by)\s+(?!" + _MONTH_WORD + r")[A-ZÁÉÍÓÚÑ])"
)


# "del capítulo 2 de Punishment and Inequality in America de Bruce Western": an English "and"
# right after one capitalised word is inside an English title, not between two items.
# So is "de Thinking, Fast and Slow de Kahneman": capitalised words in a list before "and".
_TITLE_AND = re.compile(
    r"\s(?:de|by)\s+[A-ZÁÉÍÓÚÑ][\w'’-]+(?:(?:,\s+[A-ZÁÉÍÓÚÑ][\w'’-]+)+,?)?\s+and\s+(?!also\b)"
)


def mark_authors(text: str) -> str:
    """Mark each item's author with "by", item by item."""
    parts = [text] if _TITLE_AND.search(text) else _NEXT_ITEM.split(text)
    if len(parts) > 1 and all(re.search(r"\s(?:de|by)\s+[A-ZÁÉÍÓÚÑ]", p) for p in parts):
        return " and also ".join(_mark_author(p) for p in parts)
    return _mark_author(text)


def _mark_author(text: str) -> str:
    """Mark one item's author; an author named first ("el libro de X, Title") is marked already."""
    capital = _capital_author(text)
    if capital != text:
        return capital
    first = _author_first(text)
    return _lower_author(first if first != text else _author_by(text))


# "LA CASA DE LOS ESPIRITUS DE ISABEL ALLENDE", "El Laberinto De La Soledad De Octavio Paz": a
# title written all in capitals (or every word capitalised) has capitals in every "de", so only a
# given name says which "de" is the author's.
_CAPITAL_AUTHOR = re.compile(
    r"(\s+)(?:DE|De)\s+(?P<name>[A-ZÁÉÍÓÚÑ][\w'’-]+"
    r"(?:\s+(?:DE\s+|DEL\s+|De\s+)?(?!(?:EN|POR|PARA|CON|Y|QUE|GRACIAS|PLEASE|Por|Para|En)\b)"
    r"[A-ZÁÉÍÓÚÑ][\w'’-]+){1,3})"
    r"(?=\s*(?:[,.;:!?\n]|$|\s(?:EN|POR|PARA|Y|en|por|para|y|please|thanks|in|by|up|free)\b))"
)


_ARTICLES = frozenset(["EL", "LA", "LOS", "LAS", "UN", "UNA", "MI", "SU", "TU", "DEL", "DE", "Y"])


def _in_capitals(text: str, match: re.Match[str]) -> bool:
    """Tell whether the words around a capital "DE" are all capitals (a shouted title)."""
    before = text[: match.start()].split()[-3:]
    return len(before) == 3 and all(w.isupper() for w in before) and match.group(0).isupper()


def _capital_author(text: str) -> str:
    """Say the author of a title in capitals with "by" when it opens with a given name."""
    starts = (m.start() for m in re.finditer(r"\s+(?:DE|De)\s", text))
    matches = (_CAPITAL_AUTHOR.match(text, at) for at in starts)
    candidates = [m for m in matches if m]
    found = [m for m in candidates if shadow(m.group("name").split()[0]) in _GIVEN]
    if not found and candidates and _in_capitals(text, candidates[-1]):
        # all in capitals: the last "DE" before two or three words with no article is the
        # author's ("LOS PILARES DE LA TIERRA DE KEN FOLLETT"; "DE LA TIERRA" has its article)
        last = candidates[-1]
        words = last.group("name").split()
        if len(words) in (2, 3) and not _ARTICLES.intersection(words):
            found = [last]
    if not found or " by " in text[: found[-1].start()]:
        return text
    match = found[-1]
    return f"{text[: match.start()]}{match.group(1)}by {match.group('name')}{text[match.end() :]}"
