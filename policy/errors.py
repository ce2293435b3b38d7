"""The project's error tree: patron-facing, transport and configuration errors."""

from __future__ import annotations


class IllBotError(Exception):
    """Base of every error illbot raises on purpose."""


class PatronError(IllBotError):
    """Something the patron should be told in a clear sentence."""


class StaffError(IllBotError):
    """A staff action that cannot be done (an impossible status move, an unknown request)."""


class TransportError(IllBotError):
    """A transport failed; the sender retries or reports it."""


class ConfigError(IllBotError):
    """A setting or file that stops startup; the message names it."""


class ProfileError(ConfigError):
    """A policy profile that cannot be loaded."""
