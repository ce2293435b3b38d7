"""The web chat's routes, on the same aiohttp app as /healthz (bot/health.py, bot/slack/service.py).

Every POST is checked first: an Origin (when sent) that is the page's own, and the CSRF token
(the session's once signed in, else the double-submit cookie's). Then the signed-in patron's
routes need a live session: 401 otherwise, and the page shows the sign-in form again.
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.web import api, events
from bot.web.cards import contact, sign_in_by_card
from bot.web.codes import Outcome, masked, send_code, verify_code
from bot.web.config import WebChat
from bot.web.language import (
    chat_strings,
    known_language,
    page_language,
    request_language,
    say,
)
from bot.web.limits import client_key
from bot.web.sessions import (
    CSRF_COOKIE,
    FORBIDDEN,
    Cookies,
    csrf_allowed,
    new_token,
    origin_allowed,
    security_middleware,
)
from bot.web.signed import ENDED, Signed, begin, finish, signed_in, token_hash
from bot.web.views import first_name, library_json, render_page
from handlers.confirm import FORMAT_LABELS
from policy.profile import Profile
from store.db import reading, transaction
from store.models import Patron
from templates.i18n import N_, translate

log = logging.getLogger(__name__)
STATIC_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
API = "/chat/api"
STATIC = "/chat/static"
NO_LIBRARY = N_("No such library.")
BY_CODE = N_("Please sign in with a code sent to your email address.")
NEED_CARD = N_("Please write your library card number and PIN.")
NO_MATCH = N_("That card number and PIN do not match our records.")
NEED_EMAIL = N_("Please write your email address.")
NEED_CODE = N_("Please write the code we sent you.")
Patronal = Callable[[WebChat, Signed, web.Request], Awaitable[web.StreamResponse]]


def add_web_chat(app: web.Application, chat: WebChat) -> None:
    """Add the web chat's page, files and API under /chat/ to an aiohttp app not yet started."""
    app.middlewares.append(security_middleware(chat.embed_origins))
    routes = Routes(chat)
    add = app.router
    add.add_get("/chat", routes.to_page)
    add.add_get("/chat/", routes.page)
    add.add_get("/chat/embed.js", routes.embed)
    add.add_get("/chat/static/{name}", routes.static)
    add.add_post(f"{API}/sign-in", routes.sign_in)
    add.add_post(f"{API}/code", routes.code)
    add.add_post(f"{API}/code/verify", routes.verify)
    add.add_post(f"{API}/sign-out", routes.sign_out)
    add.add_get(f"{API}/state", routes.patronal(_state, keep_alive=True))
    add.add_post(f"{API}/messages", routes.patronal(api.message, keep_alive=True, post=True))
    add.add_get(f"{API}/messages", routes.patronal(events.poll))
    add.add_post(f"{API}/form", routes.patronal(api.form, keep_alive=True, post=True))
    add.add_get(f"{API}/events", routes.patronal(events.stream))
    add.add_get("/chat/{library}/", routes.page)
    log.info("web chat: /chat/ (sign-in by %s)", chat.sign_in)


async def _state(chat: WebChat, signed: Signed, request: web.Request) -> web.Response:
    accept = request.headers.get("Accept-Language")
    return web.json_response(await asyncio.to_thread(api.state, chat, signed, accept))


