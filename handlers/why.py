"""`why`: repeat the reason for the last refusal, in the policy's own words."""

from __future__ import annotations

from handlers import policy_answer
from handlers.turn import Turn
from handlers.understand.about_money import speaks_of_money
from policy.profile import Rule
from templates.i18n import SOURCE


def handle(turn: Turn) -> None:
    """Quote the rules behind the patron's last refusal."""
    last = turn.conversation.data.get("last_refusal")
    if not last and speaks_of_money(turn.inbound.text):
        policy_answer.answer(turn, "cost")  # "why do I have to pay $15?": what they owe, and why
        return
    if not last:
        turn.reply("why_nothing", intent="why", outcome="done")
        return
    if last.get("lender"):  # the lender decided: no rule of the library's to quote
        ref = last.get("ref") or ""
        turn.reply("why_lender", intent="why", outcome="done", ref=ref, what=last["lender"])
        return
    known = {r.id: r for r in turn.profile.rules}
    reasons = [
        {"id": rid, "summary": _summary(known[rid], turn.language), "says": known[rid].says}
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


def _summary(rule: Rule, language: str) -> str:
    """The rule in plain words for the patron: the staff summary in English, else the library's
    own words for it in the patron's language (its answer, or an explanation that needs no
    values), and the summary when the library gave none; the policy's words are quoted apart."""
    if language == SOURCE:
        return rule.summary
    for key in ("answer", "explain"):
        words = rule.words.get(language, {}).get(key, "")
        if words and "{" not in words:
            return words
    return rule.summary
