"""Read the words that name a request the patron already has: "the Foucault book" → "foucault"."""

from __future__ import annotations

import re

# Words that say which kind of thing or action a patron means, never which title.
_STOP_TEXT = """
    all every elsewhere found usually long take takes normally typically always ones renewed
    cancelled canceled been everything anything something nothing stuff
    a an the my our your his her their its it it's this that these those one ones of for to on
    in at by about from with and or is are was were be been has have had did does do done any
    some book books article articles request requests requested item items copy copies loan
    loans order orders dvd dvds paper papers chapter chapters thesis film movie cd audiobook
    textbook ill interlibrary library please pls plz can could would will you u i me we im i'm
    i'd i'll cancel renew renewal extend extension status where what when which whats what's
    where's how news update updates arrived arrive arriving come came coming in yet ready here
    there still waiting wait check called titled named dont don't do not no need needed
    anymore longer more time keep never mind get got out checked due back return returned so
    just also thanks thank hi hello hey now today want like should let lets know tell up
    another two few couple extra little bit while week weeks day days month months again
    already sent ship shipped pick picked is isn't hasn't haven't happened happening going on
    yes ok okay sure stop withdraw forget novel ebook doi isbn issn pmid pending yesterday
    getting bother kill scratch disregard changed remove call off yeah go ahead possible
    word heard if wondering track delivered through soon how's when's show list past help
    dissertation hang last checking working we r are am being hold holding using use finish
    ticket ahead date ugh oh oops um hmm well hi movement progress idea currently guys onto
    actually both latest recent most essay essays stories poems volume volumes collection
    three four five six evrything everthing everyting
    newest oldest earliest them they those mine asked ordered made placed instead really maybe
    think guess sorry right away once anyway though else other same whole entire rather quite
    very kind sort thing things number every each too even only ever much many lot lots ok uh
    cheers i've we're you're it'll that'll let's there's here's meant mean said wanted going
    gone asap urgent urgently quick quickly question please thx ty tho btw hey yo dear team
    confirm confirmed sent anymore any more still pending submitted earlier before after ago
    ignore as message messages email note
    arrives comes shows seen lost pickup scan scans research club class group holdup whether
    whatever usual big small large huge tiny long short thick thin heavy light new old good bad
    great nice fun boring red blue green yellow black white grey gray brown pink purple orange
    thing stuff
    noon midnight morning afternoon evening tonight eod cob ills ill's writing
    sincerely kindly regards truly warmly faithfully respectfully best lol lmao haha rn tbh
    stands daughter son mother father husband wife kid kids child children mom dad grandson
    granddaughter grandkids family home ask asking asked
    em 'em push pushed prolong prolonged lending period borrowing loaning lend borrow borrowed
    trying try tried find finding
    looking look searching search colleague colleagues friend friends coworker neighbour neighbor
    us follow following followed
    along since own
    piece illbot put saw below above
"""
# Spanish small words and library nouns (a Spanish message is read in its English-cue form, but
# its titles keep their own words: "mi solicitud de La casa de los espíritus" → "casa espíritus").
_SPANISH_SMALL = "el la los las un una unos unas de del al y o en con por para"
_SPANISH_STOP = "libro libros pedido pedidos solicitud solicitudes audiolibro prestamo préstamo"
_SPANISH_STOP += " artículo artículos articulo articulos capítulo capítulos capitulo capitulos"
_STOP_WORDS = frozenset(_STOP_TEXT.split() + _SPANISH_SMALL.split() + _SPANISH_STOP.split())
# A word; "@illbot" is a mention, never a title word.
_WORD = re.compile(r"(?<![@\w])[^\W\d_][\w'’-]*")
# "renewwww", "pleeease": a letter typed over and over for stress.
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")

# Small words that may sit inside a title ("Go Tell It on the Mountain").
_JOINING_TEXT = "a an the of and or to in on at by for with from as"
_JOINING = frozenset(_JOINING_TEXT.split() + _SPANISH_SMALL.split())
_SENTENCE_END = re.compile(r"[.!?:\n]\s*$")
# Where the name of a request ends: a sentence, a dash, or "as"/"because" after it ("my request
# for Never Mind as "in transit" — ...").
_SENTENCE_END_OR_DASH = re.compile(r"[.!?\n]\s|\s[—–-]\s")
_SENTENCE_BREAK = re.compile(r"[.!?\n]\s|\s[—–-]\s|\s(?:as|because|since|but)\s|[\"“”]")
_CLAUSE_END = re.compile(r"[.!?;,\n]+(?:\s|$)|\s[-–]\s")
# "the Foucault one", "my Morrison request": a request named in a message that asks nothing.
_NAMED = re.compile(
    r"\b(?:the|my|that|this)\s+(?P<words>(?:[\w'’-]+\s+){1,6}?)"
    r"(?:one|book|request|article|loan|dvd|order|copy|novel|ill|textbook)\b",
    re.IGNORECASE,
)


