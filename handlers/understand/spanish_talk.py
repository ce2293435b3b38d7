"""Spanish questions on the library's own services, the ILL rules and the bot, said in English.

Read first of all the tables (before the request words, dates and amounts), so that "¿Puedo pedir un
cuarto de estudio para mañana?" is a question about rooms with no need-by date, and "¿me pueden
mandar un fax?" no request. Each rule is a way of asking (a verb with the objects it takes),
never one message's wording. Patterns are lower-case and accent-free (see spanish.shadow).
"""

from __future__ import annotations

import re

from handlers.understand.spanish import rules


def _book_came(match: re.Match[str], original: str) -> str:
    """Say "ya llegó mi libro" as thanks when the message praises and asks nothing."""
    plain = original.lower()
    if "?" not in original and _PRAISE.search(plain):
        return "I got my book"
    return original[match.start() : match.end()]


_PRAISE = re.compile(
    r"buen servicio|excelente|gracias|bonito|me encant|muy amables|qu[eé] r[aá]pido"
)
# The rest of the question or sentence: eaten with it, so that no date in it is read.
_REST = r"[^?.!\n]*"
_ROOM = r"(?:cuarto|sala|salon|salita|cubiculo|espacio)"
_ROOM_KIND = r"(?:estudio|estudiar|juntas|reuniones|conferencias|lectura|trabajo|grupo)"
_CHILD = (
    r"(?:mi\s+hij[oa]|mis\s+hij[oa]s|mi\s+niet[oa]|mis\s+niet[oa]s|los\s+ninos|un\s+nino|menores)"
)

