"""The App Home tab: the patron's open requests, their statuses and due dates, renew and cancel.

Members of the staff channel also see the staff queue there: every open request, soonest
need-by first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.slack.blocks import Block, button, sections
from bot.slack.config import Deps
from bot.slack.identity import ensure_linked
from bot.slack.queue import queue_text
from bot.slack.staff import is_staff_member
from handlers.language import for_notice
from store.identities import patron_by_slack
from store.models import IllRequest
from store.requests import open_requests
from templates import render, slack_escape
from templates.dates import LOCALE, day_words
from templates.i18n import N_, SOURCE, translate
from templates.words import material_words, status_words

RENEW = "illbot_home_renew"
CANCEL = "illbot_home_cancel"
ON_LOAN = frozenset({"checked_out"})
NOT_CANCELLABLE = frozenset({"checked_out", "renewal_requested"})  # common.cancel.checked_out
MAX_SHOWN = 30  # a Home tab holds at most 100 blocks
MAX_BLOCKS = 100
HEADER = N_("Your interlibrary loans")
NONE_OPEN = N_("You have no open requests. Send me an ISBN, DOI or title here.")
MORE = N_("…and %(count)s more: message me “status”.")
TIP = N_("Message me to request something new; say “help” for examples.")
DUE = N_("Due %(day)s")
RENEW_LABEL = N_("Renew")
CANCEL_LABEL = N_("Cancel")


@dataclass(frozen=True)
class HomeRequest:
    """One open request as the Home tab shows it."""

    ref: str
    title: str
    status: str
    due: date | None

    @classmethod
    def of(cls, request: IllRequest, language: str = SOURCE) -> HomeRequest:
        """Describe a stored request (without a title or an identifier, by its kind)."""
        ids = (("ISBN", request.isbn), ("DOI", request.doi), ("PMID", request.pmid))
        named = (f"{kind} {value}" for kind, value in ids if value)
        other = language != SOURCE  # any language but English: its word for the kind
        what = material_words(request.material, language) if other else request.material
        label = f"“{request.title}”" if request.title else next(named, what)
        return cls(request.ref, label, request.status, request.due_date)


@dataclass(frozen=True)
class Home:
    """What the Home tab shows one Slack user."""

    known: bool
    requests: tuple[HomeRequest, ...] = ()
    register: str = ""  # how an unknown user registers, already escaped
    today: date | None = None  # the library's today, so due dates read as words
    language: str = SOURCE  # the patron's language (the staff queue stays English)


def load_home(deps: Deps, user_id: str) -> Home:
    """Read what the user's Home tab shows (runs in a worker thread)."""
    with deps.runtime.sessions() as session:
        patron = patron_by_slack(session, user_id)
        if patron is None:
            profile = deps.runtime.library.profile(None)
            language = profile.languages[0]
            contact = profile.words(language).contact
            context = {"library": profile.name, "contact": contact, "heard": ""}
            if language != SOURCE:
                context[LOCALE] = language
            register = render("replies/unknown_sender", "slack", context)
            return Home(known=False, register=register, language=language)
        mine = open_requests(session, patron.id)
        profile = deps.runtime.library.profile(patron.library)
        today = deps.clock.now().astimezone(profile.timezone).date()
        language = for_notice(session, patron, profile)  # as a notice: the patron's language
        requests = tuple(HomeRequest.of(r, language) for r in mine)
        return Home(known=True, requests=requests, today=today, language=language)


def home_view(home: Home, queue: str | None = None) -> dict[str, Any]:
    """Build the Home tab view; `queue` is the staff queue, for members of the staff channel."""
    language = home.language

    def say(message: str, **values: Any) -> str:
        text = translate(language, message)
        return text % values if values else text

    header = {"type": "header", "text": {"type": "plain_text", "text": say(HEADER)}}
    blocks: list[Block] = [header]
    if not home.known:
        blocks.extend(sections(home.register))
    elif not home.requests:
        blocks.extend(sections(say(NONE_OPEN)))
    for request in home.requests[:MAX_SHOWN]:
        blocks.extend(_request_blocks(request, home.today, language))
    if len(home.requests) > MAX_SHOWN:
        blocks.extend(sections(say(MORE, count=len(home.requests) - MAX_SHOWN)))
    if home.known:
        tip = say(TIP)
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": tip}]})
    if queue is not None:
        title = {"type": "plain_text", "text": "ILL staff queue"}
        blocks.extend([{"type": "divider"}, {"type": "header", "text": title}])
        blocks.extend(sections(queue)[: MAX_BLOCKS - len(blocks)])
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}


def _request_blocks(request: HomeRequest, today: date | None, language: str) -> Sequence[Block]:
    status = status_words(request.status, language)
    lines = [f"*{request.ref}* {slack_escape(request.title)}", status]
    if request.due:
        day = (
            day_words(request.due, today, language)
            if language != SOURCE
            else day_words(request.due, today)
        )
        lines.append(translate(language, DUE) % {"day": day})
    blocks: list[Block] = [{"type": "divider"}, *sections("\n".join(lines))]
    buttons = []
    if request.status in ON_LOAN:
        buttons.append(button(RENEW, translate(language, RENEW_LABEL), request.ref))
    if request.status not in NOT_CANCELLABLE:
        buttons.append(button(CANCEL, translate(language, CANCEL_LABEL), request.ref, "danger"))
    if buttons:
        blocks.append({"type": "actions", "block_id": f"home:{request.ref}", "elements": buttons})
    return blocks


async def publish_home(deps: Deps, user_id: str) -> None:
    """Show the user their current requests on the App Home tab."""
    await ensure_linked(deps.client, deps.runtime.sessions, user_id)
    home = await asyncio.to_thread(load_home, deps, user_id)
    staff = await is_staff_member(deps, user_id) is True  # Slack unsure: the patron's view only
    queue = await asyncio.to_thread(queue_text, deps, None) if staff else None
    await deps.client.views_publish(user_id=user_id, view=home_view(home, queue))
