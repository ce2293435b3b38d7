"""Loopback ports for the services tests start."""

from __future__ import annotations

import socket


def free_port() -> int:
    """Return a loopback port that was free a moment ago (and nothing listens on)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
