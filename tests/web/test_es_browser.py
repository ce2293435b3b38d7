"""A Spanish-speaking patron in a real Chromium: the page, the confirm card and its Edit form.

chat.js writes no English of its own: its words come from the page, in the page's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db import transaction
from store.models import Patron
from tests.web.conftest import RunningChat

if TYPE_CHECKING:
    from tests.web.browser import Page, Site

pytest_plugins = ["tests.web.browser"]


def _speaks_spanish(web_chat: RunningChat) -> None:
    """Give the site's patron (Pat Miller, SJPL) Spanish in the directory."""
    with transaction(web_chat.runtime.sessions) as session:
        patron = session.get(Patron, "sj-card")
        assert patron is not None
        patron.language = "es"


def test_a_spanish_patron_confirms_and_edits_in_spanish(
    page: Page, site: Site, web_chat: RunningChat
) -> None:
    _speaks_spanish(web_chat)
    page.enter(site)
    assert page.run("return document.documentElement.lang") == "es"
    assert page.wait("#conversation-title").text == "Hola, Pat"
    assert page.wait("#no-requests").text == "No tiene solicitudes abiertas."

    page.say("Sapiens")
    card = page.wait_text(".msg-reply", "Sapiens")
    assert card.find_element("css selector", ".who-name").text == "Biblioteca"
    mine = page.all(".msg-patron .who-name")
    assert [m.text for m in mine] == ["Usted"]
    labels = [b.text for b in page.all(".answers button")]
    assert labels == ["Enviar", "Editar"]

    page.press("Editar")
    form = page.wait(".edit-form")
    assert form.find_element("css selector", "legend").text == "Cambie lo que voy a solicitar"
    title = form.find_element("css selector", "input[name='title']")
    title.clear()
    form.find_element("css selector", "button[type='submit']").click()
    page.wait_text(".edit-form .field-error", "Escriba el título que quiere.")
    assert page.wait(".edit-form .form-error").text == "Por favor, corrija los campos marcados."
    assert page.console_errors() == []


def test_english_please_brings_the_whole_page_back_in_english_with_its_history(
    page: Page, site: Site, web_chat: RunningChat
) -> None:
    _speaks_spanish(web_chat)  # the directory says Spanish; the patron asks for English
    page.enter(site)
    assert page.wait("#conversation-title").text == "Hola, Pat"

    page.say("English please")
    page.wait_text("#conversation-title", "Hello, Pat")  # the page reloaded in English
    page.until("return document.documentElement.lang === 'en' && document.body.dataset.ready")
    assert page.wait("#no-requests").text == "You have no open requests."
    page.wait_text(".msg-reply", "in English")  # the answer is still on screen after it
    assert [m.text for m in page.all(".msg-patron .who-name")] == ["You"]
    page.until("return document.activeElement.id === 'message'")  # ready to type on

    page.say("status")  # and it stays English: the switch outranks the directory
    page.wait_text(".msg-reply", "You have no open interlibrary loan requests")
    assert page.run("return document.documentElement.lang") == "en"
    assert page.console_errors() == []
