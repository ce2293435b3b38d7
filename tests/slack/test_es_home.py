"""A Spanish-speaking patron's App Home tab: headings, statuses, due dates, buttons in Spanish."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from store.db import transaction
from store.models import IllRequest
from templates.dates import day_words
from tests.slack.conftest import SPANISH, SlackBot, action_ids, add_spanish_patron, button
from tests.slack.fake_slack import Call


def _spanish_patron_with_requests(bot: SlackBot, due: date) -> None:
    now = datetime.now(UTC)
    add_spanish_patron(bot)
    with transaction(bot.runtime.sessions) as session:
        for title, status, due_date in (
            ("Cien años de soledad", "checked_out", due),
            ("Pedro Páramo", "submitted", None),
        ):
            session.add(
                IllRequest(
                    patron_id="sj-es",
                    library="sjpl",
                    category="cardholder",
                    material="book",
                    title=title,
                    item_key=f"title:{title.lower()}",
                    status=status,
                    channel="slack",
                    created_at=now,
                    recorded_on=now.date(),
                    due_date=due_date,
                )
            )


async def _open_home(bot: SlackBot, user: str) -> Call:
    await bot.slack.event({"type": "app_home_opened", "user": user, "tab": "home"})
    return (await bot.fake.wait_for("views.publish", 1, user_id=user))[-1]


async def test_a_spanish_patrons_home_tab_is_in_spanish(bot: SlackBot) -> None:
    due = date.today() + timedelta(days=20)
    _spanish_patron_with_requests(bot, due)
    home = await _open_home(bot, SPANISH)
    header = home.params["view"]["blocks"][0]["text"]["text"]
    assert header == "Sus préstamos interbibliotecarios"
    shown = home.blocks_text()
    assert "Cien años de soledad" in shown and "prestado a su nombre" in shown
    assert f"Vence el {day_words(due, date.today(), 'es')}" in shown  # "Vence el lunes, 21 de …"
    assert "personal de préstamo interbibliotecario" in shown  # the submitted one's status
    assert "Escríbame para solicitar algo nuevo" in shown
    assert "Due " not in shown and "checked out" not in shown
    assert action_ids(home) == ["illbot_home_renew", "illbot_home_cancel"]
    labels = [button(home, a)["text"]["text"] for a in action_ids(home)]
    assert labels == ["Renovar", "Cancelar"]


async def test_an_english_patrons_home_tab_stays_english(bot: SlackBot) -> None:
    due = date.today() + timedelta(days=20)
    _spanish_patron_with_requests(bot, due)
    home = await _open_home(bot, "UFAC")
    assert home.params["view"]["blocks"][0]["text"]["text"] == "Your interlibrary loans"
    assert "You have no open requests. Send me an ISBN, DOI or title here." in home.blocks_text()