class Routes:
    """The route handlers, over one WebChat."""

    def __init__(self, chat: WebChat) -> None:
        self.chat = chat
        self.cookies = Cookies(chat.public_url)

    def profile(self, library: str | None) -> Profile | None:
        """Return a library's profile, the default one when none is named."""
        return self.chat.runtime.library.profiles.get(library or self.chat.library)

    async def to_page(self, _request: web.Request) -> web.StreamResponse:
        """Send /chat to /chat/ (the cookies' path)."""
        raise web.HTTPFound("/chat/")

    async def page(self, request: web.Request) -> web.Response:
        """Serve the chat page of a library, with a CSRF token for its script."""
        profile = self.profile(request.match_info.get("library"))
        accept = request.headers.get("Accept-Language")
        if profile is None:
            default = self.chat.runtime.library.profile(None)
            sentence = say(page_language(default, None, accept), NO_LIBRARY)
            return web.Response(status=404, text=f"{sentence}\n")
        signed = await signed_in(self.chat, request, keep_alive=True)
        if signed is not None and signed.library != profile.id:
            signed = None  # signed in at another library's page: this one asks again
        patron, known = await asyncio.to_thread(self._patron, signed, profile)
        language = page_language(profile, known, accept)
        csrf = signed.csrf if signed else request.cookies.get(CSRF_COOKIE) or new_token()
        formats = [(value, translate(language, label)) for value, label in FORMAT_LABELS.items()]
        context = {
            "library": library_json(profile),
            "signed_in": signed is not None,
            "patron_name": first_name(patron),
            "csrf": csrf,
            "sign_in": self.chat.sign_in,
            "embed": request.query.get("embed") == "1",
            "api": API,
            "static": STATIC,
            "formats": formats,  # the Edit form's choices, as Slack's
            "contact": contact(profile, language),
            "locale": language,
            "strings": chat_strings(language),  # chat.js's own words, in the page's language
        }
        html = render_page(self.chat.templates, context)
        response = web.Response(text=html, content_type="text/html")
        if request.cookies.get(CSRF_COOKIE) != csrf:
            self.cookies.set_csrf(response, request, csrf)
        return response

    def _patron(self, signed: Signed | None, profile: Profile) -> tuple[Patron | None, str | None]:
        """Return the signed-in patron (read after the session closes) and their language."""
        if signed is None:
            return None, None
        with reading(self.chat.runtime.sessions) as session:
            patron = session.get(Patron, signed.patron_id)
            known = known_language(session, patron, profile)
            if patron is not None:
                session.expunge(patron)
            return patron, known

    async def embed(self, _request: web.Request) -> web.StreamResponse:
        """Serve the launcher script a library puts on its own site."""
        return self._file("embed.js")

    async def static(self, request: web.Request) -> web.StreamResponse:
        """Serve one file of bot/web/static/ (names only: no folders, no way out of it)."""
        return self._file(request.match_info["name"])

    def _file(self, name: str) -> web.StreamResponse:
        path = self.chat.static / name
        if not STATIC_NAME.fullmatch(name) or ".." in name or not path.is_file():
            raise web.HTTPNotFound()
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if name.endswith(".js"):
            kind = "text/javascript"
        headers = {"Content-Type": kind, "Cache-Control": "public, max-age=300"}
        return web.Response(body=path.read_bytes(), headers=headers)

    def refused(self, request: web.Request, signed: Signed | None) -> web.Response | None:
        """Check a POST's Origin and CSRF token; the 403 to answer, or None when it passes."""
        expected = signed.csrf if signed else request.cookies.get(CSRF_COOKIE)
        if not origin_allowed(request, self.chat.public_url) or not csrf_allowed(request, expected):
            log.info("web: a POST to %s refused (origin or CSRF token)", request.path)
            library = signed.library if signed else None
            return api.error(403, say(self._language(request, library), FORBIDDEN))
        return None

    def patronal(
        self, handler: Patronal, *, keep_alive: bool = False, post: bool = False
    ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        """Wrap a route that needs a live session (and, for a POST, the checks above)."""

        async def route(request: web.Request) -> web.StreamResponse:
            signed = await signed_in(self.chat, request, keep_alive)
            if signed is None:
                response = api.error(401, say(self._language(request, None), ENDED))
                self.cookies.clear_session(response)
                return response
            if post and (refused := self.refused(request, signed)) is not None:
                return refused
            return await handler(self.chat, signed, request)

        return route

    def _language(self, request: web.Request, library: str | None) -> str:
        """Return the language to answer in: the page's, among the library's languages."""
        profile = self.profile(library) or self.chat.runtime.library.profile(None)
        return request_language(request, profile)

    async def _before_sign_in(
        self, request: web.Request
    ) -> tuple[web.Response | None, dict[str, Any], Profile]:
        """Check the POST; read its body and the library it signs in to (the default one)."""
        signed = await signed_in(self.chat, request, keep_alive=False)
        refused = self.refused(request, signed)
        data = await api.json_body(request) or {}
        library = data.get("library")
        profile = self.profile(library if isinstance(library, str) else None)
        if profile is None:  # a library this installation does not serve
            refused = refused or api.error(400, say(self._language(request, None), NO_LIBRARY))
            profile = self.chat.runtime.library.profile(None)
        return refused, data, profile

    async def sign_in(self, request: web.Request) -> web.Response:
        """POST /chat/api/sign-in {card, pin}: sign in with a library card."""
        refused, data, profile = await self._before_sign_in(request)
        if refused is not None:
            return refused
        language = request_language(request, profile)
        if self.chat.sip2 is None:
            return api.error(404, say(language, BY_CODE))
        card, pin = data.get("card"), data.get("pin")
        if not isinstance(card, str) or not isinstance(pin, str) or not card.strip():
            return api.error(400, say(language, NEED_CARD))
        if len(card) > 64 or len(pin) > 64:
            return api.error(401, say(language, NO_MATCH))
        client = client_key(request)
        outcome = await sign_in_by_card(self.chat, profile, card, pin, client, language)
        return await self._signed(request, outcome, language)

    async def code(self, request: web.Request) -> web.Response:
        """POST /chat/api/code {email}: mail a one-time code (the same answer for anyone)."""
        refused, data, profile = await self._before_sign_in(request)
        if refused is not None:
            return refused
        language = request_language(request, profile)
        email = data.get("email")
        if not isinstance(email, str) or "@" not in email or len(email) > 254:
            return api.error(400, say(language, NEED_EMAIL))
        client = client_key(request)
        outcome = await asyncio.to_thread(self._send, profile, email, client, language)
        if outcome.error:
            return api.error(outcome.status, outcome.error)
        return web.json_response({"ok": True, "sent_to": masked(email)})

    def _send(self, profile: Profile, email: str, client: str, language: str) -> Outcome:
        with transaction(self.chat.runtime.sessions) as session:
            return send_code(session, profile, email, client, self.chat.clock.now(), language)

    async def verify(self, request: web.Request) -> web.Response:
        """POST /chat/api/code/verify {email, code}: sign in with the mailed code."""
        refused, data, profile = await self._before_sign_in(request)
        if refused is not None:
            return refused
        language = request_language(request, profile)
        email, code = data.get("email"), data.get("code")
        if not isinstance(email, str) or not isinstance(code, str) or len(code) > 20:
            return api.error(400, say(language, NEED_CODE))
        client = client_key(request)
        outcome = await asyncio.to_thread(self._verify, profile, email, code, client, language)
        return await self._signed(request, outcome, language)

    def _verify(
        self, profile: Profile, email: str, code: str, client: str, language: str
    ) -> Outcome:
        with transaction(self.chat.runtime.sessions) as session:
            now = self.chat.clock.now()
            return verify_code(session, profile, email, code, client, now, language)

    async def _signed(
        self, request: web.Request, outcome: Outcome, language: str = "en"
    ) -> web.Response:
        """Start the session of a patron who signed in; or say why not."""
        if outcome.patron is None:
            status = outcome.status if outcome.error else 401
            return api.error(status, outcome.error or say(language, ENDED))
        old = token_hash(request)
        if old is not None:  # a new session, never the one the browser came with
            await asyncio.to_thread(finish, self.chat, old)
        csrf = request.cookies.get(CSRF_COOKIE) or new_token()
        token = await asyncio.to_thread(begin, self.chat, outcome.patron, csrf)
        log.info("web: signed in")
        response = web.json_response({"ok": True, "csrf": csrf})
        self.cookies.set_session(response, request, token)
        self.cookies.set_csrf(response, request, csrf)
        return response

    async def sign_out(self, request: web.Request) -> web.Response:
        """POST /chat/api/sign-out: end the session here and in the store."""
        signed = await signed_in(self.chat, request, keep_alive=False)
        refused = self.refused(request, signed)
        if refused is not None:
            return refused
        if signed is not None:
            await asyncio.to_thread(finish, self.chat, signed.token_hash)
            log.info("web: signed out")
        response = web.json_response({"ok": True})
        self.cookies.clear_session(response)
        return response
