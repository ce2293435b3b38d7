"""Spanish ways of asking about the rules, about the bot and about requests, said in English.

"¿Puedo pedir más de cinco?" → "can I request more than 5", "Si lo pido hoy, ¿me llega antes
de Navidad?" → "if I request it today, will it arrive before Christmas", "¿me pueden llamar?"
→ "can someone call me", "Renueva el de Allende y dime cómo va…" → "… and tell me …": the
English policy, help and action readers then know them. Read just before spanish_questions;
patterns are lower-case and accent-free (see spanish.shadow).
"""

from __future__ import annotations

from handlers.understand.spanish import rules

_GET = r"(?:pedir|solicitar|conseguir|traer|sacar)"
_WHO = r"(?:hij[oa]|espos[oa]|marido|mujer|mama|papa|herman[oa]|niet[oa]|amig[oa]|vecin[oa])"

ASKS = rules(
    [
        # limits, cost, loan period, renewals, delivery (policy)
        (
            r"\b(?:puedo|se\s+puede|se\s+pueden|podemos)\s+" + _GET + r"\s+mas\s+de\b",
            "can I request more than",
        ),
        (
            r"\bsi\s+es\s+para\s+(?:un|el|mi|nuestro)\s+(?:club|grupo|circulo)\s+de\s+lectura\b",
            "if it's for a book club",
        ),
        (
            r"\b(?:me\s+)?cuesta\s+(?:algo|dinero)\s+(?=pedir|solicitar)",
            "does it cost anything to ",
        ),
        (r"\b(?:de|a)\s+otra\s+biblioteca\b", "from another library"),
        (
            r"\bcuant[oa]s\s+(?:dias|semanas)\s+(?:me\s+)?(?:dura|duran|tengo|me\s+dan|me\s+(?:lo|la)"
            r"\s+prestan|puedo\s+tener(?:lo|la)?|puedo\s+quedarme\s+con)\b(?!\s+para\s+recoger)",
            "how long do I get to keep",
        ),
        (r"\b(?:un|el)\s+articulo\s+escaneado\b", "a scanned article"),
        (
            r"\bse\s+pueden?\s+renovar\s*\??\s*(?:y\s+)?cuantas\s+veces\b",
            "how many times can I renew",
        ),
        (r"^\s*se\s+pueden?\s+renovar\b(?=\s*\??\s*$)", "can ILL books be renewed"),
        (r"\bsi\s+(?:lo|la|los|las)\s+(?:pido|solicito|encargo)\b", "if I request it"),
        (r"\b(?:me\s+)?(?:llegaria|llegara|llega)\s+(?=antes|para|before|by)", "will it arrive "),
        (
            r"\bcuando\s+(?:me\s+)?(?:llega|llegan|llegara|llegaria|va\s+a\s+llegar)\s+"
            r"(the\s+one\s+by\s+[^?.!\n]+)",
            r"when will \1 arrive",
        ),
        (r"\bcuando\s+(?:me\s+)?(?:llega|llegan|llegara|va\s+a\s+llegar)\b", "when will it arrive"),
        # picking up, and what a late or lost item costs (policy)
        (
            r"\b(?:puede|podria|pueden)\s+(?:ir\s+|venir\s+|pasar\s+)?(?:mi|my)\s+("
            + _WHO
            + r")\s+a\s+"
            r"(?:coger|recoger|buscar|traer)(?:me|lo|la)?\b",
            r"can my \1 pick up",
        ),
        (r"\bpor\s+mi\b(?=\s*[?.!]|\s*$)", "for me"),
        (
            r"\b(?:me\s+)?(?:avisan|llaman|notifican|escriben)\s+(?:por\s+\w+\s+)?cuando\s+(?:llegue"
            r"|este\s+list[oa])\s*\??\s*(?:por\s+\w+\s+o\s+por\s+\w+\s*\??)?",
            "how long will you hold it for pickup? ",
        ),
        (
            r"\bpierdo\s+(?:el\s+servicio|mi\s+cuenta|el\s+derecho)\s+si\s+no\s+(?:recojo|paso\s+por)\b",
            "what if I don't pick up",
        ),
        (r"\bque\s+(?:pido|solicito)\b", "I request"),
        (
            r"\bsi\s+(?:lo|la|los|las)\s+(?:devuelvo|entrego|regreso)\s+tarde\b",
            "if I return it late",
        ),
        (r"\bque\s+pasa\b", "what happens"),
        (
            r"\b(?:me\s+)?(?:cobran|cobrarian|van\s+a\s+cobrar)\s+(?:una\s+)?multas?\b",
            "will you charge me a fine",
        ),
        (r"\bsi\s+se\s+me\s+(?:pierde|pierden|perdio|rompe|dana)\b", "what happens if I lose"),
        (r"\b(?:puedo|se\s+puede)\s+usar\b", "can I use"),
        (r"\b(?:mi|la)\s+tarjeta\s+tiene\s+(?:una\s+)?multas?\b", "my card has a fine"),
        (
            r"\btengo\s+(?:algun|algunos)\s+(?:cargo|cargos|cobro|cobros)\s+pendientes?\b"
            r"|\bdebo\s+(?:algun|algo\s+de)\s+(?:cargo|dinero)\b",
            "do I owe any fees",
        ),
        # the library's own books, shelves and holds (offtopic)
        (
            r"\b(?:los\s+)?libros\s+que\s+saque\s+(?:aqui|aca|en\s+la\s+biblioteca)(?:\s+mismo)?\b",
            "the books on my library account",
        ),
        (
            r"\ben\s+que\s+estante\b|\bdonde\s+(?:esta|estan)\s+en\s+(?:el\s+)?estante\b",
            "in the catalog",
        ),
        (
            r"\bcomo\s+(?:pongo|hago|aparto)\s+(?:en\s+espera|una\s+reserva|un\s+apartado)\b",
            "how do I place a hold in the catalog on",
        ),
        # help, why, a person, status
        (r"\bno\s+se\s+como\s+(?:usar|funciona|se\s+usa)\b", "I don't know how to use"),
        (r"\bcomo\s+le\s+hago\s+para\b|\bcomo\s+hago\s+para\b", "how do I"),
        (
            r"\bpor\s+que\s+no\s+(?:pueden|puede|podian|pudieron)\s+" + _GET + r"\b",
            "why you can't get",
        ),
        (
            r"\b(?:me\s+)?(?:pueden|puede|podrian|podria|puedes)\s+llamar(?:me)?(?:\s+por\s+telefono)?\b",
            "can someone call me",
        ),
        (
            r"\bque\s+(?:libros|cosas|pedidos|solicitudes)\s+tengo\s+(?:pedid[oa]s|solicitad[oa]s"
            r"|pendientes|en\s+camino)\b",
            "what books do I have on request",
        ),
        # two actions in one message: "… y dime cómo va …", "… y check el status …"
        # (tú and usted/ustedes commands alike: "y díganme", "y pidan", "y cancelen")
        (
            r"\s+y\s+(?:dime|digame|diganme|dinos|me\s+dices|me\s+dice|me\s+dicen|avisenme"
            r"|aviseme|avisame)\b",
            " and tell me",
        ),
        (
            r"\s+y\s+(?:(?:luego|despues|tambien|ademas)\s+)?(?=check|pideme|pidanme|pidan\b"
            r"|pida\b|me\s+pides|me\s+pide|me\s+piden|consigueme|consiganme|consigame|renueva"
            r"|renueve|renueven|cancela|cancele|cancelen|anula|anule|anulen)",
            " and ",
        ),
        # "pidan mejor El Aleph": "mejor" there is "instead", no title word
        (r"\b(pidan|pida|pideme|pidanme|consiganme|consigame)\s+mejor\b", r"\1"),
        (r"\?\s*y\s+(?=renew|renueva|renuev|cancel|anula)", "? also "),
    ]
)
