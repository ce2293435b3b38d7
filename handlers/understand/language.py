"""Tell which language a patron's message is written in: English, Spanish, or not enough to say.

Hand-written on purpose: a library detector (langdetect, langid) guesses on three words and
calls "ILL-3 pls" Slovenian; here only words that belong to one language count. Spanish
function words, verb forms and spellings (ñ, accents, ¿ ¡) against English function words;
a message needs two such signs, or one strong one, before it is called either.
"""

from __future__ import annotations

import re

# Words found in Spanish and (almost) never in an English message, accents optional since
# patrons texting leave them out. Titles in the other language are the risk: one Spanish
# word in "Cien años de soledad" inside an English message must not flip it, so a message
# is Spanish only when its Spanish words outnumber its English ones.
_SPANISH_TEXT = """
    el la los las un una unos unas del al de y o pero porque que qué cuál cual cuáles cuando
    cuándo donde dónde cómo como quien quién es está estan están esta este esto eso esa ese
    estos estas son soy estoy hay tengo tiene tienen puede puedo pueden podría podria quiero
    quisiera necesito necesita gracias muchas hola buenos buenas días dias tardes noches por
    favor porfa xfa mi mis su sus tu usted ustedes nosotros yo me le les lo se sí si no ya
    también tambien muy más mas pero sin con para hasta desde sobre entre libro libros
    pedido pedidos solicitud solicitudes renovar cancelar estado pedir ayuda hablar persona
    español espanol inglés ingles favor cuánto cuanto cuesta dólares dolares dólar dolar
    semana semanas mañana manana lunes martes miércoles miercoles jueves viernes sábado
    sabado domingo enero febrero marzo abril mayo junio julio agosto septiembre setiembre
    octubre noviembre diciembre saludos atentamente estimados estimado estimada claro vale
    bueno listo perfecto nada todo todos ahora después despues antes hoy ayer llegó llego
    todavía todavia aún aun dónde quería queria ejemplares copias capítulo capitulo
    artículo articulo audiolibro gratis costo precio pagar pago biblioteca préstamo prestamo
    devolver entregar recoger escribir escribirme escríbame escribame hablo prefiero
    acuerdo oiga disculpe perdón perdon señor señora señorita ok cancela cancele cancelen
    renueva renueve renuévame renuevame anula anulen pedí pedi quiero kiero quisiera
    falta hace amable gratuito gratuita primera primero segunda segundo tercera tercero fin mes
    puedes podés grasias eres pues onda consiguen consigues consigue ninguno ninguna ningún
    bien alargar alárgame alargame correcto exacto ándale andale
    xq pq jaja jajaja jajajaja jeje dale nel órale orale simón simon sip nop nones chévere
    mejor hazlo hazme hágalo hagalo háganlo haganlo olvídalo olvidalo
    """
_SPANISH = frozenset(_SPANISH_TEXT.split())
# The same words without accents, for matching on spanish.shadow's lower-case, accent-free text.
SPANISH_WORDS = frozenset(w.translate(str.maketrans("áéíóúüñ", "aeiouun")) for w in _SPANISH)
# English function words: a message full of them is English whatever titles it names.
_ENGLISH_TEXT = """
    the a an and or but of to in on at for with from by is are was were be been am i you
    he she it we they my your his her our their me him us them this that these those what
    which who when where why how can could would will should may might do does did have has
    had not no yes please thanks thank hi hello hey dear get need want like renew cancel
    status request book books just still any some there here about if so than then also
    into out up down more much very too one time week weeks day days tomorrow today
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december i'm i'd it's don't can't won't
    pls plz thx u ur im id wanna gonna got know my got
    """
_ENGLISH = frozenset(_ENGLISH_TEXT.split())
# Words both languages use, left out of both counts ("no", "me", "a", "ok").
_SHARED = frozenset({"no", "me", "a", "ok", "hola", "si"})
# Forms that are Spanish on their own: ñ, accented vowels, ¿ ¡, and verb endings no
# English word has (-ción, -ando/-iendo, -aría, -ería, -amos, -emos).
_STRONG = re.compile(
    r"[ñ¿¡]|\b\w*[áéíóú]\w*\b|\b\w+(?:ción|ciones|iendo|ería|aría|iría|amos|emos|imos)\b",
    re.IGNORECASE,
)
# Single words that say Spanish on their own (the commands the Spanish help text teaches).
_DISTINCT_TEXT = """
    gracias cancelar renovar estado ayuda cancela cancele cancelen renueva renueve renuevame
    anula anulen pedí pedi llegó renueven cancelen cancélenlo cancelenlo renuévenlo
    solicito necesito quisiera quiero solicitud pedido favor
    porfa xfa hablar persona español espanol saludos atentamente vale claro buenos buenas
    gratis perfecto listo dale nel grasias jajaja jaja olvidalo olvídalo olvidelo olvídelo
    olvidenlo olvídenlo hazlo hazme
    """
