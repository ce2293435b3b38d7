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
from store.identities import patron_by_slack
from store.models import IllRequest
from store.requests import open_requests
from templates import render, slack_escape
from templates.dates import day_words
from templates.words import status_words

RENEW = "illbot_home_renew"
CANCEL = "illbot_home_cancel"
ON_LOAN = frozenset({"checked_out"})
NOT_CANCELLABLE = frozenset({"checked_out", "renewal_requested"})  # common.cancel.checked_out
MAX_SHOWN = 30  # a Home tab holds at most 100 blocks
MAX_BLOCKS = 100


@dataclass(frozen=True)
class HomeRequest:
    """One open request as the Home tab shows it."""

    ref: str
    title: str
    status: str
    due: date | None

    @classmethod
    def of(cls, request: IllRequest) -> HomeRequest:
        """Describe a stored request."""
        ids = (("ISBN", request.isbn), ("DOI", request.doi), ("PMID", request.pmid))
        named = (f"{kind} {value}" for kind, value in ids if value)
        label = f"“{request.title}”" if request.title else next(named, request.material)
        return cls(request.ref, label, request.status, request.due_date)


@dataclass(frozen=True)
class Home:
    """What the Home tab shows one Slack user."""

    known: bool
    requests: tuple[HomeRequest, ...] = ()
    register: str = ""  # how an unknown user registers, already escaped
    today: date | None = None  # the library's today, so due dates read as words


def load_home(deps: Deps, user_id: str) -> Home:
    """Read what the user's Home tab shows (runs in a worker thread)."""
    with deps.runtime.sessions() as session:
        patron = patron_by_slack(session, user_id)
        if patron is None:
            profile = deps.runtime.library.profile(None)
            context = {"library": profile.name, "contact": profile.contact, "heard": ""}
            return Home(known=False, register=render("replies/unknown_sender", "slack", context))
        mine = open_requests(session, patron.id)
        zone = deps.runtime.library.profile(patron.library).timezone
        today = deps.clock.now().astimezone(zone).date()
        return Home(known=True, requests=tuple(HomeRequest.of(r) for r in mine), today=today)


def home_view(home: Home, queue: str | None = None) -> dict[str, Any]:
    """Build the Home tab view; `queue` is the staff queue, for members of the staff channel."""
    header = {"type": "header", "text": {"type": "plain_text", "text": "Your interlibrary loans"}}
    blocks: list[Block] = [header]
    if not home.known:
        blocks.extend(sections(home.register))
    elif not home.requests:
        blocks.extend(sections("You have no open requests. Send me an ISBN, DOI or title here."))
    for request in home.requests[:MAX_SHOWN]:
        blocks.extend(_request_blocks(request, home.today))
    if len(home.requests) > MAX_SHOWN:
        blocks.extend(sections(f"…and {len(home.requests) - MAX_SHOWN} more: message me “status”."))
    if home.known:
        tip = "Message me to request something new; say “help” for examples."
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": tip}]})
    if queue is not None:
        title = {"type": "plain_text", "text": "ILL staff queue"}
        blocks.extend([{"type": "divider"}, {"type": "header", "text": title}])
        blocks.extend(sections(queue)[: MAX_BLOCKS - len(blocks)])
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}


def _request_blocks(request: HomeRequest, today: date | None) -> Sequence[Block]:
    lines = [f"*{request.ref}* {slack_escape(request.title)}", status_words(request.status)]
    if request.due:
        lines.append(f"Due {day_words(request.due, today)}")
    blocks: list[Block] = [{"type": "divider"}, *sections("\n".join(lines))]
    buttons = []
    if request.status in ON_LOAN:
        buttons.append(button(RENEW, "Renew", request.ref))
    if request.status not in NOT_CANCELLABLE:
        buttons.append(button(CANCEL, "Cancel", request.ref, "danger"))
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
