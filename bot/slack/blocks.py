"""Block Kit for the bot's questions, staff escalations and the staff reply form.

Texts from the outbox are already escaped for Slack; anything else a patron could have typed
goes through `slack_escape` before it lands in mrkdwn. Button labels never carry patron text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.answers import offered_answers
from bot.slack.limits import (
    ACTIONS_ELEMENTS,
    BUTTONS_BEFORE_SELECT,
    CONTEXT_ELEMENTS,
    MESSAGE_BLOCKS,
    SELECT_OPTIONS,
    more_note,
    note,
)
from templates import slack_escape
from templates.i18n import N_, SOURCE, translate

ANSWER = "illbot_answer"  # a patron answers a question: value is the words it stands for
APPROVE = "illbot_staff_approve"
DENY = "illbot_staff_deny"
REPLY = "illbot_staff_reply"
REPLY_FORM = "illbot_staff_reply_form"
REPLY_INPUT = "reply"
SECTION_LIMIT = 3000
ACTOR = re.compile(r"^slack:([UW][A-Z0-9]{2,})$")
SETTLED = {
    "approved": ":white_check_mark: Approved",
    "denied": ":no_entry: Denied",
    "replied": ":speech_balloon: Answered",
}
Block = dict[str, Any]
CHOOSE = N_("Choose one")
REPLY_WITH = N_("reply with the one you mean")
ANSWERED = N_("You answered: *%(answer)s*")


def plain(text: str) -> dict[str, str]:
    """Return a plain_text object (Slack shows it as is, never as a mention or link)."""
    return {"type": "plain_text", "text": text[:75] or " "}


def sections(text: str) -> list[Block]:
    """Split already-escaped mrkdwn into section blocks under Slack's length limit."""
    chunks: list[str] = []
    current = ""
    for line in text.splitlines():
        for start in range(0, max(len(line), 1), SECTION_LIMIT):
            piece = line[start : start + SECTION_LIMIT]
            joined = f"{current}\n{piece}" if current else piece
            if len(joined) > SECTION_LIMIT:
                chunks.append(current)
                joined = piece
            current = joined
    chunks.append(current)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": c or " "}} for c in chunks]


def input_block(block_id: str, label: str, element: Block, optional: bool = False) -> Block:
    """Return a modal's input block; the element's action id is the block's id."""
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": {**element, "action_id": block_id},
    }
    if optional:
        block["optional"] = True
    return block


def button(action_id: str, label: str, value: str, style: str | None = None) -> Block:
    """Return one button."""
    element: Block = {
        "type": "button",
        "action_id": action_id,
        "text": plain(label),
        "value": value,
    }
    if style:
        element["style"] = style
    return element


def question_blocks(
    text: str, template: str, context: dict[str, Any], meta: dict[str, Any]
) -> list[Block] | None:
    """Add answer buttons to a question the bot asks (which request? yes or no?), else None."""
    offer = offered_answers(template, context, meta)
    if offer is None:
        return None
    if offer.confirm:
        from bot.slack.request_form import confirm_actions  # it builds on the buttons here

        return [*sections(text), confirm_actions(offer.form, offer.language)]
    answers = [(a.label, a.says) for a in offer.answers]
    return [*sections(text), *answer_blocks(answers, offer.language)]


def answer_blocks(answers: Sequence[tuple[str, str]], language: str = SOURCE) -> list[Block]:
    """Offer the answers as buttons, or as one menu when there are more than a few."""
    if len(answers) <= BUTTONS_BEFORE_SELECT:
        buttons = [
            button(f"{ANSWER}:{i}", label, value) for i, (label, value) in enumerate(answers)
        ]
        elements = buttons[:ACTIONS_ELEMENTS]
        return [{"type": "actions", "block_id": answers_block(language), "elements": elements}]
    menu: Block = {
        "type": "static_select",
        "action_id": f"{ANSWER}:0",
        "placeholder": plain(translate(language, CHOOSE)),
        "options": [{"text": plain(label), "value": value} for label, value in answers][
            :SELECT_OPTIONS
        ],
    }
    blocks: list[Block] = [
        {"type": "actions", "block_id": answers_block(language), "elements": [menu]}
    ]
    left = len(answers) - SELECT_OPTIONS
    if left > 0:  # the menu holds 100: the rest can still be named in a reply
        blocks.append(more_note(left, translate(language, REPLY_WITH), language))
    return blocks


