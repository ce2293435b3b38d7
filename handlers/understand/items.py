"""Put together the items a request names: identifiers, pasted references and titles in words."""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.understand.citation import Citation, Span, clean_title, page_range
from handlers.understand.fields import read_chapter, read_edition
from handlers.understand.identifier_items import items_from_identifiers
from handlers.understand.identifiers import Identifier, blank_out
from handlers.understand.issues import issue_month
from handlers.understand.item_titles import (
    authors_before,
    names_no_title,
    tidied_title,
    with_dash_author,
)
from handlers.understand.journal_numbers import numbered_journal
from handlers.understand.material import default_for, fits_identifier, read_material
from handlers.understand.reading import Item
from handlers.understand.short_styles import with_coauthors, with_et_al

_IDENTIFIER_KINDS = ("isbn", "issn", "doi", "pmid")
# What separates one list entry from the next: "X and Y", "X; Y", a new line, a bullet.
_SEPARATOR = re.compile(r"\band\b|\bplus\b|\balso\b|[;\n•]|(?:^|\s)\d[.)]\s|\s[-–]\s", re.I)
_VOLUME = re.compile(r"\bvol(?:ume)?\.?\s*(?P<value>\d+)\b", re.I)
_ISSUE = re.compile(r"\b(?:issue|no\.?|nr\.?|number)\s*(?P<value>\d+(?:/\d+)?)\b", re.I)
# "59(4)" after a periodical's name: its volume and, in brackets, its issue.
_VOLUME_ISSUE = re.compile(
    r"(?<![\w(])(?P<volume>\d{1,4})\s*\(\s*(?P<issue>\d{1,4}(?:[-/]\d{1,4})?)\s*\)"
)
# "from May 2025", "the Winter 2023 issue": the year of an issue named without its periodical.
_ISSUE_YEAR = re.compile(
    r"\b(?:from|dated)\s+(?:the\s+)?(?:(?:[A-Z][a-z]{2,8}\.?),?\s+)?(?P<value>(?:19|20)\d\d)\b"
    r"|\b(?P<before>(?:19|20)\d\d)\s+issue\b"
)
# "the article X in the March 2024 issue of The Atlantic": the periodical an issue is of.
_ISSUE_OF = re.compile(
    r"\b(?-i:issue)s?\s+(?:\d+\s+)?of\s+(?:(?-i:the)\s+)?(?:journal\s+)?"
    r"(?P<journal>(?-i:[A-Z])[\w&'’\-]*(?:\s+(?:(?-i:[A-Z])[\w&'’\-]*|of|and|the|for|on|&))*)",
    re.I,
)
_PAGES = re.compile(r"\b(?:pages?|pp\.?|p\.)\s*(?P<value>\d+\s*(?:[-–—]|to)\s*\d+)", re.I)


def _described(item: Item, citation: Citation) -> Item:
    """Copy what a citation says onto an item (which may hold identifiers already)."""
    return replace(
        item,
        title=citation.title,
        author=citation.author,
        authors=citation.authors,
        journal=citation.journal,
        year=citation.year,
        month=citation.month,
        day=citation.day,
        volume=citation.volume,
        issue=citation.issue,
        pages=citation.pages,
    )


def _joined(text: str, first: Span, second: Span) -> bool:
    """Tell whether two stretches belong to one entry: they overlap or nothing lists between."""
    if first[0] <= second[0] < first[1] or second[0] <= first[0] < second[1]:
        return True
    left, right = sorted((first, second))
    return not _SEPARATOR.search(text, left[1], right[0])


def _pairs(
    text: str, found: tuple[Identifier, ...], cites: list[Citation]
) -> list[tuple[Span, Item, Citation | None]]:
    """Match identifiers with the references or titles they belong to; the rest stand alone."""
    units = [(span, item, None) for span, item in items_from_identifiers(found, text)]
    pairs: list[tuple[Span, Item, Citation | None]] = []
    free = list(cites)
    for span, item, _ in units:
        match = next((c for c in free if c.span and _joined(text, c.span, span)), None)
        if match is not None:
            free.remove(match)
            pairs.append((match.span or span, _described(item, match), match))
        else:
            pairs.append((span, item, None))
    pairs += [(c.span or (0, 0), _described(Item(), c), c) for c in free]
    return sorted(pairs, key=lambda pair: pair[0][0])


