"""Tell what kind of material a patron asks for from the words they use."""

from __future__ import annotations

import re

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
            # "the whole issue", "an entire journal issue", "back issues"
            r"\b(?:whole|entire|complete|full|back)\s+(?:(?:journal|magazine|periodical)\s+)?"
            r"(?:issue|volume)s?\b"
            r"|\b(?:issue|volume)s?\s+of\s+(?:the\s+|a\s+|this\s+)?(?:journal|magazine|periodical)"
            # "the March 2021 issue of ...": an issue named by its date
            r"|\b(?:19|20)\d\d\s+issue\s+of\b",
            re.I,
        ),
    ),
    (
        "audiobook",
        re.compile(r"\baudio\s*-?books?\b|\bbooks?\s+on\s+(?:cd|tape)\b|\baudio\s+version\b", re.I),
    ),
    (
        "textbook",
        re.compile(
            r"\btext\s*-?books?\b|\bcourse\s+(?:text|book|reader)s?\b|\brequired\s+texts?\b", re.I
        ),
    ),
    (
        "chapter",
        re.compile(
            r"\bchapters?\b|\bch\.\s*\d|\b(?:pages?|pp\.?)\s*\d+\s*(?:-|–|to)\s*\d+\s+(?:of|from|in)\b",
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
# An issue named by number, season or recency ("volume 12, issue 3 of The Atlantic", "the latest
# issue of Time"): the whole issue, unless the words also name an article or part of it.
_ISSUE_NAMED = re.compile(
    r"\b(?:issue|no\.?|number)\s*\d+\s+of\b"
    r"|\b(?:latest|current|newest|most\s+recent|last|next|new|recent)\s+issues?\s+of\b",
    re.I,
)
# ... unless the words name a part of it: "the article X from issue 3 of ..."
_PART_OF_ISSUE = re.compile(
    r"\barticles?\b|\bpapers?\b|\bessays?\b|\bstor(?:y|ies)\b|\bpages?\b", re.I
)
_SCAN = re.compile(r"\bscan(?:s|ned)?\b|\bexcerpts?\b", re.I)
# "a book for my thesis" is a book: the patron's own work is not the thing requested.
_OWN_WORK = re.compile(
    r"\b(?:for|on|in|with)\s+(?:my|our|a|the)\s+(?:thesis|dissertation|research|class|course"
    r"|paper|essay|project|seminar)\b|\bmy\s+(?:thesis|dissertation|paper|essay)\b"
    r"|\bon\s+paper\b|\bwriting\s+(?:a|an|my|the)\s+(?:paper|thesis|dissertation|essay|article)\b",
    re.I,
)


def read_material(text: str) -> str | None:
    """Return the material type the wording names, or None when it names none."""
    text = _OWN_WORK.sub(" ", text)
    for material, pattern in _DECISIVE:
        if pattern.search(text):
            return material
    if _ISSUE_NAMED.search(text) and not _PART_OF_ISSUE.search(text):
        return "periodical_issue"
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