TALK = rules(
    [
        # "x fa", "x favor": "por favor" said short, as one word ("xfa") the other tables know
        (r"\bx\s+(?:fa|fis|favor)\b", "xfa"),
        # the library's own rooms: "pedir un cuarto de estudio", "reservar la sala de juntas"
        (
            r"\b(?:pedir|reservar|apartar|usar|rentar|solicitar)\s+(?:un|una|el|la)\s+"
            + _ROOM
            + r"\s+(?:de|para)\s+"
            + _ROOM_KIND
            + r"\b"
            + _REST,
            "reserve a study room",
        ),
        # a room named by what it is for: "pedir la sala comunitaria para una reunión"
        (
            r"\b(?:pedir|reservar|apartar|usar|rentar|solicitar)\s+(?:un|una|el|la)\s+"
            + _ROOM
            + r"\s+(?:comunitari[oa]|multiusos|de\s+la\s+comunidad|de\s+eventos|grande"
            r"|(?:\w+\s+)?para\s+(?:una|un|la|el|nuestra|nuestro|mi)\s+(?:reunion|junta|fiesta"
            r"|evento|clase|platica|charla|taller|grupo))\b" + _REST,
            "reserve a study room",
        ),
        # faxes: "mandar un fax", "¿tienen fax?"
        (
            r"\b(?:(?:me\s+|nos\s+)?(?:pueden|puede|podrian|podria|puedo|quiero|quisiera|necesito)"
            r"\s+)?(?:mandar|enviar|recibir|usar)\s+(?:un\s+|el\s+)?fax\b[^\n]*",
            "can I use your printing and fax service?",
        ),
        # the library's computers: "solicitar una computadora por una hora"
        (
            r"\b(?:(?:quisiera|quiero|necesito|puedo|podria|me\s+gustaria|se\s+puede)\s+)?"
            r"(?:pedir|reservar|usar|solicitar|apartar)(?:\s+prestad[oa])?\s+(?:una|la|un|el)\s+"
            r"(?:computadora|compu"
            r"|computador|ordenador|laptop)\b" + _REST,
            "can I use a public computer?",
        ),
        # opening hours: "¿están abiertos el 24 de diciembre?", "¿abren el domingo?"
        (
            r"\b(?:estan|esta|estaran|estara|(?:van?\s+a\s+)?estar)\s+(?:ustedes\s+|la\s+biblioteca\s+)?"
            r"abiert[oa]s?\b" + _REST + r"|\ba\s+que\s+hora\s+(?:abren|cierran)\b" + _REST,
            "are you open",
        ),
        # a book on the local shelves: "¿tienen en la biblioteca X?", "apartar un libro de aquí"
        (
            r"\b(?:tienen|hay)\s+en\s+(?:la\s+)?biblioteca\s+([^?.!\n]{2,60}?)\s*\?",
            r"is \1 in your catalog?",
        ),
        (
            r"\b(?:quisiera|quiero|puedo|pueden|podrian|me\s+pueden)?\s*apartar(?:lo|la|los|las"
            r"|melo|mela|\s+(?:un|el|este|ese)\s+libro)\b" + _REST,
            " I'd like to put a hold on it",
        ),
        # cost: "¿cuánto me cuesta pedir un libro de otra biblioteca?"
        (
            r"\bcuanto\s+(?:me\s+|nos\s+)?(?:cuesta|cuestan|cobran|sale|costaria)\s+(?:pedir|"
            r"solicitar|el\s+servicio|un\s+prestamo)\b" + _REST,
            "how much does it cost to request a book from another library",
        ),
        # eligibility: who may use the service (a child, someone living elsewhere)
        (
            _CHILD
            + r"\b[^?.!\n]*?\b(?:puede|pueden|podria|podrian)\s+(?:pedir|usar|solicitar|sacar)"
            r"\s+(?:libros|prestamos|el\s+servicio|materiales)\b" + _REST,
            "are children eligible",
        ),
        (
            r"\b(?:puedo|podemos|se\s+puede)\s+usar\s+(?:el|este)\s+servicio\b" + _REST,
            "am I eligible",
        ),
        # renewal: what happens to the book while a renewal is asked for
        (
            r"\bsi\s+(?:pido|solicito)\s+(?:la|una)\s+renovacion\b" + _REST,
            "if I ask for a renewal",
        ),
        (
            r"\b(?:tengo|hay)\s+que\s+devolver\s+el\s+libro\s+mientras\s+tanto\b",
            "do I have to return the book in the meantime",
        ),
        # the bot itself: its name, what it does
        (r"\bcomo\s+te\s+llamas\b|\bcual\s+es\s+tu\s+nombre\b", "what's your name"),
        (
            r"\bque\s+(?:puedo|se\s+puede)\s+hacer\s+(?:con|en|por)\s+(?:este|esta|el|la)\s+"
            r"(?:chat|bot|pagina|aplicacion|app|servicio)\b"
            r"|\bque\s+servicios\s+(?:ofrecen|tienen|dan|hay)\b" + _REST,
            "what can you do",
        ),
        # "¿tengo algo pendiente?": the status of every request ("no me acuerdo qué pedí")
        (
            r"\b(?:tengo|hay)\s+(?:algo|algun\s+(?:pedido|libro|prestamo)|pedidos|solicitudes)"
            r"\s+pendientes?\b"
            # "¿qué pedidos tengo?", "¿cuáles solicitudes tengo abiertas?"
            r"|\b(?:que|cuales)\s+(?:pedidos|solicitudes|prestamos|libros)\s+(?:tengo|hay)\b"
            r"(?:\s+(?:abiert[oa]s|en\s+curso|activ[oa]s|pedid[oa]s))?",
            "what's the status of my requests",
        ),
        (r"\bno\s+me\s+acuerdo\s+(?:de\s+)?(?:lo\s+)?que\s+(?:pedi|he\s+pedido|solicite)\b", ""),
        # "qué buen servicio, ya llegó mi libro": thanks for a book come in, no question on it
        (r"\bya\s+(?:me\s+)?(?:llego|recibi|recogi)\s+(?:mi|el)\s+libro\b", _book_came),
        (r"\bque\s+(?:buen|excelente|gran)\s+servicio\b", "great service"),
        # "me encantó el libro": praise for a book read, no wish
        (
            r"\bme\s+(?:encanto|fascino|gusto\s+mucho)\s+(?:el|la)\s+(?:libro|novela|pelicula|audiolibro)"
            r"(?:\s+que\s+me\s+(?:consiguieron|mandaron|prestaron))?\b",
            "I loved it",
        ),
        (
            r"\b(?:quisiera|quiero|necesito|como\s+puedo|puedo)\s+(?:cambiar|actualizar)\s+(?:mi|la)\s+"
            r"(?:direccion|domicilio)(?:\s+de\s+correo(?:\s+electronico)?)?\b",
            "I want to change my address",
        ),
        # "solo quería agradecerles": thanks, never a wish for a title "agradecerles"
        (
            r"\b(?:solo\s+)?(?:quiero|queria|quisiera|queremos|queriamos)\s+(?:agradecer(?:les|le|te)?"
            r"|dar(?:les|le|te)\s+las\s+gracias|saludar(?:les|los|las|le|te)?)\b",
            "thank you",
        ),
        # remarks on the day: small talk
        (
            r"\bque\s+(?:bonito|lindo|buen|hermoso|feo)\s+(?:dia|clima|tiempo)\b[^\n]*",
            "lovely weather today",
        ),
    ]
)
