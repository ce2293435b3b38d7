"""A request still being put together: items read so far and the patron's answers."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from handlers.understand import Entities, Item
from policy.decision import Answers, ItemFacts
from policy.keys import item_key, journal_key

BOOK_CLUB = re.compile(r"\bbook[\s-]*club", re.IGNORECASE)


@dataclass(frozen=True)
class Draft:
    """Items and answers gathered across one or more messages."""

    items: tuple[Item, ...]
    answers: Answers = field(default_factory=Answers)
    words: tuple[str, ...] = ()  # the patron's messages this draft was made from, in order
    format: str | None = None  # print, ebook, audiobook, scan: when the patron said which
    copies: int | None = None  # "we need 6 copies"

    def to_data(self) -> dict[str, Any]:
        """Serialise for the conversation state."""
        a = self.answers
        return {
            "items": [asdict(i) for i in self.items],
            "need_by": a.need_by.isoformat() if a.need_by else None,
            "max_cost_cents": a.max_cost_cents,
            "print_copy": a.print_copy,
            "book_club": a.book_club,
            "words": list(self.words),
            "format": self.format,
            "copies": self.copies,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Draft:
        """Rebuild a draft from the conversation state."""
        need_by = data.get("need_by")
        answers = Answers(
            need_by=date.fromisoformat(need_by) if need_by else None,
            max_cost_cents=data.get("max_cost_cents"),
            print_copy=data.get("print_copy"),
            book_club=bool(data.get("book_club", False)),
        )
        words = tuple(str(w) for w in data.get("words", []))
        items = tuple(Item(**_known(i)) for i in data.get("items", []))
        copies = data.get("copies")
        return cls(items, answers, words, data.get("format"), int(copies) if copies else None)

    def with_entities(self, entities: Entities) -> Draft:
        """Add what a message said: need-by date, maximum cost and copies."""
        answers = self.answers
        need_by = entities.need_by or entities.date
        if need_by is not None:
            answers = replace(answers, need_by=need_by)
        if entities.max_cost is not None:
            answers = replace(answers, max_cost_cents=round(entities.max_cost * 100))
        copies = entities.copies if entities.copies is not None else self.copies
        return replace(self, answers=answers, copies=copies)

    def with_text(self, text: str) -> Draft:
        """Add what only the wording says (extra copies for a book club); keep the words."""
        draft = self
        if text.strip() and text not in self.words:
            draft = replace(draft, words=(*self.words, text))
        if BOOK_CLUB.search(text):
            return replace(draft, answers=replace(draft.answers, book_club=True))
        return draft

    @property
    def title(self) -> str:
        """Name the draft for the patron: its first item's title, and how many more."""
        if not self.items:
            return "your request"
        first = self.items[0].title or _identifier(self.items[0]) or "your item"
        more = len(self.items) - 1
        return f"{first} and {more} more" if more else first


def _known(values: dict[str, Any]) -> dict[str, Any]:
    """Keep the Item fields a stored draft has (an older draft may lack new ones)."""
    names = set(Item.__dataclass_fields__)
    return {k: v for k, v in values.items() if k in names}


def _identifier(item: Item) -> str | None:
    for label, value in (("ISBN", item.isbn), ("DOI", item.doi), ("PMID", item.pmid)):
        if value:
            return f"{label} {value}"
    return None


def identified(item: Item) -> bool:
    """Tell whether an item carries an identifier (ISBN, ISSN, DOI, PMID)."""
    return bool(item.isbn or item.issn or item.doi or item.pmid)


def material_of(item: Item) -> str:
    """Return the item's material type, defaulting from its identifiers."""
    if item.material:
        return item.material
    if item.doi or item.pmid or item.journal or (item.issn and not item.isbn):
        return "article"
    return "book"


def item_facts(item: Item) -> ItemFacts:
    """Describe an item for the policy engine."""
    return ItemFacts(
        material=material_of(item),
        item_key=item_key(
            isbn=item.isbn, doi=item.doi, pmid=item.pmid, issn=item.issn, title=item.title
        ),
        title=item.title,
        isbn=item.isbn,
        issn=item.issn,
        journal_key=journal_key(issn=item.issn, journal=item.journal),
        year=item.year,
        month=item.month if item.year else None,
        day=item.day if item.year and item.month else None,
    )


