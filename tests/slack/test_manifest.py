"""The shipped Slack app manifest asks for what the bot listens to, and nothing it does not use."""

from __future__ import annotations

from pathlib import Path

import bot.slack

MANIFEST = Path(bot.slack.__file__).parent / "manifest.yaml"


def test_the_manifest_subscribes_to_what_the_bot_handles() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    for needed in ("- message.im", "- app_home_opened", "command: /ill", "home_tab_enabled: true"):
        assert needed in text
    assert text.count("/slack/events") == 3  # events, interactivity and /ill share one URL
    assert "is_enabled: true" in text  # interactivity: the buttons and the reply form


def test_the_manifest_asks_only_for_the_scopes_the_bot_uses() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    bot_scopes = text.split("    bot:\n", 1)[1].split("settings:", 1)[0]
    scopes = [line.split("#")[0].strip().removeprefix("- ") for line in bot_scopes.splitlines()]
    assert scopes == [
        "chat:write",
        "commands",
        "channels:read",
        "groups:read",
        "im:history",
        "users:read",
        "users:read.email",
    ]
