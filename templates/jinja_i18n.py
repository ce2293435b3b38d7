"""Jinja's `{% trans %}` blocks and `_()` calls, in the language of the context's `locale`.

Jinja's own i18n callables format a message's variables with `%` after translating it, so the
values never pass through the environment's finalize: a date would stay ISO and, in Slack, a
title could carry markup. These callables finalize every value first, as `{{ }}` would (dates
in words, Slack's escape, HTML's autoescape), then fill the translated message, and mark the
result safe so it is not escaped twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from templates.dates import DEFAULT_LOCALE, LOCALE, TODAY, example_day
from templates.i18n import language_of, translate, translate_plural
from templates.words import material_words, notice_headline, status_words

Finalize = Callable[[Context, Any], Any]


def install(env: Environment, channel: str, finalize: Finalize) -> None:
    """Give an environment `{% trans %}`, `_()`, `ngettext()` and the translated word filters."""
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True  # a sentence's line breaks in a template are spaces
    fill = _filler(channel, finalize)

    @pass_context
    def gettext(context: Context, message: str, **values: Any) -> str:
        return fill(context, translate(_language(context), message), values)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, **values: Any) -> str:
        text = translate_plural(_language(context), singular, plural, int(num))
        return fill(context, text, {"num": num, **values})

    @pass_context
    def example(context: Context) -> str:
        # "by Dec 16": a day two weeks after the message's today, in the patron's language
        today = context.get(TODAY)
        return example_day(today if isinstance(today, date) else None, _locale(context))

    env.globals.update(gettext=gettext, ngettext=ngettext, _=gettext, example_day=example)
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.filters.update(
        status_words=_translated(status_words),
        material_words=_translated(material_words),
        notice_headline=_translated(notice_headline),
    )


def _locale(context: Context) -> str:
    return str(context.get(LOCALE) or DEFAULT_LOCALE)


def _language(context: Context) -> str:
    return language_of(context.get(LOCALE))


def _filler(channel: str, finalize: Finalize) -> Callable[[Context, str, dict[str, Any]], str]:
    def fill(context: Context, text: str, values: dict[str, Any]) -> str:
        shown = {key: finalize(context, value) for key, value in values.items()}
        if channel == "text":
            return text % {key: "" if v is None else v for key, v in shown.items()}
        # Slack's finalize has escaped each value already; HTML escapes here, as autoescape would.
        if channel == "html":
            shown = {key: escape("" if v is None else v) for key, v in shown.items()}
        return Markup(text % shown)

    return fill


def _translated(words: Callable[[str], str]) -> Callable[..., str]:
    @pass_context
    def filter_(context: Context, value: str) -> str:
        return translate(_language(context), words(value))

    return filter_
