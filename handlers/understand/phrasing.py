"""Read an item named in plain words: "can you get me Discipline and Punish by Michel Foucault"."""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.understand import issues
from handlers.understand.asked_titles import capitalised_by_author
from handlers.understand.bare_entries import (
    all_by_first,
    both_by_author,
    from_bare_entries,
    from_filled_fields,
    list_ended,
)
from handlers.understand.bare_titles import (
    action_in,
    author_first,
    named_author,
    of_author,
    personal_name,
)
from handlers.understand.citation import (
    Citation,
    clean_title,
    strip_numbering,
    take_year,
    up_to_sentence_end,
)
from handlers.understand.framed_lower import framed_lower_title
from handlers.understand.lead_ins import LEAD_IN
from handlers.understand.lead_ins import lead_in_at as lead_in_at
from handlers.understand.lower_titles import lower_case_title
from handlers.understand.material import read_material
from handlers.understand.quoted import from_quotes
from handlers.understand.short_citations import short_citation
from handlers.understand.title_entries import sentence_ended
from handlers.understand.titles import (
    entries,
    looks_like_title,
    several_by_author,
    split_author,
    split_journal,
    strip_announcement,
    strip_filler,
    take_parenthetical,
    title_from,
    without_series_word,
    without_wanted_part,
)

# Verbs that only ever mean "make an ILL request", so the object need not look like a title.
_STRONG = re.compile(r"\b(?:request|borrow|order|ill|interlibrary)\b", re.I)
# Articles and material nouns are matched in lower case only: "the Book Thief" keeps its title.
_ARTICLE = r"(?-i:(?:a|an|the|this|that|these|those|some)\s+)"
_MATERIAL_NOUN = (
    r"(?-i:(?:new\s+)?(?:books?\s+on\s+(?:cd|CD|tape)|book|novel|e-?book|article|paper"
    r"|journal\s+article|dvd|DVD|blu-?ray|Blu-?ray|film|movie|documentary|video|cd|CD|album"
    r"|audio\s*-?book|audiolibro|thesis|dissertation|text\s*-?book|course\s+(?:text|book|reader)"
    r"|paperback|hardcover|hardback"
    r"|required\s+text|chapter|issue|volume|monograph))"
)
# "chapter 3 (pp. 49–80) of ...": the pages of a chapter, written beside it.
_PAGES_ASIDE = (
    r"(?:\s*\(\s*(?:pp?\.?|pages?)\s*\d+\s*[-–—]\s*\d+\s*\)"
    r"|,\s*(?:pp?\.?|pages?)\s*\d+\s*[-–—]\s*\d+,?)?"
)
_OBJECT_PREFIX = re.compile(
    # ("order in The Light We Carry": the phrasal verb's "in"; "get my hands on Range")
    r"^\s*:?\s*(?:(?-i:in)\s+(?=(?-i:[A-Z]))|my\s+hands\s+on\s+|(?:a\s+)?way\s+to\s+get\s+(?:me\s+)?)?"
    rf"(?:access\s+to\s+)?(?:an?\s+(?:ill|interlibrary[\s-]+loan)(?:\s+request)?\s+(?:for|of)\s+)?"
    r"(?:(?:any\s+)?way\s+(?:to|of)\s+(?:get|getting|borrow|borrowing|request|requesting)\s+)?"
    rf"{_ARTICLE}?"
    # a count before lower-case words ("two copies of"); "Nine Stories" keeps its number
    r"(?:(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve|several)\s+(?=(?-i:[a-z])))?"
    r"(?:(?:(?:print|paper|physical|pdf|electronic|digital|scanned|large[\s-]?print)\s+)?"
    rf"(?:cop(?:y|ies)|scans?|pdf|version|edition)\s+(?:of|from)\s+{_ARTICLE}?)?"
    r"(?:(?-i:introduction|preface|foreword|conclusion|epilogue|afterword|appendix)\s+(?:to|of"
    rf"|from)\s+{_ARTICLE}?)?"
    rf"(?:(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    rf"|eleventh|twelfth|latest|newest|new|revised|most\s+recent|current|(?:19|20)\d\d)"
    rf"(?:\s+(?:anniversary|revised|updated|international|student|us|u\.s\.|uk))?"
    rf"\s+(?:edition|edn?\.?)\s+of\s+"
    rf"{_ARTICLE}?)?"
    # "all of volume 12 of", "the whole issue of", "issue 4 of": the issue, before its periodical
    rf"(?:all\s+of\s+{_ARTICLE}?)?(?:{issues.ISSUE_OF})?"
    rf"(?:vol(?:ume)?\.?\s*\d+\s*,?\s*(?:(?:no\.?|issue)\s*\d+\s+)?of\s+{_ARTICLE}?)?"
    rf"(?:(?:chapters?|ch\.?)\s+\w+(?:\s*[-–&]\s*\w+|\s+(?:and|to)\s+\d+)?{_PAGES_ASIDE}"
    rf"\s+(?:of|from|in)\s+{_ARTICLE}?"
    rf"|(?:pages?|pp\.?)\s*\d+\s*(?:-|–|to)\s*\d+\s+(?:of|from|in)\s+"
    rf"(?:(?:chapters?|ch\.?)\s+\w+\s+(?:of|from|in)\s+|{_ARTICLE}?{issues.ISSUE_OF})?{_ARTICLE}?)?"
    rf"(?:(?:(?-i:[a-z]+)\s+|PhD\s+|MA\s+|master's\s+|(?-i:[A-Z][a-z]+)\s+(?={_MATERIAL_NOUN}\s+of\s))"
    rf"{{0,2}}?{_MATERIAL_NOUN}\s*(?:version\s+of\s+|[:,]\s+|\s+))?"
    # "an article from the March 2024 issue of The Atlantic": the issue it is in
    rf"(?:(?:from|in)\s+{_ARTICLE}?(?:{issues.ISSUE_OF}))?"
    r"(?:(?:called|titled|entitled|named)\s+|of\s+)?",
    re.IGNORECASE,
)
# "the econ textbook, Principles of Economics": a described item, then its title after a comma.
_DESCRIBED = re.compile(r"^[^,A-Z]{1,60}?,\s+(?=[A-Z0-9])")
# "... and the DVD of Casablanca": a further item named by its kind after an identifier.
_LISTED_OBJECT = re.compile(
    rf"(?:^|\b(?:and|plus|also)\s+)(?P<object>{_ARTICLE}?{_MATERIAL_NOUN}\s+of\s+[A-Z0-9])"
)


