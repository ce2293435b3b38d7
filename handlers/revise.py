"""Apply a patron's change to a request being put together, saying what changed in words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from handlers.changes import Change
from handlers.drafts import Draft, material_of
from handlers.understand import Item
from policy.keys import normalise_title
from templates.dates import day_words
from templates.i18n import N_, _, current
from templates.words import material_words, money

FORMAT_WORDS = {
    "audiobook": N_("audiobook"),
    "ebook": N_("ebook"),
    "print": N_("print copy"),
    "scan": N_("scan"),
}
# One whole phrase per field and case, so each language words it its own way.
CHANGED = {
    "title": N_("changed the title to %(new)s"),
    "author": N_("changed the author to %(new)s"),
    "format": N_("changed the format to %(new)s"),
    "number of copies": N_("changed the number of copies to %(new)s"),
    "need-by date": N_("changed the need-by date to %(new)s"),
    "most you'll pay": N_("changed the most you'll pay to %(new)s"),
    "edition": N_("changed the edition to %(new)s"),
    "chapter": N_("changed the chapter to %(new)s"),
    "pages": N_("changed the pages to %(new)s"),
}
NOTED = {
    "title": N_("noted the title: %(new)s"),
    "author": N_("noted the author: %(new)s"),
    "format": N_("noted the format: %(new)s"),
    "number of copies": N_("noted the number of copies: %(new)s"),
    "need-by date": N_("noted the need-by date: %(new)s"),
    "most you'll pay": N_("noted the most you'll pay: %(new)s"),
    "edition": N_("noted the edition: %(new)s"),
    "chapter": N_("noted the chapter: %(new)s"),
    "pages": N_("noted the pages: %(new)s"),
}


def said(label: str, old: object, new: str) -> str:
    """Say one change: "changed the format to ebook", or "noted the author: Harari" when new.

    In the language being spoken (templates.i18n.speaking): the patron's, or English for the
    request's history, which staff read.
    """
    phrase = (NOTED if old in (None, "") else CHANGED)[label]
    return _(phrase, new=new)


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
        told.append(said("format", "book", _(FORMAT_WORDS.get(change.format, change.format))))
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
        day = day_words(change.need_by, today, current())
        told.append(said("need-by date", answers.need_by, day))
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
    if change.title and not item.title:
        # The title of an item named without one ("Jacobs 2019 from Criminology", then "title
        # is X"): the same item, so its author, journal and numbers stay.
        told.append(said("title", None, f"“{change.title}”"))
        item = replace(item, title=change.title, author=change.author or item.author)
        if change.author:
            told.append(said("author", None, change.author))
    elif change.title and change.title != item.title:
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
            told.append(said("format", "book", material_words(material, current())))
        item = replace(item, material=material)
    for name in ("edition", "chapter", "pages"):
        value = getattr(change, name)
        if value and value != getattr(item, name):
            told.append(said(name, getattr(item, name), value))
            item = replace(item, **{name: value})
    return item, told
