"""Slack's Block Kit limits, and the trimming that keeps every message and view inside them.

Slack refuses a whole message (`invalid_blocks`) for one block too many or one label too long,
so what leaves for Slack goes through `fit_blocks` / `fit_view` in `LimitedWebClient`, the only
client the transport builds. Builders that know better (an escalation knows its request) trim
first, and say where the rest can be read; this is the backstop that nothing can get past.
"""

from __future__ import annotations

import copy
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from templates.i18n import N_, SOURCE, translate

Block = dict[str, Any]

MESSAGE_BLOCKS = 50  # chat.postMessage, chat.update, chat.postEphemeral
VIEW_BLOCKS = 100  # modals and the Home tab
MESSAGE_TEXT = 40_000
SECTION_TEXT = 3000
SECTION_FIELDS, FIELD_TEXT = 10, 2000
HEADER_TEXT = 150
CONTEXT_ELEMENTS = 10
ACTIONS_ELEMENTS = 25
BUTTON_TEXT, BUTTON_VALUE = 75, 2000
SELECT_OPTIONS, OPTION_TEXT, OPTION_VALUE = 100, 75, 150
PLACEHOLDER = 150
INPUT_LABEL = 2000
CONFIRM_TITLE, CONFIRM_TEXT, CONFIRM_BUTTON = 100, 300, 30
VIEW_TITLE = 24  # also a modal's submit and close labels
PRIVATE_METADATA = 3000
ID = 255  # action_id, block_id, callback_id
BUTTONS_BEFORE_SELECT = 5  # more choices than this read better as one menu
INTERACTIVE = frozenset({"actions", "input"})
ELLIPSIS = "…"
MORE = N_("and %(num)s more not shown")  # what a cut list or menu left out


def cut(text: str, limit: int) -> str:
    """Shorten text to `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def _text(obj: Any, limit: int) -> Any:
    if isinstance(obj, dict) and isinstance(obj.get("text"), str):
        obj["text"] = cut(obj["text"], limit) or " "
    return obj


def _ids(obj: Block) -> None:
    for key in ("action_id", "block_id", "callback_id"):
        if isinstance(obj.get(key), str):
            obj[key] = obj[key][:ID]  # never with an ellipsis: ids are matched, not read


def _option(option: Block) -> Block:
    _text(option.get("text"), OPTION_TEXT)
    if isinstance(option.get("value"), str):
        option["value"] = option["value"][:OPTION_VALUE]
    return option


def _element(element: Block) -> Block:
    _ids(element)
    kind = element.get("type")
    if kind == "button":
        _text(element.get("text"), BUTTON_TEXT)
        if isinstance(element.get("value"), str):
            element["value"] = element["value"][:BUTTON_VALUE]
    if kind in ("static_select", "multi_static_select") and "options" in element:
        element["options"] = [_option(o) for o in element["options"][:SELECT_OPTIONS]]
    if isinstance(element.get("initial_options"), list):
        element["initial_options"] = [_option(o) for o in element["initial_options"]]
    if isinstance(element.get("initial_option"), dict):
        _option(element["initial_option"])
    _text(element.get("placeholder"), PLACEHOLDER)
    confirm = element.get("confirm")
    if isinstance(confirm, dict):
        _text(confirm.get("title"), CONFIRM_TITLE)
        _text(confirm.get("text"), CONFIRM_TEXT)
        _text(confirm.get("confirm"), CONFIRM_BUTTON)
        _text(confirm.get("deny"), CONFIRM_BUTTON)
    return element


def _block(block: Block) -> Block:
    _ids(block)
    kind = block.get("type")
    if kind == "section":
        _text(block.get("text"), SECTION_TEXT)
        if isinstance(block.get("fields"), list):
            fields = block["fields"][:SECTION_FIELDS]
            block["fields"] = [_text(f, FIELD_TEXT) for f in fields]
        if isinstance(block.get("accessory"), dict):
            _element(block["accessory"])
    elif kind == "header":
        _text(block.get("text"), HEADER_TEXT)
    elif kind == "context":
        block["elements"] = [_text(e, SECTION_TEXT) for e in block["elements"][:CONTEXT_ELEMENTS]]
    elif kind == "actions":
        block["elements"] = [_element(e) for e in block["elements"][:ACTIONS_ELEMENTS]]
    elif kind == "input":
        _text(block.get("label"), INPUT_LABEL)
        _text(block.get("hint"), INPUT_LABEL)
        if isinstance(block.get("element"), dict):
            _element(block["element"])
    return block


def note(text: str) -> Block:
    """Return a one-line context block (small grey text)."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": cut(text, SECTION_TEXT)}]}