_APA_BOOK = re.compile(
    r"\bIn\s+(?:[^()\n]{0,200}?\((?:Eds?|ed)\.?\)\s*,\s*)?(?P<book>[^()\n]{2,300}?)"
    r"\s*\((?:pp?\.|\d|vol)",
)
_MLA_BOOK = re.compile(
    r"[\"”]\s*(?:In\s+)?(?P<book>[^,\"“”\n]{2,300}?)\s*,\s*"
    r"(?:edited\s+by|eds?\.|\w[\w ]*Press\b|\d{4})"
)
_EBOOK = re.compile(
    r"\be-?books?\b|\bkindle\b|\bepub\b|\b(?:electronic|digital|online)\s+(?:copy|version|edition)",
    re.I,
)
_PRINT = re.compile(
    r"\bprint(?:ed)?\s+(?:copy|version|edition|only)\b|\bin\s+print\b"
    r"|\b(?:physical|hard)\s+cop(?:y|ies)\b"
    r"|\bpaperback\b|\bhard(?:cover|back)\b",
    re.IGNORECASE,
)
_SCANNED = re.compile(r"\bscan(?:s|ned)?\b|\bpdf\b|\bexcerpts?\b|\bphoto-?cop(?:y|ies)\b", re.I)


def record_fields(item: Item, draft: Draft, text: str) -> dict[str, Any]:
    """Return what a request keeps of an item beyond its identifiers (issue 13's full record).

    `text` is the message being handled; the draft's own words come first when it has them.
    Chapter, edition and the containing book are read from the words only when the draft holds
    one item: in a list, the words cannot say which item they belong to.
    """
    words = "\n".join(draft.words) if draft.words else text
    alone = len(draft.items) == 1
    material = material_of(item)
    # What the patron said field by field (the reader's, a correction, the Edit form) wins.
    chapter = item.chapter
    said_format = draft.format if alone else None
    return {
        "authors": item.authors,
        "volume": item.volume,
        "issue": item.issue,
        "pages": item.pages,
        "chapter": chapter,
        "edition": item.edition,
        "book_title": _book(item, words, chapter) if alone and material == "chapter" else None,
        "format": said_format
        or format_of(material, words if alone else "", draft.answers.print_copy),
        "patron_words": words.strip() or None,
        "copies": draft.copies if alone else None,
    }


def _book(item: Item, words: str, chapter: str | None) -> str | None:
    for pattern in (_APA_BOOK, _MLA_BOOK):
        match = pattern.search(words)
        if match:
            return match.group("book").strip(" .,")
    # "chapter 3 of The Culture of Control": the title read is the book's.
    return item.title if chapter else None


def format_of(material: str, words: str, print_copy: bool | None) -> str | None:
    """Return the form the patron wants the item in, when the words or answers say."""
    if material == "audiobook":
        return "audiobook"
    if print_copy is True or _PRINT.search(words):
        return "print"
    if _EBOOK.search(words):
        return "ebook"
    if _SCANNED.search(words):
        return "scan"
    return None


def entities_out(entities: Entities, draft: Draft | None = None) -> dict[str, Any]:
    """Report what the bot read, with the field names `illbot sim` promises."""
    out: dict[str, Any] = {}
    items = draft.items if draft else entities.items
    if len(items) == 1:
        out.update(_item_fields(items[0]))
    elif items:
        out["items"] = [_item_fields(i) for i in items]
    need_by = draft.answers.need_by if draft else (entities.need_by or entities.date)
    if need_by:
        out["need_by"] = need_by.isoformat()
    if draft and draft.answers.max_cost_cents is not None:
        out["max_cost"] = draft.answers.max_cost_cents / 100
    elif entities.max_cost is not None:
        out["max_cost"] = entities.max_cost
    copies = draft.copies if draft else entities.copies
    if copies is not None:
        out["copies"] = copies
    if entities.ref is not None:
        out["ref"] = f"ILL-{entities.ref}"
    return out


def _item_fields(item: Item) -> dict[str, Any]:
    fields = {k: v for k, v in asdict(item).items() if v is not None}
    fields["material"] = material_of(item)
    return fields
