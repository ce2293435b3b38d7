"""A small local Slack Web API that records every call, and Slack's side of the HTTP requests.

`FakeSlack` answers `/api/<method>` like Slack would (auth.test, chat.postMessage with a ts,
users.info and conversations.members from tables, ok otherwise), can refuse the next calls of
a method, optionally only those to one channel (a 429 with Retry-After, a 500, an error such as
`channel_not_found`), answer slowly, or stall every call after the first n (the bot then waits
on an answer that never comes, as when it is killed mid-post), and also takes the POSTs Bolt
sends to a `response_url`.
Like Slack, it refuses a message or view that breaks Block Kit's limits (`invalid_blocks`).
`SlackSide` sends events, commands and clicks to the bot signed like Slack signs them.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import aiohttp
from slack_sdk.signature import SignatureVerifier

BOT_USER = "UBOT"


@dataclass
class Call:
    """One request the bot made to the fake Slack."""

    method: str
    params: dict[str, Any]
    status: int

    def blocks_text(self) -> str:
        """Return all text inside the call's blocks (or view blocks), joined."""
        blocks = self.params.get("blocks") or (self.params.get("view") or {}).get("blocks") or []
        return json.dumps(blocks, ensure_ascii=False)


@dataclass
class Refusal:
    """An error answer queued for a method's next call."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    channel: str | None = None  # only calls to this channel


@dataclass
class FakeSlack:
    """The fake Web API; `url` is its base, as ILLBOT_SLACK_API_URL."""

    users: dict[str, str] = field(default_factory=dict)  # user id → email users.info reports
    members: dict[str, list[str]] = field(default_factory=dict)  # channel → member user ids
    slow: dict[str, float] = field(default_factory=dict)  # method → seconds before answering
    calls: list[Call] = field(default_factory=list)
    refusals: dict[str, list[Refusal]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None
    ts: int = 0
    socket_url: str = ""  # what apps.connections.open hands out, for Socket Mode
    stall_after: dict[str, int] = field(default_factory=dict)  # method → answered calls first
    unstalled: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        """Return the Web API base URL."""
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    @property
    def response_url(self) -> str:
        """Return a response_url that lands here."""
        return self.url.replace("/api/", "/respond/hook")

    def start(self) -> None:
        """Serve on a free loopback port in a thread."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            """Hand every request to the fake."""

            def do_POST(self) -> None:
                """Answer a Web API call or a response_url post."""
                fake._handle(self)

            do_GET = do_POST

            def log_message(self, *args: Any) -> None:
                """Keep test output quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        """Stop serving."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def refuse(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        error: str = "ratelimited",
        channel: str | None = None,
    ) -> None:
        """Answer the next `times` calls of a method (to `channel`) with an error (429 default)."""
        headers = {"Retry-After": str(retry_after)} if status == 429 else {}
        refusal = Refusal(status, {"ok": False, "error": error}, headers, channel)
        with self.lock:
            self.refusals.setdefault(method, []).extend([refusal] * times)

    def stall(self, method: str, after: int) -> None:
        """Answer `after` more calls of a method, then hold every later one until `unstall`."""
        with self.lock:
            done = len([c for c in self.calls if c.method == method and c.status == 200])
            self.stall_after[method] = done + after
            self.unstalled.clear()

    def unstall(self) -> None:
        """Let the held calls go: they are answered 503, as by a Slack the bot never heard."""
        with self.lock:
            self.stall_after.clear()
        self.unstalled.set()

    def stalled(self, method: str) -> list[Call]:
        """Return the calls of a method being held (status 0: never answered)."""
        with self.lock:
            return [c for c in self.calls if c.method == method and c.status == 0]

    def called(self, method: str, **match: Any) -> list[Call]:
        """Return the successful calls of a method whose params include `match`."""
        with self.lock:
            calls = [c for c in self.calls if c.method == method and c.status == 200]
        return [c for c in calls if all(c.params.get(k) == v for k, v in match.items())]

    async def wait_for(
        self, method: str, count: int = 1, timeout: float = 10, **match: Any
    ) -> list[Call]:
        """Wait until at least `count` matching calls arrived; return them all."""
        return await wait_until(lambda: self.called(method, **match), count, timeout, method)

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        split = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length).decode() if length else ""
        params: dict[str, Any] = dict(parse_qsl(split.query))
        if raw.startswith("{"):
            params.update(json.loads(raw))
        elif raw:
            params.update(parse_qsl(raw))
        for key in ("blocks", "view"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        method = split.path.removeprefix("/api/") if split.path.startswith("/api/") else "respond"
        time.sleep(self.slow.get(method, 0))
        status: int
        body: dict[str, Any]
        headers: dict[str, str]
        if self._held(method, params):
            self.unstalled.wait(60)
            status, body, headers = 503, {"ok": False, "error": "service_unavailable"}, {}
        else:
            status, body, headers = self._answer(method, params)
            with self.lock:
                self.calls.append(Call(method, params, status))
        data = json.dumps(body).encode()
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                request.send_header(name, value)
            request.end_headers()
            request.wfile.write(data)
        except OSError:  # the bot hung up (it was stopped while waiting): nothing to answer
            pass

    def _held(self, method: str, params: dict[str, Any]) -> bool:
        with self.lock:
            limit = self.stall_after.get(method)
            if limit is None:
                return False
            done = len([c for c in self.calls if c.method == method and c.status == 200])
            if done < limit:
                return False
            self.calls.append(Call(method, params, 0))
            return True

    def _answer(
        self, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self.lock:
            queued = self.refusals.get(method) or []
            channel = params.get("channel")
            for index, refusal in enumerate(queued):
                if refusal.channel is None or refusal.channel == channel:
                    del queued[index]
                    return refusal.status, refusal.body, refusal.headers
            self.ts += 1
            ts = f"1700000000.{self.ts:06d}"
        refused = block_kit_error(method, params)
        if refused:
            return 200, {"ok": False, "error": "invalid_blocks", "errors": [refused]}, {}
        if method == "auth.test":
            return 200, {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": "T1"}, {}
        if method == "chat.postMessage":
            channel = str(params.get("channel", ""))
            channel = "D" + channel[1:] if channel.startswith("U") else channel
            return 200, {"ok": True, "channel": channel, "ts": ts}, {}
        if method == "apps.connections.open":
            return 200, {"ok": True, "url": self.socket_url}, {}
        if method == "chat.update":
            return 200, {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}, {}
        if method == "conversations.members":
            channel = str(params.get("channel"))
            if channel not in self.members:
                return 200, {"ok": False, "error": "channel_not_found"}, {}
            meta = {"next_cursor": ""}
            return (
                200,
                {"ok": True, "members": self.members[channel], "response_metadata": meta},
                {},
            )
        if method == "users.info":
            user = str(params.get("user"))
            if user not in self.users:
                return 200, {"ok": False, "error": "user_not_found"}, {}
            profile = {"email": self.users[user]}
            return 200, {"ok": True, "user": {"id": user, "profile": profile}}, {}
        return 200, {"ok": True}, {}


# Block Kit's limits as Slack enforces them (docs.slack.dev/reference/block-kit).
MESSAGES = ("chat.postMessage", "chat.update", "chat.postEphemeral")
VIEWS = ("views.open", "views.update", "views.push", "views.publish")
TEXT_LIMITS = {"section": 3000, "header": 150, "button": 75, "option": 75, "title": 24}


def block_kit_error(method: str, params: dict[str, Any]) -> str | None:
    """Say which Block Kit limit a message or view breaks, or None when Slack would take it."""
    if method in MESSAGES:
        blocks, most = params.get("blocks") or [], 50
    elif method in VIEWS:
        view = params.get("view") or {}
        for key in ("title", "submit", "close"):
            if len((view.get(key) or {}).get("text") or "") > TEXT_LIMITS["title"]:
                return f"view {key} over 24 characters"
        blocks, most = view.get("blocks") or [], 100
    else:
        return None
    if len(blocks) > most:
        return f"{len(blocks)} blocks, more than {most}"
    for block in blocks:
        kind = block.get("type")
        if kind in ("section", "header") and len(block["text"]["text"]) > TEXT_LIMITS[kind]:
            return f"{kind} text over {TEXT_LIMITS[kind]} characters"
        elements = block.get("elements") or []
        if kind == "actions" and len(elements) > 25:
            return f"{len(elements)} elements in an actions block, more than 25"
        if kind == "context" and len(elements) > 10:
            return f"{len(elements)} elements in a context block, more than 10"
        for element in elements if kind == "actions" else []:
            if element.get("type") == "button" and (
                len(element["text"]["text"]) > TEXT_LIMITS["button"]
                or len(element.get("value") or "") > 2000
            ):
                return "button text over 75 or value over 2000 characters"
            options = element.get("options") or []
            if len(options) > 100:
                return f"{len(options)} options in a menu, more than 100"
            if any(len(o["text"]["text"]) > 75 or len(o["value"]) > 150 for o in options):
                return "option text over 75 or value over 150 characters"
    return None


async def wait_until(
    probe: Callable[[], list[Any]], count: int, timeout: float, what: str
) -> list[Any]:
    """Poll until `probe` returns at least `count` items."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if len(found) >= count:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"expected {count} {what}, got {len(found)}: {found!r}")
        await asyncio.sleep(0.05)


