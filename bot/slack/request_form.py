"""The confirm card's buttons and its Edit form: what a patron corrects before a request.

The card's Submit answers "yes" like any answer button; Edit opens a modal prefilled with what
would be recorded, and its submission is the request (handlers/confirm.submit_form). Patron
text only ever lands in inputs and button values, never in mrkdwn.
"""

from __future__ import annotations

import json
from typing import Any

from bot.request_fields import check_fields, iso_date
from bot.slack.blocks import ANSWER, Block, button, input_block, plain
from handlers.confirm import FORMAT_LABELS

EDIT = "illbot_edit_request"  # the confirm card's Edit: value is the draft's fields (JSON)
EDIT_FORM = "illbot_edit_form"
VALUE_LIMIT = 2000  # Slack's limit on a button's value
METADATA_LIMIT = 3000  # … and on a view's private_metadata


def confirm_actions(form: dict[str, Any]) -> Block:
    """Return the confirm card's buttons: Submit answers yes, Edit opens the prefilled form."""
    buttons = [button(f"{ANSWER}:0", "Submit", "yes", "primary")]
    if form:  # one item: the form can show it (several items are corrected in words)
        buttons.append(button(EDIT, "Edit", _fitted(form)))
    return {"type": "actions", "block_id": ANSWER, "elements": buttons}


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
    options = [{"text": plain(label), "value": value} for value, label in FORMAT_LABELS.items()]
    chosen = next((o for o in options if o["value"] == fields.get("format")), options[0])
    format_block: Block = {
        "type": "input",
        "block_id": "format",
        "label": plain("Format"),
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
        "label": plain("Needed by"),
        "element": date_element,
        "optional": True,
    }
    get = fields.get
    blocks = [
        _text_input("title", "Title", get("title", ""), limit=500, optional=False),
        _text_input("author", "Author", get("author", ""), limit=300, optional=True),
        format_block,
        _text_input("edition", "Edition", get("edition", ""), limit=50, optional=True, hint="3rd"),
        _text_input("chapter", "Chapter", get("chapter", ""), limit=50, optional=True),
        _text_input("pages", "Pages", get("pages", ""), limit=50, optional=True, hint="49-80"),
        _text_input("copies", "Copies", get("copies", ""), limit=3, optional=True, hint="1"),
        need_by,
        _text_input(
            "max_cost", "Most you'll pay (USD)", get("max_cost", ""), limit=12, optional=True,
            hint="0 for free only",
        ),
    ]  # fmt: skip
    return {
        "type": "modal",
        "callback_id": EDIT_FORM,
        "private_metadata": _metadata(where),
        "title": plain("Your request"),
        "submit": plain("Request it"),
        "close": plain("Cancel"),
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
    errors = check_fields(fields)
    kept = {k: str(v) for k, v in where.items()} if isinstance(where, dict) else {}
    return kept, fields, errors