def _entry(text: str, span: Span) -> str:
    """Return the list entry around a stretch: from the separator before it to the one after."""
    before = [m.end() for m in _SEPARATOR.finditer(text, 0, span[0])]
    after = _SEPARATOR.search(text, span[1])
    return text[(before[-1] if before else 0) : (after.start() if after else len(text))]


def _named_material(text: str, citations: list[Citation], span: Span | None) -> str | None:
    """Read the material the patron's words name around an item, its title words excluded."""
    # A pasted reference's own words ("A novel coronavirus") never name its material.
    words = blank_out(text, [c.span for c in citations if c.styled and c.span])
    words = _entry(words, span) if span else words
    for citation in citations:
        for part in (citation.title, citation.journal):
            if part and not citation.styled:
                words = words.replace(part, " ")
    return read_material(words)


def _material(item: Item, named: str | None, shape: str | None) -> str | None:
    """Choose an item's material: words the patron used, then citation shape, then defaults."""
    kinds = [kind for kind in _IDENTIFIER_KINDS if getattr(item, kind)]
    for candidate in (named, shape):
        if candidate and all(fits_identifier(candidate, kind) for kind in kinds):
            return candidate
    if kinds:
        return default_for(kinds[0])  # ISBN: book; ISSN, DOI, PMID: article
    if item.journal and not item.title:
        return "periodical_issue"
    if item.journal:
        return "article"
    # a title alone is most often a book; so is a work named only by its author ("a book,
    # I think it's by David Garland")
    return "book" if item.title or item.author else None


def _details(item: Item, text: str) -> Item:
    """Add the volume, issue and pages a patron typed in words ("vol 521 issue 7553")."""
    found = {name: pattern.search(text) for name, pattern in
             (("volume", _VOLUME), ("issue", _ISSUE), ("pages", _PAGES))}  # fmt: skip
    item = replace(
        _asked_part(item, text),
        volume=item.volume or (found["volume"].group("value") if found["volume"] else None),
        issue=item.issue or (found["issue"].group("value") if found["issue"] else None),
        pages=item.pages or page_range(found["pages"].group("value") if found["pages"] else None),
    )
    if item.material == "book" and item.pages:
        item = replace(item, material="chapter")  # pages of a book are a part of it, scanned
    return _of_issue(item, text) if item.material in ("article", "periodical_issue") else item


def _of_issue(item: Item, text: str) -> Item:
    """Add what names a periodical's issue: "59(4)", "from May 2025", "issue of The Atlantic"."""
    both = _VOLUME_ISSUE.search(text) if not (item.volume or item.issue) else None
    if both:
        item = replace(item, volume=both.group("volume"), issue=both.group("issue"))
    dated = _ISSUE_YEAR.search(text) if item.material == "periodical_issue" else None
    if dated and not item.year:
        month = issue_month(text)
        item = replace(item, year=int(dated.group("value") or dated.group("before")), month=month)
    named = _ISSUE_OF.search(text) if not item.journal else None
    return replace(item, journal=clean_title(named.group("journal"))) if named else item


def _asked_part(item: Item, text: str) -> Item:
    """Add the edition and chapter the patron's own words ask for ("the 3rd edition")."""
    words = text
    for part in (item.title, item.journal):
        words = words.replace(part, " ") if part else words  # "Chapter 7" in a title is its own
    return replace(item, edition=read_edition(words), chapter=read_chapter(words))


def _without_stray_title(item: Item, citation: Citation | None) -> Item:
    """Drop a one-word lower-case "title" read beside an identifier ("an artcle, doi 10...")."""
    title = item.title or ""
    stray = citation and not citation.styled and not citation.author and title.islower()
    identified = item.isbn or item.issn or item.doi or item.pmid
    return replace(item, title=None) if identified and stray and len(title.split()) == 1 else item


# "by susan orlean" read as a title: the words are an author's, the title was left out.
_ONLY_BYLINE = re.compile(r"^by\s+(?P<name>\S.*)$", re.I | re.S)