def _without(text: str, *parts: str | None) -> str:
    for part in parts:
        if part:
            text = text.replace(part, " ")
    return text


def _prefix(obj: str) -> str:
    """Return the lead of an object that says what kind of thing it is ("the DVD of ")."""
    match = _OBJECT_PREFIX.match(obj)
    prefix = match.group(0) if match else ""
    described = _DESCRIBED.match(obj[len(prefix) :]) if read_material(obj[:80]) else None
    return prefix + (described.group(0) if described else "")


def _short_ends(body: str, short: Citation) -> bool:
    """Tell whether only volume, issue, pages or courtesy follow a short citation."""
    after = body[short.span[1] if short.span else 0 :]
    after = re.sub(
        r"(?i)\b(?:vol(?:ume)?|issue|no|pp?|pages?)\.?\s*[\d()\-–]+|[\d()\-–]+", " ", after
    )
    return not strip_filler(after).strip(" ,.;:?!")


def _object_items(obj: str, span: tuple[int, int], strong: bool) -> tuple[Citation, ...]:
    """Read the object of a request verb: "[get me] the book X by Y"."""
    announced = read_material(obj[: len(obj) - len(strip_announcement(obj))])  # "an issue: X"
    obj = strip_announcement(obj)
    prefix_text = _prefix(obj)
    body = obj[len(prefix_text) :]
    if re.match(r"\s*to\b", body, re.IGNORECASE) or _starts_with_action(obj):
        return ()  # "I need to renew ...", "I need more time": an action, not an item
    short = short_citation(body)
    if short and short.span and not body[: short.span[0]].strip(" ,:") and _short_ends(body, short):
        return (replace(short, span=span),)  # "Ioannidis 2005, PLoS Medicine"
    pairs = several_by_author(body) or both_by_author(body) or all_by_first(body)
    if pairs:
        named = read_material(prefix_text)
        return tuple(
            Citation(title=clean_title(title), author=author, material=named, span=span)
            for title, author in pairs
        )
    kind = read_material(prefix_text) or announced
    body, kind = issues.whole_issue_after(strip_filler(body).rstrip(" ?!."), kind)
    body, bracket_author, bracket_year = take_parenthetical(strip_filler(body).rstrip(" ?!."))
    body, author = author_first(body)
    if author is None:
        body, author, _ = split_author(strip_filler(body))
    if author is None:
        body, author = named_author(body)
    if author is None and _NAMES_ITS_KIND.search(prefix_text):
        body, author = of_author(body)
    body, numbered_year = strip_numbering(body, kind)
    body, journal = split_journal(body, kind)
    body, year = take_year(body, kind)
    lower_case = framed_lower_title(prefix_text, body, by_author=author is not None)
    title = lower_case or without_wanted_part(_titled(body, keep_mark=bool(author)))
    title = title if author or journal else without_series_word(title)
    named = read_material(_without(obj, title, journal)) or announced  # "The Book Thief": none
    author = author or bracket_author
    if title and not (strong or author or named or looks_like_title(title) or lower_case):
        return ()  # "can you get me a coffee"
    if title and title.islower() and not (author or lower_case) and not lower_case_title(title):
        title = None  # "an article thru u": chat after the kind of thing wanted, not a title
    definite = bool(re.match(r"\s*:?\s*(?:the|this|that)\b", prefix_text, re.IGNORECASE))
    if not title and not journal and not (named and not definite):
        return ()  # "I need it by Friday", "I need the book": about a request already made
    found = issues.of_issue(named, prefix_text, obj, (title, journal, year or bracket_year))
    title, journal, year, month = found
    year = year or numbered_year
    return (Citation(title, author, journal, year, named, span, month=month),)


