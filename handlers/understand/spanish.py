"""Read a Spanish message by saying its request words in English, leaving the patron's titles.

The English rules already read titles, dates, amounts, references and formats well; Spanish
differs from them in its cue words ("renovar", "para el 15 de diciembre", "hasta 5 dólares"),
not in how a title sits in a message. So a message detected as Spanish has its cue phrases
rewritten ("para el 15 de diciembre" → "by December 15") and is then read by the same rules.
Only fixed phrases are rewritten, never a title's own words ("La casa de los espíritus" keeps
its "la" and "de"); matching ignores case and accents, and the text kept is the patron's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from handlers.understand.language import detect, has_spanish

# A replacement: a template with \1-style groups (taken from the patron's own text), or a
# function of the match on the accent-free shadow and the original text.
Replacement = str | Callable[[re.Match[str], str], str]
# The pattern, its replacement, and a probe: the pattern without its opening "\b", which the
# regex engine can search for by its first characters; when the probe finds nothing the rule
# cannot match, and most rules do not match a given message.
Rule = tuple[re.Pattern[str], Replacement, re.Pattern[str]]


_PLAIN = str.maketrans("áéíóúüñàèìòùâêîôûäëïö", "aeiouunaeiouaeiouaeio")


def shadow(text: str) -> str:
    """Return the text lower-cased with accents removed, character for character."""
    plain = text.lower().translate(_PLAIN)
    if len(plain) != len(text):  # a character whose lower case is longer ("İ"): one by one
        return "".join(c.lower().translate(_PLAIN) if len(c.lower()) == 1 else c for c in text)
    if plain.isascii():
        return plain
    return "".join(
        unicodedata.normalize("NFD", c)[0] if not c.isascii() and c.isalpha() else c for c in plain
    )


def rules(pairs: Sequence[tuple[str, Replacement]]) -> list[Rule]:
    """Compile (pattern, replacement) pairs; patterns are written lower-case, without accents."""
    return [
        (re.compile(pattern), replacement, re.compile(_probe(pattern)))
        for pattern, replacement in pairs
    ]


def _probe(pattern: str) -> str:
    """Return the pattern without what opens it optionally ("\\b", "(?:me\\s+)?", "\\s+").

    What is left must match wherever the whole does, and it opens with the word the regex
    engine can look for quickly.
    """
    while True:
        for lead in (r"\b", r"\s*", r"\s+"):
            if pattern.startswith(lead):
                pattern = pattern[len(lead) :]
                break
        else:
            end = _group_end(pattern) if pattern.startswith("(?:") else -1
            if end < 0 or pattern[end + 1 : end + 2] != "?" or pattern[end + 2 : end + 3] in "?+":
                return pattern or "(?:)"
            pattern = pattern[end + 2 :]


def _group_end(pattern: str) -> int:
    """Return where the group opening the pattern closes, or -1."""
    depth, escaped, in_class = 0, False, False
    for at, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class or char == "[":
            in_class = char != "]" or not in_class
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at
    return -1


def _expand(template: str, match: re.Match[str], original: str) -> str:
    def group(found: re.Match[str]) -> str:
        start, end = match.span(int(found.group(1)))
        return original[start:end] if start >= 0 else ""

    return re.sub(r"\\(\d)", group, template)


def rewrite(text: str, table: Sequence[Rule], titles: bool = False, runs: bool = True) -> str:
    """Apply each rule in turn, matching on the shadow and replacing in the original.

    `titles` True leaves a match alone when it is capitalised in mid-sentence: "pedir El
    libro de arena" names a title, and its words are the patron's. `runs` False reads even
    inside a title's run ("vivo en Savannah, ¿puedo usar el servicio …?" holds no title).
    """
    keep = runs
    plain = shadow(text)
    spans: list[tuple[int, int]] | None = None  # read when a rule first matches: most never do
    for pattern, replacement, probe in table:
        if not probe.search(plain):
            continue
        if spans is None:
            spans = title_runs(text) if keep else []
        pieces, last = [], 0
        for match in pattern.finditer(plain):
            if titles and _in_a_title(text, match.start()):
                continue
            if any(start < match.end() and match.start() < end for start, end in spans):
                continue
            pieces.append(text[last : match.start()])
            if callable(replacement):
                pieces.append(replacement(match, text))
            else:
                pieces.append(_expand(replacement, match, text))
            last = match.end()
        if pieces:
            pieces.append(text[last:])
            text = "".join(pieces)
            plain = shadow(text)
            spans = title_runs(text) if spans else spans
    return text


def title_runs(text: str) -> list[tuple[int, int]]:
    """Return the spans of titles that run up to their author: no cue word inside is read.

    "Necesito Martes con mi viejo profesor de Mitch Albom antes del viernes": from a capitalised
    word in mid-sentence to the " de " that names the author, every word is the title's own
    ("Martes" is no Tuesday there, "Gracias por llegar tarde" no thanks).
    """
    if " de " not in text and " by " not in text:
        return []
    runs = _opening_run(text)
    for match in _TITLE_RUN.finditer(text):
        before = text[: match.start()].split()
        # a capital after a capital in mid-sentence is inside a name ("Pam Muñoz Ryan")
        opening = len(before) < 2 or not before[-2][-1:].isalnum()
        if not before or not before[-1][:1].isupper() or before[-1] == "I" or opening:
            runs.append(match.span())
    return runs


def _opening_run(text: str) -> list[tuple[int, int]]:
    """Return the span of a title that opens the message and runs up to its author, if any.

    "Agosto, octubre de Andrés Barba", "Los ojos de mi princesa de Carlos Cuauhtémoc Sánchez":
    nothing but the title stands before the author, so none of its words is a cue ("Agosto"
    no month, "mi" no "my"). A run holding a request word is a sentence, not a title.
    """
    match = _OPENING_RUN.match(text)
    if not match:
        return []
    if text.lstrip().startswith("¡") and match.group("run").endswith("!"):
        return [match.span("run")]  # "¡Hola, Tomás! de Ana María Machado": exclaimed, a title
    words = _PLAIN_WORD.findall(shadow(match.group("run")))
    if not words or words[0] in _CLITICS or words[0] in _NOT_TITLES:
        return []
    if words[0] in _ALSO or (words[0] == "y" and words[1:2] and words[1] in _ALSO):
        return []  # "(Y) también Rayuela de Julio Cortázar": a second wish, not a title
    # Before a full name ("de Chris Anderson") everyday words are a title's too ("Gratis",
    # "Cinco semanas en globo"); only a request word makes the run a sentence.
    full_name = len(re.findall(r"[A-ZÁÉÍÓÚÑ]\w", match.group("name"))) >= 2
    framed = ":" in match.group("run") or not _FRAME_WORDS.isdisjoint(words)  # "Dos copias de"
    if not may_be_a_title(words) and (framed or not full_name or has_request_word(words)):
        return []
    return [match.span("run")]


def may_be_a_title(words: list[str]) -> bool:
    """Tell whether words may all be a title's: no request word, verb form or command."""
    from handlers.understand.language import SPANISH_WORDS

    if has_request_word(words):
        return False
    return not any(word in SPANISH_WORDS and word not in _TITLE_OK for word in words)


