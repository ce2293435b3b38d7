"""Titles texted all in lower case, with nothing else: "freakonomics", "keep going by austin kleon".

Phone and Slack patrons often type a title and nothing more. Nothing in lower-case words says
they are a title, so these are read only when the message holds nothing else: no question, no
one talking about themselves or the bot, no library or action words, and the core always
confirms what it would record (the rule is weak; see certainty.request_is_sure).
"""

from __future__ import annotations

import re

from handlers.understand.citation import Citation
from handlers.understand.hints import hint_words
from handlers.understand.language import detect
from handlers.understand.lower_names import split_named_tail

# Words a remark, a question or an order uses and a texted title seldom does.
_CHAT_TEXT = """
    i i'm im i've ive i'd id i'll ill me my mine you your you're youre u ur we we're our us it
    it's its this that that's these those he she him her they them their there here is am are
    was were be been being do does did don't doesn't didn't can can't could would should will
    won't have has had get got lol haha hahaha lmao omg huh hmm thanks thank thx ty hi hey yo
    ok okay yes no yeah yep nope sorry please pls plz wait what who why when where how which
    renew cancel status request requested order ordered loan ill interlibrary library book
    books article due fine fines fee fees pay paid asap today tomorrow tonight yesterday week
    weekend month monday tuesday wednesday thursday friday saturday sunday person human
    someone somebody anyone anybody staff librarian agent people real help both two three four
    five some any estos estas esos esas dos tres ambos
    idk idc dunno tbh btw lmk imo thru tho rn kk np pages page pp chapter chapters vol volume
    copies scan pdf link
"""
_CHAT = frozenset(_CHAT_TEXT.split())
_DAYS_TEXT = "monday tuesday wednesday thursday friday saturday sunday"
_DAYS = frozenset(_DAYS_TEXT.split())
# Before "by" and a name, answer and question words may be a title's own ("yes please by amy
# poehler", "how to do nothing by jenny odell"): only these still say it is no title.
_TALK_TEXT = """
    i i'm im i've me my mine you your you're u ur we we're our us it it's its this that that's
    they them their lol haha thanks thank thx ty renew cancel status request requested order
    ordered loan ill interlibrary library book books article due fine fines fee fees pay paid
    asap today tomorrow tonight yesterday week weekend month monday tuesday wednesday thursday
    friday saturday sunday person human someone somebody anyone staff librarian help
"""
_TALK = frozenset(_TALK_TEXT.split())
# Before a name with no "by", a title may say "we" too ("why we sleep matthew walker"): a message
# to the library that says "we" says more chat words than a name.
_NAMED_TALK = _TALK - {"we"}
# Courtesy a texted title may trail: "sapiens pls", "the body keeps the score pls 🙏".
_TRAILING = re.compile(r"(?:[\s,.!]+(?:pls|plz|please|thx|thanks|ty|asap))+[\s.!]*$|[\s.!]+$", re.I)
# A hedge before a texted title ("maybe circe by madeline miller", "or maybe the sympathizer"):
# the patron's doubt, not the title's first word (the core confirms the title anyway).
# "audiobook of the remains of the day pls": the form wanted, then the title.
_WANTED_FORM = re.compile(
    r"^(?:(?:the|an?)\s+)?(?:(?:\d+|two|three|four|five|six)\s+)?(?:audio\s*-?books?(?:\s+version)?"
    r"|cop(?:y|ies)|dvds?|cds?|blu-?rays?|e-?books?|large\s+print(?:\s+edition)?)\s+(?:of|from)\s+",
    re.I,
)
_HEDGE = re.compile(
    r"^(?:(?:or|ok|okay|hmm)[\s,]+)?(?:maybe|perhaps|possibly|prob|probably)[\s,]+"
    # "idk if u have it but the midnight feast by lucy foley": a doubt, then the title
    r"|^(?:idk|i\s+don'?t\s+know|not\s+sure|no\s+idea|dunno|long\s+shot)\b[^.?!\n,]{0,40}?\bbut\s+"
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'’&-]*")
_ONLY = re.compile(r"^[a-z0-9'’&,:\- ]+$")
MAX_WORDS = 8
# An author after the title: "by toshikazu kawaguchi", ", deborah levy" (two or three words).
_BY = re.compile(
    r"^(?P<title>.+?)(?:\s+by\s+|\s*,\s+)(?P<author>[a-z][a-z'’-]+(?:\s+[a-z][a-z'’.-]+){1,2})$"
)
# "the remains of the day by ishiguro": a surname alone after "by" closing the message.
_BY_SURNAME = re.compile(r"^(?P<title>.+?)\s+by\s+(?P<author>[a-z][a-z'’-]{3,})$")
# Words after "by" that are a time, a carrier or a holiday, never a surname.
_NOT_SURNAME_TEXT = """
    mail email post courier hand then now noon eod xmas christmas thanksgiving easter halloween
    tmrw tmr midnight morning evening afternoon tonite nite weds thurs tues
    january february march april june july august september october november december
    sept
"""
_NOT_SURNAME = frozenset(_NOT_SURNAME_TEXT.split())
_VOWEL = re.compile(r"[aeiouy]")
_NOISE = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}|(.)\1\1")


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _wordlike(words: list[str]) -> bool:
    """Tell whether words read as words, not keyboard noise ("qwerty uiop", "asdfgh")."""
    rows = any(len(w) >= 4 and any(w in row for row in _KEYBOARD_ROWS) for w in words)
    return not rows and all(
        w.isdigit() or (_VOWEL.search(w) and not _NOISE.search(w)) for w in words
    )


