"""The answers the bot offers with a question, the same on every channel that shows buttons.

Slack shows them as buttons (bot/slack/blocks.py), the web chat as buttons too (bot/web). A
button's `says` is posted as the patron's next message, so pressing it is answering in words.
The labels are in the message's language (its context's `locale`); `says` stays the English
word every reader understands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from templates.dates import LOCALE
from templates.i18n import N_, language_of, translate

CONFIRM = "request_confirm"
REASK = "still_waiting"  # a question asked again: its answers are those of the question
FEE_QUESTION = "fee_question"
YES_NO = frozenset({"cancel_confirm", "ask_print_copy", FEE_QUESTION})
SUBMIT = N_("Submit")
YES = N_("Yes")
NO = N_("No")
ELSEWHERE = N_("Another library")  # a lender's charge: staff look for one that charges less


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
    language: str = "en"  # the language of the question, and of the buttons' other words


def offered_answers(template: str, context: dict[str, Any], meta: dict[str, Any]) -> Offered | None:
    """Return the answers offered with a question (which one? yes or no?), else None."""
    if meta.get("outcome") != "needs_info":
        return None
    language = language_of(context.get(LOCALE))
    if template == REASK:
        template = str(context.get("asked") or "")
    if template == CONFIRM:
        form = context.get("form") or {}
        submit = Answer(translate(language, SUBMIT), "yes")
        return Offered((submit,), confirm=True, form=dict(form), language=language)
    if template == "which":
        refs = [str(r) for r in meta.get("requests") or []]
        count = len(context.get("choices") or [])
        answers = [Answer(ref, ref) for ref in refs] or [
            Answer(str(n), str(n)) for n in range(1, count + 1)
        ]
    elif template in YES_NO:
        answers = [Answer(translate(language, YES), "yes"), Answer(translate(language, NO), "no")]
        if template == FEE_QUESTION:
            answers.append(Answer(translate(language, ELSEWHERE), "another library"))
    else:
        return None
    if not answers:
        return None
    return Offered(tuple(answers), language=language)
