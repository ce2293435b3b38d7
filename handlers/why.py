"""`why`: repeat the reason for the last refusal, in the policy's own words."""

from __future__ import annotations

from handlers.turn import Turn


def handle(turn: Turn) -> None:
    """Quote the rules behind the patron's last refusal."""
    last = turn.conversation.data.get("last_refusal")
    if not last:
        turn.reply("why_nothing", intent="why", outcome="done")
        return
    known = {r.id: r for r in turn.profile.rules}
    reasons = [
        {"id": rid, "summary": known[rid].summary, "says": known[rid].says}
        for rid in last["rules"]
        if rid in known
    ]
    turn.reply(
        "why",
        intent="why",
        outcome="done",
        rules=tuple(last["rules"]),
        reasons=reasons,
        ref=last.get("ref") or "",
    )
