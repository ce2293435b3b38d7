"""Small talk and messages the bot does not understand: a friendly answer, nothing changes."""

from __future__ import annotations

from handlers.turn import Turn


def handle_smalltalk(turn: Turn) -> None:
    """Answer thanks, greetings and off-topic questions politely."""
    turn.reply("smalltalk", intent="smalltalk", outcome="done", said=turn.reading.text)


def handle_unknown(turn: Turn) -> None:
    """Say what the bot can do, without changing anything."""
    turn.reply("unknown", intent="unknown", outcome="unknown")
