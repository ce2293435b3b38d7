"""Spanish questions about the ILL rules and about the local library, said in English first.

Read before the date and amount tables, so that "¿Me llega antes de Navidad si lo pido hoy?" is
a question about delivery time (no need-by date) and "una multa de 2 dólares" a local fine (no
amount): CONVENTIONS gives a policy or off-topic message its topic only. Each rule is a way of
asking, not one message's wording: a verb of the question with the objects it takes.
"""

from __future__ import annotations

from handlers.understand.spanish import rules

_ITEM = r"(?:el|la|los|las|un|una|mi|mis)\s+(?:libros?|articulos?|pedidos?|prestamos?|dvds?|cosas)"

POLICY = rules(
    [
        # cost: "¿Cuesta algo el préstamo?", "¿tiene costo?", "¿es gratis el servicio?"
        (
            r"\b(?:me\s+)?(?:cuesta|cuestan|costaria|cobran)\s+algo\b|\b(?:es|sera)\s+gratis\s+"
            r"(?=el\s+|la\s+|pedir|solicitar)"
            # "¿me va a costar algo?", "¿me van a cobrar algo?"
            r"|\b(?:me\s+)?(?:va|van)\s+a\s+(?:costar|cobrar)\s+(?:algo|dinero)\b",
            "does it cost anything, ",
        ),
        # loan period: "¿cuánto tiempo me puedo quedar con el libro?", "¿cuánto tiempo lo tengo?"
        (
            r"\bcuanto\s+tiempo\s+(?:me\s+)?(?:lo\s+|la\s+|los\s+|las\s+)?(?:puedo|podre|"
            r"tengo|me\s+dejan)\s+(?:quedar(?:me)?(?:lo|la|los|las)?|tener(?:lo|la|los|las)?)"
            r"(?:\s+con\s+(?:el|la|los|las)\s+\w+)?",
            "how long can I keep it",
        ),
        # delivery time: "¿me llega antes de X si lo pido hoy?", "¿lo tendré para X si lo pido?"
        (
            r"\b(?:me\s+)?(?:llega|llegaria|llegara|lo\s+tendre|la\s+tendre|lo\s+tengo|estara)"
            r"\s+(?:antes\s+de(?:l)?|para)\s+[^?.!]{1,40}?\s+si\s+(?:lo|la|los)\s+(?:pido|"
            r"solicito|pedimos|encargo)(?:\s+(?:hoy|ahora|ya|manana))?\b",
            "how long does it take to arrive",
        ),
        # materials: a book just out ("que salió el mes pasado", "que acaba de salir")
        (
            r"\b(?:puedo|pueden|se\s+puede)\s+(?:pedir|solicitar)\s+(?:un|una|los|las)\s+"
            r"(?:libros?|novelas?|peliculas?)\s+(?:que\s+)?(?:salio|salieron|acaba(?:n)?\s+de\s+"
            r"salir|publicaron|es\s+nuevo|son\s+nuevos)\b[^?.!]*",
            "can I request new releases",
        ),
        # pickup: how long an arrived loan is kept at the desk
        (
            r"\bcuant(?:o\s+tiempo|os\s+dias)\s+(?:me\s+)?(?:lo\s+|la\s+|los\s+)?(?:guardan|apartan"
            r"|reservan|detienen|tienen\s+(?:guardad|apartad)[oa]s?)\b[^?.!]*",
            "how long will you hold it for pickup",
        ),
        # overdue: the loan's date passes ("si se me pasa la fecha", "si lo entrego tarde")
        (
            r"\b(?:me\s+)?(?:cobran|cobra|ponen|dan)\s+(?:una\s+)?multa\s+si\b[^?.!]*|\bsi\s+se\s+"
            r"me\s+(?:pasa|vence)\s+(?:la\s+fecha|el\s+plazo)\b[^?.!]*",
            "what happens if I return it late",
        ),
        # loan period: "¿cuánto tiempo tengo para leer/usar un artículo?"
        (
            r"\bcuanto\s+tiempo\s+(?:tengo|me\s+dan|me\s+dejan)\s+(?:para\s+)?(?:leer|usar|tener|"
            r"quedarme\s+con)(?:lo|la|los)?\b",
            "how long can I keep",
        ),
        # catalog: a book on the local shelves ("¿tienen X en la biblioteca?", holding a local book)
        (
            r"\b(?:tienen|hay)\s+([^?.!\n]{2,60}?)\s+(?:en\s+la\s+biblioteca|aqui\s+en\s+la\s+"
            r"biblioteca|en\s+(?:el\s+)?estante|en\s+esta\s+sucursal)\b\s*\??"
            # "Quiero ir por él hoy": going to the shelf, no loan to arrange
            r"(?:\s*(?:quiero|quisiera|puedo|voy\s+a|paso\s+a)\s+(?:ir|pasar|recogerlo)\b[^\n]*)?",
            r"is \1 in your catalog?",
        ),
        (
            r"\b(?:apartar|reservar|poner\s+en\s+espera)\s+" + _ITEM + r"\s+que\s+(?:esta|estan)\s+"
            r"prestad[oa]s?\b[^?.!]*",
            "place a hold in your catalog",
        ),
        # a local fine, and how to pay it
        (
            r"\b(?:tengo|debo|me\s+pusieron|me\s+cobraron)\s+(?:una|la)\s+multa\b[^?!\n]*"
            r"|\b(?:donde|como)\s+(?:puedo\s+|se\s+puede\s+)?pag(?:ar|o)\s+(?:una|la|mi|mis|las)\s+"
            r"multas?\b[^?!\n]*",
            "how do I pay a library fine",
        ),
        # the account and the building: "se me olvidó el PIN", "¿dónde me puedo estacionar?"
        (
            r"\b(?:se\s+me\s+olvido|olvide|perdi)\s+(?:el|la|mi)\s+(?:pin|nip|contrasena|clave)\b(?!\s+del\s+wifi)",
            "I forgot my PIN",
        ),
        (r"\b(?:me\s+)?(?:puedo|se\s+puede)\s+(?:estacionar|parquear|aparcar)(?:me)?\b", "parking"),
        # scanning and faxing one's own papers (printing)
        (
            r"\b(?:escanear|mandar|enviar)\s+(?:unos\s+|mis\s+|un\s+|los\s+)?(?:documentos?|papeles"
            r"|formularios?)\b[^?.!]*|\b(?:mandar|enviar)(?:los|las|lo|la)?\s+por\s+fax\b[^?.!]*",
            "printing",
        ),
    ]
)
