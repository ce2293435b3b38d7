"""Jinja2 templates for every reply and notice, per channel.

`NAME.txt.j2` is the plain text every channel can use; `NAME.slack.j2` or `NAME.email.j2`
override it for one channel. `NAME.html.j2`, when present, is the HTML part of an email; it is
rendered with HTML autoescaping. Variables are never compiled as templates, so a title holding
`{{ }}` is just text, and on Slack every variable is escaped so patron text cannot ping or link.

A library may give its own words for any notice or reply (a profile's `[texts]`, e.g.
`"notices/overdue" = "…"`): the outbox puts that text in the context under LIBRARY_TEXT and it is
rendered instead of the shipped body, in a sandbox, with the same variables, escaping and layout.
A notice type only the profile defines ("notices/final_warning") renders the same way.

Dates the bot supplies print in words for patrons ("Thursday, December 3") in every template,
a library's own texts included, without a template asking: see templates/dates.py.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    pass_context,
)
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from templates.dates import finalize_day, with_dates
from templates.jinja_i18n import install as install_i18n
from templates.words import material_words, money, notice_headline, status_words

HERE = Path(__file__).parent
LIBRARY_TEXT = "library_text"  # context key: the library's own words for this template (Jinja)


def slack_escape(value: Any) -> str:
    """Escape the three characters Slack treats as markup (&, <, >)."""
    if isinstance(value, Markup):
        return str(value)  # a body this module rendered, already escaped
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pass_context
def _slack_finalize(context: Context, value: Any) -> str:
    # Words first: a date's words hold none of Slack's markup, the escape still sees everything.
    return slack_escape(finalize_day(context, value))


@cache
def environment(channel: str) -> Environment:
    """Return the template environment for one channel ("html" for email HTML parts)."""
    return _configured(Environment, channel)


@cache
def library_environment(channel: str) -> Environment:
    """Return the sandboxed environment a library's own texts are rendered in, per channel."""
    return _configured(SandboxedEnvironment, channel)


def _configured(kind: type[Environment], channel: str) -> Environment:
    env = kind(
        loader=FileSystemLoader(HERE),
        undefined=StrictUndefined,
        autoescape=channel == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_slack_finalize if channel == "slack" else finalize_day,
        auto_reload=False,  # shipped files never change under a running bot: no stat per use
    )
    env.filters.update(
        status_words=status_words,
        material_words=material_words,
        money=money,
        notice_headline=notice_headline,
    )
    install_i18n(env, channel, _slack_finalize if channel == "slack" else finalize_day)
    return env


def render(name: str, channel: str, context: dict[str, Any]) -> str:
    """Render a template for a channel, preferring the channel's own variant.

    Without one, the plain text is wrapped in its folder's layout for the channel when there
    is one (`notices/_layout.slack.j2`: a headline in Slack, a signature in email).
    """
    env = environment(channel)
    context = with_dates(context)
    if not context.get(LIBRARY_TEXT):
        variant = _variant(f"{name}.{channel}.j2", channel)
        if variant is not None:
            return variant.render(context).strip()
    body = _body(name, channel, context)
    layout = _layout(env, name, f"{channel}.j2")
    if layout is None:
        return body
    return layout.render({**context, "body": Markup(body)}).strip()


@cache
def _variant(path: str, channel: str) -> Template | None:
    # Looked for once: a missing variant costs a file-system search every time otherwise.
    try:
        return environment(channel).get_template(path)
    except TemplateNotFound:
        return None


def _body(name: str, channel: str, context: dict[str, Any]) -> str:
    """Render the library's own words when the profile gives them, else the shipped text."""
    own = context.get(LIBRARY_TEXT)
    if own:
        return _snippet(str(own), channel).render(context).strip()
    return environment(channel).get_template(f"{name}.txt.j2").render(context).strip()


def _layout(env: Environment, name: str, suffix: str) -> Template | None:
    folder = name.rsplit("/", 1)[0] if "/" in name else ""
    try:
        return env.get_template(f"{folder}/_layout.{suffix}" if folder else f"_layout.{suffix}")
    except TemplateNotFound:
        return None


def render_html(name: str, context: dict[str, Any]) -> str | None:
    """Render the HTML part of an email, or return None when the template has none.

    A notice without its own HTML template is its plain text, escaped, in paragraphs inside
    the folder's HTML layout.
    """
    env = environment("html")
    context = with_dates(context)
    if not context.get(LIBRARY_TEXT):
        try:
            return env.get_template(f"{name}.html.j2").render(context).strip()
        except TemplateNotFound:
            pass
    layout = _layout(env, name, "html.j2")
    if layout is None:
        return None
    text = _body(name, "html", context)  # autoescaped
    paragraphs = [Markup(p) for p in text.split("\n") if p.strip()]
    return layout.render({**context, "paragraphs": paragraphs}).strip()


def render_string(source: str, context: dict[str, Any]) -> str:
    """Render a snippet from a profile (a rule's explanation) with strict variables, sandboxed."""
    return _snippet(source, "text").render(with_dates(context)).strip()


@lru_cache(maxsize=1024)
def _snippet(source: str, channel: str) -> Template:
    # Compiled once: a scheduler pass explains the same few rules in thousands of notices.
    return library_environment(channel).from_string(source)