@dataclass
class SlackSide:
    """Slack's side of HTTP mode: sends signed requests to the bot's /slack/events."""

    url: str
    secret: str
    response_url: str
    events: int = 0

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        """POST a body signed like Slack does (optionally stale or with a wrong secret)."""
        ts = str(timestamp if timestamp is not None else int(time.time()))
        signature = SignatureVerifier(secret or self.secret).generate_signature(
            timestamp=ts, body=body
        )
        sent: dict[str, str] = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": str(signature),
            **(headers or {}),
        }
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.url, data=body.encode(), headers=sent) as response,
        ):
            return response.status, await response.text()

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None
    ) -> int:
        """Deliver an Events API event; `retry` sets X-Slack-Retry-Num like a redelivery."""
        self.events += 1
        body = {
            "token": "legacy",
            "team_id": "T1",
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id or f"Ev{self.events:06d}",
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": "T1", "user_id": BOT_USER, "is_bot": True}],
        }
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        status, _ = await self.post(
            json.dumps(body), "application/json", headers=headers if retry else None
        )
        return status

    async def dm(self, user: str, text: str, **kwargs: Any) -> int:
        """Deliver a direct message from a user to the bot."""
        self.events += 1
        event = {
            "type": "message",
            "channel": "D" + user[1:],
            "channel_type": "im",
            "user": user,
            "text": text,
            "ts": f"1700000100.{self.events:06d}",
        }
        return await self.event(event, **kwargs)

    async def command(
        self,
        user: str,
        text: str,
        channel: str = "D1",
        channel_name: str = "directmessage",
        *,
        trigger_id: str | None = None,
    ) -> tuple[int, str]:
        """Run `/ill text` as a user in a channel; the same `trigger_id` replays a command."""
        self.events += 1
        form = {
            "command": "/ill",
            "text": text,
            "user_id": user,
            "channel_id": channel,
            "channel_name": channel_name,
            "team_id": "T1",
            "trigger_id": trigger_id or f"trigger.{self.events}",
            "response_url": self.response_url,
        }
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    async def interact(self, payload: dict[str, Any]) -> int:
        """Send an interactive payload (a click or a form submission)."""
        status, _ = await self.interact_answer(payload)
        return status

    async def interact_answer(self, payload: dict[str, Any]) -> tuple[int, str]:
        """Send an interactive payload; return the status and the body the bot answered."""
        payload = {"team": {"id": "T1"}, "api_app_id": "A1", "token": "legacy", **payload}
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def click(
        self,
        user: str,
        action: dict[str, Any],
        *,
        channel: str | None = None,
        message: dict[str, Any] | None = None,
        view: dict[str, Any] | None = None,
    ) -> int:
        """Click a button the bot showed, in a message (channel + message) or a view."""
        self.events += 1
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": user},
            "trigger_id": f"trigger.{self.events}",
            "response_url": self.response_url,
            "actions": [{**action, "action_ts": f"1700000200.{self.events:06d}"}],
        }
        if channel is not None:
            payload["channel"] = {"id": channel}
            payload["container"] = {"type": "message", "channel_id": channel}
            payload["message"] = message or {}
        if view is not None:
            payload["view"] = view
            payload["container"] = {"type": "view", "view_id": view.get("id", "V1")}
        return await self.interact(payload)