def _plain(raw: str) -> str:
    return _STRETCHED.sub(r"\1", raw.lower().replace("’", "'").removesuffix("'s"))


def _title_runs(text: str, first: bool = False, cased: bool = True) -> set[int]:
    """Return where the words of capitalised titles start ("renew The Fire Next Time").

    A run of capitalised words (small words such as "of" may join them) that holds at least
    one word of its own names a title: its generic words ("Next", "Time") belong to it. The
    first word of a sentence is capitalised anyway and starts no run. With `cased`, two or more
    capitalised words name a title even when each is generic ("renew Never Mind").
    """
    kept: set[int] = set()
    run: list[re.Match[str]] = []
    for match in [*_WORD.finditer(text), None]:
        raw = match.group(0) if match else ""
        before = text[: match.start()] if match else ""
        starts = not first and match is not None and not before.strip(" \t\"“‘'(")
        starts = starts or (match is not None and bool(_SENTENCE_END.search(before)))
        # "DVD", "ILL" in capitals are still the generic words they are
        acronym = raw.isupper() and _plain(raw) in _STOP_WORDS
        capital = raw[:1].isupper() and not starts and raw != "I" and not acronym
        if capital or (run and _plain(raw) in _JOINING):
            run.append(match)  # type: ignore[arg-type]
            continue
        while run and _plain(run[-1].group(0)) in _JOINING:
            run.pop()
        if (
            any(_plain(m.group(0)) not in _STOP_WORDS for m in run)
            or _article_led(run)
            or (cased and _cased(run))
        ):
            kept.update(m.start() for m in run if _plain(m.group(0)) not in _JOINING)
        run = []
    return kept


def blank_titles(text: str) -> str:
    """Blank the capitalised titles in `text` ("cancel Free Food for Millionaires, found it")."""
    titled = _title_runs(text)
    if not titled:
        return text
    return _WORD.sub(lambda m: " " * len(m.group(0)) if m.start() in titled else m.group(0), text)


def _cased(run: list[re.Match[str]]) -> bool:
    """Tell whether a run is two or more capitalised words: "Never Mind", "Yes Please"."""
    return sum(m.group(0)[:1].isupper() for m in run) > 1


def _article_led(run: list[re.Match[str]]) -> bool:
    """Tell whether a run opens with a capitalised article and holds a word after it."""
    return len(run) > 1 and run[0].group(0) in ("The", "A", "An")


def _names_someone(raw: str) -> bool:
    """Tell whether a capitalised word may be a name: not "DOI" or "DVD" in capitals."""
    acronym = raw.isupper() and _plain(raw) in _STOP_WORDS
    return raw[:1].isupper() and len(raw) > 1 and not acronym


def hint_words(
    text: str, *, title: bool = False, story: bool = False, cased: bool = True
) -> str | None:
    """Return the title or author words of `text`, lower case, generic words left out.

    `title` says `text` is a title on its own ("Go Tell It on the Mountain"): its first word
    is then part of it, not the start of a sentence. `story` says `text` may tell more than
    the name (a status question, a cancel): the words before a capitalised title are then the
    patron's story, and "the X book" names the request when no title is capitalised. `cased`
    False takes no run of generic words as a title for being capitalised.
    """
    titled = _title_runs(text, first=title, cased=cased)
    picked = []
    for match in _WORD.finditer(text):
        word = _plain(match.group(0))
        if (word not in _STOP_WORDS or match.start() in titled) and len(word) > 1:
            picked.append((match.start(), word))
    first = next((at for at, _ in picked if at in titled), None)
    named = _NAMED.search(text) if story else None
    if named and (first is None or named.start() <= first < named.end()):
        # "did the foucault book come in yet", "has the Harcourt book been located"
        found = _named_words(named, titled)
        if found:
            return found
    if story and first is not None:
        picked = [(at, word) for at, word in picked if _same_name(text, at, first, titled)]
    words = [word for _, word in picked]
    if not words:
        # "the Said article": a name that is also a common word, capitalised between "the"
        # and a library noun, still names the request.
        named_match = _NAMED.search(text)
        said = _WORD.finditer(named_match.group("words")) if named_match else iter(())
        words = [_plain(m.group(0)) for m in said if _names_someone(m.group(0))]
    return " ".join(words) or None


