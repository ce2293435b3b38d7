"""The web chat in a real Chromium, beyond one conversation: notices that arrive while the page
is open (live by server-sent events, or by polling where those cannot be had), notices waiting
at the next sign-in, sign-in by a mailed code, and another library's own page.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.mail.smtp import SmtpConfig, SmtpSender
from bot.mail.tokens import MailIdentity
from tests.web.conftest import ANN_CARD, ANN_PIN, RunningChat, SmtpServer, staff

if TYPE_CHECKING:
    from tests.web.browser import Page, Site

pytest_plugins = ["tests.web.browser"]

NO_EVENT_SOURCE = "delete window.EventSource;"  # a browser (or proxy) without a live stream


def test_a_notice_staff_record_appears_live_and_is_read_out(
    page: Page, site: Site, web_chat: RunningChat
) -> None:
    page.enter(site)
    ref = page.request_sapiens()
    staff(web_chat, "arrived", ref, "--due", "2027-01-10")
    notice = page.wait_text(".transcript .msg-notice .text", "has arrived")
    assert ref in notice.text
    page.until("return document.getElementById('live').textContent.includes('has arrived')")
    assert page.run("return document.body.dataset.live") is None  # it came by the stream


def test_without_a_live_stream_the_page_polls_for_notices(
    page: Page, site: Site, web_chat: RunningChat
) -> None:
    added = page.driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": NO_EVENT_SOURCE}
    )
    try:
        page.enter(site)
        ref = page.request_sapiens()
        assert page.run("return document.body.dataset.live") == "poll"
        staff(web_chat, "arrived", ref, "--due", "2027-01-10")
        page.wait_text(".transcript .msg-notice .text", "has arrived")
        page.until("return document.getElementById('live').textContent.includes('has arrived')")
    finally:
        page.driver.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )


def test_notices_sent_while_away_wait_for_the_next_sign_in(
    page: Page, site: Site, web_chat: RunningChat, axe: str
) -> None:
    page.enter(site)
    ref = page.request_sapiens()
    page.press("Sign out", within=".banner")
    page.wait("#card")  # back at the sign-in form
    web_chat.advance(minutes=5)
    staff(web_chat, "arrived", ref, "--due", "2027-01-10")
    web_chat.advance(minutes=5)

    page.enter(site)
    waiting = page.wait_text("#notice-list .notice", "has arrived")
    assert ref in waiting.text
    assert "-- " not in waiting.text  # shown for the web, not as the mail with its signature
    assert page.wait_text("#request-list .request", ref)
    assert page.axe(axe) == []


async def _mail_out(chat: RunningChat, smtp: SmtpServer) -> int:
    identity = MailIdentity.parse("Interlibrary Loan <ill@sjpl.example>", "test secret 0123456789")
    config = SmtpConfig(host="127.0.0.1", port=smtp.port, security="none", timeout=5.0)
    return await SmtpSender(chat.runtime.sessions, identity, config, chat.clock).drain()


def test_without_sip2_a_mailed_code_signs_the_patron_in(
    page: Page, web_chat_factory: Callable[..., RunningChat], smtp_server: SmtpServer, axe: str
) -> None:
    chat = web_chat_factory(sip2=None)
    page.open(f"{chat.url}/chat/")
    assert page.all("#card") == []
    assert page.axe(axe) == []
    page.wait("#email").send_keys("pat@sjpl.example\n")
    page.wait("#code")
    assert page.axe(axe) == []
    assert "p***@sjpl.example" in page.wait("#code-sent").text
    assert page.focused().startswith("input#code")
    assert asyncio.run(_mail_out(chat, smtp_server)) == 1
    body = smtp_server.messages()[-1].get_body(("plain",))
    assert body is not None
    found = re.search(r"\b(\d{6})\b", body.get_content())
    assert found is not None

    page.wait("#code").send_keys("000000\n")  # a wrong code: one sentence, still here
    page.wait("#sign-in-error")
    page.wait("#code").clear()
    page.wait("#code").send_keys(found.group(1) + "\n")
    page.wait("#message")
    assert "Hello, Pat" in page.wait("#conversation-title").text


def test_another_library_page_has_its_name_colours_and_patrons(
    page: Page, web_chat: RunningChat
) -> None:
    page.sign_in(f"{web_chat.url}/chat/bellevue/", ANN_CARD, ANN_PIN)
    assert page.wait(".library-name").text == "Bellevue University Library"
    banner = page.run("return getComputedStyle(document.querySelector('.banner')).backgroundColor")
    assert banner == "rgb(75, 46, 131)"  # bellevue.toml [web] primary = "#4b2e83"
    assert "Hello, Ann" in page.wait("#conversation-title").text


def test_an_idle_session_ends_and_the_page_offers_to_sign_in_again(
    page: Page, site: Site, web_chat: RunningChat
) -> None:
    page.enter(site)
    web_chat.advance(minutes=31)  # 30 idle minutes end a session
    again = page.wait("#sign-in-again")  # the live stream said so
    assert "signed out" in page.wait("#signed-out").text
    assert page.focused().startswith("button#sign-in-again")
    assert not page.wait("#message").is_enabled()
    again.click()
    page.wait("#card")


def test_renew_from_the_list_of_open_requests(
    page: Page, site: Site, web_chat: RunningChat
) -> None:
    page.enter(site)
    ref = page.request_sapiens()
    due = (web_chat.clock.now() + timedelta(days=5)).date().isoformat()
    staff(web_chat, "arrived", ref, "--due", due)
    staff(web_chat, "checked_out", ref)
    page.wait_text(".transcript .msg-notice .text", "has arrived")
    page.open(site.url)  # the list as the patron finds it when the page is loaded again
    page.until("return document.body.dataset.ready === 'true'")
    renew = page.wait(f"#request-list button[aria-label^='Renew {ref}']")
    renew.click()
    answer = page.wait_text(".transcript .msg-reply .text", "renew")
    assert ref in answer.text
    page.wait_text("#request-list .request", "renewal")
