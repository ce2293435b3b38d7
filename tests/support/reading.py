"""What the understanding tests share: the rules' reading alone, and the items it names."""

from __future__ import annotations

from datetime import date

from handlers.understand import Reading
from handlers.understand.intent import decide

TODAY = date(2026, 12, 2)  # a Wednesday


def by_rules(text: str, today: date = TODAY) -> Reading:
    """Read a message with the rules alone (no classifier): what a rule change must hold."""
    return decide(text, today=today, learned=False).reading


def titles(reading: Reading) -> list[tuple[str | None, str | None]]:
    """Return each item's (title, author), in order."""
    return [(item.title, item.author) for item in reading.entities.items]
