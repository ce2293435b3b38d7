"""The frame around a Spanish request, said in English so that none of it becomes a title.

"ando buscando algo de Isabel Allende, lo que sea", "el título es Ojos de perro azul", "¿me
podrían ayudar a conseguir Rayuela?", "¿tienen forma de traerme …?", "¿lo pueden pedir?": the
words that ask, and the vague "something by", are never the item's. The same table keeps
library verbs used for other things off the ILL actions: "cancelar la clase de inglés",
"reservar la computadora 5", "¿me apartan un libro de aquí?". Read before the lead-ins
(spanish_leads.LEADS); patterns are lower-case and accent-free (see spanish.shadow).
"""

from __future__ import annotations

import re

from handlers.understand.spanish import may_be_a_title, rules, shadow
from handlers.understand.spanish_authors import GIVEN
from handlers.understand.spanish_first import ARTICLES
from handlers.understand.spanish_leads import CLASS_OF, KIN

# "algo de", "cualquier cosa de", "lo que tengan de": no title, only whose work it is
_VAGUE = (
    r"(?:algo|cualquier\s+cosa|cualquier\s+libro|lo\s+que\s+sea|lo\s+que\s+tengan|lo\s+que\s+haya"
    r"|algun\s+libro|alguna\s+novela|alguno|alguna\s+cosa)"
)
_GENRE = r"(?:poesia|cuentos|ensayos?|novelas?|ficcion|teatro|poemas|relatos)"
_ASK = r"(?:conseguir|pedir|solicitar|encontrar|buscar|traer)(?:me|nos|lo|la|los|las)?"


def _vague(match: re.Match[str], original: str) -> str:
    """Say "something by" before a name; "algo de historia", "algo de mi pedido" stay as written."""
    if original[match.end() : match.end() + 1].isupper():
        return "something by "
    following = shadow(original[match.end() :]).split()[:1]
    if following and following[0] in GIVEN:  # "cualquier libro de gabriel garcia marquez"
        return "a book by "
    return original[match.start() : match.end()]


def _for_someone(match: re.Match[str], original: str) -> str:
    """Drop whom it is for and why after the item ("…, es para mi abuela q ya no puede venir")."""
    if not original[: match.start()].strip():
        return original[match.start() : match.end()]  # opening the message: a lead-in's work
    return " for my kids"


def _author_then_title(match: re.Match[str], original: str) -> str:
    """Say "el de Julio Cortázar, Rayuela" (whose, then which) as "Rayuela" by Julio Cortázar."""
    author = original[match.start(1) : match.end(1)].strip()
    title = original[match.start(2) : match.end(2)].strip()
    words = [shadow(w) for w in title.split()]
    if any(c.isdigit() for c in title) or " by " in f" {author} " or " de texto" in author:
        return original[match.start() : match.end()]  # "…de Campbell, 11a edición"
    if shadow(author.split()[0]) in ARTICLES or words[:1] in (["de"], ["by"], ["del"]):
        return original[match.start() : match.end()]  # "el de los cuatro acuerdos, de X"
    if len(author.split()) > 4 or not words or not may_be_a_title(words):
        return original[match.start() : match.end()]
    return f'"{title}" by {author}'


_ONLY_A_NAME = re.compile(r"\s*(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*\s*){1,4}(?:[.!?,]|$)")


def _only_whose(match: re.Match[str], original: str) -> str:
    """Say "el libro de Isabel Allende" ending the clause as "anything by": no title named."""
    if _ONLY_A_NAME.match(original[match.end() :]):
        return "anything by "
    return original[match.start() : match.end()]


def _book_called(match: re.Match[str], original: str) -> str:
    """Open "ese libro de Rulfo que se llama …" as a request, unless the message asks a question."""
    if "?" in original or "¿" in original:
        return original[match.start() : match.end()]
    return "I'd like the book "


