"""Tidy a title read whole from a request: the part or form asked for is not the title's.

Whatever reader found it, a title may still hold the words around it that say which part or
form of the work is wanted: "4th edition of Research Methods (Maxfield & Babbie), only", "couple
chapters from Gray's Anatomy, ch 12-13", "CD of Lonesome Dove", "introduction only (pages 1-24)
of The Warmth of Other Suns". Those words belong to the edition, chapter, pages and material,
which are read from the rest of the message once the title no longer holds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from handlers.understand.bare_titles import personal_name, split_bracketed_author
from handlers.understand.citation import Citation
from handlers.understand.lower_authors import split_dash_lower_author, split_lower_author
from handlers.understand.reading import Item
from handlers.understand.titles import title_case

# "4th edition of", "couple chapters from", "the CD of", "introduction only (pages 1-24) of":
# lower-case words naming a part or form, then "of" / "from" and a capitalised title.
_PART_BEFORE = re.compile(
    r"^(?:(?-i:[A-Z][a-z]*)\s+)?(?-i:[a-z0-9'’]+\s+){0,4}?"
    r"(?-i:editions?|ed\.|chapters?|ch\.?\s*\d+(?:\s*[-–]\s*\d+)?|pages?(?:\s*\d+(?:\s*[-–]\s*\d+)?)?"
    r"|pp\.?\s*\d+(?:\s*[-–]\s*\d+)?"
    r"|cop(?:y|ies)|scans?|versions?|audio\s*-?books?|dvds?|DVDs?|[Cc][Dd]s?|blu-?rays?"
    r"|introduction|preface|foreword|epilogue|conclusion)"
    r"(?:\s+only)?(?:\s*\([^()]{1,30}\))?\s+(?:of|from|in)\s+(?=[A-Z0-9\"“'‘])"
)
# ", ch 12-13", ", only", ", pp. 3-9" closing a title: the part asked for, written after it.
_PART_AFTER = re.compile(
    r"(?:\s*,\s*(?:only|just|(?:ch(?:apters?)?\.?|pp?\.|pages?)\s*\d+(?:\s*[-–]\s*\d+)?)"
    r"(?:\s+only)?)+\s*$",
    re.I,
)
# "Where the Wild Things Are for storytime", "Educated i think": lower-case words after a
# capitalised title say what it is for, or hedge; a title's own words would be capitalised.
_ASIDE_AFTER = re.compile(
    r"\s+(?-i:for\s+(?:(?:my|our|the|a|an|his|her|their)\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}"
    r"|i\s+think|i\s+believe|i\s+guess|maybe|probably"
    # "Born a Crime audiobook": the form asked for, written after the title
    r"|audio\s*-?books?|e-?books?|dvds?|paperback|hardcover|hardback|large\s+print|pdf)\s*$"
)
# "Alice Goffman's dissertation On the Run", "the new Louise Penny, The Black Wolf": the author
# named before the title, with a word for the kind of work or how new it is.
_NAME = r"(?-i:[A-Z][a-zà-ÿ'’.-]+)(?:\s+(?-i:[A-Z][a-zà-ÿ'’.-]*)){1,3}"
_AUTHOR_LEAD = re.compile(
    rf"^(?P<owner>{_NAME})['’]s\s+(?:(?-i:new|latest|newest|last|first)\s+)?"
    r"(?-i:book|novel|dissertation|thesis|memoir|article|paper|essay|biography)\s+(?=[A-Z0-9])"
    rf"|^(?:(?-i:the)\s+)?(?-i:new|latest|newest|last)\s+(?P<named>{_NAME})\s*[,:–—-]\s*(?=[A-Z0-9])"
)
# "its Educated", "it's called": a lead that says what follows is the title.
_IT_IS = re.compile(r"^(?-i:it'?s|its|it’s|it\s+is)\s+(?=[A-Z0-9])")
# "request Range: ...", "The book is What the Dog Saw", "faculty here — need Discipline and
# Punish": lower-case talk before a capitalised title, left on it by a reader that took the
# whole sentence. A title's own words would be capitalised like the rest of it.
_CHAT_LEAD = re.compile(
    r"^(?:(?-i:Hi|Hello|Hey|Ok|Okay|So)\b[\s,!.]*|(?-i:The|This|My)\s+(?-i:book|title|one|name"
    r"|article|film|movie)\s+)?(?:(?-i:[a-z][\w'’]*)[\s,:]+|[—–-]\s+){1,6}?(?=(?-i:[A-Z0-9]))"
)
# Words of talk: a lead holding one of these is the patron's sentence, not the title.
_TALK_TEXT = """
    request requesting need needs needed want wants wanted get is was are here maybe please pls
    plz am im i'm i i'd id like looking
