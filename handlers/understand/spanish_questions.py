"""Spanish questions about the ILL rules, about other things, and small talk, said in English.

"¿Cuántos libros puedo pedir?" → "how many books can I request", "¿A qué hora abren?" → "what
are your hours": the English policy and off-topic readers then give the topic. Read before the
other cue phrases (spanish_words.WORDS), whose "renovar" and "libros" they hold whole.
"""

from __future__ import annotations

from handlers.understand.spanish import rules

QUESTIONS = rules(
    [
        # rules questions (policy)
        # other things than ILL that hold ILL words ("solicitud", "cancelar", "copias")
        (r"\b(?:la\s+)?solicitud\s+(?:del|de|para\s+el)\s+pasaporte\b", "the passport application"),
        (r"\b(?:mi\s+|la\s+|una\s+)?solicitud\s+de\s+(?:trabajo|empleo)\b", "my job application"),
        (
            r"\b(?:me\s+)?(?:pueden|puede|podrian|podria|puedes)\s+ayudar\s+a\s+(?=renovar|llenar"
            r"|sacar|tramitar)",
            "can you help me ",
        ),
        (
            r"\b(?:renovar|sacar|tramitar)\s+(?:el\s+|mi\s+|la\s+|una\s+|un\s+)?(?:pasaporte"
            r"|licencia(?:\s+de\s+(?:conducir|manejo))?|visa|identificacion|matricula|placas"
            r"|green\s+card|membresia|suscripcion|seguro)\b",
            "renew my passport",
        ),
        (
            r"\b(?:me\s+)?(?:ayudan|ayuda|ayudas|puede\s+ayudar|pueden\s+ayudar)\s+a\s+llenar\b",
            "can you help me fill out",
        ),
        (r"\b(?:una\s+)?cita\b", "an appointment"),
        (r"\bsi\s+(?:me\s+)?(?:cobran|cobra|cuesta)\s+(?=\$)", "if they charge "),
        (r"\bcuando\s+(?:son|es|hay)\b", "when are"),
        (
            r"\b(?:la\s+)?ayuda\s+con\s+(?:los\s+|mis\s+|la\s+declaracion\s+de\s+)?impuestos\b",
            "tax help",
        ),
        (
            r"\b(?:reservar|apartar)\s+(?:una\s+|un\s+)?(?:computadora|computador|ordenador|compu|pc)\b",
            "reserve a computer session",
        ),
        (
            r"\b(?:mi\s+|la\s+)?(?:reservacion|reserva)\s+de\s+(?:la\s+|una\s+)?sala(?:\s+de\s+"
            r"(?:estudio|juntas|reuniones))?\b",
            "my study room booking",
        ),
        (
            r"\bcuanto\s+(?:cuesta|cuestan|cobran\s+por)\s+(?:sacar|hacer)\s+(?:fotocopias|copias)\b",
            "how much does it cost to make photocopies",
        ),
        (r"\b(?:sacar|hacer)\s+(?:fotocopias|copias)\b", "make photocopies"),
        (r"\b(?:esta|estara)\s+abiert[ao]\s+la\s+biblioteca\b", "is the library open"),
        (r"\b(?:las\s+)?clases\s+de\s+\w+(?:\s+para\s+(?:adultos|ninos))?", "the workshops"),
        (r"\b(?:la\s+)?hora\s+del\s+cuento\b", "story time"),
        (
            r"\b(?:tengo|tenemos)\s+(?:una|la)\s+multa\b[^.?!]{0,60}?\bcomo\s+(?:la\s+)?pago\b",
            "how do I pay a library fine",
        ),
        (r"\bpagar\s+(?:una|la|mi)\s+multa\b", "pay a library fine"),
        (
            r"\b(?:por\s+)?cuanto\s+tiempo\s+(?:me\s+)?(?:prestan|dan|dejan)(?:\s+(?:los\s+)?libros)?\b",
            "how long can I keep it",
        ),
        (
            r"\b(?:me\s+)?(?:avisan|llaman|notifican|escriben)\s+(?:por\s+\w+\s+)?cuando\s+(?:llegue"
            r"|este\s+listo|este\s+lista)\b",
            "how will I know when it's ready for pickup",
        ),
        (
            r"\b(?:puedo|pueden|se\s+puede|se\s+pueden)\s+(?:pedir|solicitar)\s+(?:libros\s+)?(?:que"
            r"\s+acaban\s+de\s+salir|nuevos|recien\s+salidos|de\s+estreno)\b",
            "can I request new releases",
        ),
        (
            r"\b(?:puedo|pueden|se\s+puede|se\s+pueden)\s+(?:pedir|solicitar)\s+articulos\s+de\s+"
            r"revistas?\b",
            "can I request journal articles",
        ),
        (
            r"\bcuant[oa]s\s+(?:libros|articulos|pedidos|solicitudes|cosas|items)\s+(?:puedo|"
            r"se\s+pueden|me\s+dejan)\s+(?:pedir|solicitar|tener|sacar)\b",
            "how many books can I request",
        ),
        (r"\bhay\s+(?:un\s+|algun\s+)?(?:limite|maximo)\b", "is there a limit"),
        (r"\blimite\b", "limit"),
        (
            r"\bcuantas\s+veces\s+(?:puedo|se\s+puede|se\s+pueden)\s+(?:renovar|renew)\b",
            "how many times can I renew",
        ),
        (r"\bhay\s+multas\b|\bcuanto\s+es\s+la\s+multa\b", "are there fines"),
        (
            r"\bcuantos\s+dias\s+(?:tengo\s+para|me\s+dan\s+para)\s+recoger(?:lo|la)?\b",
            "how long will you hold it for pickup",
        ),
        (
            r"\bnecesito\s+(?:una\s+)?tarjeta\s+de\s+(?:la\s+)?biblioteca\s+para\b",
            "who can use interlibrary loan, do I need a library card to",
        ),
        (r"\bcuanto\s+cuesta\s+imprimir\b", "how much is printing"),
        (r"\babren\b", "are you open"),
        (
            r"\bsi\s+(?:me\s+atraso|me\s+retraso|llego\s+tarde|lo\s+entrego\s+tarde)\b",
            "if I'm late",
        ),
        (
            r"\b(?:puedo|se\s+puede|se\s+pueden)\s+(?:pedir|solicitar)\s+libros\s+de\s+texto\b",
            "can I request textbooks",
        ),
        (
            r"\b(?:puedo|se\s+puede|se\s+pueden)\s+(?:pedir|solicitar)\s+(?=(?:una\s+|un\s+)?"
            r"(?:peliculas|dvd|tesis|revistas|articulos|libros\s+nuevos))",
            "can I request ",
        ),
        (r"\bpeliculas\b", "films"),
        (r"\bhay\s+(?=eventos|actividades|talleres)", "any "),
        (r"\bolvide\s+(?:el|mi)\s+(?:pin|nip|contrasena|clave)\b", "I forgot my PIN"),
        (r"\btienen\s+libros\s+en\s+espanol\b", "where is the Spanish section"),
        (
            r"\b(?:cuanto|que)\s+(?:cuesta|cobran|vale|sale|me\s+cobran|cuestan)\b|\btiene\s+"
            r"(?:algun\s+)?costo\b|\bhay\s+(?:algun\s+)?(?:cargo|costo|cobro)\b|\bme\s+cuesta\s+"
            r"algo\b|\bes\s+free\b|\bcobran?\b|\b(?:me\s+)?van\s+a\s+cobrar\b|\bcobraran\b"
            r"|\bcuanto\s+suele\s+ser\b"
            # "¿cuánto me va a costar?", "¿cuánto costaría?"
            r"|\bcuanto\s+(?:me\s+)?(?:(?:va|van)\s+a\s+(?:costar|cobrar)|costara|costaria"
            r"|cobraran|cobrarian)\b",
            "will it cost me anything",
        ),
        (
            r"\bcuanto\s+tiempo\s+(?:puedo|me\s+(?:lo|la)\s+puedo|tengo\s+para)\s+(?:tener|"
            r"quedar(?:me)?|keep|devolver)(?:lo|la)?\b|\bcuanto\s+(?:dura|duran)\s+el\s+"
            r"prestamo\b",
            "how long can I keep it",
        ),
        (
            r"\bcuanto\s+(?:tarda|tardan|demora|demoran|se\s+tarda|tiempo\s+(?:tarda|tardan|demora|demoran|se\s+demora))(?:\s+en\s+"
            r"llegar)?\b",
            "how long does it take to arrive",
        ),
        (
            r"\b(?:donde|como)\s+(?:lo\s+|la\s+|los\s+)?(?:recojo|recogo|paso\s+a\s+recoger|"
            r"puedo\s+recoger)\b",
            "where do I pick it up",
        ),
        (
            r"\bque\s+pasa\s+si\s+(?:lo\s+|la\s+)?(?:devuelvo|entrego|regreso)\s+(?:tarde|con"
            r"\s+retraso)\b|\bque\s+pasa\s+si\s+me\s+(?:atraso|retraso)\b",
            "what happens if I return it late",
        ),
        (r"\bmultas?\b", "fines"),
        (r"\bquien\s+puede\s+(?:usar|pedir)\b", "who can use"),
        (r"\bcuanto\s+debo\b|\bdebo\s+algo\b|\bque\s+debo\b", "what do I owe"),
        (r"\blibros\s+de\s+texto\b", "textbooks"),
        # other things than ILL (offtopic) and small talk
        (
            r"\b(?:cual|cuales)\s+(?:es|son)\s+(?:el|los)\s+horarios?\b|\ba\s+que\s+hora\s+"
            r"(?:abren|cierran)\b|\bhorarios?\b",
            "what are your hours",
        ),
        (r"\bcuando\s+(?:abren|abre)\b", "when do you open"),
        (r"\bcuando\s+(?:cierran|cierra)\b", "when do you close"),
        (r"\bcontrasena\s+del\s+wifi\b|\bclave\s+del\s+wifi\b", "wifi password"),
        (r"\b(?:imprimir|impresora|impresiones|fotocopias)\b", "printing"),
        (r"\b(?:reservar|apartar)\s+(?:una\s+)?sala(?:\s+de\s+estudio)?\b", "book a study room"),
        (r"\b(?:estacionamiento|parqueo|aparcamiento|parqueadero)\b", "parking"),
        (r"\b(?:eventos|actividades|talleres|hora\s+del\s+cuento)\b", "events"),
        (r"\bcatalogo\b", "catalog"),
        (r"\btarjeta\s+de\s+(?:la\s+)?biblioteca\b", "library card"),
        (r"\bcomo\s+(?:estas|esta|andas|le\s+va)\b|\bque\s+tal\b", "how are you"),
        (r"\bque\s+tengas?\s+(?:un\s+)?buen\s+dia\b", "have a nice day"),
        (r"\b(?:ja){2,}\b|\bjeje\b", "haha"),
        (r"\bmuy\s+amable\b|\bexcelente\b|\bgenial\b|\bchevere\b|\bbacan\b", "great"),
    ]
)
