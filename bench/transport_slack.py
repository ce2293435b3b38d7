"""The Slack half of `python -m bench.transports`: HTTP ack latency of bursts of concurrent
signed events, the Bolt app in a process of its own beside a bare aiohttp app.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
from slack_sdk.signature import SignatureVerifier

from bench.transport_mail import free_port
from bot.runtime import open_runtime
from bot.settings import load_settings
from store.db import transaction
from store.directory import PatronRecord, upsert_patron

# -- Slack ----------------------------------------------------------------------------------

SECRET = "bench-signing-secret-0123456789ab"
# The baseline: a bare aiohttp app that checks Slack's signature and answers 200.
BARE_ACK = """
import sys
from aiohttp import web
from slack_sdk.signature import SignatureVerifier
verifier = SignatureVerifier(sys.argv[2])
async def ack(request):
    body = await request.text()
    ok = verifier.is_valid_request(body, dict(request.headers))
    return web.Response(status=200 if ok else 401)
app = web.Application()
app.router.add_post("/slack/events", ack)
app.router.add_get("/healthz", lambda request: web.Response(text="ok"))
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
"""


def slack_store(folder: Path, users: int) -> str:
    """Make a store with one patron per Slack user; return its URL."""
    url = f"sqlite:///{folder}/slack.db"
    runtime = open_runtime(load_settings(), url)
    with transaction(runtime.sessions) as session:
        for n in range(users):
            record = PatronRecord(f"s{n}", "johnjay", "faculty", slack=f"U{n:04d}")
            upsert_patron(session, record)
    runtime.engine.dispose()
    return url


def start_bot(url: str, api_url: str, port: int) -> subprocess.Popen[bytes]:
    """Run the Slack transport in HTTP mode in a process of its own, as `illbot serve` does."""
    settings = {
        "database_url": url,
        "library": "johnjay",
        "slack_bot_token": "xoxb-bench",
        "slack_app_token": None,
        "slack_signing_secret": SECRET,
        "slack_staff_channel": "CSTAFF",
        "slack_api_url": api_url,
        "http_host": "127.0.0.1",
        "http_port": port,
    }
    command = [sys.executable, "-m", "tests.slack.serve_bot", json.dumps(settings)]
    return subprocess.Popen(command, stderr=subprocess.DEVNULL)


async def until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    """Wait until the server at this port answers /healthz."""
    async with aiohttp.ClientSession() as session:
        for _ in range(400):
            if process.poll() is not None:
                raise RuntimeError("the Slack server stopped before it listened")
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as answer:
                    if answer.status == 200:
                        return
            except aiohttp.ClientError:
                await asyncio.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port}")


def dm_body(n: int, burst: int) -> str:
    """Return a signed-to-be Events API body: user n asks where their requests are."""
    user = f"U{n:04d}"
    event = {
        "type": "message",
        "channel": f"D{n:04d}",
        "channel_type": "im",
        "user": user,
        "text": "where are my requests?",
        "ts": f"1700000{burst:03d}.{n:06d}",
    }
    body = {
        "token": "legacy",
        "team_id": "T1",
        "api_app_id": "A1",
        "type": "event_callback",
        "event_id": f"Ev{burst:03d}{n:05d}",
        "event_time": int(time.time()),
        "event": event,
        "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
    }
    return json.dumps(body)


async def burst_latencies(port: int, events: int, bursts: int) -> list[float]:
    """Send bursts of concurrent signed events; return every ack's latency (s)."""
    verifier = SignatureVerifier(SECRET)
    url = f"http://127.0.0.1:{port}/slack/events"
    latencies: list[float] = []
    connector = aiohttp.TCPConnector(limit=events)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def post(body: str) -> None:
            ts = str(int(time.time()))
            headers = {
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": str(verifier.generate_signature(timestamp=ts, body=body)),
            }
            began = time.perf_counter()
            async with session.post(url, data=body.encode(), headers=headers) as answer:
                await answer.read()
                if answer.status != 200:
                    raise RuntimeError(f"the ack was {answer.status}")
            latencies.append(time.perf_counter() - began)

        for burst in range(bursts):
            await asyncio.gather(*(post(dm_body(n, burst)) for n in range(events)))
            await asyncio.sleep(2.0)  # the turns run after the acks; let them finish
    return latencies


def percentiles(latencies: list[float]) -> tuple[float, float, float]:
    """Return p50, p99 and the maximum, in milliseconds."""
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return ordered[len(ordered) // 2] * 1000, p99 * 1000, ordered[-1] * 1000


def slack_figures(folder: Path, events: int, bursts: int) -> None:
    """Print Slack HTTP ack latencies: the Bolt app beside a bare aiohttp app."""
    from tests.slack.fake_slack import FakeSlack

    port = free_port()
    bare = subprocess.Popen([sys.executable, "-c", BARE_ACK, str(port), SECRET])
    try:
        asyncio.run(until_up(port, bare))
        plain = asyncio.run(burst_latencies(port, events, bursts))
    finally:
        bare.terminate()
        bare.wait()
    fake = FakeSlack()
    fake.start()
    port = free_port()
    bot = start_bot(slack_store(folder, events), fake.url, port)
    try:
        asyncio.run(until_up(port, bot))
        acked = asyncio.run(burst_latencies(port, events, bursts))
        answered = len(fake.called("chat.postMessage"))
    finally:
        bot.terminate()
        bot.wait()
        fake.stop()
    print(f"Slack HTTP ack: {bursts} bursts of {events} concurrent signed DMs on loopback")
    print(f"{'':44}{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}")
    for label, values in (("bare aiohttp app checking signatures", plain), ("illbot", acked)):
        p50, p99, top = percentiles(values)
        print(f"{label:44}{p50:>8.1f}{p99:>8.1f}{top:>8.1f}")
    print(f"  ({answered} of {events * bursts} messages answered by the end of the run)")