_DISTINCT = frozenset(_DISTINCT_TEXT.split())
_WORD = re.compile(r"[^\W\d_][\w'’]*", re.UNICODE)
# English words that end like Spanish verbs or carry accents in loan spellings.
_STRONG_EXCEPTIONS = frozenset({"café", "résumé", "cliché", "fiancé", "naïve", "touché", "emos"})


# A particle inside a name ("Alain de Botton", "Simone de Beauvoir", "Oscar de la Hoya") is no
# Spanish word: "Status Anxiety, Alain de Botton" is English and must not be read as Spanish.
_NAME_PARTICLE = re.compile(r"\b([A-Z][a-zà-ÿ]+) (?:de la|de los|del|de|da|do|dos|das)(?= [A-Z])")


def _counts(text: str) -> tuple[int, int, int]:
    """Return (Spanish words, English words, strong Spanish forms) in a message."""
    found = _WORD.findall(_NAME_PARTICLE.sub(r"\1", text))
    words = [w.lower().replace("’", "'") for w in found]
    # A lone capital letter is an initial ("Bengio, Y."), never the word "y".
    spanish = sum(
        w in _SPANISH and w not in _SHARED and (len(w) > 1 or raw.islower())
        for w, raw in zip(words, found, strict=True)
    )
    english = sum(w in _ENGLISH and w not in _SHARED for w in words)
    strong = sum(_strong(match, text) for match in _STRONG.finditer(text))
    return spanish, english, strong


def _strong(match: re.Match[str], text: str) -> bool:
    """Tell whether a Spanish-looking form counts: names ("José Saramago", "Bolaño") do not."""
    form = match.group(0)
    if form.lower() in _STRONG_EXCEPTIONS:
        return False
    if form[:1] in "¿¡":
        return True
    if not re.search(r"[ñáéíóú]", form, re.IGNORECASE) and not form.islower():
        return False  # "Ficciones": an ending alone counts in a lower-case word only
    # A capitalised word past the message's start is a name or a title word: either language.
    return not (form[:1].isupper() and match.start() > 0)


def detect(text: str) -> str | None:
    """Return "es", "en", or None when the message is too short or neutral to tell."""
    spanish, english, strong = _counts(text)
    es = spanish + 2 * strong
    if es >= 2 and es > english * 2:
        return "es"
    if english >= 2 and english >= es:
        return "en"
    if english == 0 and any(w in _DISTINCT for w in _WORD.findall(text.lower())):
        return "es"  # "cancelar ILL-1", "gracias": one word only Spanish uses
    if english == 1 and es == 0 and spanish == 0:
        return "en" if _only_english_word(text) else None
    return None


def is_english_word(word: str) -> bool:
    """Tell whether a word is one of the English function or request words counted here."""
    return word.lower().replace("’", "'") in _ENGLISH


def has_spanish(text: str) -> bool:
    """Tell whether a message holds any Spanish word or form at all ("vale", "la primera")."""
    spanish, _english, strong = _counts(text)
    return bool(spanish or strong)


def _only_english_word(text: str) -> bool:
    """Tell whether a one-word English message is a word that says which language it is."""
    return bool(re.search(r"\b(?:please|thanks|hello|renew|cancel|status|hi|hey)\b", text, re.I))


# Words around a wish to switch that add nothing to it ("hi, can you please ... thanks").
_FILLER_TEXT = """
    hi hello hey hola buenos buenas dias días tardes please pls plz por favor porfa xfa thanks
    thank you gracias can could would you u me to i we speak write talk reply answer respond
    use switch change chat habla hablas hablan hablar usted ustedes puede podría podria puedes
    pueden escribirme escríbame escribame escribir hablarme contestarme responderme atenderme
    contésteme conteste respóndame responda contestar responder atender contestarme mandar
    enviar mandarme enviarme mensajes mejor prefer prefiero prefers quiero quisiera
    rather would like let's lets do does is there anyone someone who alguien que quien en in
    only solo sólo sí si yes ok okay the to un una poco little bit el la con with de of
    mensajes messages texts texto and y also tambien también now ahora oh so entonces hablo
    i'd i'm im que escriban escríbanme escribanme escriba hablen háblenme hablenme idioma
    language cambia cambie cambien cambiar al a yo perdón perdon disculpe sorry muy bien
    x fa we us this that here porfa xfa pues contestar contestarme contésteme conteste puede
    contesta contestan escribe escriben responde responden hablame háblame hableme escribeme
    ya seguir sigue sigues sigamos continuar continúa continua continuemos puedo podemos
    """
