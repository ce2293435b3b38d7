"""Confirm before recording a request read from free text with an uncertain reading.

The patron sees what would be recorded and answers once: yes goes on exactly as a sure
request does (policy, then any question such as the need-by date); a message with changes
("the author is Smith", "make it the audiobook", "by Oct 3") updates the draft and shows it
again; no or "never mind" drops it. In Slack the same question is a card with Submit and Edit;
the Edit form comes back through `submit_form`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from handlers import conversation
from handlers.changes import Change
from handlers.drafts import Draft, entities_out, identified, material_of
from handlers.request import proceed
from handlers.revise import FORMAT_WORDS, apply
from handlers.turn import Turn
from handlers.understand import Item, Reading
from policy.decision import Answers
from templates.i18n import N_, current, translate
from templates.words import material_words

ASKING = "confirm"
TEMPLATE = "request_confirm"
# The Edit form's formats: value → (material, format), in the order the form lists them.
FORMATS: dict[str, tuple[str, str | None]] = {
    "book": ("book", None),
    "print": ("book", "print"),
    "ebook": ("book", "ebook"),
    "audiobook": ("audiobook", "audiobook"),
    "chapter": ("chapter", "scan"),
    "article": ("article", None),
    "media": ("media", None),
    "thesis": ("thesis", None),
    "textbook": ("textbook", None),
    "other": ("other", None),
}
FORMAT_LABELS = {
    "book": N_("Book"),
    "print": N_("Book, print copy"),
    "ebook": N_("Ebook"),
    "audiobook": N_("Audiobook"),
    "chapter": N_("Chapter scan"),
    "article": N_("Article"),
    "media": N_("DVD or other media"),
    "thesis": N_("Thesis or dissertation"),
    "textbook": N_("Textbook"),
    "other": N_("Something else"),
}


def needs_confirm(reading: Reading, draft: Draft) -> bool:
    """Tell whether to show the draft first: an unsure reading of items without identifiers."""
    return not reading.sure and any(not identified(item) for item in draft.items)


def show(turn: Turn, draft: Draft, changed: list[str] | tuple[str, ...] = ()) -> None:
    """Show what would be recorded and ask "Shall I request this?"."""
    conversation.ask(turn.conversation, "draft", turn.inbound.at, asking=ASKING, **draft.to_data())
    need_by = draft.answers.need_by
    turn.reply(
        TEMPLATE,
        intent="request",
        outcome="needs_info",
        entities=entities_out(turn.reading.entities, draft),
        items=[_card(item, draft) for item in draft.items],
        copies=draft.copies,
        need_by=need_by.isoformat() if need_by else "",
        max_cost=draft.answers.max_cost_cents,
        changed=list(changed),
        form=form_of(draft) if len(draft.items) == 1 else {},
    )


def answer(turn: Turn, draft: Draft, change: Change) -> bool:
    """Take the patron's answer to the confirmation; False when the message is not one."""
    reading = turn.reading
    updated, said = apply(draft, change, turn.today)
    if said:
        updated = updated.with_text(reading.text)
    if reading.intent == "yes":  # "yes, and I need it by Friday": the details are kept too
        proceed(turn, updated, changed=said)
        return True
    if said:
        show(turn, updated, said)
        return True
    if reading.intent == "no":
        drop(turn, draft)
        return True
    return False


def drop(turn: Turn, draft: Draft) -> None:
    """Forget a draft, saying which."""
    conversation.settle(turn.conversation, turn.inbound.at)
    turn.reply("draft_dropped", intent="request", outcome="done", title=draft.title)


def _card(item: Item, draft: Draft) -> dict[str, Any]:
    material = material_of(item)
    language = current()  # the card is written in the turn's language
    words = material_words(material, language)
    form = draft.format if len(draft.items) == 1 else None
    # The format is compared in English ("audiobook" is in "audiobook"), then shown translated.
    if form and FORMAT_WORDS.get(form, form) not in material_words(material):
        words = f"{words} ({translate(language, FORMAT_WORDS.get(form, form))})"
    return {
        "title": item.title or "",
        "author": item.author or "",
        "format": words,
        "edition": item.edition or "",
        "chapter": item.chapter or "",
        "pages": item.pages or "",
    }


def form_of(draft: Draft) -> dict[str, str]:
    """Return the Edit form's fields for a one-item draft, as text."""
    item = draft.items[0]
    answers = draft.answers
    return {
        "title": item.title or "",
        "author": item.author or "",
        "format": _form_format(material_of(item), draft.format),
        "edition": item.edition or "",
        "chapter": item.chapter or "",
        "pages": item.pages or "",
        "copies": str(draft.copies or ""),
        "need_by": answers.need_by.isoformat() if answers.need_by else "",
        "max_cost": f"{answers.max_cost_cents / 100:.2f}"
        if answers.max_cost_cents is not None
        else "",
    }


def _form_format(material: str, form: str | None) -> str:
    for value, (m, f) in FORMATS.items():
        if m == material and f == form:
            return value
    return material if material in FORMATS else "book"


def submit_form(turn: Turn, form: dict[str, str]) -> None:
    """Record a request from the Edit form: the patron wrote every field, nothing is guessed.

    The draft the card showed gives the rest (the patron's words, the answers to earlier
    questions); when the patron has moved on since, the form is a request of its own.
    """
    state = turn.conversation
    data = state.data
    shown = state.state == "draft" and data.get("asking") == ASKING
    base = Draft.from_data(data) if shown else Draft(())
    if not shown:
        conversation.suspend(state, turn.inbound.at)
    material, fmt = FORMATS.get(form.get("format") or "", ("book", None))
    old = base.items[0] if len(base.items) == 1 else Item()
    same_title = (form.get("title") or None) == old.title
    item = replace(
        old if same_title else Item(),
        title=form.get("title") or None,
        author=form.get("author") or None,
        material=material,
        edition=form.get("edition") or None,
        chapter=form.get("chapter") or None,
        pages=form.get("pages") or None,
    )
    need_by = form.get("need_by")
    cost = form.get("max_cost")
    answers = replace(
        base.answers if shown else Answers(),
        need_by=date.fromisoformat(need_by) if need_by else None,
        max_cost_cents=round(float(cost) * 100) if cost else None,
    )
    copies = int(form["copies"]) if (form.get("copies") or "").isdigit() else None
    draft = Draft((item,), answers, base.words, fmt, copies)
    proceed(turn, draft)
