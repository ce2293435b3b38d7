"""Cookies, CSRF and the security headers of every /chat/ answer.

The session cookie holds a random token; the store keeps only its hash (store.web). Before
sign-in a POST proves it comes from our page by double-submit: the `illbot_csrf` cookie's value
in the X-CSRF-Token header; after sign-in, the header must equal the session's own token. An
Origin header, when the browser sends one, must be the page's origin.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler

from templates.i18n import N_

SESSION_COOKIE = "illbot_web"
CSRF_COOKIE = "illbot_csrf"
CSRF_HEADER = "X-CSRF-Token"
COOKIE_PATH = "/chat/"
FORBIDDEN = N_("This page could not be checked. Please reload it and try again.")


def new_token() -> str:
    """Return a fresh random token (32 bytes, URL-safe)."""
    return secrets.token_urlsafe(32)


def same(given: str | None, expected: str | None) -> bool:
    """Compare two tokens in constant time; an empty one never matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


@dataclass(frozen=True)
class Cookies:
    """How the chat's cookies are set: Secure behind HTTPS."""

    public_url: str | None = None

    def secure(self, request: web.Request) -> bool:
        """Tell whether cookies get the Secure flag for this request."""
        if self.public_url:
            return self.public_url.startswith("https://")
        return request.secure

    def set_session(self, response: web.StreamResponse, request: web.Request, token: str) -> None:
        """Give the browser its session cookie (HttpOnly, SameSite=Lax, Path=/chat/)."""
        response.set_cookie(
            SESSION_COOKIE,
            token,
            path=COOKIE_PATH,
            httponly=True,
            samesite="Lax",
            secure=self.secure(request),
        )

    def set_csrf(self, response: web.StreamResponse, request: web.Request, token: str) -> None:
        """Give the browser the double-submit token (readable by the page's script)."""
        response.set_cookie(
            CSRF_COOKIE, token, path=COOKIE_PATH, samesite="Lax", secure=self.secure(request)
        )

    def clear_session(self, response: web.StreamResponse) -> None:
        """Make the browser forget its session cookie."""
        response.del_cookie(SESSION_COOKIE, path=COOKIE_PATH)


def page_origin(request: web.Request, public_url: str | None) -> str:
    """Return the origin the page is served from: the public URL's, else this request's."""
    if public_url:
        parts = urlsplit(public_url)
        return f"{parts.scheme}://{parts.netloc}".lower()
    return f"{request.scheme}://{request.host}".lower()


def origin_allowed(request: web.Request, public_url: str | None) -> bool:
    """Tell whether the request's Origin (when it has one) is the page's own.

    With no public URL the scheme is not compared: behind a proxy that ends TLS the browser's
    https origin reaches us as plain http on the same host. The host must match all the same.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if public_url:
        return origin.lower() == page_origin(request, public_url)
    return urlsplit(origin.lower()).netloc == request.host.lower()


def csrf_allowed(request: web.Request, expected: str | None) -> bool:
    """Tell whether the X-CSRF-Token header carries the expected token."""
    return same(request.headers.get(CSRF_HEADER), expected)


def content_policy(embed_origins: str) -> str:
    """Return the Content-Security-Policy of every /chat/ answer."""
    ancestors = " ".join(["'self'", *embed_origins.split()])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'; frame-ancestors {ancestors}; base-uri 'none'; form-action 'self'"
    )


def security_middleware(embed_origins: str) -> web.middleware:  # type: ignore[valid-type]
    """Return a middleware adding the security headers to every /chat/ answer, errors too."""
    policy = content_policy(embed_origins)

    @web.middleware
    async def secured(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith("/chat"):
            return await handler(request)
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            response = exc
            add_security_headers(response, request, policy)
            raise
        add_security_headers(response, request, policy)
        return response

    return secured


def add_security_headers(response: web.StreamResponse, request: web.Request, policy: str) -> None:
    """Add the security headers to an answer not yet started."""
    if response.prepared:  # a stream (SSE) got its headers when it started
        return
    response.headers["Content-Security-Policy"] = policy
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.path.startswith("/chat/api/"):
        response.headers["Cache-Control"] = "no-store"
