"""Tell what kind of material a patron asks for from the words they use."""

from __future__ import annotations

import re
from functools import lru_cache

from handlers.understand.issues import ISSUE_DATING

MATERIALS = (
    "book",
    "chapter",
    "article",
    "audiobook",
    "media",
    "thesis",
    "textbook",
    "periodical_issue",
    "other",
)

# Phrases that settle the type on their own, checked in this order.
_DECISIVE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "periodical_issue",
        re.compile(
            # "the whole issue", "an entire journal issue", "back issues", "the whole May issue"
            rf"\b(?:whole|entire|complete|full|back)\s+(?:(?:special|double|themed?)\s+)?"
            rf"(?:{ISSUE_DATING}[\s/-]+){{0,4}}"
            r"(?:(?:journal|magazine|periodical)\s+)?(?:issue|volume)s?\b"
            # "all of volume 12 of ...", "all of issue 3", "issue 4 in full", "the whole magazine"
            r"|\ball\s+of\s+(?:the\s+|an?\s+)?(?:issue|volume|vol\.|no\.)\s*\d"
            r"|\b(?:issue|volume|vol\.|no\.)\s*\d+\s+in\s+(?:full|its\s+entirety)\b"
            r"|\b(?:whole|entire)\s+magazine\b(?!\s+(?:article|piece|story))",
            re.I,
        ),
    ),
    (
        "audiobook",
        re.compile(
            r"\baudio\s*-?books?\b|\baudiolibros?\b|\bbooks?\s+on\s+(?:cd|tape)\b|\baudio\s+version\b"
            r"|\b(?:on|in)\s+audio\b(?!\s*-)",
            re.I,
        ),
    ),
    (
        "textbook",
        re.compile(
            r"\btext\s*-?books?\b|\bcourse\s+(?:text|book|reader)s?\b|\brequired\s+texts?\b"
            # "can you get Evicted for SOC 210": a book asked for a course by its code is its text
            r"|(?-i:\bfor\s+[A-Z]{2,5}\s?-?\d{3,4}[A-Z]?\b)(?!\s+(?:paper|essay|project|section"
            r"|report|assignment|research|presentation|thesis)s?\b)",
            re.I,
        ),
    ),
    (
        "chapter",
        re.compile(
            r"\bchapters?\b|\bch\.?\s*\d|\b(?:pages?|pp\.?)\s*\d+\s*(?:-|–|to)\s*\d+\s*\)?\s+(?:of|from|in)\b"
            # "the introduction (pages 1-24) of X", "just the preface from X": a part of a book
            r"|\b(?-i:introduction|preface|foreword|afterword|epilogue|prologue)(?:\s+only)?"
            r"(?:\s*\([^()]{1,30}\))?\s+(?:of|from)\b",
            re.I,
        ),
    ),
)
# Plain nouns: the first one written wins ("the DVD of the book" is a DVD).
_NOUNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("thesis", re.compile(r"\btheses\b|\bthesis\b|\bdissertations?\b", re.I)),
    (
        "media",
        re.compile(
            r"\bdvds?\b|\bblu-?rays?\b|\bfilms?\b|\bmovies?\b|\bvideos?\b|\bdocumentar(?:y|ies)\b"
            r"|\bcds?\b|\bmusic\b|\balbums?\b|\bvinyl\b|\bvhs\b",
            re.I,
        ),
    ),
    (
        "article",
        re.compile(
            r"\barticles?\b|\bpapers?\b(?!\s+(?:copy|copies|version|format))|\bjournal\b"
            r"|\bpreprints?\b",
            re.I,
        ),
    ),
    (
        "book",
        re.compile(
            r"\bbooks?\b|\bnovels?\b|\be-?books?\b|\bpaperback\b|\bhard(?:cover|back)\b"
            r"|\bmonographs?\b",
            re.I,
        ),
    ),
)
# An issue named by number, date or recency ("volume 12, issue 3 of The Atlantic", "the latest
# issue of Time", "the March 2024 issue of ..."): the whole issue, unless the words also name an
# article or part of it.
_ISSUE_NAMED = re.compile(
    r"\b(?:issue|no\.?|number)\s*\d+\s*,?\s+(?:(?:of\s+)?vol(?:ume)?\.?\s*\d+\s*,?\s+)?of\b"
    r"|\b(?:latest|current|newest|most\s+recent|last|next|new|recent)\s+issues?\s+of\b"
    r"|\b(?:issue|volume)s?\s+(?:\d+\s+)?of\s+(?:the\s+|a\s+|this\s+)?(?:journal|magazine|periodical)"
    rf"|\b{ISSUE_DATING}\s+issue\b"
    # "the issue of The Atlantic from March 2024"
    rf"|\bissue\s+of\s+[^.?!]{{1,60}}?\s+(?:from|dated)(?:\s+the)?(?:\s+{ISSUE_DATING}){{1,3}}(?!\w)",
    re.I,
)
# ... unless the words name a part of it: "the article X from issue 3 of ..."
_PART_OF_ISSUE = re.compile(
    r"\barticles?\b|\bpapers?\b(?!\s+(?:copy|copies|version|format))|\bessays?\b"
    r"|\bstor(?:y|ies)\b|\bpages?\b|\bpp\.?\s*\d|\bpoems?\b|\binterviews?\b|\bcolumns?\b",
    re.I,
)
# Pages of an issue are an article's (or a few articles') pages, not a book chapter.
_PAGES_OF_ISSUE = re.compile(
    r"\b(?:pages?|pp\.?)\s*\d+\s*(?:-|–|to)\s*\d+\s+(?:of|from|in)\s+(?:the\s+|an?\s+|this\s+)?"
    r"(?:[\w.,]+\s+){0,4}?(?:issue|journal|magazine)\b",
    re.I,
)
# "The Help on CD", "the CD version": a book on CD is its audiobook, unless the words say the
# CD holds music ("Kind of Blue on CD, for a music class").
_BOOK_ON_CD = re.compile(r"\bon\s+(?:an?\s+)?cds?\b|\bcds?\s+(?:version|edition|copy|set)\b", re.I)
_MUSIC = re.compile(
    r"\bmusic|\balbums?\b|\brecordings?\b|\bsoundtracks?\b|\bcast\b|\bsymphon|\bopera\b"
    r"|\bconcerts?\b|\bsongs?\b|\bjazz\b|\bband\b|\bvinyl\b",
    re.I,
)
_SCAN = re.compile(r"\bscan(?:s|ned)?\b|\bexcerpts?\b", re.I)
# "a book for my thesis" is a book: the patron's own work is not the thing requested. A few words
# may name the work ("for my seminar paper", "for my HIS 201 paper", "my consumer behavior paper").
_WORK = (
    r"(?:thesis|dissertation|research|class|course|paper|essay|project|seminar|report|assignment)"
)
_OWN_WORK = re.compile(
    rf"\b(?:for|on|in|with)\s+(?:my|our|his|her|their|a|the)\s+(?:[\w&'’-]+\s+){{0,3}}{_WORK}\b"
    rf"|\bmy\s+(?:[\w&'’-]+\s+){{0,3}}?(?:thesis|dissertation|paper|essay)\b"
    r"|\bon\s+paper\b|\bwriting\s+(?:a|an|my|the)\s+(?:paper|thesis|dissertation|essay|article)\b",
    re.I,
)
# "looking for the thesis X", "asking for a paper by Y": after a verb of seeking, "for" takes the
# thing wanted, not the patron's own work.
_SEEKING = re.compile(
    r"\b(?:look(?:ing)?|search(?:ing)?|hunt(?:ing)?|ask(?:ing)?|request(?:ing)?|send)\s*$", re.I
)


