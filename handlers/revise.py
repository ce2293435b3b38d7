"""Apply a patron's change to a request being put together, saying what changed in words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from handlers.changes import Change
from handlers.drafts import Draft, material_of
from handlers.understand import Item
from policy.keys import normalise_title
from templates.dates import day_words
from templates.words import material_words, money

FORMAT_WORDS = {"audiobook": "audiobook", "ebook": "ebook", "print": "print copy", "scan": "scan"}


def said(label: str, old: object, new: str) -> str:
    """Say one change: "changed the format to ebook", or "noted the author: Harari" when new."""
    return f"noted the {label}: {new}" if old in (None, "") else f"changed the {label} to {new}"


def apply(draft: Draft, change: Change, today: date | None = None) -> tuple[Draft, list[str]]:
    """Apply a change to a draft; return it and what changed, in words.

    Item changes go to the item whose title the patron says they did not mean, else to the
    only item, else to the last one named. A date is said in words against today.
    """
    told: list[str] = []
    items = list(draft.items)
    if change.item_level and items:
        at = _which_item(items, change.replaces)
        items[at], told = _changed_item(items[at], change)
    answers = draft.answers
    form = draft.format
    if change.format and change.format != form:
        told.append(said("format", "book", FORMAT_WORDS.get(change.format, change.format)))
        form = change.format
    elif change.material == "audiobook":
        form = "audiobook"
    elif change.material and form == "audiobook":
        form = None  # back from the audiobook to the book: no longer an audio format
    copies = draft.copies
    if change.copies is not None and change.copies != copies:
        told.append(said("number of copies", copies, str(change.copies)))
        copies = change.copies
    if change.need_by is not None and change.need_by != answers.need_by:
        told.append(said("need-by date", answers.need_by, day_words(change.need_by, today)))
        answers = replace(answers, need_by=change.need_by)
    if change.max_cost is not None:
        cents = round(change.max_cost * 100)
        if cents != answers.max_cost_cents:
            told.append(said("most you'll pay", answers.max_cost_cents, money(cents)))
            answers = replace(answers, max_cost_cents=cents)
    updated = replace(draft, items=tuple(items), answers=answers, format=form, copies=copies)
    return updated, told


def _which_item(items: list[Item], replaces: str | None) -> int:
    if replaces:
        wanted = normalise_title(replaces)
        for at, item in enumerate(items):
            if item.title and wanted and wanted in normalise_title(item.title):
                return at
    return len(items) - 1


def _changed_item(item: Item, change: Change) -> tuple[Item, list[str]]:
    told: list[str] = []
    if change.title and change.title != item.title:
        # Another title is another item: the old one's author and identifiers go with it.
        told.append(said("title", item.title, f"“{change.title}”"))
        item = Item(title=change.title, author=change.author, material=item.material)
        if change.author:
            told.append(said("author", None, change.author))
    elif change.author and change.author != item.author:
        told.append(said("author", item.author, change.author))
        item = replace(item, author=change.author, authors=None)
    material = change.material
    if change.chapter and not material and material_of(item) == "book":
        material = "chapter"  # "just chapter 3": a scan of it, not the whole book
    if material and material != material_of(item):
        if not change.format:
            told.append(said("format", "book", material_words(material)))
        item = replace(item, material=material)
    for name in ("edition", "chapter", "pages"):
        value = getattr(change, name)
        if value and value != getattr(item, name):
            told.append(said(name, getattr(item, name), value))
            item = replace(item, **{name: value})
    return item, told
