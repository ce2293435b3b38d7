"""The web chat in Spanish: the page, its script's words and the API's sentences.

The page is in the signed-in patron's language, else the browser's (Accept-Language) among the
library's languages, else the library's first; `<html lang>` follows. SJPL offers English and
Spanish, Bellevue English only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape
from typing import Any

from store.db import transaction
from store.models import IllRequest, Patron
from tests.web.conftest import PAT_CARD, Browser, RunningChat

Browsers = Callable[[RunningChat], Browser]
SPANISH_BROWSER = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}


async def _page(visitor: Browser, url: str, headers: dict[str, str] | None = None) -> str:
    async with visitor.http.get(url, headers=headers or {}) as page:
        assert page.status == 200
        return await page.text()


def _lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]*)">', html)
    assert found, html[:200]
    return found.group(1)


def _strings(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="chat-strings">(.*?)</script>', html)
    assert found, "the page hands chat.js its words"
    loaded: dict[str, Any] = json.loads(unescape(found.group(1)))
    return loaded


def _speaks_spanish(chat: RunningChat, patron_id: str = "sj-card") -> None:
    with transaction(chat.runtime.sessions) as session:
        patron = session.get(Patron, patron_id)
        assert patron is not None
        patron.language = "es"


async def test_a_spanish_browser_gets_the_sign_in_page_in_spanish(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    html = await _page(browsers(web_chat), f"{web_chat.url}/chat/", SPANISH_BROWSER)
    assert _lang(html) == "es"
    for words in (
        "<h1>Chat de préstamo interbibliotecario</h1>",
        "Use el número de su tarjeta de la biblioteca y su PIN.",
        '<label for="card">Número de la tarjeta de la biblioteca</label>',
        '<button type="submit" class="primary">Iniciar sesión</button>',
        "¿No puede iniciar sesión? Consulte a",
    ):
        assert words in html
    assert "Sign in" not in html and "Library card number" not in html
    strings = _strings(html)
    assert strings["need_card"] == "Escriba el número de su tarjeta de la biblioteca y su PIN."
    assert strings["unreachable"].startswith("El chat no pudo comunicarse con la biblioteca")


async def test_the_page_stays_english_for_an_english_or_unoffered_language(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    visitor = browsers(web_chat)
    for headers in ({}, {"Accept-Language": "en-US,en;q=0.9"}, {"Accept-Language": "fr-FR"}):
        html = await _page(visitor, f"{web_chat.url}/chat/", headers)
        assert _lang(html) == "en", headers
        assert "<h1>Interlibrary loan chat</h1>" in html and "Library card number" in html
        assert _strings(html)["need_card"] == "Enter your library card number and your PIN."
    # Bellevue offers English only: a Spanish browser reads its page in English.
    html = await _page(visitor, f"{web_chat.url}/chat/bellevue/", SPANISH_BROWSER)
    assert _lang(html) == "en" and "Sign in" in html


async def test_a_wrong_pin_is_said_in_the_pages_language(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    visitor = browsers(web_chat)
    await visitor.open()
    status, answer = await visitor.post(
        "sign-in", {"card": PAT_CARD, "pin": "0000"}, headers=SPANISH_BROWSER
    )
    assert status == 401
    assert answer["error"] == (
        "Ese número de tarjeta y ese PIN no coinciden con nuestros registros. "
        "Por favor, revíselos e inténtelo de nuevo."
    )
    status, answer = await visitor.post("sign-in", {"card": PAT_CARD, "pin": "0000"})
    assert answer["error"].startswith("That card number and PIN do not match our records.")


async def test_a_spanish_speaking_patron_reads_the_chat_in_spanish(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    _speaks_spanish(web_chat)
    visitor = browsers(web_chat)
    status, _ = await visitor.sign_in()  # an English browser: the patron's language wins
    assert status == 200
    html = await _page(visitor, f"{web_chat.url}/chat/")
    assert _lang(html) == "es"
    for words in (
        '<h2 id="conversation-title">Hola, Pat</h2>',
        '<button type="submit" class="quiet">Cerrar sesión</button>',
        '<label for="message">Su mensaje</label>',
        '<h2 id="requests-title" tabindex="-1">Sus solicitudes abiertas</h2>',
        "<legend>Cambie lo que voy a solicitar</legend>",
        "<label>Autor (opcional)</label>",
        '<option value="ebook">Libro electrónico</option>',
        '<button type="submit" class="primary">Solicitarlo</button>',
    ):
        assert words in html
    assert "Your message" not in html and "Request it" not in html
    strings = _strings(html)
    assert (strings["edit"], strings["renew"], strings["you"]) == ("Editar", "Renovar", "Usted")
    assert strings["due"] == "Vence el %(day)s"

    # chat.js sends the page's language; the API answers in it.
    status, answer = await visitor.post(
        "messages", {"id": "m-1", "text": "  "}, headers={"Accept-Language": "es"}
    )
    assert (status, answer) == (400, {"error": "Por favor, escriba un mensaje."})
    fields = {"title": "", "copies": "0", "edition": "x" * 51}
    status, answer = await visitor.post(
        "form", {"id": "f-1", "fields": fields}, headers={"Accept-Language": "es"}
    )
    assert status == 400
    assert answer["errors"]["title"] == "Escriba el título que quiere."
    assert answer["errors"]["edition"] == "Escriba como máximo 50 caracteres aquí."
    assert answer["errors"]["copies"] == "Escriba un número de ejemplares del 1 al 99."


async def test_an_english_speaking_patrons_chat_is_unchanged(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    visitor = browsers(web_chat)
    await visitor.sign_in()
    html = await _page(visitor, f"{web_chat.url}/chat/")
    assert _lang(html) == "en"
    assert '<h2 id="conversation-title">Hello, Pat</h2>' in html
    assert '<option value="ebook">Ebook</option>' in html
    assert _strings(html)["edit"] == "Edit"
    status, answer = await visitor.post("messages", {"id": "m-1", "text": " "})
    assert (status, answer) == (400, {"error": "Please write a message."})


async def test_a_spanish_speaking_patrons_requests_and_answer_buttons_are_in_spanish(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    _speaks_spanish(web_chat)
    now = web_chat.clock.now()
    with transaction(web_chat.runtime.sessions) as session:
        request = IllRequest(
            patron_id="sj-card",
            library="sjpl",
            category="cardholder",
            material="book",
            title="Cien años de soledad",
            item_key="title:cien años de soledad",
            status="submitted",
            channel="web",
            created_at=now,
            recorded_on=now.date(),
        )
        session.add(request)
        session.flush()
        ref = request.ref
    visitor = browsers(web_chat)
    await visitor.sign_in()
    status, state = await visitor.get("state")
    assert status == 200
    (shown,) = state["requests"]
    assert shown["ref"] == ref and shown["status"].startswith("recibido")
    answer = await visitor.say(f"cancel {ref}")
    asked = answer["messages"][-1]
    assert [(a["label"], a["says"]) for a in asked["answers"]] == [("Sí", "yes"), ("No", "no")]
    assert answer["requests"][0]["status"].startswith("recibido")


async def test_a_switch_tells_the_page_its_language_and_the_next_load_is_in_it(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    _speaks_spanish(web_chat)
    visitor = browsers(web_chat)
    await visitor.sign_in()
    answer = await visitor.say("hola, ¿cómo va mi solicitud?")
    assert "language" not in answer  # no switch asked: the page stays as it is
    answer = await visitor.say("English please")
    assert answer["language"] == "en"
    assert "English" in answer["messages"][-1]["text"]
    html = await _page(visitor, f"{web_chat.url}/chat/")
    assert _lang(html) == "en" and '<label for="message">Your message</label>' in html
    answer = await visitor.say("en español, por favor")
    assert answer["language"] == "es"
    assert _lang(await _page(visitor, f"{web_chat.url}/chat/")) == "es"