# A lead that says what the item is ("the book", "DVD of film", "the audiobook of"): after it, a
# non-native "Title of Author" may be read.
_NAMES_ITS_KIND = re.compile(
    r"\b(?:book|novel|film|movie|dvd|audio\s*-?book|audiolibro|libro)\b\s*(?:of\s+)?$", re.I
)


def _titled(body: str, keep_mark: bool) -> str | None:
    """Trim an object to its title; before "by Author", a closing ? or ! is the title's own."""
    title = title_from(body)
    mark = body.rstrip()[-1:]
    if keep_mark and title and mark in "?!" and not title.endswith(mark):
        return title + mark  # "Who Moved My Cheese?"
    return title


def _from_object(text: str, lead: re.Match[str]) -> tuple[Citation, ...]:
    """Read what follows a request verb: one object, or a list of them."""
    strong = bool(_STRONG.search(lead.group(0)))
    rest = text[lead.end() :]
    parts = entries(rest)
    if len(parts) > 1:
        found: list[Citation] = []
        for index, (start, end) in enumerate(parts):
            if index and list_ended(rest, parts[index - 1], start):
                break  # "...by October 30.\n\nBest regards,\nAnn": the list is over
            if index and sentence_ended(rest[slice(*parts[index - 1])]):
                break  # "X for my class. Could ILL ...? Our class meets ...; the ...": over
            if _ANNOUNCING.match(rest[start:end]):
                continue  # "the following three books for me:" announces the list
            entry = rest[start:end]
            part = _with_dashed_author(entry, up_to_sentence_end(entry))  # "X - David Grann"
            offset = lead.end() + start
            found += _object_items(part, (offset, offset + len(part)), strong)
        if found:
            return tuple(found)
    obj = _with_dashed_author(rest, up_to_sentence_end(rest))
    return _object_items(obj, (lead.start(), lead.end() + len(obj)), strong)


