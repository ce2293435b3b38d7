"""Spanish cue phrases and their English: greetings, commands, answers, references, formats.

WORDS runs after the greetings and filler (spanish_filler.BEFORE), the dates, amounts and author
("de Gabriel García Márquez" → "by …") and the questions (spanish_questions); AFTER last.
Patterns are lower-case and accent-free (see spanish.shadow); the longer phrase comes before the
shorter one it contains.
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules

_ITEM = r"(?:libro|articulo|pedido|solicitud|prestamo|audiolibro|ejemplar|dvd|pelicula)"


def _edition(match: re.Match[str], _original: str) -> str:
    """Say "la 2a edición" as "the 2nd edition"."""
    number = int(match.group(1))
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10 if number % 100 not in (11, 12, 13) else 0)
    return f"the {number}{suffix or 'th'} edition"


_ACT = r"(?:renew|cancel|status|talk|why|help|ill|#)"

WORDS = rules(
    [
        # a person, help, why
        (
            r"\b(?:quiero|quisiera|necesito|puedo|me\s+gustaria|podria|deseo)\s+hablar\s+con\b",
            "I want to talk to",
        ),
        (
            r"\bhablar\s+con\s+(?:una\s+persona|alguien|un\s+humano|un\s+bibliotecario|una\s+"
            r"bibliotecaria|el\s+personal|un\s+empleado|una\s+persona\s+real)\b",
            "talk to a person",
        ),
        (
            r"\b(?:una\s+persona\s+real|un\s+ser\s+humano|un\s+humano|una\s+persona|alguien\s+del"
            r"\s+personal|un\s+bibliotecario|una\s+bibliotecaria)\b",
            "a person",
        ),
        (r"\beres\s+(?:un\s+)?(?:robot|bot|maquina)\b|\beres\s+real\b", "are you a bot"),
        (r"\b(?:eres|es)\s+una\s+persona\b", "are you a person"),
        (r"\bpor\s+que\s+(me\s+lo|lo|la|se|rechazaron|negaron)\b", r"why \1"),
        (r"\bpor\s+que\s+no\b", "why not"),
        (r"\bpor\s+que\b", "why"),
        (r"\bporque\b", "because"),
        (r"\bque\s+(?:puedes|puede|pueden|sabes)\s+hacer\b", "what can you do"),
        (r"\bcomo\s+funciona(?:\s+esto)?\b", "how does this work"),
        (r"\b(?:necesito\s+)?ayuda\b|\bayudame\b|\bayudeme\b", "help"),
        # status, arrival
        (r"\b(?:cual|como)\s+(?:es|esta|va)\s+el\s+estado\s+de\b", "what is the status of"),
        (r"\b(?:el\s+)?estado\s+(?:de|del)\b", "the status of"),
        (
            r"\b(?:quiero|quisiera|me\s+gustaria|necesito)\s+(?:ver|saber|consultar|revisar)\b",
            "I'd like to know",
        ),
        (
            r"\b(?:me\s+)?(?:podrian|podria|puede|pueden)\s+(?:informarme|decirme)\b",
            "could you tell me",
        ),
        (r"\b(?:lo|la|los|las)\s+(?:pedi|solicite|encargue)\b", "I requested it"),
        (r"\bhace\s+(\d+)\s+semanas?\b", r"\1 weeks ago"),
        (r"\bhace\s+(\d+)\s+dias?\b", r"\1 days ago"),
        (r"\bestado\b", "status"),
        (
            r"\b(?:en\s+que|como)\s+(?:va|van|anda|andan)\b|\bque\s+onda\s+con\b",
            "what's the status of",
        ),
        (r"\bque\s+paso\s+con\b", "what happened to"),
        (r"\b(?:todavia|aun)\s+no\s+(?:llega|llegan|ha\s+llegado|llego)\b", "has it arrived yet"),
        (
            r"\b(?:me\s+)?(?:pueden|puede|podrian|podria)\s+dar\s+mas\s+tiempo\s+(?:con|para)\b",
            "can you renew",
        ),
        (r"\b(?:esta|estan|ya\s+esta|ya\s+estan)\s+list[oa]s?\b", "is ready"),
        (
            r"\b(?:alguna\s+novedad|novedades|sabe\s+algo|saben\s+algo)\s+(?:con|de|sobre)\b",
            "any news on",
        ),
        (r"\bque\s+(?:pedi|solicite)\b", "I requested"),
        (r"\bla\s+semana\s+pasada\b", "last week"),
        (
            r"\b(?:donde|en\s+donde)\s+(?:esta|estan|anda|andan)\s+(?=mis?\b|el\s+libro|los\s+libros"
            r"|la\s+solicitud|el\s+pedido|el\s+ill|ill)",
            "where is ",
        ),
        (r"\b(?:ya\s+)?(?:llego|llegaron|ha\s+llegado|han\s+llegado)\b", "has it arrived"),
        (r"\bque\s+(?:tengo|pedi)\s+(?:pendiente|prestado)s?\b", "what do I have out"),
        # renew, cancel
        (
            r"\b(?:me\s+)?(?:puede|pueden|podria|podrian|puedes)\s+(?:renovar|extender|"
            r"prorrogar|ampliar)\b",
            "can you renew",
        ),
        (
            r"\b(?:renov[a-z]*|renuev[a-z]*|extender|extiendan|extienda|prorrogar|"
            r"ampliar\s+el\s+plazo\s+de)\b",
            "renew",
        ),
        (r"\b(?:puedo\s+)?quedarme\s+con\s+(?:el|la|ello|ella)?\s*", "can I keep "),
        (r"\b(?:1|una)\s+semana\s+mas\b|\bunos\s+dias\s+mas\b", "a bit longer"),
        (r"\bmas\s+tiempo\b", "longer"),
        (r"\b(?:me\s+)?(?:puede|pueden|podria|puedes)\s+(?:cancelar|anular)\b", "can you cancel"),
        (
            r"\b(?:cancel[a-z]+|anul[a-z]+)\b",
            "cancel",
        ),
        (r"\bya\s+no\s+(?:lo|la|los|las)\s+(?:necesito|quiero)\b", "I don't need it anymore"),
        (
            r"\b(?:olvidalo|olvidelo|olvidenlo|olvidate|olvidese|no\s+importa|dejalo|dejelo|"
            r"mejor\s+no)\b",
            "never mind",
        ),
        # answers
        (
            r"^\s*si(?=\s*(?:[,.!]|$|please|thanks|claro|yes|por|renew|cancel|pago|i\b|quiero))",
            "yes",
        ),
        (r"\bsi\s*,\s*(?=please|thanks)", "yes, "),
        (r"\bclaro(?:\s+que\s+si)?\b|\bpor\s+supuesto\b", "sure"),
        (r"\b(?:de\s+acuerdo|esta\s+bien|vale|dale|orale|listo|perfecto|okey)\b", "ok"),
        (
            r"^\s*(?:va|sale|dale|listo|perfecto|por\s+supuesto|sip|simon|sii+)\s*[.!]*"
            r"(?=\s*(?:,?\s*(?:thanks|gracias|please)\s*[.!]*)?\s*$)",
            "yes",
        ),
        (r"^\s*(?:nel|nop|nones|para\s+nada)\s*[.!]*\s*$", "no"),
        (r"\bno\s*,?\s*(?=thanks)", "no "),
        (r"\bsi\b(?=\s*$)", "yes"),
        (r"\bsí\b", "yes"),
        # requests
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
        (r"\b(?:estoy\s+buscando|busco|ando\s+buscando)\b", "I'm looking for"),
        (
            r"\b(?:me\s+)?(?:pides|pide|pidan|pidanme|pideme|encargan|encarguen)\b",
            "could you get me",
        ),
        (r"\bnecesito\b|\bnesesito\b|\bnecesitamos\b", "I need"),
        (r"\b(?:quisiera|quiero|queria|me\s+gustaria)\b", "I would like"),
        # references and requests made
        (
            r"\b(?:mis|todas\s+mis|todos\s+mis)\s+(?:solicitudes|pedidos|peticiones)\b",
            "my requests",
        ),
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
        (
            r"\b(?:el\s+|un\s+|en\s+)?(?:audiolibro|audio\s+libro|libro\s+en\s+audio|libro\s+"
            r"hablado|version\s+en\s+audio|formato\s+audio)\b",
            "the audiobook",
        ),
        (r"\ben\s+audio\b", "as an audiobook"),
        (r"\b(?:el\s+|un\s+)?(?:libro\s+electronico|libro\s+digital|e-?libro)\b", "the ebook"),
        (r"\b(?:la\s+|una\s+)?(?:pelicula|peli)\b", "the film"),
        (r"\ben\s+(?:dvd|blu-?ray)\b", "on DVD"),
        (r"\b(?:el\s+|un\s+)?dvd\b", "the DVD"),
        (r"\b(?:un|el)\s+articulo\b", "an article"),
        (r"\barticulo\b", "article"),
        (r"\b(?:una\s+)?(?:copia\s+escaneada|escaneo|escaneado|copia)\s+del?\b", "a scan of"),
        (
            r"\b(?:me\s+)?(?:podria|podrian|puede|pueden|puedes)\s+escanear(?:me)?\b",
            "could you scan",
        ),
        (r"\bescanear(?:me)?\b", "scan"),
        (r"\b(?:el\s+|del\s+)?(?:capitulo|cap\.)\s*(\d+(?:\s*-\s*\d+)?)", r"chapter \1"),
        (r"\b(?:las\s+)?(?:paginas|pags?\.|pag)\s*(\d+\s*[-–]\s*\d+)", r"pp. \1"),
        (r"\b(?:la\s+)?(\d+)\s*(?:a|ª|da|ra|ta|va|na|ma)\.?\s+edicion\b", _edition),
        (r"\b(?:la\s+)?edicion\s+(?:mas\s+reciente|nueva|actual)\b", "the latest edition"),
        (r"\b(?:la\s+)?edicion\s+(?:de\s+)?(\d{4})\b", r"the \1 edition"),
        (r"\b(?:la\s+)?edicion\b", "edition"),
        (r"\b(\d+)\s+(?:ejemplares|copias)\b", r"\1 copies"),
        # "6 copies de Pedro Páramo": the "de" after a format word is "of", never "by"
        (
            r"\b(copies|audiobook|ebook|film|dvd|edition|chapter\s+[\d-]+|pp\.\s+[\d-]+|a\s+scan"
            r"|article|the\s+book)\s*,?\s+(?:de|del)\s+",
            r"\1 of ",
        ),
        (r"\b(?:una\s+)?tesis\b", "a thesis"),
        (r"\b(?:el|un)\s+libro\s+de\s+texto\b", "the textbook"),
        (r"\b(?:del\s+autor|de\s+la\s+autora)\b", "by"),
        (r"\b(?:el|un|este|ese)\s+libro\b", "the book"),
        (r"\bmis?\s+libros?\b", "my book"),
        (r"\bmis?\b", "my"),
        (r"\bpuedo\b", "can I"),
        (r"\b(?:los|unos)\s+libros\b", "the books"),
        (r"\blibros\b", "books"),
    ]
)

AFTER = rules(
    [
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
        (r"\b(my\s+request)\s+de\s+", r"\1 for "),
        (r"\b(?:de|para)\s+(?:mi|my|una|la)\s+clase(?:\s+de\s+[a-z]+)?\b", "for my class"),
        (
            r"\bpara\s+(?:mi|un|una|la)\s+(?:trabajo|tesis|investigacion|proyecto|tarea|"
            r"curso|examen|ensayo)\b",
            "for my research",
        ),
        (r"\bpor\s+correo\b", "by mail"),
        (r"\b(?:lo|la)\s+(?:tienen|hay)\b", "do you have it"),
        (r"\b" + _ITEM + r"s?\b(?=\s+(?:request|\d))", "request"),
    ]
)
