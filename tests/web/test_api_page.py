"""The page and its files: each library's name and colours, the launcher script, no way out of
the static folder; a profile whose colours are unreadable is refused by `illbot policy check`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.policy_check import check_policy
from policy.profile import SHIPPED_DIR
from tests.web.conftest import Browser, RunningChat

Browsers = Callable[[RunningChat], Browser]


async def test_each_library_has_its_own_page_and_colours(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    visitor = browsers(web_chat)
    async with visitor.http.get(f"{web_chat.url}/chat/") as page:
        assert page.status == 200 and page.content_type == "text/html"
        assert "St. Joseph Public Library" in await page.text()
    async with visitor.http.get(f"{web_chat.url}/chat/bellevue/") as page:
        assert "Bellevue University Library" in await page.text()
    async with visitor.http.get(f"{web_chat.url}/chat/nowhere/") as page:
        assert page.status == 404
    await visitor.sign_in()
    _, state = await visitor.get("state")
    assert state["library"]["colours"] == {
        "primary": "#1f4e79",
        "on_primary": "#ffffff",
        "accent": "#c8102e",
    }


async def test_the_launcher_and_the_page_files_are_served_and_nothing_else(
    web_chat: RunningChat, browsers: Browsers
) -> None:
    visitor = browsers(web_chat)
    async with visitor.http.get(f"{web_chat.url}/chat/embed.js") as script:
        assert script.status == 200 and script.content_type == "text/javascript"
    async with visitor.http.get(f"{web_chat.url}/chat/static/chat.css") as style:
        assert style.status == 200 and style.content_type == "text/css"
    for path in ("/chat/static/../app.py", "/chat/static/%2e%2e%2fapp.py", "/chat/static/x"):
        async with visitor.http.get(web_chat.url + path) as response:
            assert response.status == 404, path


def test_policy_check_refuses_text_its_background_makes_unreadable(tmp_path: Path) -> None:
    shipped = (SHIPPED_DIR / "sjpl.toml").read_text()
    faint = shipped.replace('on_primary = "#ffffff"', 'on_primary = "#3b6a99"')
    (tmp_path / "sjpl.toml").write_text(faint)
    lines, ok = check_policy([tmp_path / "sjpl.toml"], None)
    assert not ok
    assert any(
        line.startswith("sjpl.toml: web.on_primary: #3b6a99 on primary #1f4e79 has contrast")
        for line in lines
    ), lines
