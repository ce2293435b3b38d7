"""Spanish cue phrases and their English: requests, references, formats (actions first).

WORDS opens with the actions and answers (spanish_actions.ACTIONS). It runs after the greetings
and filler (spanish_filler.BEFORE), the dates and amounts, the authors ("de Gabriel García
Márquez" → "by …") and the questions (spanish_questions); AFTER last. Patterns are lower-case and
accent-free (see spanish.shadow); the longer phrase comes before the shorter one it contains.
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules
from handlers.understand.spanish_actions import ACTIONS

_ITEM = r"(?:libro|articulo|pedido|solicitud|prestamo|audiolibro|ejemplar|dvd|pelicula)"


def _edition(match: re.Match[str], _original: str) -> str:
    """Say "la 2a edición" as "the 2nd edition"."""
    number = int(match.group(1))
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10 if number % 100 not in (11, 12, 13) else 0)
    return f"the {number}{suffix or 'th'} edition"


def _do_you_have(match: re.Match[str], original: str) -> str:
    """Say "tienen Corazón de tinta" as "do you have …"; "tienen libros" stays for questions."""
    local = re.search(r"(?i:cat[aá]logo|catalog|estante|sucursal)", original)
    if original[match.end() : match.end() + 1].isupper() and not local:
        return "do you have "  # (asked of the catalogue, it is a question on the shelves)
    return original[match.start() : match.end()]


_OCCASIONS = {
    "cumpleanos": "birthday", "fiesta": "party", "boda": "wedding", "viaje": "trip",
    "examen": "exam", "reunion": "meeting", "presentacion": "presentation",
}  # fmt: skip


def _occasion(match: re.Match[str], _original: str) -> str:
    """Say "para el cumpleaños de mi hija" before a day as "for a birthday on"."""
    return f"for a {_OCCASIONS[match.group(1)]} on "


_ACT = r"(?:renew|cancel|status|talk|why|help|ill|#)"

WORDS = rules(
    [
        *ACTIONS,
        # requests
        (
            r"\b(?:me\s+)?(?:regala|regalas|regalan|hace|haces|hacen|haria|harias|harian)\s+el\s+"
            r"favor\s+de\s+(?:pedir|conseguir|buscar|traer|solicitar)(?:me|nos)?\b",
            "could you get me",
        ),
        (
            r"\b(?:quisiera|quiero|necesito|me\s+gustaria|deseo)\s+hacer\s+una?\s+(?:request|ill"
            r"|solicitud|pedido|prestamo)\s+(?:del|de\s+el)\s+(?:libro\s+)?",
            "I'd like to request the book ",
        ),
        (
            r"\b(?:quisiera|quiero|necesito|me\s+gustaria|deseo)\s+hacer\s+una?\s+(?:request|ill"
            r"|solicitud|pedido|prestamo)\s+(?:de|para)\s+",
            "I'd like to request ",
        ),
        (r"\b(?:sera|seria|es)\s+posible\s+(?:solicitar|pedir)(?:me|nos)?\b", "could you get me"),
        (r"\b(?:buscame|busquenme|busqueme|traeme|pedirme|pidame)\b", "could you get me"),
        (r"\bme\s+interesan?\b", "I'd like"),
        (r"\b(?:quiero|quisiera|me\s+gustaria)\s+leer\b", "I would like"),
        (r"^\s*(?:el|un)\s+libro\s+(?:que\s+)?se\s+llama\b", "I'd like the book called"),
        (r"\b(?:que\s+)?se\s+(?:llama|yama)\b", "called"),
        (r"\s*,?\s*(?:y\s+)?(?:el|la|su)\s+(?:autor|autora|escritor|escritora)\s+es\s+", " by "),
        (r"\btienen\s+(?=\w)", _do_you_have),
        (
            r"\bsi\s+no\s*,?\s*(?:lo|la)?\s*(?:pueden|puede|podrian|podria)\s+(?:pedir|conseguir|"
            r"solicitar|traer)\s+(?:de|a)\s+otra\s+biblioteca\b",
            "If not, can you request it from another library",
        ),
        (r"\b(?:el|un)\s+libro\s+de\s+(?=(?:la|el|los|las)\s)", "the book "),
        (r"\b(?:la|una)\s+novela\b", "the book"),
        (
            r"\b(?:me\s+)?(?:podria|podrian|puede|pueden|puedes|podrias)\s+(?:conseguir|"
            r"pedir|solicitar|traer|buscar)(?:me|nos)?\b",
            "could you get me",
        ),
        (
            r"\b(?:me\s+)?(?:consiguen|consigues|consigue|consiganme|conseguirme|traiganme)\b",
            "could you get me",
        ),
        (
            r"\b(?:quisiera|quiero|quieria|queria|me\s+gustaria|deseo|necesito|necesitaria)\s+"
            r"(?:pedir|solicitar|hacer\s+una\s+solicitud\s+de|hacer\s+un\s+pedido\s+de|"
            r"encargar|sacar)\b",
            "I'd like to request",
        ),
        (
            r"\b(?:les|le|te)\s+escribo\s+para\s+(?:solicitar|pedir)(?:le|les)?\b",
            "I'm writing to request",
        ),
        (r"\b(?:solicito|ocupo|requiero)\b", "I need"),
        (r"\b(?:sera|seria|es)\s+posible\s+conseguir(?:me)?\b", "could you get me"),
        (
            r"\b(?:me\s+)?(?:podes|podeis)\s+(?:conseguir|pedir|traer)(?:me)?\b|\b(?:me\s+)?(?:pedis|"
            r"conseguime|pedime|pedilo)\b|\bme\s+echan?\s+la\s+mano\s+con\b",
            "could you get me",
        ),
        (r"\b(?:podes|podeis)\s+(?=renov|cancel)", "can you "),
        (r"\b(?:pedirle|pedirles)\b", "request"),
        (r"\bpara\s+(?:solicitar|pedir)\b", "to request"),
        (
            r"\b(?:estoy\s+buscando|busco|ando\s+buscando|buscamos|estamos\s+buscando)\b",
            "I'm looking for",
        ),
        (
            r"\b(?:me\s+)?(?:pides|pide|pidan|pidanme|pideme|encargan|encarguen)\b",
            "could you get me",
        ),
        (r"\bnecesito\b|\bnesesito\b|\bnecesitamos\b", "I need"),
        (r"\b(?:quisiera|quiero|queria|me\s+gustaria)\b", "I would like"),
        # references and requests made
        (
            r"\b(?:todas\s+mis|todos\s+mis|todas\s+las|todos\s+los)\s+(?:solicitudes|pedidos"
            r"|peticiones)(?:\s+(?:pendientes|abiertas|abiertos|activas|activos))?\b",
            "all my requests",
        ),
        (r"\bmis\s+(?:solicitudes|pedidos|peticiones)\b", "my requests"),
        (r"\btodos\s+mis\s+(?:libros|prestamos)\b", "all my loans"),
        (
            r"\b(renew|cancel)\s+(?:(?:mis|los|las)\s+)?(?:todos|todas|todo|ambos|ambas|dos)\b",
            r"\1 all",
        ),
        (r"\bmis\s+(?:libros|prestamos)\b", "my loans"),
        (
            r"\b(?:(?:del|de\s+la|de\s+mi|la|mi|el)\s+)?(?:solicitud|pedido|peticion|orden)\s+"
            r"(?:numero\s+|n[o°º]\.?\s*|#\s*)?(\d+)\b",
            r"request \1",
        ),
        (r"\b(?:la|mi|el)\s+(?:solicitud|pedido|peticion|orden)\b", "my request"),
        (r"\b(?:la\s+)?opcion\s+(?:numero\s+)?(\d+)\b", r"option \1"),
        (r"\bquise\s+decir\b|\bquiero\s+decir\b|\bme\s+referia\s+a\b", "I meant"),
        (r"\b(i\s+meant\s+[^,]+),\s*no\s+", r"\1, not "),
        (r"\bse\s+puede\s+cambiar\b|\b(?:pueden|puede)\s+cambiar\b", "can you change"),
        (
            r"^\s*(?:sorry\s*,?\s*)?(?:mejor|prefiero|mas\s+bien)\s+(?:en\s+)?(?=(?:el\s+|un\s+)?"
            r"(?:audiolibro|audio|dvd|libro\s+electronico|e-?libro|ebook|letra\s+grande))",
            "make it ",
        ),
        (r"\b(\d+)\s*(?:a|ª|o|º)\b(?=\s*[.!]*\s*$)", _edition),
        (r"\b(?:la|el)\s+(?:primera|primero)\b", "the first one"),
        (r"\b(?:la|el)\s+(?:segunda|segundo)\b", "the second one"),
        (r"\b(?:la|el)\s+(?:tercera|tercero)\b", "the third one"),
        (r"\b(?:la|el)\s+(?:ultima|ultimo)(?:\s+que\s+pedi)?\b", "the last one"),
        (
            r"\b(?:esa|ese)(?:\s+(?:mismo|misma|de\s+ahi))?\b(?=\s*(?:[,.!?]|$|please"
            r"|thanks))",
            "that one",
        ),
        # formats, copies, pages
        (r"\ben\s+(?:audiolibro|audio\s+libro|libro\s+hablado)\b", "as an audiobook"),
        (r"(?<=,\s)en\s+cd\b", "on CD"),  # ", en CD si hay": the form again, after a comma
        (r"\bsi\s+hay\b(?=\s*(?:[,.!?]|$))", "if possible"),
        (
            r"\b(?:el\s+|un\s+|en\s+)?(?:audiolibro|audio\s+libro|libro\s+en\s+audio|libro\s+"
            r"hablado|version\s+en\s+audio|formato\s+audio)\b",
            "the audiobook",
        ),
        (r"\ben\s+audio\b", "as an audiobook"),
        (
            r"\ben\s+(?:ebook|e-?book|e-?libro|libro\s+electronico|formato\s+digital|kindle)\b",
            "as an ebook",
        ),
        (r"\b(?:el\s+|un\s+)?(?:libro\s+electronico|libro\s+digital|e-?libro)\b", "the ebook"),
        (r"\b(?:la\s+|una\s+)?(?:pelicula|peli)\b", "the film"),
        (r"\ben\s+(?:dvd|blu-?ray)\b", "on DVD"),
        (r"\b(?:en\s+)?(?:letra\s+grande|letra\s+grande|tipo\s+grande)\b", "in large print"),
        (r"(?<!on\s)\b(?:el\s+|un\s+)?dvd\b", "the DVD"),
        # "el número de marzo de 2024 de la revista Selecciones": an issue of a magazine
        (
            r"\b(?:el|un)\s+numero\s+(?:in|de)\s+(january|february|march|april|may|june|july|august"
            r"|september|october|november|december)\s+(?:de\s+|del\s+)?(\d{4})\s+(?:de|del)\s+"
            r"(?:la\s+)?(?:revista|periodico|diario)\s+",
            r"the \1 \2 issue of ",
        ),
        # "… del Journal of Latinos and Education", "de la revista Journal of …": the journal
        (
            r"\s+(?:de\s+la\s+revista|en\s+la\s+revista|del|de\s+el|en\s+el|en)\s+(?=journal\s+of\b)",
            ", ",
        ),
        (r"\b(?:de|en)\s+la\s+revista\s+(?=\w)", "in the journal "),
        (r"\bvolumen\s+(\d+)\b", r"vol. \1"),
        (r"(?<=\d,\s)numero\s+(\d+)\b", r"no. \1"),
        (r"\b(?:un|el)\s+articulo\b", "an article"),
        (r"\barticulo\b", "article"),
        (r"\b(?:una\s+)?(?:copia\s+escaneada|escaneo|escaneado|copia)\s+del?\b", "a scan of"),
        (
            r"\b(?:me\s+)?(?:podria|podrian|puede|pueden|puedes)\s+escanear(?:me)?\b",
            "could you scan",
        ),
        (r"\bescanear(?:me)?\b", "scan"),
        (r"\b(?:el\s+|del\s+)?(?:capitulo|cap\.?)\s*(\d+(?:\s*-\s*\d+)?)", r"chapter \1"),
        (r"\b(?:las\s+)?(?:paginas|pags?\.?)\s*(\d+\s*[-–]\s*\d+)", r"pp. \1"),
        (r"\b(?:las\s+)?(?:paginas|pags?\.?)\s*(\d+)\s+(?:a|al|hasta)\s+(\d+)", r"pp. \1-\2"),
        (r"\bdel\s+(libro|audiolibro|articulo)\b", r"de el \1"),
        (r"\b(the\s+audiobook)\s+en\s+cd\b", r"\1"),
        (r"\b(?:la\s+)?(\d+)\.?\s*(?:a|ª|da|ra|ta|va|na|ma)\.?\s+edicion\b", _edition),
        (r"\b(?:la\s+)?edicion\s+(?:mas\s+reciente|nueva|actual)\b", "the latest edition"),
        (r"\b(?:la\s+)?edicion\s+(?:de\s+)?(\d{4})\b", r"the \1 edition"),
        (r"\b(?:la\s+)?edicion\b", "edition"),
        (r"\b(\d+)\s+(?:ejemplares|copias)\b", r"\1 copies"),
        # "6 copies de Pedro Páramo": the "de" after a format word is "of", never "by"
        (
            r"\b(copies|audiobook(?:\s+on\s+cd)?|ebook|film|dvd|edition|chapter\s+[\d-]+(?:\s*\("
            r"pp\.\s*[\d-]+\))?|pp\.\s+[\d-]+|a\s+scan|article|the\s+book)\s*,?\s+(?:de|del)\s+",
            r"\1 of ",
        ),
        (r"\b(?:una\s+|la\s+)?tesis(?:\s+doctoral|\s+de\s+maestria)?\b", "a thesis"),
        (r"\b(?:el|un)\s+libro\s+de\s+texto\b", "the textbook"),
        (r"\b(?:del\s+autor|de\s+la\s+autora)\b", "by"),
        (r"\b(?:el|un|este|ese)\s+libro\b", "the book"),
        (r"\bmis?\s+libros?\b", "my book"),
        (r"\bmis?\b", "my"),
        (r"\bpuedo\b", "can I"),
        (r"(?<!\bde\s)\b(?:los|unos)\s+libros\b", "the books"),
        (
            r"(?<!\bde\s)(?<!\bde\slos\s)(?<!\bdel\s)\blibros\b",
            "books",
        ),  # ("La ladrona de libros" keeps its word)
    ]
)

AFTER = rules(
    [
        # "para el cumpleaños de mi hija el sábado": for an occasion on a day, a need-by date
        (
            r"\bpara\s+(?:el|la|un|una|my|mi|su)\s+(cumpleanos|fiesta|boda|viaje|examen|reunion|"
            r"presentacion)(?:\s+de\s+(?:my|mi|su|la|el)\s+[a-z]+|\s+(?:en|a|con)\s+[a-z]+)?\s+"
            r"(?=(?:monday|tuesday|wednesday"
            r"|thursday|friday|saturday|sunday|next\s|january|february|march|april|may|june|july"
            r"|august|september|october|november|december)\b)",
            _occasion,
        ),
        # "ISBN …, en español": the patron says which language, no title
        (
            r"\s*,?\s*\ben\s+(?:espanol|ingles|castellano|frances|portugues|italiano|aleman)\b"
            r"(?!\s*\?)",
            "",
        ),
        # "cancela ILL-5 y renueva ILL-2": two actions, joined the English way
        (r"\s+y\s+(?=" + _ACT + r")", " and "),
        (r"\s+y\s+(?=request \d)", " and "),
        (
            r"\bpara\s+(?:el|mi|my|nuestro)\s+(?:club|grupo|circulo)\s+de\s+lectura\b",
            "for my book club",
        ),
        (
            r"\bpara\s+(?:my|mis|los|nuestros)\s+(?:alumnos|estudiantes|hijos|ninos)\b",
            "for my students",
        ),
        (
            r"\b(my\s+request)\s+(?:de|del|de\s+el)\s+(?:(?:the\s+)?(?:book|audiobook|libro)\s+"
            r"(?:de\s+|of\s+)?)?",
            r"\1 for ",
        ),
        (r"\b(?:de|para)\s+(?:mi|my|una|la)\s+clase(?:\s+de\s+[a-z]+)?\b", "for my class"),
        (
            r"\bpara\s+(?:mi|my|un|una|la)\s+(?:trabajo|tesis|investigacion|proyecto|tarea|"
            r"curso|examen|ensayo)\b",
            "for my research",
        ),
        (r"\bpor\s+correo\b", "by mail"),
        (r"\b(?:lo|la)\s+(?:tienen|hay)\b", "do you have it"),
        (r"\b" + _ITEM + r"s?\b(?=\s+(?:request|\d))", "request"),
    ]
)
