"""One patron message being handled: who, what they said, and what the bot answers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from handlers.messages import Inbound, Outgoing
from handlers.understand import Reading
from policy.decision import Finding, PatronFacts
from policy.fees import AHEAD
from policy.payers import pays_fees
from policy.profile import Profile
from store.models import Conversation, IllRequest, Patron
from templates import render_string
from templates.dates import LOCALE, TODAY
from templates.i18n import SOURCE, current
from templates.words import material_words, published_words, status_words

# Replies about one request the patron already has; they name it in their entities.
_ABOUT_A_REQUEST = frozenset({"status", "renew", "cancel", "confirm", "fee_answer"})
HELD = "illbot.turn_rows"  # session.info: the rows a turn has loaded or added, held strongly


@contextmanager
def holding_rows(session: Session) -> Iterator[None]:
    """Keep every row a turn loads or adds in memory until the turn ends."""
    session.info[HELD] = []
    try:
        yield
    finally:
        del session.info[HELD]


@event.listens_for(Session, "loaded_as_persistent")
@event.listens_for(Session, "pending_to_persistent")
def _hold(session: Session, instance: Any) -> None:
    # The identity map holds rows weakly: a request the turn recorded and let go of would be
    # read again by the statement that writes its reply (one SELECT per row, per reply).
    held = session.info.get(HELD)
    if held is not None:
        held.append(instance)


@dataclass
class Turn:
    """The context a handler works in; handlers add replies to `out`."""

    session: Session
    inbound: Inbound
    patron: Patron
    profile: Profile
    conversation: Conversation
    reading: Reading
    out: list[Outgoing] = field(default_factory=list)
    language: str = SOURCE  # the patron's language this turn (handlers/language.py)

    @property
    def today(self) -> date:
        """Return the library-local date of the message."""
        return self.inbound.at.astimezone(self.profile.timezone).date()

    @property
    def patron_facts(self) -> PatronFacts:
        """Return what policy needs to know about the patron."""
        p = self.patron
        return PatronFacts(p.id, p.category, p.standing, p.registered, p.cleared, p.household)

    def reply(self, template: str, *, intent: str, outcome: str, **fields: Any) -> None:
        """Answer the patron with a template; `fields` are Outgoing fields or template context."""
        self.out.append(self._outgoing("reply", template, intent=intent, outcome=outcome, **fields))

    def escalate(self, template: str, **fields: Any) -> None:
        """Hand something to staff in their channel."""
        self.out.append(self._outgoing("escalation", template, to_staff=True, **fields))

    def _outgoing(self, kind: str, template: str, **fields: Any) -> Outgoing:
        names = set(Outgoing.__dataclass_fields__) - {"kind", "template", "context"}
        own = {k: v for k, v in fields.items() if k in names}
        context = {k: v for k, v in fields.items() if k not in names}
        context.setdefault("heard", self.reading.text)
        if own.get("request_id") is not None and own.get("intent") in _ABOUT_A_REQUEST:
            # The simulator's contract: outputs about a named request carry it as entities.ref.
            own.setdefault("entities", {"ref": f"ILL-{own['request_id']}"})
        return Outgoing(kind=kind, template=template, context=context, **own)


def explain(
    finding: Finding,
    request: IllRequest | None = None,
    *,
    profile: Profile | None = None,
    today: date | None = None,
    **extra: Any,
) -> dict[str, str]:
    """Put a rule's explanation in plain words, with the policy's own wording beside it.

    With the profile, `pays_fees` says whether the request's patron can be charged at all, so a
    rule's words keep "any ILL fee is still due" from those every fee rule exempts. With today,
    the dates it names are words for the patron ("Thursday, December 3"), else ISO for staff.
    A patron reads the rule's words in the language being spoken (`[rules.es]`), its dates in
    that language's words; the policy's own words (`says`) stay as the library wrote them.
    """
    language = current() if today is not None else SOURCE  # staff read English
    can_pay = pays_fees(profile, request.category) if profile and request else True
    context: dict[str, Any] = {
        "pays_fees": can_pay,
        "ref": request.ref if request else "",
        "status_words": status_words(request.status, language) if request else "",
        "material_words": material_words(str(finding.data.get("material", "")), language),
        "count": finding.data.get("count", ""),
        "need_by": finding.data.get("need_by", ""),
        "holding_status": finding.data.get("holding_status", ""),
        **{k: v for k, v in finding.data.items() if isinstance(v, str | bool)},
        **extra,
    }
    if "published_on" in finding.data:  # material.published: the date in the reader's words
        context["published"] = published_words(str(finding.data["published_on"]), language)
    if today is not None:
        context[TODAY] = today
        if language != SOURCE:  # English dates as they always were (the default locale)
            context[LOCALE] = language
    rule = finding.rule
    instead = rule.said("instead", language)
    # A fee told ahead of its step ("… when it is sent to a lender") reads as the rule's answer,
    # else its summary: its explain is written for the moment the fee is charged.
    told = (rule.said("answer", language) or rule.summary) if finding.data.get(AHEAD) else None
    return {
        "id": rule.id,
        "explain": render_string(told or rule.said("explain", language) or rule.summary, context),
        "instead": render_string(instead, context) if instead else "",
        "says": rule.says,
    }
