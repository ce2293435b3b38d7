"""A Spanish-speaking patron's whole conversation in Slack, on SQLite and PostgreSQL.

Marta is an SJPL cardholder whose directory entry names no language: her first Spanish
message settles it. She asks for a book with a need-by date and a maximum cost in Spanish,
asks where it is, sends a message too short to tell a language, then asks for English.
Ortega's directory entry says Spanish: he is answered in Spanish whatever he types.
(Notices to a Spanish patron, through staff actions, are in tests/scenarios/sjpl_spanish.jsonl.)
"""

from __future__ import annotations

from store.db import transaction
from store.models import Patron
from tests.slack.conftest import SlackBot

MARTA = "UMARTA"
ORTEGA = "UORTEGA"


def _add_patrons(bot: SlackBot) -> None:
    with transaction(bot.runtime.sessions) as session:
        session.add(
            Patron(
                id="sj-marta", library="sjpl", category="cardholder",
                email="marta@sjpl.example", slack=MARTA,
            )
        )  # fmt: skip
        session.add(
            Patron(
                id="sj-ortega", library="sjpl", category="cardholder",
                email="ortega@sjpl.example", slack=ORTEGA, language="es",
            )
        )  # fmt: skip


async def _say(bot: SlackBot, user: str, text: str, count: int) -> str:
    await bot.slack.dm(user, text)
    return str((await bot.dms(user, count))[-1].params["text"])


async def test_a_patron_who_writes_in_spanish_is_answered_in_spanish(any_bot: SlackBot) -> None:
    bot = any_bot
    _add_patrons(bot)
    done = await _say(
        bot,
        MARTA,
        "Hola, necesito el libro ISBN 9780307474728 para el 20 de diciembre, "
        "puedo pagar hasta 5 dólares",
        1,
    )
    assert "solicité" in done and "ILL-1" in done
    assert "Lo necesita para el" in done and "de diciembre" in done
    assert "I've requested" not in done and "Needed by" not in done
    (request,) = bot.requests()
    assert request.max_cost_cents == 500 and str(request.need_by).endswith("-12-20")

    status = await _say(bot, MARTA, "¿Cuál es el estado de mi pedido?", 2)
    assert "ILL-1" in status and "Sus solicitudes abiertas" in status
    assert "open requests" not in status

    # A message too short to tell keeps the conversation's language.
    short = await _say(bot, MARTA, "ILL-1", 3)
    assert short.startswith("Disculpe") and "Sorry" not in short

    english = await _say(bot, MARTA, "English please", 4)
    assert "English" in english
    back = await _say(bot, MARTA, "status", 5)
    assert "ILL-1" in back and "Sus solicitudes" not in back


async def test_the_directory_language_holds_even_for_english_looking_messages(
    any_bot: SlackBot,
) -> None:
    bot = any_bot
    _add_patrons(bot)
    reply = await _say(bot, ORTEGA, "status", 1)
    assert reply.startswith("No tiene solicitudes de préstamo interbibliotecario")
    assert "ISBN" in reply
    help_text = await _say(bot, ORTEGA, "help", 2)
    assert "renovar ILL-3" in help_text and "cancelar ILL-3" in help_text