# "Either the book or the audiobook is fine", "book or ebook, whichever": no one form is asked
# for, so none is read (the item's own default stands).
_EITHER_FORM = re.compile(
    r"\b(?:either\s+)?(?:the\s+|an?\s+)?[\w-]+\s+or\s+(?:the\s+|an?\s+)?[\w-]+"
    r"(?:\s+version)?\s*,?\s+(?:is|are|would\s+be|'s)\s+(?:fine|ok|okay|good|great)\b"
    r"|\beither\s+(?:the\s+|an?\s+)?[\w-]+\s+or\s+(?:the\s+|an?\s+)?[\w-]+",
    re.I,
)


def _without_own_work(text: str) -> str:
    """Blank out the patron's own work ("for my paper"), not what they seek ("for the thesis")."""

    def own(match: re.Match[str]) -> str:
        before = text[: match.start()]
        if match.group(0)[:3].lower() == "for" and _SEEKING.search(before):
            return match.group(0)
        return " "

    return _OWN_WORK.sub(own, text)


@lru_cache(maxsize=4096)
def read_material(text: str) -> str | None:
    """Return the material type the wording names, or None when it names none."""
    said, text = text, _EITHER_FORM.sub(" ", _without_own_work(text))
    if _PAGES_OF_ISSUE.search(text):
        return "article"
    for material, pattern in _DECISIVE:
        if pattern.search(text):
            return material
    # "for my music class" says what the CD holds, though it is the patron's own class
    if _BOOK_ON_CD.search(text) and not _MUSIC.search(said):
        return "audiobook"
    if _ISSUE_NAMED.search(text):
        # "the essay X from the 1955 issue of Harper's" is one piece of the issue: an article
        return "article" if _PART_OF_ISSUE.search(text) else "periodical_issue"
    first: tuple[int, str] | None = None
    for material, pattern in _NOUNS:
        match = pattern.search(text)
        if match and (first is None or match.start() < first[0]):
            first = (match.start(), material)
    if first:
        return first[1]
    # A scan is of part of something: a chapter, unless an article was named above.
    return "chapter" if _SCAN.search(text) else None


def fits_identifier(material: str, kind: str) -> bool:
    """Tell whether a named material can be what an identifier of this kind identifies."""
    if kind == "isbn":
        return material in {"book", "chapter", "audiobook", "media", "thesis", "textbook", "other"}
    if kind == "issn":
        return material in {"article", "periodical_issue", "chapter"}
    if kind == "pmid":
        return material in {"article", "chapter", "book"}
    return True  # DOIs are minted for articles, chapters, books, theses and data alike


def default_for(kind: str) -> str:
    """Return the material an identifier implies when nothing else is said (ISBN: book)."""
    return "book" if kind == "isbn" else "article"
