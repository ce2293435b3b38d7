"""The confirm card's buttons and its Edit form: what a patron corrects before a request.

The card's Submit answers "yes" like any answer button; Edit opens a modal prefilled with what
would be recorded, and its submission is the request (handlers/confirm.submit_form). Patron
text only ever lands in inputs and button values, never in mrkdwn.
"""

from __future__ import annotations

import json
from typing import Any

from bot.request_fields import check_fields, iso_date
from bot.slack.blocks import ANSWER, Block, answers_block, button, input_block, plain
from handlers.confirm import FORMAT_LABELS
from templates.dates import LOCALE
from templates.i18n import N_, SOURCE, language_of, translate

EDIT = "illbot_edit_request"  # the confirm card's Edit: value is the draft's fields (JSON)
EDIT_FORM = "illbot_edit_form"
VALUE_LIMIT = 2000  # Slack's limit on a button's value
METADATA_LIMIT = 3000  # … and on a view's private_metadata
SUBMIT = N_("Submit")
EDIT_LABEL = N_("Edit")
LABELS = {
    "title": N_("Title"),
    "author": N_("Author"),
    "format": N_("Format"),
    "edition": N_("Edition"),
    "chapter": N_("Chapter"),
    "pages": N_("Pages"),
    "copies": N_("Copies"),
    "need_by": N_("Needed by"),
    "max_cost": N_("Most you'll pay (USD)"),
}
HINTS = {"edition": N_("3rd"), "pages": "49-80", "copies": "1", "max_cost": N_("0 for free only")}
FORM_TITLE = N_("Your request")
FORM_SUBMIT = N_("Request it")
FORM_CLOSE = N_("Cancel")
EDITED = N_("Edited and submitted")  # the card once its form is sent (bot/slack/patron.py)


def confirm_actions(form: dict[str, Any], language: str = SOURCE) -> Block:
    """Return the confirm card's buttons: Submit answers yes, Edit opens the prefilled form."""
    buttons = [button(f"{ANSWER}:0", translate(language, SUBMIT), "yes", "primary")]
    if form:  # one item: the form can show it (several items are corrected in words)
        # The form opens in the card's language: the value carries it beside the fields.
        carried = {**form, LOCALE: language} if language != SOURCE else form
        buttons.append(button(EDIT, translate(language, EDIT_LABEL), _fitted(carried)))
    return {"type": "actions", "block_id": answers_block(language), "elements": buttons}


def _fitted(form: dict[str, Any]) -> str:
    """Serialise the form's fields into a button value, shortening the longest if need be."""
    fields = {k: str(v)[:500] for k, v in form.items() if v not in (None, "")}
    value = json.dumps(fields, ensure_ascii=False)
    while len(value) > VALUE_LIMIT:
        longest = max(fields, key=lambda k: len(fields[k]))
        fields[longest] = fields[longest][: len(fields[longest]) // 2]
        value = json.dumps(fields, ensure_ascii=False)
    return value


def read_fields(value: str) -> dict[str, str]:
    """Read the fields an Edit button carries; nothing when the value makes no sense."""
    try:
        fields = json.loads(value)
    except ValueError:
        return {}
    if not isinstance(fields, dict):
        return {}
    return {str(k): str(v) for k, v in fields.items() if isinstance(v, str | int | float)}


def _text_input(
    block_id: str, label: str, value: str, *, limit: int, optional: bool, hint: str = ""
) -> Block:
    element: Block = {"type": "plain_text_input", "max_length": limit}
    if value:
        element["initial_value"] = value[:limit]
    if hint:
        element["placeholder"] = plain(hint)
    return input_block(block_id, label, element, optional)


def edit_form(fields: dict[str, str], where: dict[str, str]) -> Block:
    """Return the modal where a patron corrects what the confirm card would record.

    `where` says which card it edits (channel, ts, thread, the card's text) so that the card
    can show it was answered; patron text only ever lands in inputs, never in mrkdwn.
    """
    language = language_of(fields.get(LOCALE))

    def say(message: str) -> str:
        return translate(language, message)

    options = [
        {"text": plain(say(label)), "value": value} for value, label in FORMAT_LABELS.items()
    ]
    chosen = next((o for o in options if o["value"] == fields.get("format")), options[0])
    format_block: Block = {
        "type": "input",
        "block_id": "format",
        "label": plain(say(LABELS["format"])),
        "element": {
            "type": "static_select",
            "action_id": "format",
            "options": options,
            "initial_option": chosen,
        },
    }
    date_element: Block = {"type": "datepicker", "action_id": "need_by"}
    if iso_date(fields.get("need_by", "")):
        date_element["initial_date"] = fields["need_by"]
    need_by: Block = {
        "type": "input",
        "block_id": "need_by",
        "label": plain(say(LABELS["need_by"])),
        "element": date_element,
        "optional": True,
    }

    def text(name: str, limit: int, optional: bool = True) -> Block:
        label, hint = say(LABELS[name]), say(HINTS.get(name, ""))
        return _text_input(
            name, label, fields.get(name, ""), limit=limit, optional=optional, hint=hint
        )

    blocks = [
        text("title", 500, optional=False),
        text("author", 300),
        format_block,
        text("edition", 50),
        text("chapter", 50),
        text("pages", 50),
        text("copies", 3),
        need_by,
        text("max_cost", 12),
    ]
    return {
        "type": "modal",
        "callback_id": EDIT_FORM,
        "private_metadata": _metadata({**where, LOCALE: language if language != SOURCE else ""}),
        "title": plain(say(FORM_TITLE)),
        "submit": plain(say(FORM_SUBMIT)),
        "close": plain(say(FORM_CLOSE)),
        "blocks": blocks,
    }


def _metadata(where: dict[str, str]) -> str:
    kept = {k: str(v) for k, v in where.items() if v}
    value = json.dumps(kept, ensure_ascii=False)
    if len(value) > METADATA_LIMIT:  # the card's text is the only long part: shorten it
        kept["text"] = kept.get("text", "")[: METADATA_LIMIT // 2]
        value = json.dumps(kept, ensure_ascii=False)[:METADATA_LIMIT]
    return value


def read_edit_form(view: dict[str, Any]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Read a submitted Edit form: (which card, the request's fields, errors by block)."""
    try:
        where = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        where = {}
    values = (view.get("state") or {}).get("values") or {}

    def value(block: str) -> dict[str, Any]:
        return dict((values.get(block) or {}).get(block) or {})

    fields = {
        name: str(value(name).get("value") or "").strip()
        for name in ("title", "author", "edition", "chapter", "pages", "copies", "max_cost")
    }
    fields["format"] = str((value("format").get("selected_option") or {}).get("value") or "book")
    fields["need_by"] = str(value("need_by").get("selected_date") or "")
    kept = {k: str(v) for k, v in where.items()} if isinstance(where, dict) else {}
    errors = check_fields(fields, language_of(kept.get(LOCALE)))
    return kept, fields, errors
