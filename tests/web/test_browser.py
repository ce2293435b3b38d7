"""The patron web chat in a real Chromium: sign in with a card, request, confirm, cancel.

Each test is something a patron (or a patron using a keyboard or a screen reader) would
notice; the server is the real web app on loopback over a store with the demo directory and a
real SIP2 server (tests/web/conftest.py).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.web.conftest import PAT_CARD, PAT_PIN, RunningChat, free_port

if TYPE_CHECKING:
    from tests.web.browser import Page, Site

pytest_plugins = ["tests.web.browser"]

MARKUP = "<script>window.pwned = 1</script> {{ 7 * 7 }} <b>bold</b>"


def test_patron_requests_confirms_asks_status_and_cancels(page: Page, site: Site) -> None:
    page.enter(site)
    assert "no open requests" in page.wait("#no-requests").text

    page.ask_for_sapiens()
    page.press("Submit")
    page.reply("How much are you willing to pay")
    page.say("nothing, free only")
    done = page.reply("I've requested Sapiens")
    ref = next(word for word in done.text.replace(".", " ").split() if word.startswith("ILL-"))
    listed = page.wait_text("#request-list .request", ref)
    assert "Sapiens" in listed.text
    assert not page.all("#no-requests")[0].is_displayed()

    page.say("where is my request?")
    page.reply(f"{ref} “Sapiens”")

    page.press("Cancel", within="#request-list")
    page.reply("Reply yes or no")
    page.press("Yes")
    page.reply("Cancelled")
    page.until("return document.querySelectorAll('#request-list .request').length === 0")
    assert page.wait("#no-requests").is_displayed()
    assert page.console_errors() == []  # no script error, nothing the CSP had to refuse


def test_wrong_pin_is_refused_in_one_sentence_and_the_form_stays(page: Page, site: Site) -> None:
    page.open(site.url)
    page.wait("#card").send_keys(site.card)
    page.wait("#pin").send_keys("0000", Keys.ENTER)
    error = page.wait("#sign-in-error")
    assert error.get_attribute("role") == "alert"
    assert error.text.endswith(".")
    assert page.all("#message") == []
    assert page.wait("#pin").get_attribute("value") == ""  # the PIN is not left on screen


def test_keyboard_alone_signs_in_reaches_every_control_and_enter_sends(
    page: Page, site: Site
) -> None:
    page.open(site.url)
    stops = page.tab_through()
    assert stops == page.controls()  # every control, in the order they are read
    assert [s.split()[0] for s in stops[1:]] == ["input#card", "input#pin", "button"]

    page.run("document.getElementById('card').focus()")
    page.driver.switch_to.active_element.send_keys(site.card, Keys.TAB, site.pin, Keys.ENTER)
    page.wait("#message")
    page.until("return document.body.dataset.ready === 'true'")
    assert page.focused().startswith("textarea#message")  # focus goes where the patron types

    page.ask_for_sapiens()
    assert page.focused().startswith("textarea#message")  # Enter sent it; the box keeps focus
    stops = page.tab_through()
    assert stops == page.controls()
    for control in ("Sign out", "Submit", "Edit", "textarea#message", "button#send Send"):
        assert any(control in stop for stop in stops), (control, stops)
    # Submit, reached by Tab and pressed with Enter, answers the card; Yes/No the same way.
    page.run("document.querySelector('.answers .answer').focus()")
    page.driver.switch_to.active_element.send_keys(Keys.ENTER)
    page.reply("How much are you willing to pay")
    page.say("nothing, free only")
    page.wait_text("#request-list .request", "Sapiens")
    cancel = page.wait("#request-list button")
    cancel.send_keys(Keys.ENTER)
    page.reply("Reply yes or no")
    assert page.focused().startswith("button Yes")  # the question's answers take the focus
    stops = page.tab_through()
    assert stops == page.controls()
    assert page.ringless == []  # every control Tab reached showed where the focus is


def test_nothing_runs_off_a_320_pixel_screen(page: Page, site: Site) -> None:
    page.narrow(320)
    page.open(site.url)
    page.wait("#card")
    assert page.overflow() == {"scroll": 320, "width": 320, "wide": []}

    page.enter(site)
    page.say("Sapiens, ISBN " + "9780062316097" * 6)  # a long word the line must wrap
    page.wait(".transcript .msg-reply")
    page.ask_for_sapiens()
    page.press("Edit")
    page.wait(".edit-form")
    assert page.overflow() == {"scroll": 320, "width": 320, "wide": []}


def test_every_control_has_a_label(page: Page, site: Site) -> None:
    page.open(site.url)
    page.wait("#card")
    assert page.unlabelled() == []
    assert page.wait("label[for=card]").text == "Library card number"

    page.enter(site)
    page.ask_for_sapiens()
    page.press("Edit")
    page.wait(".edit-form")
    assert page.unlabelled() == []
    title = page.wait(".edit-form input[name=title]")
    assert title.get_attribute("value") == "Sapiens"  # prefilled from the card
    assert title.get_attribute("id") in page.run(
        "return Array.from(document.querySelectorAll('.edit-form label')).map(l => l.htmlFor)"
    )


def test_edit_form_shows_field_errors_and_moves_focus_to_them(page: Page, site: Site) -> None:
    page.enter(site)
    page.ask_for_sapiens()
    page.press("Edit")
    title = page.wait(".edit-form input[name=title]")
    assert page.focused().startswith("input")
    title.clear()
    page.wait(".edit-form button[type=submit]").click()
    error = page.wait(".edit-form .field-error")
    assert "title" in error.text.lower()
    assert title.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") == title.get_attribute("aria-describedby")
    assert page.focused().startswith("input")

    # The server's own checks (bot/request_fields.py) come back under their fields.
    title.send_keys("Sapiens: A Brief History of Humankind")
    copies = page.wait(".edit-form input[name=copies]")
    copies.send_keys("lots")
    page.wait(".edit-form button[type=submit]").click()
    error = page.wait_text(".edit-form .field-error", "copies")
    assert error.get_attribute("id") == copies.get_attribute("aria-describedby")
    assert copies.get_attribute("aria-invalid") == "true"
    assert title.get_attribute("aria-invalid") is None  # fixed, so no longer marked
    assert page.run("return document.activeElement === arguments[0]", copies)

    copies.clear()
    copies.send_keys("1")
    page.wait(".edit-form button[type=submit]").click()
    page.until("return document.querySelector('.edit-form') === null")
    page.wait_text(".transcript .msg-reply .text", "Sapiens: A Brief History of Humankind")


def test_the_live_region_reads_the_reply(page: Page, site: Site) -> None:
    page.enter(site)
    live = page.driver.find_element(By.ID, "live")
    assert live.get_attribute("aria-live") == "polite"
    page.say("Sapiens")
    page.until("return document.getElementById('live').textContent.includes('Title: Sapiens')")


def test_patron_markup_shows_as_text(page: Page, site: Site) -> None:
    page.enter(site)
    page.say(MARKUP)
    mine = page.wait_text(".transcript .msg-patron .text", "window.pwned")
    assert mine.text == MARKUP
    page.wait(".transcript .msg-reply")
    assert page.run("return window.pwned === undefined")
    assert page.all(".transcript b") == []
    assert page.all(".transcript script") == []
    assert page.console_errors() == []
    said = [e.text for e in page.all(".transcript .text")]
    assert not any("49" in text for text in said), said  # {{ 7 * 7 }} was never evaluated


def test_the_pages_have_no_serious_accessibility_problems(page: Page, site: Site, axe: str) -> None:
    page.open(site.url)
    page.wait("#card")
    assert page.axe(axe) == []

    page.enter(site)
    page.ask_for_sapiens()
    page.press("Edit")
    page.wait(".edit-form")
    assert page.axe(axe) == []

    page.narrow(320)
    assert page.axe(axe) == []


class _HostPage(BaseHTTPRequestHandler):
    """A library's own page with the one script tag (its address set by host_page)."""

    script = ""
    lang = "en"

    def do_GET(self) -> None:
        """Serve the library's page."""
        html = (
            f"<!DOCTYPE html><html lang='{self.lang}'><head><meta charset='utf-8'>"
            "<title>Riverside Library</title></head><body><main><h1>Riverside Library</h1>"
            f"<p><a href='#'>Opening hours</a></p></main><script src='{self.script}'></script>"
            "</body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(html)))
        self.end_headers()
        self.wfile.write(html)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""


@pytest.fixture(params=["en"])
def host_page(
    web_chat_factory: Callable[..., RunningChat], request: pytest.FixtureRequest
) -> Iterator[str]:
    """Serve a library's page on another port of loopback, embedding the chat (which lets
    that origin frame it); the page is in English unless a test parametrizes `host_page`."""
    port = free_port()
    running = web_chat_factory(embed_origins=f"http://127.0.0.1:{port}")
    page = {"script": f"{running.url}/chat/embed.js", "lang": request.param}
    handler = type("Host", (_HostPage,), page)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()
    server.server_close()


def test_the_embed_launcher_opens_the_chat_in_a_panel(page: Page, host_page: str) -> None:
    page.open(host_page)
    launcher = page.wait("#illbot-launcher")
    assert launcher.text == "Interlibrary loan chat"
    assert launcher.get_attribute("aria-expanded") == "false"
    assert not page.all("#illbot-panel iframe")

    launcher.send_keys(Keys.ENTER)
    frame = page.wait("#illbot-panel iframe")
    assert launcher.get_attribute("aria-expanded") == "true"
    assert "/chat/?embed=1" in str(frame.get_attribute("src"))
    page.driver.switch_to.frame(frame)
    page.wait("#card")  # the chat's sign-in, inside the panel
    assert page.run("return document.body.classList.contains('embedded')")
    page.wait("#card").send_keys(PAT_CARD)
    page.wait("#pin").send_keys(PAT_PIN, Keys.ENTER)  # its cookies work in the frame
    page.wait("#message")
    page.ask_for_sapiens()
    page.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    page.driver.switch_to.default_content()
    page.until("return document.getElementById('illbot-panel').hidden")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert page.focused().startswith("button#illbot-launcher")

    launcher.click()
    assert page.wait("#illbot-panel iframe").is_displayed()
    launcher.click()
    page.until("return document.getElementById('illbot-panel').hidden")
    assert page.console_errors() == []  # framing allowed, nothing refused


@pytest.mark.parametrize("host_page", ["es"], indirect=True)
def test_the_launcher_of_a_spanish_page_is_in_spanish(page: Page, host_page: str) -> None:
    page.open(host_page)
    launcher = page.wait("#illbot-launcher")
    assert launcher.text == "Chat de préstamo interbibliotecario"
    launcher.click()
    assert page.wait("#illbot-panel iframe").get_attribute("title") == launcher.text


def test_a_confirmed_request_as_the_readme_shows_it(page: Page, site: Site) -> None:
    """Run the README's screenshot; ILLBOT_WEB_SCREENSHOT=docs/web_chat.png saves it."""
    page.viewport(1100, 920)
    page.enter(site)
    ref = page.request_sapiens()
    page.wait_text("#request-list .request", ref)
    page.run("document.activeElement.blur()")
    target = os.environ.get("ILLBOT_WEB_SCREENSHOT")
    if target:
        assert page.driver.get_screenshot_as_file(target)
