"""Jinja2 templates for every reply and notice, per channel.

`NAME.txt.j2` is the plain text every channel can use; `NAME.slack.j2` or `NAME.email.j2`
override it for one channel. `NAME.html.j2`, when present, is the HTML part of an email; it is
rendered with HTML autoescaping. Variables are never compiled as templates, so a title holding
`{{ }}` is just text, and on Slack every variable is escaped so patron text cannot ping or link.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from templates.words import material_words, money, status_words

HERE = Path(__file__).parent


def slack_escape(value: Any) -> str:
    """Escape the three characters Slack treats as markup (&, <, >)."""
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def environment(channel: str) -> Environment:
    """Return the template environment for one channel ("html" for email HTML parts)."""
    env = Environment(
        loader=FileSystemLoader(HERE),
        undefined=StrictUndefined,
        autoescape=channel == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=slack_escape if channel == "slack" else None,
    )
    env.filters.update(status_words=status_words, material_words=material_words, money=money)
    return env


def render(name: str, channel: str, context: dict[str, Any]) -> str:
    """Render a template for a channel, preferring the channel's own variant."""
    env = environment(channel)
    try:
        template = env.get_template(f"{name}.{channel}.j2")
    except TemplateNotFound:
        template = env.get_template(f"{name}.txt.j2")
    return template.render(context).strip()


def render_html(name: str, context: dict[str, Any]) -> str | None:
    """Render the HTML part of an email, or return None when the template has none."""
    try:
        template = environment("html").get_template(f"{name}.html.j2")
    except TemplateNotFound:
        return None
    return template.render(context).strip()


def render_string(source: str, context: dict[str, Any]) -> str:
    """Render a trusted snippet from a profile (a rule's explanation) with strict variables."""
    env = environment("text")
    return env.from_string(source).render(context).strip()
