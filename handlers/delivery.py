"""Which channel carries what the library sends a patron later: notices and staff's words."""

from __future__ import annotations

from store.models import Patron

# Channels a patron only reads while looking at them: a notice sent there could wait unseen for
# days. Web-chat patrons get notices by email (or Slack) and see them on the page when they sign
# in (issue 17).
WHILE_PRESENT = frozenset({"web"})


def usual_channel(patron: Patron, asked_on: str) -> str:
    """Return the channel for a notice about a request asked for on `asked_on`."""
    if asked_on not in WHILE_PRESENT:
        return asked_on
    if patron.email:
        return "email"
    if patron.slack:
        return "slack"
    return asked_on  # nowhere else to reach them: the page shows it at their next visit


def address_on(patron: Patron, channel: str) -> str:
    """Return the patron's address on a channel (their id where the channel has none)."""
    return {"email": patron.email, "slack": patron.slack}.get(channel) or patron.id
