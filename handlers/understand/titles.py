"""Pick titles, author names, journals and years out of the words that follow a request verb."""

from __future__ import annotations

import re

from handlers.understand.bylines import CARRIER, NARRATED, NOT_A_NAME, WRITTEN, lower_byline
from handlers.understand.citation import ISSUE_DATE, clean_title, year_in
from handlers.understand.filler import strip_filler
from handlers.understand.lower_names import bracketed_lower_name
from handlers.understand.title_entries import entries as entries
from handlers.understand.title_entries import without_series_word as without_series_word
from handlers.understand.title_entries import without_wanted_part as without_wanted_part
from handlers.understand.title_shape import looks_like_title as looks_like_title
from handlers.understand.title_shape import title_case as title_case

# A name is initials ("E. P.") and capitalised words; a full stop after a word ends it.
NAME = (
    r"(?:(?:Dr|Dra|Prof)\.\s+)?(?:[A-Z]\.|[A-Za-zÀ-ÖØ-Þ][\w'’\-]*)(?:\s*[A-Z]\.|\s+(?:St\.|"
    # a capital with an accent starts a name word too ("Miguel Ángel Asturias"); Spanish joins
    # two authors with "y" ("Daron Acemoglu y James A. Robinson")
    r"(?!(?:AND|OR|PLUS)\b)[A-ZÀ-ÖØ-Þ][\w'’\-]*|de|van|von|der|den|del|la|le|da|di|du|bin|ibn"
    r"|al|y)(?![\w'’\-]))*"
)
# "by Steven D. Levitt and Stephen J. Dubner": a second author of two or more name words
# (one capitalised word after "and" is more often a second title: "by Toni Morrison and Sula").
_CO_AUTHOR = (
    rf"(?:\s*,?\s+(?:and|&)\s+(?!(?:The|A|An)\s)(?=[A-Z][\w'’.\-]*\s+[A-Z]){NAME}"
    # "Levitt & Dubner", "by Lilly, Cullen and Ball": surnames joined by "&", or a list of
    # them with commas that ends in "and" (one surname after a plain "and" may be a title)
    rf"|(?:\s*,\s+(?!(?:The|A|An)\s)(?=[A-Z]){NAME})*\s*,?\s+&\s+(?=[A-Z]){NAME}"
    rf"|(?:\s*,\s+(?!(?:The|A|An)\s)(?=[A-Z]){NAME})+\s*,?\s+and\s+(?!(?:The|A|An)\s)(?=[A-Z]){NAME})?"
)
# "by Acemoglu and Robinson" closing the entry: two surnames ("by Morrison and Sula" is rare).
_SURNAME_PAIR = re.compile(r"^\s+and\s+(?P<other>[A-Z][\w'’\-]+)(?=\s*(?:[,.;!?)]|$))")
# "by the Strugatsky brothers": a family of authors is named with its article.
_FAMILY = r"(?-i:the|The)\s+[A-Z][\w'’\-]+\s+(?:brothers|sisters|Brothers|Sisters)\b"
AUTHOR = re.compile(rf"^\s*,?\s*by\s+(?P<author>{_FAMILY}|{NOT_A_NAME}{NAME}{_CO_AUTHOR})")
_ET_AL = re.compile(r"^,?\s+et\s+al\b\.?")
_BY = re.compile(r"\s+by\s+")
_QUOTED = re.compile(r"[\"“](?P<a>[^\"“”]{2,200}?)[\"”]|(?<!\w)['‘](?P<b>.{2,200}?)['’](?!\w)")
_MONTH_WORD = (
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April"
    r"|June|July|August|September|October|November|December)\b)"
)
_JOURNAL = re.compile(
    # (not "the edition from Penguin Classics": a publisher)
    r"(?<!edition\s)(?<!version\s)(?<!printing\s)"
    r"\b(?:from|in|published\s+in)\s+(?:the\s+)?(?:journal\s+)?"
    rf"(?P<journal>{_MONTH_WORD}[A-Z][\w&:'’\-]*(?:\s+(?:[A-Z][\w&:'’\-]*|of|and|the|for|in|on|&))*)"
)
_JOURNAL_SPLIT = re.compile(r"\s+(?:from|in|published\s+in)\s+(?=[A-Z])")
_JOURNAL_LIKE = re.compile(r"\b(?:Journal|Review|Quarterly|Studies|Annals|Bulletin)\b")
# A name ending in an abbreviation keeps its full stop.
_ABBREVIATED = re.compile(r"(?:\b(?:Jr|Sr|al)|(?<![\w.])[A-Z])$")
# "(Rachel Carson, 1962)", "(Verso, 2006)", "(2018)" after a title: author and year in brackets.
# (not the issue in "Archaeology 12(2)": a volume and its issue)
_PARENTHETICAL = re.compile(r"(?<!\d)\s*\((?P<inside>[^()]{1,80})\)\s*$")
_BRACKET_AUTHOR = re.compile(
    r"^(?P<name>(?:(?:[A-Z]\.\s?)+|[A-Z][\w'’\-]+)(?:\s+[A-Z][\w.'’\-]*)+(?:\s+et\s+al\.?)?"
    # "(Edin & Shaefer)", "(Thaler and Sunstein)"; "(Atwood)" when the brackets hold it alone
    r"|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?(?:\s+(?:&|and)\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)+"
    r"|(?-i:[A-Z][a-z][\w'’\-]+)(?=$))\s*(?:,|$)"
)
# "three books: Dune ...", "the following book for my research: Imagined Communities": a lead
# before a colon, in lower case, announces the titles that follow.
_ANNOUNCED = re.compile(r"^[^:A-Z]{0,60}:\s+(?=\S)")
_NOT_A_TITLE = re.compile(
    r"^(?:it|this|that|them|these|those|one|something|anything|some|more|help|to\b.*"
    r"|(?-i:an?|the|A|An)\s+\w+|your\s+help|more\s+time|information.*|info.*|an?\s+update.*|and|or|plus|also"
    r"|both|(?:an?\s+|the\s+)?(?:books?|articles?|papers?|dvds?|cop(?:y|ies)|chapters?|items?"
    r"|scans?|thesis|journals?)"
    r"|(?:\d+|two|three|four|five|several|some|a\s+few)\s+(?:books?|articles?|items?|things"
    r"|cop(?:y|ies))|\d{5,})$",
    re.IGNORECASE,
)
_TOPIC = re.compile(r"^(?:about|on|regarding|for)\b", re.IGNORECASE)
# "X by A and Y by B": one title-author pair after another.
# "... and No Longer at Ease by the same author": the author named before, again.
_SAME_AUTHOR = re.compile(r"(?:the\s+same\s+(?:author|writer)|(?-i:her|him))$", re.I)
_BY_PAIR = re.compile(
    rf"\s*(?P<title>[^;]+?)\s+by\s+(?P<author>{_FAMILY}|the\s+same\s+(?:author|writer)|{NAME})"
    r"\s*(?:[,;]\s*|and\s+|$)"
)


