"""Read a patron's message: what they want (intent) and what they named (entities).

Pure functions only: no store, no clock (today's date is passed in), no network.
"""

from __future__ import annotations

from handlers.understand.reading import Entities, Item, Reading, understand

__all__ = ["Entities", "Item", "Reading", "understand"]