def has_request_word(words: list[str]) -> bool:
    """Tell whether any word is a request word, a request verb or a gerund ("buscando")."""
    return any(
        word in _OPENING_CUES or word.startswith(_OPENING_STEMS) or word.endswith(_GERUND)
        for word in words
    )


def _in_a_title(text: str, at: int) -> bool:
    """Tell whether a capitalised word at `at` follows a word or a quote mark (a title's)."""
    start = at + len(text[at:]) - len(text[at:].lstrip())
    word = text[start:].split(maxsplit=1)[0] if text[start:].strip() else ""
    if not word[:1].isupper() or word.isupper():
        return False  # lower case, or "DVD", "ISBN": no title word
    before = text[:start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in "\"'«“‘")


# A personal name: capitalised words, with the particles names carry ("Sor Juana Inés de la
# Cruz", "Gabriel García Márquez"), ending the message or its clause.
NAME = r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*)(?:\s+(?:de la|del|de|y|[A-ZÁÉÍÓÚÑ][\w'’.-]*))*"
CLAUSE_END = (
    r"(?=\s*(?:[^\w\s]|$|\n|\s(?:please|for|by|in|up|and|I|which|ISBN|para|por|en|que|lo|la"
    r"|con|si|antes|hasta|porfa|gracias|pls|plis|xfa|tambien|también|before|until|tomorrow|today"
    r"|next|no|lo|es|pa|pal|a|mid|y)\b))"
)
# A date said in English by now ("next Monday necesito"), or a holiday ("Día de Reyes", "Acción
# de Gracias"): no title starts there.
_NO_RUN_START = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|June|July|August|September|October|November|December)\b|(?:D[ií]a|Acci[oó]n)\s+de\s)"
)
_TITLE_RUN = re.compile(
    r"(?<=[\w\"'«“‘:][ \t])(?<!\bby\s)(?<!\bde\s)(?!I\b|I['’]|[A-Z]{2,}\b)"
    + _NO_RUN_START
    + r"[A-ZÁÉÍÓÚÑ¿¡][^.?!\n]*?"
    r"(?=,?\s+(?:de|del autor|de la autora|by)\s+"
    r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*)(?:\s+(?:de la|del|de|y|[A-ZÁÉÍÓÚÑ][\w'’.-]*))*" + CLAUSE_END + ")"
)
_OPENING_RUN = re.compile(
    r"\s*[\"'«“‘]?(?P<run>¡[A-ZÁÉÍÓÚÑ][^.?\n]*!|[A-ZÁÉÍÓÚÑ][^.?!\n]*)(?=,?\s+(?:de|by)\s+"
    + f"(?P<name>{NAME})"
    + CLAUSE_END
    + ")"
)
_PLAIN_WORD = re.compile(r"[a-z]+")
# Words that make an opening run a sentence rather than a title (accent-free, lower case).
_OPENING_CUES_TEXT = """
    necesito necesita necesitamos quiero quiere quieren quisiera quisieramos busco buscamos
    pedir pido solicitar solicito ocupo ocupa requiero podrian podria puede pueden
    puedes podes podeis consigue consiguen consigues hola buenas buenos favor gracias renovar
    renueva renueve renuevan cancela cancele cancelen cancelar anula estado leer hay tienen
    tiene tengo llego pedi mande para antes hasta urge gustaria interesa deseo traen traigan
    paso llega esta estan ese esa este ya libro libros articulo pedido solicitud audiolibro
    ejemplar dvd
    hello please thanks could would can want need like request renew cancel status i
"""
_OPENING_CUES = frozenset(_OPENING_CUES_TEXT.split())
# Verb stems that make it a sentence whatever their ending ("escanean", "renuévenme").
_OPENING_STEMS = (
    "escane", "renov", "renuev", "cancel", "consig", "conseg", "pidan", "pidame", "pideme",
    "busc", "echa", "ayud",
)  # fmt: skip
_GERUND = ("ando", "iendo")
_CLITICS = frozenset({"me", "te", "nos", "se", "le", "les"})
# What opens a line "from" someone rather than a title ("Saludos de Ana Ruiz").
_NOT_TITLES = frozenset(
    ["saludos", "saludo", "besos", "abrazos", "bendiciones", "mensaje", "pregunta", "consulta"]
)
_ALSO = frozenset(["tambien", "ademas"])
# Words that say what of a title is wanted, or on what terms ("Dos copias de", "Solo si es").
_FRAME_WORDS = frozenset(
    ["copias", "copia", "ejemplares", "ejemplar", "si", "solo", "es", "version", "capitulo", "tomo"]
)
# Spanish words (language.SPANISH_WORDS) that titles are made of: articles, prepositions,
# possessives, question words, months and weekdays ("Agosto, octubre", "Por qué fracasan…").
_TITLE_OK_TEXT = """
    el la los las un una unos unas del al de y o que en con sin sobre entre desde mi mis su sus
    tu por como cuando donde quien cual cuales nada todo todos muy mas si no dias semana fin mes
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre lunes martes miercoles jueves viernes sabado domingo hoy manana ayer ahora
    despues primera primero segunda segundo tercera tercero buenos buenas noches tardes amor
"""
_TITLE_OK = frozenset(_TITLE_OK_TEXT.split())
# A message that is a title and its author and nothing else, once its Spanish is English.
_ONLY_TITLED = re.compile(r"^\s*[A-ZÁÉÍÓÚÑ¿\"“«'][^\n]*?(?:\sby\s|,\s*)" + NAME + r"\s*[.!]*\s*$")
_COMMA_AUTHOR = re.compile(r",\s*(" + NAME + r")\s*[.!]*\s*$")
_CUE = re.compile(
    r"\b(?:request|renew|cancel|status|need|like|get|help|why|thanks|please|hello|looking|"
    r"want|[Ii])\b"
)


def as_english(text: str, spanish: bool = True) -> str:
    """Return a Spanish message with its cue phrases in English (titles and names kept).

    `spanish` False says the message was too short or neutral to tell: a comma before a name
    then proves nothing ("Putnam, Robert D., and Lewis Feldstein. Better Together.").
    """
    from handlers.understand.spanish_filler import without_signature
    from handlers.understand.spanish_titles import bare_title, quote_lower_titles, title_with_terms

    original = text
    if "«" in text or "»" in text:  # Spanish quote marks, as the English title rules know them
        text = text.replace("«", '"').replace("»", '"')
    bare = bare_title(text) if spanish else None
    opening = bool(_opening_run(text))
    text = _cue_phrases(text, spanish)
    if bare and text == original:
        return bare  # no cue word at all ("la hora del cuento" is story time): a title alone
    text = without_signature(quote_lower_titles(text, original, opening=spanish))
    if (opening or _ONLY_TITLED.match(text) or title_with_terms(text)) and not _CUE.search(text):
        text = _COMMA_AUTHOR.sub(r" by \1", text)
        # "Cien años de soledad de Gabriel García Márquez": Spanish titles are written in
        # sentence case, which the English bare-title reader does not take for a title.
        text = "I'd like to request " + text
    return text


def _cue_phrases(text: str, spanish: bool) -> str:
    """Say every cue phrase in English, table by table (see each module for its part)."""
    from handlers.understand.spanish_asks import ASKS
    from handlers.understand.spanish_authors import SET_OFF_AUTHOR, mark_authors, set_off_author
    from handlers.understand.spanish_dates import DATES, MONEY
    from handlers.understand.spanish_everyday import EVERYDAY
    from handlers.understand.spanish_filler import BEFORE
    from handlers.understand.spanish_first import FIRST
    from handlers.understand.spanish_frames import FRAMES
    from handlers.understand.spanish_items import read_items
    from handlers.understand.spanish_leads import LEADS
    from handlers.understand.spanish_policy import POLICY
    from handlers.understand.spanish_questions import QUESTIONS
    from handlers.understand.spanish_refs import LATE
    from handlers.understand.spanish_repairs import REPAIRS
    from handlers.understand.spanish_talk import TALK
    from handlers.understand.spanish_words import AFTER, WORDS

    text = rewrite(rewrite(read_items(text), TALK, runs=False), FIRST)
    text = rewrite(rewrite(text, BEFORE), POLICY)
    text = rewrite(text, DATES)
    text = rewrite(text, MONEY)
    text = mark_authors(text)
    if spanish or SET_OFF_AUTHOR.fullmatch(text.strip()):  # (or the message is only that)
        text = set_off_author(text)
    for table in (REPAIRS, FRAMES, EVERYDAY, LEADS, ASKS, QUESTIONS, WORDS, AFTER, LATE):
        text = rewrite(text, table, titles=True)
    return text


def prepare(text: str, written_in: str | None = None) -> str:
    """Return the text the rules read: a Spanish message's cue phrases in English, else as is."""
    language = written_in if written_in is not None else detect(text)
    # A message too short to tell ("vale", "la primera", "gratis") is read both ways: its
    # English words have no Spanish phrase to rewrite.
    from handlers.understand.spanish_repairs import short_spanish

    if language == "es" or (language is None and (has_spanish(text) or short_spanish(text))):
        return as_english(text, spanish=language == "es")
    return text