"""
_TALK = frozenset(_TALK_TEXT.split())


def _chat_lead(head: str) -> re.Match[str] | None:
    """Match lower-case talk before a capitalised title ("request Range: ..."), or None."""
    lead = _CHAT_LEAD.match(head)
    if not lead or not title_case(head[lead.end() :]):
        return None
    words = re.findall(r"[a-z][\w'’]*", lead.group(0))
    return lead if any(word in _TALK for word in words) else None


def tidied_title(title: str) -> tuple[str, str | None]:
    """Return the title without the part or form asked for around it, and an author in brackets."""
    title = _PART_AFTER.sub("", title).strip()
    aside = _ASIDE_AFTER.search(title)
    head = title[: aside.start()] if aside else title
    led = _IT_IS.match(head) or _chat_lead(head)
    head = head[led.end() :] if led else head
    if head != title and title_case(head):
        title = head
    before = _PART_BEFORE.match(title)
    if before and title_case(title[before.end() :]):
        title = title[before.end() :]
    lead = _AUTHOR_LEAD.match(title)
    if lead and title_case(title[lead.end() :]):
        return title[lead.end() :].strip(), lead.group("owner") or lead.group("named")
    bare, author = split_bracketed_author(title)
    if not author:
        bare, author = split_lower_author(title)  # "The End of the Affair graham greene"
    if not author:
        bare, author = split_dash_lower_author(title)  # "nickel and dimed - ehrenreich"
    return (bare.strip(), author) if author else (title, None)


def with_tidy_title(item: Item) -> Item:
    """Return the item with its title tidied (and the author a bracket held, if none was read)."""
    if not item.title:
        return item
    title, author = tidied_title(item.title)
    if title == item.title or not title:
        return item
    return replace(item, title=title, author=item.author or author)


# "Tversky & Kahneman (1974) Judgment under uncertainty", "Granovetter 1973 The Strength of Weak
# Ties": researchers name an article by its authors and year, then its title.
_SURNAME = r"(?-i:[A-Z][a-zà-ÿ'’-]{2,})"
_AUTHORS_YEAR_FIRST = re.compile(
    rf"^(?P<authors>{_SURNAME}(?:\s*(?:&|and)\s*{_SURNAME}|\s+et\s+al\.?)?)\s*,?\s*"
    r"(?:\(?\s*(?P<year>1[6-9]\d\d|20\d\d)\s*\)?\s*[.,:]?\s+)?(?=(?-i:[A-Z]))"
)


@dataclass(frozen=True)
class Lead:
    """The authors and year written before an article's title."""

    title: str
    author: str
    authors: str | None
    year: int | None


def authors_before(title: str, year_in_text: int | None = None) -> Lead | None:
    """Split "Tversky & Kahneman Judgment under ..." into its title, authors and year, or None.

    One surname alone counts only with a year after it ("Granovetter 1973 ..."); several need
    "&", "and" or "et al." between them, since a title may open with a name ("Darwin's ...").
    """
    match = _AUTHORS_YEAR_FIRST.match(title)
    if not match:
        return None
    authors, rest = match.group("authors"), title[match.end() :]
    several = authors != authors.split()[0]
    year = int(match.group("year")) if match.group("year") else None
    if not (several or year) or len(rest.split()) < 2:
        return None
    first = re.split(r"\s*(?:&|\band\b|\bet\s+al)", authors)[0].strip()
    return Lead(rest, first, authors if several else None, year or year_in_text)


# "* The Nickel Boys - Colson Whitehead": a spaced dash right after a read title, then a name
# that ends its line (or the message).
_DASH_NAME = re.compile(r"[ \t]+[-–—][ \t]+(?P<name>[^\n,;:()]{3,60}?)[ \t.]*(?:\n|$)")


def with_dash_author(citation: Citation, text: str) -> Citation:
    """Return the citation with the author a dash after its title names, if it has none."""
    if citation.author or citation.styled or not citation.title or citation.span is None:
        return citation
    found = _DASH_NAME.match(text, citation.span[1])
    if found is None or not personal_name(found.group("name")):
        return citation
    return replace(citation, author=found.group("name").strip())


# What a patron writes for a work they cannot name: "maybe something", "the one about the french
# revolution" (CONVENTIONS: "something on X", "the book" name no title).
_NO_TITLE = re.compile(
    r"^(?:maybe\s+|perhaps\s+)?(?:something|anything|the\s+one|one)(?:\s+(?:about|on)\b.*)?$",
    re.S,  # in lower case only: "The One by John Marrs" is a title
)


def names_no_title(title: str) -> bool:
    """Tell whether words read as a title only stand for a work not named ("maybe something")."""
    return _NO_TITLE.match(title) is not None
