"""`proxy`: name (or remove) someone who may pick up the patron's items."""

from __future__ import annotations

import re

from handlers.turn import Turn, explain
from policy.decision import Finding
from store.requests import change_patron

PROXY = re.compile(r"\bprox(?:y|ies)\b", re.IGNORECASE)
NAME = r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
NAMING = (
    re.compile(rf"\bproxy\s*(?:is|:|=|will be|should be|to be)\s+{NAME}"),
    re.compile(rf"\b(?:add|make|set|name|designate)\s+{NAME}\s+as\s+(?:my\s+|a\s+)?proxy"),
    re.compile(rf"\b{NAME}\s+(?:as|is)\s+my\s+proxy"),
)
REMOVING = re.compile(r"\b(?:remove|delete|clear|drop|cancel)\b.*\bproxy\b", re.IGNORECASE)


def mentions(text: str) -> bool:
    """Tell whether a message is about a proxy."""
    return PROXY.search(text) is not None


def named(text: str) -> str | None:
    """Return the proxy's name as the patron wrote it, if the message names one."""
    for pattern in NAMING:
        match = pattern.search(text)
        if match:
            return match.group("name").strip().rstrip(".")
    return None


def handle(turn: Turn) -> None:
    """Record, remove or explain the patron's proxy, under the library's proxy rule."""
    rules = turn.profile.rules_checking("patron.proxy")
    if not rules:
        turn.reply("proxy_unavailable", intent="proxy", outcome="refused")
        return
    rule, text = rules[0], turn.inbound.text
    if REMOVING.search(text):
        change_patron(turn.session, turn.patron, proxy=None)
        turn.reply("proxy_removed", intent="proxy", outcome="done", rules=(rule.id,))
        return
    name = named(text)
    if name is None:
        turn.reply(
            "proxy_ask",
            intent="proxy",
            outcome="needs_info",
            rules=(rule.id,),
            current=turn.patron.proxy or "",
            says=rule.says,
        )
        return
    change_patron(turn.session, turn.patron, proxy=name)
    reason = explain(Finding(rule, "note"), today=turn.today, proxy=name)
    turn.reply("proxy_set", intent="proxy", outcome="done", rules=(rule.id,), reason=reason)