def _same_name(text: str, at: int, first: int, titled: set[int]) -> bool:
    """Tell whether the word at `at` may belong to the title whose first word is at `first`.

    Words before it with a generic word between are the patron's story ("I'm afraid I must
    cancel my request for Casablanca"); a sentence-case title may start in lower case before
    a capitalised name ("venas abiertas de América Latina"). A later sentence is not the name.
    """
    if at > first:  # "as" may join a title's own words ("The Printing Press as an Agent ...")
        ends = _SENTENCE_END_OR_DASH if at in titled else _SENTENCE_BREAK
        return not ends.search(text, first, at)
    if at in titled:
        return True
    between = [_plain(m.group(0)) for m in _WORD.finditer(text, at, first)][1:]
    return all(word in _JOINING or word not in _STOP_WORDS for word in between)


def _named_words(named: re.Match[str], titled: set[int], strict: bool = False) -> str | None:
    """Return the words of the X in "the X book": title words and non-generic ones.

    `strict` takes none when a generic word sits among them ("the request because ... book").
    """
    start = named.start("words")
    found = []
    for match in _WORD.finditer(named.group("words")):
        word = _plain(match.group(0))
        if match.start() + start in titled or word not in _STOP_WORDS:
            found.append(word)
        elif strict:
            return None
    return " ".join(w for w in found if len(w) > 1) or None


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _CLAUSE_END.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def read_ref_hint(text: str, around: int | None = None, later: bool = False) -> str | None:
    """Return the words naming the request an action is about.

    With `around` (where the action word sits), only its clause counts, or the clause before
    it ("my Foucault request, any news?"): "I found it at Barnes & Noble, cancel the Baldwin
    request" is about the Baldwin request, not a bookshop. `later` lets the clause after it
    name the request too ("Following up on my email below. Has the Milgram article been sent?").
    """
    if around is None:
        return hint_words(text, story=True)
    clauses = _clauses(text)
    here = next((i for i, (start, end) in enumerate(clauses) if start <= around <= end), 0)
    for index in (here, here - 1):
        if 0 <= index < len(clauses):
            start, end = clauses[index]
            words = hint_words(text[start:end], story=True)
            if words:
                return words
    if later and here + 1 < len(clauses):  # only a request named outright: "the Milgram article"
        clause = text[slice(*clauses[here + 1])]
        return read_named_request(clause) or read_titled_request(clause)
    return None


def read_titled_request(text: str) -> str | None:
    """Return the words of the first capitalised title in `text` ("why was The Status Game ...").

    Only the title's own run counts: the story after it ("was marked unfilled") is not its name.
    """
    titled = _title_runs(text)
    words: list[str] = []
    for match in _WORD.finditer(text):
        word = _plain(match.group(0))
        if match.start() in titled:
            words.append(word)
        elif words and word not in _JOINING:
            break
    return " ".join(word for word in words if len(word) > 1) or None


# A reference in parentheses, read out of the text already ("... Thursday (ILL-9)" → "(    )"),
# or a title in parentheses right after one ("ILL-35 (The Power Broker)").
_REF_IN_PARENS = re.compile(r"\(\s+\)")
_TITLE_AFTER_REF = re.compile(r"(?<=\s{3})\((?P<words>[^()\n]{2,80})\)")
_CLAUSE_START = re.compile(r"[.!?;,\n]\s*")


def read_ref_title(text: str) -> str | None:
    """Return the title a patron writes beside a reference ("Braiding Sweetgrass (ILL-17)").

    `text` has the reference read out (blanked). The title in the parentheses after it, or the
    words of the clause just before a reference in parentheses, name the same request.
    """
    after = _TITLE_AFTER_REF.search(text)
    if after:
        return hint_words(after.group("words"), title=True, story=True)
    inside = _REF_IN_PARENS.search(text)
    if not inside:
        return None
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, inside.start())]
    return hint_words(text[starts[-1] if starts else 0 : inside.start()], story=True)


def read_named_request(text: str) -> str | None:
    """Return the words of a request named as "the X one/book/request", or None."""
    match = _NAMED.search(text)
    return hint_words(match.group("words")) if match else None


def generic_word(word: str) -> bool:
    """Tell whether a word is a generic one (library, courtesy or chat words), never a name."""
    return _plain(word) in _STOP_WORDS
