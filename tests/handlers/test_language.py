"""Which language the bot writes to a patron in, and the patron asking for another one.

A switch the patron asked for, the directory's language, the language of the message, the
language remembered for the conversation, the library's default: on SQLite and PostgreSQL,
through the whole bot (`illbot sim`), with the reader's language readings decided here.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import handlers.core
from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from bot.sim import Simulator
from handlers.scheduler import run_tick
from handlers.understand import Reading, understand
from handlers.understand.reading import Entities
from policy.profile import SHIPPED_DIR, load_profiles
from store.db import transaction
from store.models import OutboxMessage, Patron

SJPL = (SHIPPED_DIR / "sjpl.toml").read_text(encoding="utf-8")
# How the reader is made to read each message here: the language it is in, or a switch.
READINGS = {
    "en español por favor": Reading(
        "language", Entities(language="es"), text="en español por favor", language="es"
    ),
    "English please": Reading(
        "language", Entities(language="en"), text="English please", language="en"
    ),
    "en français": Reading("language", Entities(language="fr"), text="en français"),
    "another language?": Reading("language", text="another language?", language="en"),
    "¿qué es préstamo interbibliotecario?": Reading(
        "help", text="¿qué es préstamo interbibliotecario?", language="es"
    ),
    "what can you do?": Reading("help", text="what can you do?", language="en"),
    "ILL-9": Reading("help", text="ILL-9", language=None),
}


class Bot:
    """The whole bot through the simulator, one minute between messages."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.sim = Simulator(runtime)
        self.minute = 0

    def run(self, *events: dict[str, Any]) -> list[dict[str, Any]]:
        out = io.StringIO()
        self.sim.run([json.dumps(e) for e in events], out, last=False)
        return [json.loads(line) for line in out.getvalue().splitlines()]

    def patron(self, pid: str, library: str, category: str, language: str | None = None) -> None:
        """Put a patron in the directory, with the language the directory gives, if any."""
        self.run({"type": "patron", "id": pid, "library": library, "category": category})
        with transaction(self.runtime.sessions) as session:
            patron = session.get(Patron, pid)
            assert patron is not None
            patron.language = language

    def say(self, pid: str, text: str, day: str = "2026-10-01") -> list[dict[str, Any]]:
        """Send a message; return the bot's replies to the patron."""
        self.minute += 1
        event = {"type": "message", "at": f"{day}T10:{self.minute:02d}", "from": pid, "text": text}
        return [o for o in self.run(event) if o.get("kind") == "reply"]

    def notices(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        """Run a staff event; return the notices it sent the patron."""
        return [o for o in self.run(event) if o.get("kind") == "notice"]

    def locales(self, pid: str) -> list[str]:
        """Return the language of every message written to the patron, oldest first."""
        with self.runtime.sessions() as session:
            query = select(OutboxMessage).where(OutboxMessage.patron_id == pid)
            rows = session.scalars(query.order_by(OutboxMessage.id))
            return [str(row.context.get("locale")) for row in rows]


@pytest.fixture
def bot(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[Bot]:
    def reading(text: str, *, today: date, **kwargs: Any) -> Reading:
        return READINGS.get(text) or understand(text, today=today, **kwargs)

    monkeypatch.setattr(handlers.core, "understand", reading)
    runtime = open_runtime(load_settings(), database_url)
    bot = Bot(runtime)
    bot.patron("ana", "sjpl", "cardholder")
    yield bot
    runtime.engine.dispose()


def test_a_spanish_message_is_answered_in_spanish_and_the_language_kept(bot: Bot) -> None:
    bot.say("ana", "¿qué es préstamo interbibliotecario?")
    bot.say("ana", "ILL-9")  # says nothing of its language: the conversation's is kept
    bot.say("ana", "what can you do?")  # written in English: answered in English
    bot.say("ana", "ILL-9")  # and that is what the conversation keeps now
    assert bot.locales("ana") == ["es", "es", "en", "en"]


def test_the_profiles_first_language_when_nothing_says(bot: Bot) -> None:
    bot.say("ana", "ILL-9")
    bot.say("ana", "¿qué es préstamo interbibliotecario?")  # the first that says which
    assert bot.locales("ana") == ["en", "es"]


def test_asking_for_spanish_switches_and_is_remembered_across_turns(bot: Bot) -> None:
    (switched,) = bot.say("ana", "en español por favor")
    assert switched["text"] == "De acuerdo, le escribiré en español."
    assert (switched["intent"], switched["outcome"]) == ("language", "done")
    bot.say("ana", "what can you do?", day="2026-10-05")
    assert bot.locales("ana") == ["es", "es"]


def test_asking_for_english_switches_back(bot: Bot) -> None:
    bot.say("ana", "¿qué es préstamo interbibliotecario?")
    (switched,) = bot.say("ana", "English please")
    assert switched["text"] == "Sure, I'll write to you in English from now on."
    bot.say("ana", "¿qué es préstamo interbibliotecario?")
    assert bot.locales("ana") == ["es", "en", "en"]


def test_the_directory_language_wins_over_the_message(bot: Bot) -> None:
    bot.patron("lucia", "sjpl", "cardholder", language="es")
    bot.say("lucia", "what can you do?")
    bot.say("lucia", "ILL-9")
    assert bot.locales("lucia") == ["es", "es"]


def test_a_switch_overrides_the_directory_for_the_conversation(bot: Bot) -> None:
    bot.patron("lucia", "sjpl", "cardholder", language="es")
    (switched,) = bot.say("lucia", "English please")
    assert switched["text"] == "Sure, I'll write to you in English from now on."
    bot.say("lucia", "¿qué es préstamo interbibliotecario?")
    assert bot.locales("lucia") == ["en", "en"]


def test_a_library_that_writes_only_english_never_answers_in_spanish(bot: Bot) -> None:
    bot.patron("rivera", "johnjay", "faculty", language=None)
    bot.say("rivera", "¿qué es préstamo interbibliotecario?")
    (refused,) = bot.say("rivera", "en español por favor")
    assert refused["text"] == "Sorry, here I can only write to you in English."
    assert (refused["intent"], refused["outcome"]) == ("language", "refused")
    assert bot.locales("rivera") == ["en", "en"]


def test_a_language_not_offered_is_answered_with_those_that_are(bot: Bot) -> None:
    (english,) = bot.say("ana", "en français")
    assert english["text"] == (
        "Sorry, I can't write to you in that language here. I can write in English or Spanish."
    )
    bot.say("ana", "en español por favor")
    (spanish,) = bot.say("ana", "en français")  # in the language being spoken
    assert spanish["text"] == (
        "Lo siento, aquí no puedo escribirle en ese idioma. Puedo escribirle en inglés o español."
    )
    assert bot.locales("ana") == ["en", "es", "es"]


def test_a_refusal_is_explained_in_spanish_with_the_policys_own_words_kept(bot: Bot) -> None:
    bot.patron("joe", "sjpl", "cardholder", language="es")
    bot.run({"type": "patron", "id": "joe", "library": "sjpl", "category": "cardholder",
             "standing": "blocked"})  # fmt: skip
    (reply,) = bot.say("joe", "I need ISBN 9780307474728, free only")
    rule = load_profiles()["sjpl"].rule("sjpl.eligibility.standing")
    assert reply["outcome"] == "refused"
    assert "Su tarjeta de la biblioteca está bloqueada en este momento" in reply["text"]
    assert "Your library card is blocked" not in reply["text"]
    (why,) = bot.say("joe", "why?")
    assert rule.says in why["text"]  # the policy's words, as the library wrote them


def test_a_scheduler_notice_to_a_spanish_patron_is_in_spanish(bot: Bot) -> None:
    bot.patron("lucia", "sjpl", "cardholder", language="es")
    (recorded,) = bot.say("lucia", "I need ISBN 9780307474728, free only")
    assert "La mayoría de los materiales llegan en 2 a 7 días" in recorded["text"]  # [delivery.es]
    bot.say("ana", "¿qué es préstamo interbibliotecario?")  # Spanish, not in the directory
    bot.say("ana", "Necesito el ISBN 9780262033848, gratis por favor")
    for ref in ("ILL-1", "ILL-2"):
        bot.run(
            {"type": "staff", "at": "2026-10-02T09:00", "action": "sent", "request": ref},
            {"type": "staff", "at": "2026-10-09T09:00", "action": "arrived", "request": ref,
             "due": "2026-11-13"},
            {"type": "staff", "at": "2026-10-10T09:00", "action": "checked_out", "request": ref},
        )  # fmt: skip
    with transaction(bot.runtime.sessions) as session:
        at = datetime.fromisoformat("2026-11-10T10:00-06:00")
        rows = [r for r in run_tick(session, at, bot.runtime.library) if r.patron_id]
        told = {r.patron_id: (r.meta["notice"], r.context["locale"], r.text) for r in rows}
    assert told["lucia"][:2] == ("due_soon", "es")
    assert told["ana"][:2] == ("due_soon", "es")  # her conversation's language
    assert "viernes, 13 de noviembre" in told["lucia"][2]  # the rule's words, dates in Spanish


def test_notices_follow_a_switch_the_patron_asked_for_over_the_directory(bot: Bot) -> None:
    bot.patron("lucia", "sjpl", "cardholder", language="es")
    bot.say("lucia", "English please")
    bot.say("lucia", "I need ISBN 9780307474728, free only")
    sent = bot.notices(
        {"type": "staff", "at": "2026-10-02T09:00", "action": "sent", "request": "ILL-1"}
    )
    assert [n["notice"] for n in sent] == ["sent"] and "lending library" in sent[0]["text"]
    assert bot.locales("lucia")[-1] == "en"
    bot.say("lucia", "en español por favor")
    arrived = bot.notices(
        {"type": "staff", "at": "2026-10-05T09:00", "action": "arrived", "request": "ILL-1",
         "due": "2026-11-13"}
    )  # fmt: skip
    assert bot.locales("lucia")[-1] == "es" and "13 de noviembre" in arrived[0]["text"]


def test_asking_for_another_language_without_naming_it_lists_them(bot: Bot) -> None:
    (reply,) = bot.say("ana", "another language?")
    assert reply["text"] == "I can write to you in English or Spanish: just tell me which."
    assert bot.locales("ana") == ["en"]


def test_the_librarys_own_words_in_spanish_are_used_for_spanish_patrons(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    own = '\n[texts]\n"replies/help" = "Ask me anything."\n'
    own += '[texts.es]\n"replies/help" = "Pregúnteme lo que quiera."\n'
    (tmp_path / "sjpl.toml").write_text(SJPL + own, encoding="utf-8")
    monkeypatch.setattr(handlers.core, "understand", lambda text, **_: READINGS[text])
    settings = load_settings().model_copy(update={"profiles_dir": tmp_path})
    bot = Bot(open_runtime(settings, sqlite_url))
    try:
        bot.patron("ana", "sjpl", "cardholder")
        bot.patron("lucia", "sjpl", "cardholder", language="es")
        (english,) = bot.say("ana", "what can you do?")
        (spanish,) = bot.say("lucia", "what can you do?")
    finally:
        bot.runtime.engine.dispose()
    assert (english["text"], spanish["text"]) == ("Ask me anything.", "Pregúnteme lo que quiera.")


@pytest.mark.parametrize(
    ("library", "text", "spanish"),
    [
        ("sjpl", "Hola, quisiera pedir el libro Cien años de soledad", True),
        ("sjpl", "Hello, I would like to request a book", False),
        ("johnjay", "Hola, quisiera pedir el libro Cien años de soledad", False),  # English only
    ],
)
def test_someone_not_in_the_directory_is_answered_in_the_words_they_wrote(
    database_url: str, library: str, text: str, spanish: bool
) -> None:
    runtime = open_runtime(load_settings(library=library), database_url)
    try:
        event = {"type": "message", "at": "2026-10-01T10:00", "from": "x@elsewhere.example",
                 "text": text}  # fmt: skip
        (reply,) = Bot(runtime).run(event)
    finally:
        runtime.engine.dispose()
    assert reply["intent"] == "register" and reply["outcome"] == "refused"
    assert ("Todavía no encuentro sus datos en el directorio" in reply["text"]) is spanish
    assert ("I don't have you in the library's directory" in reply["text"]) is not spanish
