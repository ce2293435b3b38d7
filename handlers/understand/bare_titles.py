"""Read an item named with no request verb: "Title by Author", "Title, Author", "Author's Title".

Also the name checks the object reader uses for "get me Beloved, Toni Morrison" and "get me
Kendi's How to Be an Antiracist".
"""

from __future__ import annotations

import re
from functools import lru_cache

from handlers.understand.cues import first_action
from handlers.understand.lower_names import given_name
from handlers.understand.titles import (
    NAME,
    strip_filler,
    take_parenthetical,
    title_case,
)

QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|which|is|are|does|do|can|could|would|will|please|hi|hey"
    r"|hello|thanks)\b",
    re.I,
)
# Words that open an entry without being part of it: "also Deep Work by Cal Newport".
OPENING = re.compile(
    r"^(?:(?:hi|hello|hey)(?:\s+there)?\s*[,!]\s*)?"
    r"(?:(?:(?:and\s+)?also|plus|oh\s+and|and|ok(?:ay)?\s+and)\b\s*[,:;-]?\s*)?"
    # "the textbook Calculus ...", "ILL request: Dune ...": what the entry is, before its title
    r"(?:(?-i:the|a|an)\s+(?-i:textbook|book|novel|audiobook|thesis|dissertation|film|DVD|dvd)"
    r"(?:\s+of)?\s+(?=[A-Z0-9])|(?:new\s+)?(?:ill|interlibrary[\s-]+loan|textbook|book|dvd|article)\s+request"
    r"\s*[:\-–—]?\s+(?=\S)"
    r"|(?:req|request|requesting|need|wanted)\s*:\s*(?=\S))?"
    # "the 2nd ed of X", "the DVD of X": the edition or form asked for, before the title
    r"(?:(?-i:the|a|an)\s+(?:(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|latest"
    r"|newest|revised|(?:19|20)\d\d)\s+(?:edition|edn?\.?)|(?-i:audiobook|audio\s+book|ebook"
    r"|e-book|DVD|dvd|blu-?ray|Blu-?ray|CD|cd))\s+of\s+(?=[A-Z0-9]))?",
    re.I,
)
_PARTICLE_TEXT = """
    de van von der den del la le da di du bin ibn al st. y
"""
_PARTICLES = frozenset(_PARTICLE_TEXT.split())
# Capitalised words that are never a name: courtesy, greetings, the bot's own words.
_NOT_NAME_TEXT = """
    thanks thank regards best cheers sincerely hi hello hey dear yes no ok okay please sorry ill
    request book article department dept university college library school faculty chapter
    edition version audiobook free max up student graduate undergraduate candidate professor
    prof lecturer instructor fellow researcher librarian staff assistant associate director
    coordinator manager chair dean office center centre program programme phd ma ms ba bs
    journal review quarterly annals bulletin magazine
"""
# A greeting before a comma opens a message; it is never a title ("Good morning, Ann Smith").
_GREETING = re.compile(
    r"^(?:good\s+(?:morning|afternoon|evening|day|night)|greetings|what'?s\s+up|hi|hello|hey)\b",
    re.I,
)
_NOT_NAMES = frozenset(_NOT_NAME_TEXT.split())
_NAME_WORD = re.compile(
    r"^(?:[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z][a-zà-ÿ'’]+(?:[A-Z][a-zà-ÿ'’]+)?(?:-[A-Z][a-zà-ÿ'’]+)?"
    r"|(?:Jr|Sr)\.?|II|III|IV)$"
)
# Possessives that open titles rather than name their author ("Children's Literature").
_NOT_AUTHOR_TEXT = """
    my your our his her their its today tomorrow yesterday children women men people world year
    life nature god earth one everyone nobody somebody mother father king queen let that it what
    here there who where how he she monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    christmas easter halloween thanksgiving tonight
"""
_NOT_AUTHORS = frozenset(_NOT_AUTHOR_TEXT.split())
_PERIODICAL_WORDS = frozenset({"magazine", "journal", "review", "quarterly", "weekly", "monthly"})
# Reference works named after their first author: "Harrison's Principles", "Gray's Anatomy".
_EPONYMOUS_TEXT = """
    principles anatomy rules guide manual handbook dictionary encyclopedia thesaurus textbook
    companion almanac atlas pharmacology physiology pathology law essentials
"""
_EPONYMOUS_WORDS = frozenset(_EPONYMOUS_TEXT.split())
BY_WORD = re.compile(r"\sby\s", re.I)
_OWNER_NAME = r"(?:[A-Z]\.\s?)*[A-Z][\w-]+(?:\s+(?:[A-Z]\.|[A-Z][\w-]+)){0,3}"
# "Levitt and Dubner's Freakonomics": two owners joined by "and" are the book's authors
_AUTHORS_TITLE = re.compile(
    rf"^(?P<author>{_OWNER_NAME}(?P<pair>\s+(?:and|&)\s+{_OWNER_NAME})?)['’]s\s+"
    r"(?P<title>[A-Z0-9\"“'‘].*)$",
    re.S,
)