def _plain(words: list[str], chat: frozenset[str] = _CHAT) -> bool:
    """Tell whether words could all be a title's: none of chat, courtesy or library business."""
    return bool(words) and _wordlike(words) and not any(w.replace("’", "'") in chat for w in words)


def _spanish(body: str) -> bool:
    """Tell whether unquoted words are Spanish: a Spanish title in lower case is quoted before
    these rules read it (spanish_titles), so what is left unquoted is talk ("la sucursal del
    centro")."""
    return detect(body) == "es"


def _author(words: str) -> bool:
    names = words.split()
    return 2 <= len(names) <= 3 and hint_words(words) == " ".join(names) and _plain(names)


def _surname(word: str) -> bool:
    """Tell whether one lower-case word after "by" may be a surname ("ishiguro")."""
    return _plain([word]) and hint_words(word) == word and word not in _NOT_SURNAME


def lower_case_titled(text: str) -> Citation | None:
    """Read a whole message that is only "title by author" in lower case, or None."""
    stripped = _TRAILING.sub("", text.strip())
    body = _HEDGE.sub("", stripped)
    if body != stripped:
        body = body.rstrip(" ?")  # "maybe the overstory?": the doubt's question mark
    body = _WANTED_FORM.sub("", body)
    if not body or not _ONLY.match(body) or _spanish(body):
        return None
    if " by " not in body:
        return _named_tail(text, body)
    by = _BY.match(body)
    if not (by and _author(by.group("author"))):
        by = _BY_SURNAME.match(body)
        if by and not _surname(by.group("author")):
            by = None
    if not by or len(_WORD.findall(body)) > MAX_WORDS + 3:
        return None
    title = by.group("title").strip(" ,")
    words = _WORD.findall(title)
    # "the sunday girl by pip drysdale": a day word after "the" is the title's own
    checked = [w for i, w in enumerate(words) if not (i and w in _DAYS and words[i - 1] == "the")]
    if len(words) < 2 or not _plain(checked, _TALK) or body[by.end("title") :].lstrip()[:1] == ",":
        return None  # "the cost of living, deborah levy" is read by lower_case_title
    return Citation(title=title, author=by.group("author"), span=(0, len(text)))


def _named_tail(text: str, body: str) -> Citation | None:
    """Read "kindred octavia butler": a lower-case title, then its author's name, no "by"."""
    if "," in body or len(_WORD.findall(body)) > MAX_WORDS:
        return None  # "the cost of living, deborah levy" is read by lower_case_title
    split = split_named_tail(body.strip())
    if split is None or not _plain(_WORD.findall(split[0]), _NAMED_TALK):
        return None
    return Citation(title=split[0], author=split[1], span=(0, len(text)))


# Before a need-by date or an amount ("the thursday murder club, need it by the 18th"), a day
# word may be a title's own: the date was read apart from it.
_SOON_TEXT = "soon sooner better latest possible earliest"
_HEAD_CHAT = (_CHAT - _DAYS) | frozenset(_SOON_TEXT.split())


def lower_case_head(text: str) -> Citation | None:
    """Read a lower-case title of two or more words written before a date or amount, or None."""
    found = lower_case_title(text, chat=_HEAD_CHAT)
    return found if found and len(_WORD.findall(found.title or "")) >= 2 else None


_DASH_NAME = re.compile(r"\S\s+[-–—]\s+[a-z][\w'’.-]*(?:\s+[a-z][\w'’.-]*){0,2}$")


def lower_case_title(text: str, chat: frozenset[str] = _CHAT) -> Citation | None:
    """Read a whole message that is only a title typed in lower case (and its author), or None."""
    stripped = _TRAILING.sub("", text.strip())
    body = _HEDGE.sub("", stripped)
    if body != stripped:
        body = body.rstrip(" ?")  # "maybe the overstory?": the doubt's question mark
    body = _WANTED_FORM.sub("", body)
    if not body or not _ONLY.match(body) or "\n" in body or _spanish(body):
        return None
    words = _WORD.findall(body)
    if not 1 <= len(words) <= MAX_WORDS:
        return None
    by = _BY.match(body)
    if by and _author(by.group("author")):
        title, author = by.group("title").strip(" ,"), by.group("author")
    else:
        title, author = body.strip(" ,"), None
    title_words = _WORD.findall(title)
    if _DASH_NAME.search(body):
        chat = _TALK - _DAYS  # "the man who was thursday - chesterton": a title, then its author
    if not _plain([w for w in title_words if w not in ("a", "an", "the")] or title_words, chat):
        return None
    if len(title_words) == 1 and not author and (len(title) < 6 or hint_words(title) is None):
        return None  # "hmm", "asap", "whatever": a word, not a title
    if hint_words(title) is None:
        return None  # nothing but small words
    return Citation(title=title, author=author, span=(0, len(text)))
