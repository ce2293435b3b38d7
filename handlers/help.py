"""`help`: what the bot can do, in the library's voice."""

from __future__ import annotations

from handlers.turn import Turn


def handle(turn: Turn) -> None:
    """Say what the patron can ask for."""
    turn.reply("help", intent="help", outcome="done")
