"""Patron text is escaped wherever the bot echoes it: no @channel pings, no forged links."""

from __future__ import annotations

from tests.slack.conftest import STAFF, SlackBot

# What Slack delivers when a patron types `<!channel>` and `<https://evil.example|ILL form>`.
TRAP = "&lt;!channel&gt; &amp; &lt;https://evil.example|ILL form&gt;"
REQUEST = f'get me the book "{TRAP}" by Ann Smith'
ESCAPED = "&lt;!channel&gt; &amp; &lt;https://evil.example|ILL form&gt;"


def _clean(text: str) -> None:
    assert "<!channel>" not in text
    assert "<https://evil.example" not in text


async def test_a_title_with_a_ping_and_a_link_comes_back_escaped(bot: SlackBot) -> None:
    await bot.slack.dm("UFAC", REQUEST)
    (reply,) = await bot.dms("UFAC")
    assert ESCAPED in reply.params["text"]
    _clean(reply.params["text"])
    (request,) = bot.requests()
    assert request.title == "<!channel> & <https://evil.example|ILL form>"  # stored as typed


async def test_the_staff_channel_and_home_tab_show_it_escaped_too(bot: SlackBot) -> None:
    await bot.slack.dm("UVS", REQUEST)  # a visiting scholar: escalated to staff
    (posted,) = await bot.fake.wait_for("chat.postMessage", channel=STAFF)
    assert ESCAPED in posted.params["text"]
    _clean(posted.params["text"])
    _clean(posted.blocks_text())
    await bot.slack.event({"type": "app_home_opened", "user": "UVS", "tab": "home"})
    (home,) = await bot.fake.wait_for("views.publish", user_id="UVS")
    assert "&lt;!channel&gt;" in home.blocks_text()
    _clean(home.blocks_text())