FRAMES = rules(
    [
        # whom it is for and why, after the item: never the title's words
        (
            r"(?:\s*,)?\s*(?:(?:es|son)\s+)?para\s+(?:(?:leer|ver|escuchar)(?:lo|la|los|las)?\s+"
            r"(?:con|a)\s+)?(?:mis?|sus?|nuestr[oa]s?|el|la|los|las)\s+"
            + KIN
            + r"(?:\s+de\s+\d+\s+anos)?\b"
            + CLASS_OF
            + r"(?:\s+(?:que|q|quien)\b[^,.;:?!\n]*|\s+en\s+(?:las|los|el|la)\s+\w+)?",
            _for_someone,
        ),
        # a book whose title the patron does not remember names no title
        (
            r"\b(?:el|ese|este|un|una)\s+(?:libro|novela)\b[^,.;?!\n]{0,60}?,?\s*(?:pero\s+)?no\s+"
            r"(?:me\s+acuerdo|recuerdo|se)\s+(?:de\s+)?"
            r"(?:como\s+se\s+llama|el\s+nombre|el\s+titulo|del\s+nombre|del\s+titulo|cual\s+es)\b",
            "a book, I don't remember the title",
        ),
        # a thesis in an APA citation: "[Tesis doctoral, Universidad de Texas]"
        (
            r"\[\s*tesis\s+(?:doctoral|de\s+doctorado|de\s+maestria|de\s+licenciatura)\s*,\s*",
            "[Doctoral dissertation, ",
        ),
        # library verbs about other things than ILL: off-topic, never an action or a title
        (
            r"\b(?:cancelar|cancela|cancelen|cancelo|cancele|anular|anula|anulen|borrar|borren)\s+"
            r"(?:la|mi|mis|las|una|el|nuestra)\s+(?:clases?|sesion|tutoria|asesoria|inscripcion"
            r"|taller|curso|lugar)\s+(?:de|del|al|a\s+la|en\s+el|en\s+la)\s+\w+",
            "cancel the workshops",
        ),
        (
            r"\b(?:reservar|reserva|reserven|reservame|reservo|apartar|aparta|aparten|apartame"
            r"|apartarme)\s+(?:la|una|un|el)\s+(?:computadora|compu|laptop|pc|ordenador|mesa"
            r"|cubiculo)(?:\s+(?:#\s*|numero\s+)?\d+)?",
            "reserve a computer session",
        ),
        (
            r"\b(?:me\s+|nos\s+)?(?:apartan|aparta|apartar|apartas|aparten|apartarme|guardan"
            r"|guardar)\s+(?:un|el|este|ese)\s+libro\s+(?:de\s+aqui|de\s+la\s+biblioteca"
            r"|de\s+esta\s+biblioteca|de\s+su\s+coleccion)(?:\s+de\s+la\s+biblioteca)?",
            "can you put a hold on a book from this library",
        ),
        # "algo de Isabel Allende, lo que sea": whose work, never a title
        (
            r"\b(?:tienen|tiene|tendran|tendra|hay)\s+(?=" + _VAGUE + r"\s+(?:de|del|by)\s)",
            "do you have ",
        ),
        (r"\b" + _VAGUE + r"(?:\s+de\s+" + _GENRE + r")?\s+(?:de|del|by)\s+(?=\w)", _vague),
        (
            r"(?:\s*,)?\s*\b(?:lo\s+que\s+sea|cualquiera|el\s+que\s+sea|lo\s+que\s+tengan"
            r"|lo\s+que\s+haya)\s*(?=[.!?,]|$)",
            "",
        ),
        # "el título es …", "titulado …": the words that name it
        (
            r"^\s*(?:el\s+)?(?:titulo|nombre)(?:\s+del\s+libro)?\s+es\s*:?\s+",
            "I'd like to request ",
        ),
        (
            r"(?:\s*[,.;])?\s*(?:y\s+)?(?:el\s+)?(?:titulo|nombre)(?:\s+del\s+libro)?\s+es\s*:?\s+",
            ": ",
        ),
        (
            r"\b(?:titulado|titulada|intitulado|con\s+el\s+titulo(?:\s+de)?|que\s+lleva\s+por"
            r"\s+titulo|que\s+se\s+titula)\b",
            "called",
        ),
        (
            r"^\s*(?:ese|este|el|un|aquel)\s+libro\s+(?=(?:de|del)\s+[^?]*?que\s+se\s+llama\s)",
            _book_called,
        ),
        # whose first, then which: "el de julio cortazar, rayuela", "el libro de X, el de sapiens"
        (
            r"\b(?:el|ese|este|the\s+one|the\s+book)\s+(?:libro\s+)?(?:de|by)\s+([^,.;:!?\n]{3,40}?),\s+(?:el\s+de\s+"
            r"|el\s+que\s+se\s+llama\s+|se\s+llama\s+)?([^,.;:!?\"\n]+?)(?=\s*(?:,|[.!?]|$))",
            _author_then_title,
        ),
        (
            r"\b(?:les|le)\s+agradeceria(?:mos)?\s+(?:mucho\s+)?(?:que|si)\s+(?:me|nos)\s+"
            r"(?:consiguieran|consiguiera|pidieran|pidiera|solicitaran|solicitara|trajeran|trajera"
            r"|(?:pudieran|pudiera|pueden|puede)\s+(?:conseguir|pedir|traer))\b",
            "could you get me",
        ),
        (r"\b(?:consigame|consiganme|consiguenos|pidame|traigame|traiganme)\b", "could you get me"),
        (r"(?:\s*,)?\s*\bsin\s+(?:prisa|apuro|urgencia)\b", ""),
        (
            r"^\s*(?:tendran|tendra)\s+(?!(?:la\s+|alguna\s+)?(?:forma|manera|modo|chance)\b)",
            "could you get me ",
        ),
        (r"\bamablemente\b\s*", ""),
        (r"\b(?:me|nos)\s+urgen?(?:\s+(?:conseguir|pedir|leer|tener))?\b", "I need"),
        (r"\b(pedir|solicitar|pido|solicito)\s+(?:en\s+prestamo|prestad[oa]s?)\b", r"\1"),
        (r"\b(?:quisiera|me\s+gustaria|quiero|queria)\s+tener\b", "I would like"),
        (r"(?:^|(?<=[.?!]\s))\s*se\s+llama\s+", "I'd like to request "),
        (
            r"(?:\s*[;,.])?\s*\bfavor\s+de\s+(?:avisarme|notificarme|avisarnos|llamarme|escribirme)"
            r"(?:\s+por\s+(?:correo|telefono|mensaje|email|mail)(?:\s+electronico)?)?(?:\s+cuando\s+"
            r"(?:llegue|este\s+list[oa]))?",
            "",
        ),
        (r"\bpor\s+correo(?:\s+electronico)?\b", "by email"),
        (
            r"(?:\s*,)?\s*\bpero\s+(?:en\s+)?(?:espanol|ingles)\b(?:\s*,?\s*no\s+(?:en\s+)?"
            r"(?:ingles|espanol)\b)?",
            "",
        ),
        (r"\b(?:el|un|the|a)\s+(?:libro|book|novela)\s+(?:de|by)\s+(?=[^\W\d_])", _only_whose),
        # ways of asking for it: "¿me podrían ayudar a conseguir …?", "¿tienen forma de traerme …?"
        (
            r"\b(?:me\s+|nos\s+)?(?:pueden|puede|podrian|podria|puedes|podrias)\s+ayudar\s+a\s+"
            + _ASK
            + r"\b",
            "could you get me",
        ),
        (
            r"\b(?:tienen|tiene|hay|tendran|tendra)\s+(?:la\s+|alguna\s+)?(?:forma|manera|modo|chance)\s+de\s+"
            + _ASK
            + r"\b",
            "could you get me",
        ),
        (
            r"\b(?<!no\s)(?:me|nos)\s+(?:traen|trae|traes|traigan|traeran|traerian)\b",
            "could you get me",
        ),
        (
            r"(?<!me\s)(?<!nos\s)\b(?:lo|la|los|las)\s+(?:pueden|puede|podrian|podria|puedes|podrias)\s+"
            r"(?:pedir|conseguir|traer|encargar|solicitar)\b",
            "can you get it for me",
        ),
    ]
)