# "The Body Keeps the Score - Bessel van der Kolk. I only want it ...": the dash that ended the
# sentence joins the title to its author.
_DASHED_NAME = re.compile(r"\s[-–—]\s+(?P<name>[^.?!,;\n]{3,60}?)\s*(?=[.?!,;\n]|$)")


def _with_dashed_author(rest: str, obj: str) -> str:
    """Take the author named after a spaced dash back into the object it ended."""
    dashed = _DASHED_NAME.match(rest, len(obj))
    # ("Wolf Hall - Hilary Mantel for me": courtesy after the name)
    if dashed and personal_name(strip_filler(dashed.group("name"))):
        return rest[: dashed.end()]
    return obj


# A lead line in lower case ending in a colon: "the following three books for me:".
_ANNOUNCING = re.compile(r"^[^A-Z:\n]{0,80}:\s*$")


# "request Renew the Heart by Selma Drury": after "request", a capitalised action word with an
# author after it opens a title.
_CAPITAL_BY_NAME = re.compile(r"^\s*(?-i:[A-Z])[^,;.?!]{0,80}?\sby\s+(?-i:[A-Z])")


def _starts_with_action(obj: str) -> bool:
    action = action_in(obj)
    return action is not None and len(obj[: action[0]].split()) <= 2


def _from_list_entries(text: str) -> tuple[Citation, ...]:
    """Read entries such as "the DVD of Casablanca" listed after an identifier, without a verb."""
    found: list[Citation] = []
    for match in _LISTED_OBJECT.finditer(text):
        part = up_to_sentence_end(text[match.start("object") :])
        span = (match.start("object"), match.start("object") + len(part))
        found += _object_items(part, span, strong=False)
    return tuple(found)


def read_asked_items(text: str) -> tuple[Citation, ...]:
    """Read the items a request sentence names; () when the words ask for no item."""
    filled = from_filled_fields(text)
    if filled is not None:
        return (filled,)  # "Title: ..." / "Author: ..." lines say which words are which
    lead = LEAD_IN.search(text)
    quoted = from_quotes(text, lead_in=bool(lead))
    if quoted:
        return quoted
    if lead:
        obj = text[lead.end() :]
        head = up_to_sentence_end(obj)
        titled = _STRONG.search(lead.group(0)) and _CAPITAL_BY_NAME.match(head)
        if _starts_with_action(head) and not titled:
            return ()  # "I'd like to extend Caste by Isabel Wilkerson" renews a loan
        # "my thesis needs Discipline and Punish by Foucault, can you get it?"
        # "Beloved by Toni Morrison, I need it by Friday": the item came before the verb.
        found = _from_object(text, lead) or capitalised_by_author(text)
        return found or from_bare_entries(text[: lead.start()])
    return from_bare_entries(text) or _from_list_entries(text) or _bare_issue(text)


# "Harper's Magazine, vol. 351, no. 2104 -- the whole issue, please": a periodical's name and
# numbering, asked for whole without a verb.
_NAMED_FIRST = re.compile(
    r"^\s*(?!(?:is|are|do|does|can|could|will|would|what|how|when)\b)(?-i:[A-Z])", re.I
)


def _bare_issue(text: str) -> tuple[Citation, ...]:
    """Read a message that is only a periodical's issue, asked for whole."""
    if "?" in text or "\n" in text.strip() or not _NAMED_FIRST.match(text):
        return ()
    if read_material(text) != "periodical_issue":
        return ()
    found = _object_items(text, (0, len(text)), strong=True)
    return found if len(found) == 1 and found[0].journal and not found[0].title else ()
