"""Turn Slack mrkdwn and light markdown into the plain words a patron typed."""

from __future__ import annotations

import re

# Slack wraps links, mentions and specials in <...>; patron-typed "<" arrives as "&lt;",
# so anything still in angle brackets here was produced by Slack (or is an email address).
_SLACK_TOKEN = re.compile(r"<([^<>\s][^<>]*)>")
# Bounded repeats keep a long run of brackets or asterisks from costing quadratic time.
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((\S{1,500}?)\)")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_DOI_HOST = re.compile(r"^https?://(?:dx\.|www\.)?doi\.org/", re.IGNORECASE)

# Emoji codes only count when they stand alone, so a DOI or a time like 10:30:00 survives.
_EMOJI = re.compile(r"(?<!\S)(?::(?:[+-]1|(?=[a-z0-9_+\-']*[a-z])[a-z0-9_+\-']+):)+(?=[\s.,!?]|$)")
_EMPHASIS = re.compile(
    r"(?<![\w*_~])(\*{1,2}|_{1,2}|~{1,2})(?=\S)([^\n]{1,300}?)(?<=\S)\1(?![\w*_~])"
)
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")


def _is_doi_url(url: str) -> bool:
    """Tell whether a URL points at doi.org, whose path is the DOI itself."""
    return bool(_DOI_HOST.match(url))


def _render_slack_token(match: re.Match[str]) -> str:
    body = match.group(1)
    target, _, label = body.partition("|")
    if target.startswith(("@", "#")):
        return ""  # user and channel mentions are addressing, not content
    if target.startswith("!"):
        # <!date^...|Feb 18> keeps its readable fallback; <!here>/<!channel> are pings
        return label if target.startswith("!date") else ""
    if target.lower().startswith("mailto:"):
        return label or target[len("mailto:") :]
    if _URL.match(target):
        return target if _is_doi_url(target) or not label else label
    return match.group(0)  # e.g. "<ann@example.org>" in an email: leave it alone


def _render_markdown_link(match: re.Match[str]) -> str:
    label, url = match.group(1), match.group(2)
    return url if _is_doi_url(url) else label


def _unescape(text: str) -> str:
    # &amp; last, so "&amp;lt;" becomes the literal "&lt;" the patron typed
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _strip_emphasis(text: str) -> str:
    for _ in range(3):  # nested marks such as *_both_* need a second pass; more is never seen
        stripped = _EMPHASIS.sub(r"\2", text)
        if stripped == text:
            break
        text = stripped
    return text


def clean_markup(text: str) -> str:
    """Return the message as plain text: links, mentions, emoji and emphasis removed."""
    text = _SLACK_TOKEN.sub(_render_slack_token, text)
    text = _MARKDOWN_LINK.sub(_render_markdown_link, text)
    text = _unescape(text)
    text = _QUOTE_MARK.sub("", text)
    text = text.replace("`", "")
    text = _EMOJI.sub(" ", text)
    text = _strip_emphasis(text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()