def split_author(rest: str) -> tuple[str, str | None, str]:
    """Split "Title by Author ..." at the last "by" followed by a name: (title, author, after)."""
    found = list(_BY.finditer(rest))
    for index in range(len(found) - 1, -1, -1):
        match = found[index]
        tail = rest[match.start() :]
        author = lower_byline(strip_filler(tail).rstrip(" .!?"), tail) or AUTHOR.match(tail)
        if author and index and CARRIER.match(author.group("author")):
            continue  # "The Warrior Ethos by Steven Pressfield by UPS": sent by, not written by
        names = re.split(r"\s+(?:and|&)\s+", author.group("author")) if author else []
        if author and all(len(name.split()) <= 6 for name in names):
            name = author.group("author").rstrip(" ")
            if name.endswith(".") and not _ABBREVIATED.search(name[:-1]):
                name = name.rstrip(" .")  # the sentence's full stop; "Jr." keeps its own
            after = tail[author.end() :]
            pair = _SURNAME_PAIR.match(after) if " " not in name else None
            if pair and not strip_filler(after[pair.end() :]).strip(" .!?,"):
                name, after = f"{name}{after[: pair.end()]}", after[pair.end() :]
            et_al = _ET_AL.match(after)
            if et_al:  # "Stuart Hall et al", as written
                name, after = f"{name}{et_al.group(0)}".rstrip(), after[et_al.end() :]
            narrator = NARRATED.search(rest, 0, match.start() + 1)
            if narrator:  # the reader of an audiobook: the author, if any, is named before
                title, author_name, _ = split_author(rest[: narrator.start()])
                return title, author_name, after
            return WRITTEN.sub("", rest[: match.start()]), name, after
    return rest, None, ""


def take_parenthetical(body: str) -> tuple[str, str | None, int | None]:
    """Pull a trailing "(Author, Year)", "(Publisher, Year)" or "(Year)": (body, author, year)."""
    match = _PARENTHETICAL.search(body.rstrip(" ?!.,"))
    if not match:
        return body, None, None
    inside = match.group("inside")
    name = _BRACKET_AUTHOR.match(inside)
    author = name.group("name") if name else None
    if author is None and bracketed_lower_name(inside.strip()):
        author = inside.strip()  # "Tuesdays with Morrie (mitch albom)"
    # "(entire issue)" or "(2nd ed.)" is dropped from the title but names no author or year.
    return body[: match.start()], author, year_in(inside)


