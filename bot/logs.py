"""Logging for `illbot serve`: one line per event, with its level, and no patron data.

Our own lines carry request refs and row ids only. Some libraries log whole API bodies at DEBUG
(slack_sdk: Slack ids and patrons' words), so they are held at INFO whatever level ours run at.
"""

from __future__ import annotations

import logging

LIBRARY_LOGGERS = ("slack_sdk", "slack_bolt", "illbot.slack.bolt", "aiosmtplib", "sqlalchemy")


def setup_logging(level: int = logging.INFO) -> None:
    """Send log lines to standard error at `level`, libraries at INFO or above."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    cap_library_loggers()


def cap_library_loggers() -> None:
    """Keep libraries whose DEBUG lines hold message bodies at INFO or above."""
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)
