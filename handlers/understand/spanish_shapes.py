"""Spanish ways of asking how the service works, after a request, or for more time, in English.

Read after the rule questions (spanish_rule_questions) and before dates: each rule is a shape
of the question, not one message ("¿qué tengo que escribir para …?", "¿sigue pendiente …?",
"no he recibido ningún aviso", "¿me puedo quedar con X hasta …?"), said the way the English
rules already read it.
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules

_ASK = (
    r"(?:pido|solicito|puedo\s+pedir|puedo\s+solicitar|se\s+pide"
    r"|hago\s+(?:un|una)\s+(?:pedido|solicitud))"
)
_NEWS = r"(?:aviso|avisos|noticia|noticias|correo|mensaje|respuesta|notificacion)"

_NAME = re.compile(r"\s*[A-ZÁÉÍÓÚÑ]")


def _guessed_author(match: re.Match[str], original: str) -> str:
    """Say a guessed author ("…, creo que es de Samanta Schweblin") as "by" before a name."""
    if _NAME.match(original, match.end()):
        return " by"
    return original[match.start() : match.end()]


def _before_title(match: re.Match[str], original: str) -> str:
    """Drop who a request is for when a title follows ("quiero pa mi hija Manolito Gafotas")."""
    if _NAME.match(original, match.end()):
        return " "
    return original[match.start() : match.end()]


_KIN = (
    r"(?:hij[oa]s?|niet[oa]s?|espos[oa]|mama|papa|madre|padre|abuel[oa]s?|sobrin[oa]s?|alumn[oa]s"
    r"|estudiantes|herman[oa]s?|familia|nin[oa]s)"
)

SHAPES = rules(
    [
        # help: "¿cómo pido un libro de otra biblioteca?" (not "mi libro": that names a loan)
        (
            r"\bcomo\s+" + _ASK + r"\s*(?=(?:de\s+)?(?:un|una|libros|articulos|algo)\b|\?)",
            "how do I request ",
        ),
        # help: "¿qué le tengo que escribir para renovar un libro?"
        (
            r"\bque\s+(?:le\s+)?(?:tengo\s+que|debo|hay\s+que|tendria\s+que)\s+(?:escribir|poner"
            r"|decir|mandar|teclear)"
            r"(?:le)?\s+para\b",
            "how do I",
        ),
        (r"\b(?:que|cuales)\s+comandos\b[^?.!\n]*", "what commands are there"),
        # help: "no sé cómo empezar", "¿me podría explicar los pasos?"
        (
            r"\bno\s+se\s+como\s+(?:empezar|empiezo|funciona|usar(?:lo|la)?|se\s+usa)\b[^?.!\n]*"
            r"|\b(?:me\s+)?(?:podria|podrian|puede|pueden|puedes)\s+explicar\s+(?:los\s+pasos|como"
            r"\s+(?:funciona|se\s+usa|empiezo|empezar))\b[^?.!\n]*",
            "how does this work",
        ),
        # status: "si ya está disponible para recoger el libro …", "¿sigue pendiente mi …?"
        (
            r"\b(?:(?:queria|quisiera|quiero|queriamos)\s+saber\s+)?"
            r"si\s+ya\s+(?:(?:esta|estan)\s+(?:disponibles?|listos?|listas?)|llego|llegaron)"
            r"(?:\s+para\s+(?:recoger|pasar\s+por\s+el|pasar\s+por\s+ella))?\s*,?\s*"
            # the loan named after it comes first in English ("whether the book … has come in")
            r"((?:el|la|los|las|mi|mis)\s[^?.!\n]{1,60}?)(?=\s*(?:[?.!\n]|$))",
            r"whether \1 has come in",
        ),
        (
            r"\bsi\s+ya\s+(?:esta|estan|llego|llegaron)\s+(?:disponibles?|listos?|listas?)\b",
            "whether it has come in",
        ),
        (
            r"\b(?:sigue|siguen|continua|continuan)\s+pendientes?\s+((?:mi|mis|el|la|los|las)\s"
            r"[^?.!\n]{1,60}?)(?=\s*(?:[?.!\n]|$))",
            r"is \1 still pending",
        ),
        (r"\b(?:sigue|siguen|continua|continuan)\s+pendientes?\b\s*,?\s*", "is it still pending, "),
        # "¿hay noticias del último que pedí?": the last request made (an ordinal, no title)
        (r"\bhay\s+(?:noticias|novedades)\s+(?=del\s+ultim[oa]\s)", "any news on "),
        (
            r"\b(?:del|de\s+la)\s+ultim[oa]\s+que\s+(?:pedi|solicite|encargue)\b",
            "the last one I requested",
        ),
        (
            r"\bno\s+(?:he|hemos)\s+recibido\s+(?:ningun|ninguna|nada\s+de|ni\s+un)?\s*"
            + _NEWS
            + r"\b",
            "I haven't heard anything",
        ),
        # "pedí un libro hace un mes": a request made, unnamed (no title, no hint)
        (
            r"\b(?:pedi|solicite|encargue)\s+(?:un|una)\s+(?:libro|articulo|dvd|audiolibro)\s+hace\s+"
            r"(?:un|una|unos|unas|\d+|dos|tres|cuatro|varias|varios)\s+(?:mes|meses|semanas?|dias)\b",
            "I requested a book a while ago",
        ),
        (r",?\s*\b(?:nada\s+(?:todavia|aun)|todavia\s+nada|aun\s+nada)\s*(?=\?)", ", any news"),
        # "hay un libro que se llama X": the patron is after it (a title named, confirmed first)
        (
            r"\bhay\s+(?:un|una|the|a)\s+(?:libro|novela|pelicula|dvd|audiolibro|book)\s+"
            r"(?:que\s+se\s+llama|called)\b",
            "I'm looking for a book called",
        ),
        # who it is for, before the title: no part of it ("pa mi hija Manolito Gafotas")
        (r"\s+(?:pa|para)\s+(?:mi|mis|nuestr[oa]s?)\s+" + _KIN + r"\b\s*,?", _before_title),
        # "el último número de la revista Proceso": a whole issue of a journal
        (
            r"\b(?:el\s+)?(?:ultimo|mas\s+reciente|nuevo)\s+numero\s+de\s+(?:la\s+revista|el"
            r"\s+periodico|la\s+publicacion)\s+",
            "the latest issue of ",
        ),
        # a group's need: "mi club de lectura de la parroquia necesita 10 ejemplares de …"
        (
            r"\b(?:mi|nuestro|nuestra)\s+(?:club|grupo|circulo|clase|taller|parroquia|escuela"
            r"|iglesia)(?:\s+de\s+[a-z ]{1,30}?)?\s+(?:necesita|ocupa|quiere|quisiera|busca)\b",
            "we need",
        ),
        # renew: "¿me puedo quedar con Pedro Páramo hasta …?", "¿me extienden el préstamo de …?"
        (r"\b(?:me\s+)?puedo\s+quedar(?:me)?\s+con\b", "can I keep"),
        (
            r"\bme\s+(?:extienden|extiendes|extiende|amplian|amplias|alargan|alargas|prorrogan)\s+"
            r"(?:el\s+)?(?:prestamo|plazo)\s+de\b",
            "can you extend my loan of",
        ),
    ]
)

# Read inside a title's run too: the run from "Distancia" to "de Samanta Schweblin" takes the
# guess for title words, and the guess is what ends the title.
GUESSES = rules(
    [
        # a guessed author: "Distancia de rescate, creo que es de Samanta Schweblin"
        (
            r"\s*,?\s*(?:creo\s+que|me\s+parece\s+que|pienso\s+que|si\s+no\s+me\s+equivoco,?)"
            r"\s+(?:es|era)\s+(?:de|del\s+autor|de\s+la\s+autora)\b",
            _guessed_author,
        ),
        # "en audiolibro, la versión narrada por X": the form and its narrator, no author
        (r"\s+en\s+audiolibro\b(?=\s*,?\s*(?:la|una)\s+version\s+narrada)", " on audiobook"),
        (r"\s*,?\s*(?:la|una)\s+version\s+narrada\s+por\b|\bnarrad[oa]\s+por\b", ", narrated by"),
        # a reply's quoted history ("El mar, 19 ene 2027 a las 9:02, … escribió:"): not the patron's
        (r"(?:^|\n)[ \t>]*el\s+[^\n]{5,160}?\bescribio\s*:[\s\S]*$", ""),
    ]
)


# "me pueden pedir El poder de los quietos? perdón, El poder de los introvertidos de Susan
# Cain": the patron corrects the title in the same message, and only the second is wanted.
_SELF_CORRECTED = re.compile(
    r"(?<=\s)[A-ZÁÉÍÓÚÑ][^?!.\n]{0,80}?[?!.]*\s*,?\s*(?:[Pp]erd[oó]n|[Pp]erdona|[Dd]igo|[Mm]ejor"
    r"\s+dicho|[Oo]\s+sea)\s*[,:]\s*(?=[A-ZÁÉÍÓÚÑ])"
)


def self_corrected(text: str) -> str:
    """Return the text without a title the patron corrects at once ("X? perdón, Y")."""
    if "perd" not in text.lower() and "digo" not in text and "sea" not in text:
        return text
    return _SELF_CORRECTED.sub("", text)
