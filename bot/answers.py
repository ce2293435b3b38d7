"""The answers the bot offers with a question, the same on every channel that shows buttons.

Slack shows them as buttons (bot/slack/blocks.py), the web chat as buttons too (bot/web). A
button's `says` is posted as the patron's next message, so pressing it is answering in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CONFIRM = "request_confirm"
REASK = "still_waiting"  # a question asked again: its answers are those of the question
YES_NO = frozenset({"cancel_confirm", "ask_print_copy", "fee_question"})


@dataclass(frozen=True)
class Answer:
    """One offered answer: what its button says, and the words it stands for."""

    label: str
    says: str


@dataclass(frozen=True)
class Offered:
    """The answers offered with one question; `form` is the confirm card's fields (its Edit)."""

    answers: tuple[Answer, ...]
    confirm: bool = False
    form: dict[str, Any] = field(default_factory=dict)


def offered_answers(template: str, context: dict[str, Any], meta: dict[str, Any]) -> Offered | None:
    """Return the answers offered with a question (which one? yes or no?), else None."""
    if meta.get("outcome") != "needs_info":
        return None
    if template == REASK:
        template = str(context.get("asked") or "")
    if template == CONFIRM:
        form = context.get("form") or {}
        return Offered((Answer("Submit", "yes"),), confirm=True, form=dict(form))
    if template == "which":
        refs = [str(r) for r in meta.get("requests") or []]
        count = len(context.get("choices") or [])
        answers = [Answer(ref, ref) for ref in refs] or [
            Answer(str(n), str(n)) for n in range(1, count + 1)
        ]
    elif template in YES_NO:
        answers = [Answer("Yes", "yes"), Answer("No", "no")]
    else:
        return None
    if not answers:
        return None
    return Offered(tuple(answers))
