"""Fixtures for the privacy tests: the Slack bot over real HTTP with the fake Slack API."""

from tests.slack.conftest import bot, fake_slack

__all__ = ["bot", "fake_slack"]
