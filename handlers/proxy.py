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
    # "Can my daughter pick it up? Her name is Ana Diaz."
    re.compile(rf"\b(?:[Hh]er|[Hh]is|[Tt]heir)\s+name\s+is\s+{NAME}"),
    re.compile(rf"\b(?:[Ss]e\s+llama|[Ss]u\s+nombre\s+es)\s+{NAME}"),
    re.compile(rf"\b(?:add|make|set|name|designate)\s+{NAME}\s+as\s+(?:my\s+|a\s+)?proxy"),
    re.compile(rf"\b{NAME}\s+(?:as|is)\s+my\s+proxy"),
)
REMOVING = re.compile(r"\b(?:remove|delete|clear|drop|cancel)\b.*\bproxy\b", re.IGNORECASE)
# "Can my daughter pick it up for me?", "¿Puede pasar mi hijo a recogerlo?": someone else
# collecting the patron's items is the proxy question, whatever the patron calls it.
_SOMEONE = (
    r"(?:my\s+(?:\w+\s+)?(?:daughter|son|wife|husband|partner|mother|father|mom|mum|dad|"
    r"friend|neighbou?r|caregiver|carer|aide|grandson|granddaughter|sister|brother|spouse|"
    r"roommate|colleague|assistant|ta)|someone(?:\s+else)?|somebody(?:\s+else)?|a\s+friend)"
)
SOMEONE_COLLECTS = (
    re.compile(
        rf"\b(?:can|could|may|is\s+it\s+ok\s+(?:if|for)|will\s+you\s+let)\s+{_SOMEONE}\s+"
        # "pick"/"collect" only: "could someone get back to me?" asks for a person
        r"(?:to\s+)?(?:pick|collect)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\bpick\s+(?:it|them|\w+\s+\w+)\s+up\s+for\s+me\b", re.IGNORECASE),
    re.compile(
        r"\b(?:puede|podr[íi]a|pueden)\s+(?:pasar\s+|venir\s+)?(?:mi\s+\w+|alguien(?:\s+m[áa]s)?)"
        r"\s+(?:a\s+)?(?:recoger|buscar)",
        re.IGNORECASE,
    ),
)


def mentions(text: str) -> bool:
    """Tell whether a message is about a proxy: named so, or someone else collecting items."""
    if PROXY.search(text) is not None:
        return True
    return any(pattern.search(text) for pattern in SOMEONE_COLLECTS)


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
