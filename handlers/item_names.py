"""How an item is named to a patron and to staff: its title, a periodical's issue, an identifier."""

from __future__ import annotations

from handlers.understand import Item


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
