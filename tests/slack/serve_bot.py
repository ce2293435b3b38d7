"""Serve the Slack transport in a process of its own, as `illbot serve` does, for crash tests.

`python -m tests.slack.serve_bot SETTINGS_JSON` runs until SIGTERM; a test may `kill -9` it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys

from bot.runtime import open_runtime
from bot.settings import load_settings
from bot.slack.service import run_slack
from tests.slack.clocks import daytime_clock


async def serve(overrides: dict[str, object]) -> None:
    """Run the transport until SIGTERM."""
    settings = load_settings(**overrides)
    runtime = open_runtime(settings)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    try:
        await run_slack(runtime, settings, stop, clock=daytime_clock(), poll_seconds=0.1)
    finally:
        runtime.engine.dispose()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    asyncio.run(serve(json.loads(sys.argv[1])))
