"""What the page and the JSON API show: the page itself, messages, requests and the state.

Texts are plain: the page puts them in with textContent, never as HTML. A notice sent by email
or Slack is rendered again for the web from its stored context, so no mrkdwn or mail signature
shows; when that cannot be done its stored text is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.answers import offered_answers
from policy.profile import Profile
from store.models import IllRequest, OutboxMessage, Patron, WebLine
from templates import render
from templates.dates import day_words
from templates.i18n import SOURCE
from templates.jinja_i18n import install
from templates.words import material_words, status_words

log = logging.getLogger(__name__)
CHANNEL = "web"
ON_LOAN = frozenset({"checked_out"})  # as the App Home (bot/slack/home.py): Renew
NOT_CANCELLABLE = frozenset({"checked_out", "renewal_requested"})  # common.cancel.checked_out
FIRST_VISIT = timedelta(days=30)  # notices shown on a patron's first visit
TITLES = frozenset({"dr.", "dr", "prof.", "prof", "mr.", "mrs.", "ms.", "mx."})


@cache
def page_environment(folder: Path) -> Environment:
    """Return the Jinja environment of the page: autoescaped, whatever the file's name."""
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        auto_reload=False,
    )
    install(env, "html", lambda _context, value: value)  # the page's words in its `locale`
    return env


def render_page(folder: Path, context: dict[str, Any]) -> str:
    """Render templates/web/page.html.j2 with the page's context."""
    return page_environment(folder).get_template("web/page.html.j2").render(context)


def library_json(profile: Profile) -> dict[str, Any]:
    """Describe the library for the page: id, name and its colours."""
    return {"id": profile.id, "name": profile.name, "colours": dict(profile.web)}


def first_name(patron: Patron | None) -> str | None:
    """Return the patron's first name (not a title such as Dr.), or None."""
    words = (patron.name or "").split() if patron is not None else []
    named = [w for w in words if w.lower() not in TITLES]
    return named[0] if named else None


def request_json(request: IllRequest, language: str = SOURCE) -> dict[str, Any]:
    """Describe one of the patron's open requests, with what its buttons may do."""
    ids = (("ISBN", request.isbn), ("DOI", request.doi), ("PMID", request.pmid))
    named = (f"{kind} {value}" for kind, value in ids if value)
    other = language != SOURCE  # without a title or identifier, its kind in the language
    what = material_words(request.material, language) if other else request.material
    title = request.title or next(named, what)
    described = {
        "ref": request.ref,
        "title": title,
        "status": status_words(request.status, language),
        "due": request.due_date.isoformat() if request.due_date else None,
        "renew": request.status in ON_LOAN,
        "cancel": request.status not in NOT_CANCELLABLE,
    }
    if language != SOURCE and request.due_date:  # the English page shows the ISO date
        described["due_words"] = day_words(request.due_date, None, language)
    return described


def message_json(row: OutboxMessage) -> dict[str, Any]:
    """Describe an outbox row as the page shows it, with the answers it offers."""
    context = dict(row.context or {})
    meta = dict(row.meta or {})
    offer = offered_answers(row.template, context, meta) if row.kind == "reply" else None
    ref = context.get("ref") or meta.get("request")
    return {
        "id": row.id,
        "at": row.created_at.isoformat(),
        "kind": "notice" if row.kind == "notice" else "reply",
        "text": web_text(row),
        "ref": str(ref) if ref else None,
        "answers": [{"label": a.label, "says": a.says} for a in offer.answers] if offer else [],
        "form": (offer.form or None) if offer is not None and offer.confirm else None,
    }


def line_json(line: WebLine) -> dict[str, Any]:
    """Describe what the patron wrote, as the page shows it again (its id is negative)."""
    return {
        "id": -line.id,  # never an outbox id: the page tells the two apart and dedupes by id
        "at": line.at.isoformat(),
        "kind": "patron",
        "text": line.text,
        "ref": None,
        "answers": [],
        "form": None,
    }


def conversation(rows: list[dict[str, Any]], lines: Sequence[WebLine]) -> list[dict[str, Any]]:
    """Put the patron's lines among the bot's messages: each after the rows written before it."""
    placed = [(float(m["id"]), m) for m in rows]
    placed += [(line.after_outbox + 0.5, line_json(line)) for line in lines]
    return [message for _, message in sorted(placed, key=lambda pair: pair[0])]


def web_text(row: OutboxMessage) -> str:
    """Return the row's words for the page: as written for the web, else rendered for it."""
    if row.channel == CHANNEL:
        return row.text
    name = row.template if "/" in row.template else f"replies/{row.template}"
    try:
        return render(name, CHANNEL, dict(row.context or {}))
    except Exception as exc:  # a context an older release wrote: its own channel's text
        log.debug("web: outbox %s shown as stored (%s)", row.id, type(exc).__name__)
        return row.text


def notices_from(web_session_previous: datetime | None, now: datetime) -> datetime:
    """Return the moment notices are shown from: the previous visit, or 30 days back."""
    return web_session_previous or now - FIRST_VISIT