def _tidy(citation: Citation) -> Citation:
    """Take the part or form asked for out of a title read from the patron's words."""
    if citation.styled or not citation.title:
        return citation
    if names_no_title(citation.title):
        return replace(citation, title=None)
    byline = _ONLY_BYLINE.match(citation.title)
    if byline and not (citation.author and citation.title[:1].isupper()):  # "By Night in Chile"
        return replace(citation, title=None, author=citation.author or byline.group("name"))
    lead = None if citation.author else authors_before(citation.title)
    if lead is not None:
        citation = replace(
            citation,
            title=lead.title,
            author=lead.author,
            authors=citation.authors or lead.authors,
            year=citation.year or lead.year,
        )
    title, author = tidied_title(citation.title or "")
    if not title or title == citation.title:
        return citation
    return replace(citation, title=title, author=citation.author or author)


def assemble(
    text: str, found: tuple[Identifier, ...], citations: tuple[Citation, ...]
) -> tuple[Item, ...]:
    """Return the items of a request, in the order the patron named them.

    `text` is the message with identifiers, dates and amounts blanked out, so material words
    are read only from the patron's own words.
    """
    cites = [_tidy(with_dash_author(c, text)) for c in citations if c.title or c.journal]
    pairs = _pairs(text, found, cites)
    words = text
    several = len(pairs) > 1
    items = []
    for span, item, citation in pairs:
        shape = citation.material if citation and citation.styled else None
        plain = citation.material if citation and not citation.styled else None
        named = _named_material(words, cites, span if several else None) or plain
        item = _without_stray_title(item, citation)
        described = replace(item, material=_material(item, named, shape))
        if citation and citation.styled:
            # "Lukes, Steven. Power: A Radical View. 2nd ed. Palgrave, 2005.": the edition cited
            cited = words[citation.span[0] : citation.span[1]] if citation.span else ""
            title = citation.title or ""
            items.append(replace(described, edition=read_edition(cited.replace(title, " "))))
        elif several:
            items.append(_asked_part(described, _entry(words, span)))
        else:
            items.append(_details(described, words))
        # a pasted reference's container was read already, unless it was missed on an article
        if not (citation and citation.styled) or items[-1].material == "article":
            items[-1] = _with_numbered_journal(items[-1], words, span, named)
    tidied = [with_coauthors(_named_journal(with_et_al(item, text)), text) for item in items]
    return tuple(_named_before(tidied))


# "the March issue of The Police Chief magazine": the kind of periodical, said after its name
_KIND_AFTER = re.compile(r"\s+(?-i:magazine|journal|newspaper|newsletter)$")


def _named_journal(item: Item) -> Item:
    """Return the item with its journal's name alone, without the lower-case kind after it."""
    journal = item.journal or ""
    plain = _KIND_AFTER.sub("", journal)
    return replace(item, journal=plain) if plain != journal and plain[:1].isupper() else item


_LINE_END = re.compile(r"[\n;•]")


def _with_numbered_journal(item: Item, text: str, span: Span, named: str | None) -> Item:
    """Add the journal named with its numbers after the title ("Science 185:1124-31")."""
    if item.journal or not item.title or named not in (None, "article"):
        return item
    at = text.find(item.title, max(span[0], 0))
    start = at + len(item.title) if at >= 0 else span[0]
    line_end = _LINE_END.search(text, start)  # the journal follows the title in its own entry
    found = numbered_journal(text[start : line_end.start() if line_end else len(text)])
    if found is None:
        return item
    # "(Psychological Review, 1993, vol. 100)" in brackets named the journal, not the author
    author = None if item.author == found.journal else item.author
    return replace(
        item,
        author=author,
        journal=found.journal,
        volume=item.volume or found.volume,
        issue=item.issue or found.issue,
        pages=item.pages or found.pages,
        year=item.year or found.year,
        material="article",
    )


# "Sula by Toni Morrison, and also Jazz by her too": the author named for the item before.
_SAME_AUTHOR = frozenset({"her", "him", "them", "the same author", "same author", "the same"})


def _named_before(items: list[Item]) -> list[Item]:
    """Give an item whose author is "her" / "the same author" the author of the one before."""
    for index, item in enumerate(items):
        if item.author and item.author.lower() in _SAME_AUTHOR:
            before = items[index - 1].author if index else None
            items[index] = replace(item, author=before)
    return items