def more_note(count: int, where: str = "", language: str = SOURCE) -> Block:
    """Return the context block that stands for `count` things left out, in `language`."""
    left = translate(language, MORE) % {"num": count}
    return note(f"{ELLIPSIS} {left}{f' · {where}' if where else ''}")


def fit_blocks(blocks: list[Block], limit: int = MESSAGE_BLOCKS, where: str = "") -> list[Block]:
    """Return a copy of blocks inside Slack's limits: texts cut, the tail summarised.

    The first block (what the message is about) and every button or input block are kept;
    the last other blocks give way to one "… and N more" note that says `where` to read them.
    """
    fitted = [_block(b) for b in copy.deepcopy(blocks)]
    if len(fitted) <= limit:
        return fitted
    spare = [i for i, b in enumerate(fitted) if i > 0 and b.get("type") not in INTERACTIVE]
    dropped = set(spare[len(spare) - min(len(spare), len(fitted) - limit + 1) :])
    if not dropped:
        return fitted[:limit]
    kept: list[Block] = []
    for index, block in enumerate(fitted):
        if index == min(dropped):
            kept.append(more_note(len(dropped), where))
        if index not in dropped:
            kept.append(block)
    return kept[:limit]


def fit_view(view: Block) -> Block:
    """Return a copy of a modal or Home tab view inside Slack's limits."""
    fitted = {**view, "blocks": fit_blocks(view.get("blocks") or [], VIEW_BLOCKS)}
    for key in ("title", "submit", "close"):
        if isinstance(fitted.get(key), dict):
            fitted[key] = _text(dict(fitted[key]), VIEW_TITLE)
    if isinstance(fitted.get("private_metadata"), str):
        fitted["private_metadata"] = fitted["private_metadata"][:PRIVATE_METADATA]
    _ids(fitted)
    return fitted


def _message(kwargs: dict[str, Any]) -> dict[str, Any]:
    if isinstance(kwargs.get("blocks"), list):
        kwargs["blocks"] = fit_blocks(kwargs["blocks"])
    if isinstance(kwargs.get("text"), str):
        kwargs["text"] = cut(kwargs["text"], MESSAGE_TEXT)
    return kwargs


def _view(kwargs: dict[str, Any]) -> dict[str, Any]:
    if isinstance(kwargs.get("view"), dict):
        kwargs["view"] = fit_view(kwargs["view"])
    return kwargs


class LimitedWebClient(AsyncWebClient):
    """The Web API client whose message and view calls are fitted to Block Kit's limits."""

    async def chat_postMessage(self, **kwargs: Any) -> AsyncSlackResponse:
        """Post a message, fitted."""
        return await super().chat_postMessage(**_message(kwargs))

    async def chat_update(self, **kwargs: Any) -> AsyncSlackResponse:
        """Edit a message, fitted."""
        return await super().chat_update(**_message(kwargs))

    async def chat_postEphemeral(self, **kwargs: Any) -> AsyncSlackResponse:
        """Post a message only one user sees, fitted."""
        return await super().chat_postEphemeral(**_message(kwargs))

    async def views_open(self, **kwargs: Any) -> AsyncSlackResponse:
        """Open a modal, fitted."""
        return await super().views_open(**_view(kwargs))

    async def views_update(self, **kwargs: Any) -> AsyncSlackResponse:
        """Replace a modal, fitted."""
        return await super().views_update(**_view(kwargs))

    async def views_push(self, **kwargs: Any) -> AsyncSlackResponse:
        """Push a modal, fitted."""
        return await super().views_push(**_view(kwargs))

    async def views_publish(self, **kwargs: Any) -> AsyncSlackResponse:
        """Publish the Home tab, fitted."""
        return await super().views_publish(**_view(kwargs))
