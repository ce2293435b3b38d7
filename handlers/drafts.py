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

    def to_data(self) -> dict[str, Any]:
        """Serialise for the conversation state."""
        a = self.answers
        return {
            "items": [asdict(i) for i in self.items],
            "need_by": a.need_by.isoformat() if a.need_by else None,
            "max_cost_cents": a.max_cost_cents,
            "print_copy": a.print_copy,
            "book_club": a.book_club,
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
        return cls(tuple(Item(**i) for i in data.get("items", [])), answers)

    def with_entities(self, entities: Entities) -> Draft:
        """Add what a message said: need-by date and maximum cost."""
        answers = self.answers
        need_by = entities.need_by or entities.date
        if need_by is not None:
            answers = replace(answers, need_by=need_by)
        if entities.max_cost is not None:
            answers = replace(answers, max_cost_cents=round(entities.max_cost * 100))
        return replace(self, answers=answers)

    def with_text(self, text: str) -> Draft:
        """Add what only the wording says: extra copies wanted for a book club."""
        if BOOK_CLUB.search(text):
            return replace(self, answers=replace(self.answers, book_club=True))
        return self


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
    )


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
    if entities.max_cost is not None:
        out["max_cost"] = entities.max_cost
    if entities.ref is not None:
        out["ref"] = f"ILL-{entities.ref}"
    return out


def _item_fields(item: Item) -> dict[str, Any]:
    fields = {k: v for k, v in asdict(item).items() if v is not None}
    fields["material"] = material_of(item)
    return fields
