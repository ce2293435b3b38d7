"""How an item is named to a patron and to staff: its title, a periodical's issue, an identifier."""

from __future__ import annotations

from handlers.understand import Item
from templates.i18n import N_, _, current, translate
from templates.words import material_words

# Materials a reply names beside the title; a book or an article goes without saying.
NAMED_FORMS = frozenset({"audiobook", "media", "thesis", "textbook"})
LARGE_PRINT = N_("large print")


def title_of(item: Item) -> str:
    """Name an item for the patron: its title, else a periodical's issue, else its identifier."""
    if item.title:
        return item.title
    if item.journal:  # a whole issue: "The Atlantic, vol. 12, no. 3, March 2024"
        return issue_name(item)
    for label, value in (
        ("ISBN", item.isbn),
        ("DOI", item.doi),
        ("PMID", item.pmid),
        ("ISSN", item.issn),
    ):
        if value:
            return f"{label} {value}"
    return "this item"


MONTHS = "January February March April May June July August September October November December"


def issue_name(item: Item) -> str:
    """Name a periodical's issue as a citation would: journal, volume, number and date."""
    when = " ".join(
        part
        for part in (MONTHS.split()[item.month - 1] if item.month else "", str(item.year or ""))
        if part
    )
    parts = [
        item.journal or "",
        f"vol. {item.volume}" if item.volume else "",
        f"no. {item.issue}" if item.issue else "",
        when,
    ]
    return ", ".join(p for p in parts if p)


def details(item: Item, material: str) -> str:
    """Say what was asked beyond the title, as the patron reads it: "chapter 4, pages 103-146",
    "audiobook", "large print", "3rd edition" (empty for a plain book or article)."""
    parts: list[str] = []
    if material == "chapter":
        if item.chapter:
            parts.append(_("chapter %(chapter)s", chapter=item.chapter))
        if item.pages:
            parts.append(_("pages %(pages)s", pages=item.pages))
    elif material in NAMED_FORMS:
        parts.append(material_words(material, current()))
    edition = (item.edition or "").strip()
    # kept as the patron wrote it: "large print", or "letra grande" in Spanish
    if edition.lower() in (LARGE_PRINT, translate(current(), LARGE_PRINT)):
        parts.append(_(LARGE_PRINT))
    elif edition:
        parts.append(_("%(edition)s edition", edition=edition))
    return ", ".join(parts)