@lru_cache(maxsize=4096)
def action_in(words: str) -> tuple[int, str] | None:
    """Return the first action cue in the object of a verb (cues.first_action, remembered)."""
    return first_action(words, sentence_start=False)


def personal_name(words: str) -> bool:
    """Tell whether words are a person's name: two to five capitalised words or initials."""
    tokens = re.findall(r"[A-Z]\.(?:\s?[A-Z]\.)*|[^\s]+", words.strip())
    if not 2 <= len(tokens) <= 5 or tokens[0].lower() in _PARTICLES | {"the", "a", "an"}:
        return False
    if any(t.lower().strip(".") in _NOT_NAMES for t in tokens):
        return False
    if any(t.endswith(("'s", "’s")) for t in tokens):
        return False  # "Kahneman's Thinking": an owner and a title word, not a name
    return all(_NAME_WORD.match(t) or t.lower() in _PARTICLES for t in tokens)


# "..., writer Antoine de Saint-Exupéry", "..., author: Toni Morrison": the author named as such.
_ROLE = re.compile(
    r"^(?:the\s+)?(?:(?:writer|author)(?:\s+is)?|written\s+by|(?:it\s+)?is\s+(?:written\s+)?by)\s*:?\s+",
    re.I,
)
# "Beloved - Toni Morrison": a spaced dash between a title and its author.
_DASH = re.compile(r"\s+[-–—]\s+")


def split_comma_author(body: str) -> tuple[str, str | None]:
    """Split "Beloved, Toni Morrison" (or "Toni Morrison, Beloved") into (title, author)."""
    head, comma, tail = body.rpartition(",")
    head, tail = head.strip(), strip_filler(tail).strip()
    tail = _ROLE.sub("", tail, count=1)
    if not comma or not title_case(head) or head.split()[0].lower().strip(".!") in _NOT_NAMES:
        return body, None  # "Regards, Tom Smith" is a sign-off
    if _GREETING.match(head):
        return body, None
    if personal_name(tail) or author_list(tail):
        return head, tail
    roles = _NOT_NAMES & {word.lower().strip(".,") for word in tail.split()}
    one_title = len(head.split()) >= 2 and "," not in head  # not "Eat, Pray, Love"
    if one_title and not given_name(head.split()[0]) and lone_surname(tail):
        return head, tail  # "Managerial Accounting, Garrison": no given name opens the title
    if personal_name(head) and not personal_name(tail) and title_case(tail) and not roles:
        return tail, head  # "Matt Haig, The Midnight Library"; not "..., Graduate Student"
    return body, None


_SURNAME = re.compile(
    r"^(?:[A-Z]\.\s?)*[A-Z][a-zà-ÿ'’]+(?:[A-Z][a-zà-ÿ'’]+)?(?:-[A-Z][a-zà-ÿ'’]+)?$"
)


def author_list(words: str) -> bool:
    """Tell whether words name two or more authors: "Maxfield & Babbie", "Price & Alice Yeo"."""
    names = [n.strip() for n in re.split(r"\s*(?:,|&|\band\b)\s*", words.strip()) if n.strip()]
    if len(names) < 2 or not re.search(r"&|\band\b", words):
        return False
    if any(name.lower() in _NOT_NAMES for name in names):
        return False
    if "&" not in words:  # "Dune, Emma and Beloved" lists titles: "and" joins full names only
        return all(personal_name(name) for name in names)
    return all(personal_name(name) or _SURNAME.match(name) for name in names)


# "Ordinary Borders (2017), ed. Jun Park": the editor, read as the author.
_EDITOR = re.compile(r",?\s+(?:ed\.|eds\.|edited\s+by)\s+(?P<name>[^,;()]+?)\s*$")


def split_editor(body: str) -> tuple[str, str | None]:
    """Split "Title, ed. Name" into (title, name)."""
    match = _EDITOR.search(strip_filler(body))
    if match and (personal_name(match.group("name")) or author_list(match.group("name"))):
        return body[: match.start()], match.group("name")
    return body, None


_LONE_SURNAME = re.compile(r"^[A-Z][a-zà-ÿ]{2,}(?:[-'’][A-Z]?[a-zà-ÿ]+)?$")


def lone_surname(words: str) -> bool:
    """Tell whether words are one capitalised surname ("Ishiguro", "Mills"), not a common word."""
    words = words.strip()
    if not _LONE_SURNAME.match(words):
        return False  # "I'd", "OK": not a surname
    return words.lower().strip(".") not in _NOT_NAMES | _NOT_AUTHORS