_FILLER = frozenset(_FILLER_TEXT.split())
_NAMES = {
    "english": "en",
    "inglés": "en",
    "ingles": "en",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "castellano": "es",
    # languages a library may not offer: read, so that the reply can say which are offered
    "french": "fr",
    "francés": "fr",
    "frances": "fr",
    "portuguese": "pt",
    "portugués": "pt",
    "portugues": "pt",
    "chinese": "zh",
    "chino": "zh",
    "mandarin": "zh",
    "vietnamese": "vi",
    "vietnamita": "vi",
    "korean": "ko",
    "coreano": "ko",
    "arabic": "ar",
    "árabe": "ar",
    "arabe": "ar",
    "russian": "ru",
    "ruso": "ru",
    "german": "de",
    "alemán": "de",
    "aleman": "de",
    "italian": "it",
    "italiano": "it",
    "tagalog": "tl",
    "somali": "so",
}
_NOT_ENGLISH = re.compile(
    r"\bno\s+(?:hablo|entiendo|leo|s[eé])\s+(?:mucho\s+|bien\s+(?:el\s+)?)?(?:el\s+)?ingl[eé]s\b"
    r"|\bmy\s+english\s+(?:is\s+not|isn'?t|is\s+bad|is\s+poor)(?:\s+(?:very\s+)?good)?\b"
    r"|\bi\s+(?:don'?t|do\s+not)\s+(?:speak|read|understand)\s+(?:much\s+)?english\b",
    re.IGNORECASE,
)
_SWITCH_WORD = re.compile(r"[^\W\d_][\w'’]*")


# Words of a reason given beside the wish ("es para que mi hijo entienda", "my mom is the one
# reading", "soy de Brasil, hablo poco español"), as accent-free, lower-case word beginnings.
_REASON_STEMS = (
    "hij", "mam", "pap", "mom", "dad", "mother", "father", "madre", "padre", "famil", "espos",
    "husband", "wife", "abuel", "grand", "entiend", "entend", "understand", "habl", "speak",
    "read", "lee", "buen", "good", "well", "bien", "poco", "little", "soy", "brasil", "brazil",
    "facil", "easier", "better", "niet", "ayud", "help", "esposo", "vist", "ojos",
    "practic", "aprend", "learn", "compa", "amig", "friend", "colleg", "cowork", "novi",
)  # fmt: skip
_ILL_WORDS = re.compile(
    r"\b(?:books?|libros?|request|pedir|solicitar|renew|renov\w*|renuev\w*|cancel\w*|isbn"
    r"|ill[- ]?\d+)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r"[.?!,;:\n]+")


def switch(text: str) -> str | None:
    """Return the language a message asks to be answered in ("English please": "en"), or None.

    Only a message that is the wish, with at most a reason beside it ("¿Me puede escribir en
    inglés? Es para que mi hijo entienda"): "Cien años de soledad, en español" asks for a
    Spanish edition, and "can I request books in Spanish" asks about the rules.
    """
    wanted = _switch_alone(text)
    if wanted or len(text) > 160 or _ILL_WORDS.search(text):
        return wanted
    wishes: set[str] = set()
    for clause in _CLAUSES.split(text):
        words = [w.lower() for w in _SWITCH_WORD.findall(clause)]
        if not words or (wishes and _a_reason(words)):
            continue  # "…en portugués? Soy de Brasil, hablo poco español": the reason
        said = _switch_alone(clause)
        if said:
            wishes.add(said)
        elif not all(w in _FILLER for w in words) and not _a_reason(words):
            return None
    return wishes.pop() if len(wishes) == 1 else None


def _a_reason(words: list[str]) -> bool:
    """Tell whether a clause beside the wish gives a reason for it (who reads, how well)."""
    plain = [w.translate(str.maketrans("áéíóúñ", "aeioun")) for w in words]
    return len(words) <= 12 and any(w.startswith(_REASON_STEMS) for w in plain)


def _switch_alone(text: str) -> str | None:
    """Return the language a message that is only the wish asks for, or None."""
    # "No hablo inglés", "My English is not good": a wish for the other language, Spanish
    text = _NOT_ENGLISH.sub(" español ", text)
    words = [w.lower().replace("’", "'") for w in _SWITCH_WORD.findall(text)]
    named = [_NAMES[w] for w in words if w in _NAMES]
    if len(set(named)) != 1 or len(words) > 12:
        return None
    rest = [w for w in words if w not in _NAMES and w not in _FILLER]
    if rest:
        return None
    if re.search(r"\b(?:books?|libros?|request|pedir|solicitar)\b", text, re.IGNORECASE):
        return None
    return named[0]
