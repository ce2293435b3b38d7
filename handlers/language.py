"""The patron's language: which one a turn or a notice is written in, and the `language` intent.

A turn is written in the first of: a switch the patron asked for ("en español", "English
please"; remembered for the conversation), the directory's `language`, the language this
message is written in, the language remembered for the conversation (the last message that
said which), the library's default (its profile's first). Only a language the profile lists is
ever used; asking for another is answered, in the current language, with those it offers.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers import conversation
from handlers.turn import Turn
from handlers.understand import Reading
from handlers.understand.language import detect
from policy.profile import Profile
from store.db import flushing_only
from store.models import Conversation, Patron
from templates.i18n import N_, _

# How a reply names each language the bot writes, in the language it is written in.
LANGUAGE_NAMES = {"en": N_("English"), "es": N_("Spanish")}
SWITCHED_REPLY = "language_switched"  # the reply to "English please" (the web page reloads on it)


@dataclass(frozen=True)
class Choice:
    """The language a turn is written in, and the switch the message asked for, if any."""

    language: str
    asked: str | None = None  # the language the patron asked to switch to (may not be offered)


def asked_for(reading: Reading) -> str | None:
    """Return the language a `language` message asks for ("es"), else None."""
    if reading.intent != "language":
        return None
    code = getattr(reading.entities, "language", None)
    return code.strip().lower() if isinstance(code, str) and code.strip() else None


def choose(patron: Patron, profile: Profile, state: Conversation, reading: Reading) -> Choice:
    """Choose the language of a turn, remembering a switch or a first language seen."""
    asked = asked_for(reading)
    if asked is not None and profile.speaks(asked):
        if len(profile.languages) > 1:
            conversation.remember_language(state, asked, switched=True)
        return Choice(asked, asked)
    remembered = state.data.get(conversation.LANGUAGE)
    switched = bool(state.data.get(conversation.SWITCHED))
    if switched and profile.speaks(remembered):
        return Choice(str(remembered), asked)
    if profile.speaks(patron.language):
        return Choice(str(patron.language), asked)
    # Detected per message, remembered for the messages too short to tell ("ILL-3", "sí"): a
    # patron who writes English after Spanish is answered in English.
    detected = getattr(reading, "language", None)
    if profile.speaks(detected) and len(profile.languages) > 1:
        conversation.remember_language(state, str(detected), switched=False)
        return Choice(str(detected), asked)
    if profile.speaks(remembered):
        return Choice(str(remembered), asked)
    return Choice(profile.languages[0], asked)


def for_sender(profile: Profile, text: str, patron: Patron | None = None) -> str:
    """Return the language to answer a sender the bot will not serve (unknown, unverified) in:
    the directory's, else the language their message is written in, else the profile's first."""
    if patron is not None and profile.speaks(patron.language):
        return str(patron.language)
    written = detect(text)
    return written if written and profile.speaks(written) else profile.languages[0]


def for_notice(session: Session, patron: Patron, profile: Profile) -> str:
    """Return the language of a notice: the one the patron asked for, else the directory's,
    else the last conversation's, else the profile's first."""
    return spoken(session, patron, profile) or profile.languages[0]


def spoken(session: Session, patron: Patron, profile: Profile) -> str | None:
    """Return the language the patron is written to outside a turn (notices, the web page).

    A switch they asked for ("English please") comes first, then the directory's language, then
    the language of their latest conversation; None when nothing the library offers is known.
    """
    if len(profile.languages) == 1:  # one language: nothing to look up
        return profile.languages[0]
    last, switched = _last_spoken(session, patron)
    if switched and profile.speaks(last):
        return str(last)
    if profile.speaks(patron.language):
        return str(patron.language)
    return str(last) if profile.speaks(last) else None


def _last_spoken(session: Session, patron: Patron) -> tuple[str | None, bool]:
    """Return the latest conversation's language, and whether the patron asked for it."""
    query = (
        select(Conversation.data)
        .where(Conversation.patron_id == patron.id)
        .order_by(Conversation.updated_at.desc())
    )
    with flushing_only(session, Conversation):
        found = session.scalars(query.limit(20)).all()
    for data in found:
        language = (data or {}).get(conversation.LANGUAGE)
        if language:
            return str(language), bool(data.get(conversation.SWITCHED))
    return None, False


def offered(profile: Profile) -> str:
    """Name the languages a profile offers, in the current language ("English or Spanish")."""
    names = [_(LANGUAGE_NAMES.get(code, code)) for code in profile.languages]
    if len(names) == 1:
        return names[0]
    return _("%(some)s or %(last)s", some=", ".join(names[:-1]), last=names[-1])


def handle(turn: Turn) -> None:
    """Answer a switch: say the language now used, or which ones the library offers.

    A language not offered, or none named ("can you write in another language?"), is answered
    in the current language with those the library offers.
    """
    asked = asked_for(turn.reading)
    if asked is not None and turn.profile.speaks(asked):
        turn.reply(
            SWITCHED_REPLY,
            intent="language",
            outcome="done",
            entities={"language": asked},
            language=asked,
        )
        return
    turn.reply(
        "language_not_offered",
        intent="language",
        outcome="refused",
        entities={"language": asked} if asked else {},
        asked=asked or "",
        offered=offered(turn.profile),
        offered_count=len(turn.profile.languages),
    )