def split_dash_author(body: str) -> tuple[str, str | None]:
    """Split "Beloved - Toni Morrison" into (title, author): a person's name after the dash.

    A spaced dash after a title is how a patron writes its author, so a surname alone counts
    too ("Never Let Me Go - Ishiguro").
    """
    parts = _DASH.split(strip_filler(body).strip())
    if len(parts) != 2 or not title_case(parts[0]) or _GREETING.match(parts[0]):
        return body, None
    named = personal_name(parts[1]) or author_list(parts[1]) or lone_surname(parts[1])
    return (parts[0], parts[1]) if named else (body, None)


def split_possessive_author(body: str) -> tuple[str, str | None]:
    """Split "Zevin's Tomorrow, and Tomorrow, and Tomorrow" into (title, author).

    Only when two or more title words follow, or the owner is a full name ("Octavia Butler's
    Kindred"): "Charlotte's Web" is a title of its own.
    """
    match = _AUTHORS_TITLE.match(body.strip())
    if not match or match.group("author").split()[0].lower() in _NOT_AUTHORS:
        return body, None
    title = strip_filler(match.group("title"))
    if title.split()[0].lower() in _PERIODICAL_WORDS:
        return body, None  # "Harper's Magazine", "Granta's Review": a periodical's own name
    owner = match.group("author")
    if " " not in owner and title.split()[0].lower() in _EPONYMOUS_WORDS:
        return body, None  # "Harrison's Principles of Internal Medicine": the title's own name
    words = len(re.findall(r"[\w'’-]+", title))
    named = personal_name(owner) or match.group("pair")
    if words < (1 if named else 2) or not title_case(title):
        return body, None
    return title, match.group("author")


def split_bracketed_author(body: str) -> tuple[str, str | None]:
    """Split "Tomorrow, and Tomorrow, and Tomorrow (Gabrielle Zevin)" into (title, author)."""
    title, author, _ = take_parenthetical(body)
    # brackets after a title hold its author, a surname alone too: "The Wager (Grann)"
    # "(Gene Kim et al.)": the first author's name, then "and others"
    name = re.sub(r"\s+et\s+al\.?$", "", author) if author else ""
    named = bool(name) and (personal_name(name) or lone_surname(name) or author_list(name))
    if author and title_case(title) and named:
        return title, author
    return body, None


# "the PhD thesis by Anna Berg called Sediment Transport ...": the author, then the title.
_AUTHOR_FIRST = re.compile(
    rf"^\s*by\s+(?P<author>(?=[A-Z]){NAME})\s*,?\s+(?:called|titled|entitled|named)\s+(?=\S)"
)


def author_first(body: str) -> tuple[str, str | None]:
    """Read "by Author called Title": (title, author), or (body, None)."""
    match = _AUTHOR_FIRST.match(body)
    return (body[match.end() :], match.group("author")) if match else (body, None)


# "the book Kite Runner of Khaled Hosseini", "The Joy Luck Club from Amy Tan": the non-native
# "Title of/from Author", read only after a word naming what the item is ("the book", "DVD
# of film"), since "A Tale of Two Cities" and "an article from Psychological Science" are not.
_KIND_WORD = re.compile(r"^(?-i:film|movie|book|novel)\s+(?=[A-Z0-9])")
_OF_AUTHOR = re.compile(
    r"^(?P<title>.+[^,])(?P<comma>,)?\s+(?:of|from)\s+(?P<name>(?-i:[A-ZÀ-Þ])[^,;:()]{1,60}?)\s*$"
)


def of_author(body: str) -> tuple[str, str | None]:
    """Split "Crime and Punishment of Dostoevsky" into (title, author), or (body, None)."""
    match = _OF_AUTHOR.match(strip_filler(body).strip())
    if not match:
        return body, None
    name, title = match.group("name"), match.group("title").strip(" ,")
    title = _KIND_WORD.sub("", title)  # "DVD of film Roma, from Alfonso Cuarón"
    words = title.split()
    # "A Tale of Two Cities", "East of Eden", "The Count of Monte Cristo", "... the Prisoner of
    # Azkaban": a title word, an article and one word, or one word before "of" is the title's own
    short = len(words) < 2 or (len(words) == 2 and words[0] in {"The", "A", "An"})
    short = short and not (match.group("comma") and words)  # "Roma, from Alfonso Cuarón"
    if short or not title_case(title) or name.split()[0] in {"The", "A", "An"}:
        return body, None
    one_name = bool(_SURNAME.match(name)) and name.lower() not in _NOT_NAMES
    if one_name and words[-2].lower() in {"the", "a", "an"}:
        return body, None
    if not (personal_name(name) or one_name):
        return body, None
    return title, name


def named_author(body: str) -> tuple[str, str | None]:
    """Read the author of "Beloved, Toni Morrison" or "Kendi's How to Be an Antiracist"."""
    for split in (split_editor, split_comma_author, split_dash_author, split_possessive_author):
        title, author = split(strip_filler(body))
        if author:
            return title, author
    return body, None