def answers_block(language: str = SOURCE) -> str:
    """Return the block id of a question's answers; it carries the question's language."""
    return ANSWER if language == SOURCE else f"{ANSWER}:{language}"


def card_language(blocks: Sequence[Block]) -> str:
    """Return the language a question card was written in (its answers' block id says)."""
    for block in blocks:
        name = str(block.get("block_id") or "")
        if block.get("type") == "actions" and name.startswith(f"{ANSWER}:"):
            return name.split(":", 1)[1]
    return SOURCE


def chosen(action: dict[str, Any]) -> tuple[str, str]:
    """Return the value and label of a button pressed or a menu option chosen."""
    picked = action.get("selected_option") or action
    return str(picked.get("value") or ""), str((picked.get("text") or {}).get("text") or "")


def answered_blocks(text: str, answer: str, language: str = SOURCE) -> list[Block]:
    """Show a question with its buttons gone and the patron's answer under it."""
    said = translate(language, ANSWERED) % {"answer": slack_escape(answer)}
    note = {"type": "mrkdwn", "text": said}
    return [*sections(text), {"type": "context", "elements": [note]}]


def who(actor: str) -> str:
    """Show an actor: a Slack user as a mention, anyone else by their escaped name."""
    match = ACTOR.match(actor)
    return f"<@{match.group(1)}>" if match else slack_escape(actor)


def escalation_blocks(
    escalation_id: int,
    text: str,
    ref: str | None,
    settlements: Sequence[dict[str, Any]],
    *,
    awaiting_approval: bool,
    can_reply: bool,
) -> list[Block]:
    """Show an escalation with its facts, who settled it so far, and the buttons still open."""
    title = f":bell: *Staff needed*{f' · {ref}' if ref else ''}"
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": title}}]
    lines: list[Block] = []
    for settlement in settlements:
        verb = settlement.get("verb")
        said = SETTLED.get(str(verb), slack_escape(verb))
        line = f"{said} by {who(str(settlement.get('by', 'staff')))}"
        lines.append({"type": "mrkdwn", "text": line})
    settled = [
        {"type": "context", "elements": lines[i : i + CONTEXT_ELEMENTS]}
        for i in range(0, len(lines), CONTEXT_ELEMENTS)
    ][-10:]  # the latest ten blocks of who did what: the buttons below say what is still open
    # A long conversation is cut, not the message refused: title, settlements, buttons and
    # a pointer to the whole record must fit in Slack's 50 blocks with it.
    body = sections(text)
    room = MESSAGE_BLOCKS - len(blocks) - len(settled) - 2
    if len(body) > room:
        left = sum(len(b["text"]["text"]) for b in body[room:])
        where = f" · the whole record: `illbot requests show {ref}`" if ref else ""
        body = [*body[:room], note(f"… {left:,} more characters not shown{where}")]
    blocks.extend(body)
    blocks.extend(settled)
    final = any(s.get("verb") in ("approved", "denied") for s in settlements)
    buttons: list[Block] = []
    if awaiting_approval and not final:
        value = str(escalation_id)
        buttons.append(button(APPROVE, "Approve", value, "primary"))
        deny = button(DENY, "Deny", value, "danger")
        deny["confirm"] = {
            "title": plain("Deny this request?"),
            "text": plain("The request is cancelled and the patron is told."),
            "confirm": plain("Deny"),
            "deny": plain("Keep it"),
        }
        buttons.append(deny)
    if can_reply:
        buttons.append(button(REPLY, "Reply to patron", str(escalation_id)))
    if buttons:
        blocks.append(
            {"type": "actions", "block_id": f"escalation:{escalation_id}", "elements": buttons}
        )
    return blocks


def reply_form(escalation_id: int, ref: str | None) -> Block:
    """Return the modal where staff write to the patron an escalation is about."""
    about = f" about {ref}" if ref else ""
    return {
        "type": "modal",
        "callback_id": REPLY_FORM,
        "private_metadata": str(escalation_id),
        "title": plain("Reply to patron"),
        "submit": plain("Send"),
        "close": plain("Cancel"),
        "blocks": [
            {
                "type": "input",
                "block_id": REPLY_INPUT,
                "label": plain(f"Your message{about}"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": REPLY_INPUT,
                    "multiline": True,
                    "max_length": 3000,
                },
            }
        ],
    }