def strip_announcement(body: str) -> str:
    """Drop a lower-case lead before a colon: "three books: Dune" → "Dune"."""
    match = _ANNOUNCED.match(body)
    return body[match.end() :] if match else body


def several_by_author(body: str) -> list[tuple[str, str]]:
    """Read "X by A and Y by B" as (title, author) pairs; [] unless there are two or more."""
    body = strip_filler(body)
    pairs: list[tuple[str, str]] = []
    position = 0
    while position < len(body):
        match = _BY_PAIR.match(body, position)
        if not match or match.end() == position:
            break
        author = match.group("author").rstrip(" .")
        if pairs and _SAME_AUTHOR.match(author):
            author = pairs[-1][1]
        if not NARRATED.search(f" {match.group('title')} "):
            pairs.append((match.group("title"), author))
        position = match.end()
    left = body[position:].strip()
    # "..., no rush", "..., both for my kids": a lower-case remark after the last comma
    remark = left.islower() and body[:position].rstrip().endswith(",")
    if len(pairs) > 1 and (not left or remark):
        return pairs
    return _bracketed_pairs(body)


# "Wild Swans (Jung Chang) and The Good Earth (Pearl S. Buck)": each title with its author in
# brackets after it (two or more name words, so "(2019)" or "(pbk)" is no author).
_BRACKET_PAIR = re.compile(
    rf"\s*(?P<title>(?-i:[A-Z0-9])[^;()]*?)\s*\((?P<author>(?-i:[A-Z])[\w'’.\-]*(?:\s+{NAME}))\)"
    r"\s*(?:[,;]\s*(?:and\s+)?|and\s+|&\s+|$)"
)


def _bracketed_pairs(body: str) -> list[tuple[str, str]]:
    """Read "X (A) and Y (B)" as (title, author) pairs; [] unless two or more fill the text."""
    pairs: list[tuple[str, str]] = []
    position = 0
    while position < len(body):
        match = _BRACKET_PAIR.match(body, position)
        if not match or match.end() == position:
            break
        pairs.append((match.group("title"), match.group("author")))
        position = match.end()
    return pairs if len(pairs) > 1 and not body[position:].strip(" .!?") else []


def quoted_titles(text: str) -> list[tuple[str, int, int]]:
    """Return every quoted stretch as (words, start, end)."""
    return [
        (match.group("a") or match.group("b") or "", match.start(), match.end())
        for match in _QUOTED.finditer(text)
    ]


def journal_after(text: str) -> str | None:
    """Read the journal named by "from/in <Journal>" in `text`."""
    match = _JOURNAL.search(text)
    return clean_title(match.group("journal")) if match else None


# "The Hidden Costs of Rewards, Journal of Economic Perspectives, 2003": a journal after a comma.
_COMMA_JOURNAL = re.compile(
    r",\s+(?P<journal>(?=[^,]*\b(?:Journal|Review|Quarterly|Studies|Annals|Bulletin)\b)[A-Z][^,]*?)"
    r"(?=\s*(?:,\s*\d{4}\s*)?$)"
)


def split_journal(body: str, material: str | None) -> tuple[str, str | None]:
    """Split "Title from Journal of Y" when the item is (or reads as) an article."""
    match = _JOURNAL_SPLIT.search(body)
    if match and material == "periodical_issue" and ISSUE_DATE.search(body, match.start()):
        return body, None  # "from May 2019" dates the issue; take_year reads it
    if not match:
        comma = _COMMA_JOURNAL.search(body) if material == "article" else None
        if comma:
            return body[: comma.start()] + body[comma.end() :], clean_title(comma.group("journal"))
        return body, None
    tail = body[match.start() :]
    if material not in ("article", "periodical_issue") and not _JOURNAL_LIKE.search(tail):
        return body, None  # "Letters from Iceland" is a title, not a journal
    return body[: match.start()], journal_after(tail)


def title_from(body: str) -> str | None:
    """Trim an object down to its title; None when it is a topic or a pronoun, not a title."""
    title = clean_title(strip_filler(body))
    if title and _TOPIC.match(title) and not _titled_lead(title):
        # "a book on cancer, The Emperor of All Maladies": the title follows the topic
        named_after = re.search(r"[,:]\s+(?=[A-Z0-9])", title)
        return clean_title(title[named_after.end() :]) if named_after else None
    return None if title and _NOT_A_TITLE.match(title) else title


def _titled_lead(title: str) -> bool:
    """Tell whether a capitalised "On"/"About" opens a title ("On the Run: Wanted Men")."""
    # (a topic is typed in lower case: "on cancer, The Emperor of All Maladies")
    head = re.split(r"[,:]", title, maxsplit=1)[0]
    return title[:1].isupper() and len(head.split()) >= 2 and title_case(head)
