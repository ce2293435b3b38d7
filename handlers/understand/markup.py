"""Turn Slack mrkdwn and light markdown into the plain words a patron typed."""

from __future__ import annotations

import re

from handlers.understand.emoji import drop_emoji, emoji_words, only_emoji
from handlers.understand.signoffs import drop_signature

# Slack wraps links, mentions and specials in <...>; patron-typed "<" arrives as "&lt;",
# so anything still in angle brackets here was produced by Slack (or is an email address).
_SLACK_TOKEN = re.compile(r"<([^<>\s][^<>]*)>")
# Bounded repeats keep a long run of brackets or asterisks from costing quadratic time.
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((\S{1,500}?)\)")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_DOI_HOST = re.compile(r"^https?://(?:dx\.|www\.)?doi\.org/", re.IGNORECASE)
# A link whose address carries an identifier is read for the identifier, not its label.
_IDENTIFIER_URL = re.compile(r"/10\.\d{4,9}/|pubmed|/pmc|isbn", re.IGNORECASE)
# A labelled link to a catalogue or bookshop: the label is the title of what is wanted.
_CATALOGUE_URL = re.compile(
    r"worldcat|amazon\.|goodreads|books\.google|openlibrary|bookshop|barnesandnoble|catalog"
    r"|library|primo|jstor",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(
    r"(?<![\w*_~])(\*{1,2}|_{1,2})(?=\S)([^\n]{1,300}?)(?<=\S)\1(?![\w*_~])"
)  # fmt: skip
# Struck-out words are words the patron took back: "~cancel~ renew ILL-4" asks to renew.
_STRUCK = re.compile(r"(?<![\w~])~{1,2}(?=\S)[^\n~]{1,300}?(?<=\S)~{1,2}(?![\w~])")
_QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_INVISIBLE = re.compile(r"[\u200b\u200c\u2060\ufeff]")
# "@illbot The Money Tree ...": a plain-text mention of the bot that opens the message.
_MENTION = re.compile(r"^\s*@[\w.-]+[:,]?\s+")
_BLANKS = re.compile(r"[^\S\n]+")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"\s+")


# A catalogue label "The Argonauts by Maggie Nelson" names the author after the title.
_LABEL_AUTHOR = re.compile(
    r"^(?P<title>.+?)\s+by\s+(?P<author>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){1,4})$"
)


def _render_url(target: str, label: str) -> str:
    if _DOI_HOST.match(target) or _IDENTIFIER_URL.search(target) or not label:
        return target
    if not _CATALOGUE_URL.search(target):
        return label
    authored = _LABEL_AUTHOR.match(label.strip())
    if authored:
        return f"“{authored.group('title')}” by {authored.group('author')}"
    return f"“{label}”"


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
        return _render_url(target, label)
    return match.group(0)  # e.g. "<ann@example.org>" in an email: leave it alone


def _render_markdown_link(match: re.Match[str]) -> str:
    return _render_url(match.group(2), match.group(1))


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


# Where a mail client starts the history of a reply: "On Tue, Sep 1, 2026 at 10:14 AM X
# wrote:", "-----Original Message-----", "From: ... Sent: ...". Its dates are not the patron's.
_REPLY_HISTORY = re.compile(
    r"^[ \t>]*(?:On\s[^\n]{4,200}?\swrote:[ \t]*$|-{2,}[ \t]*Original Message[ \t]*-{2,}"
    r"|From:[^\n]*\n[ \t>]*(?:Sent|Date):)",
    re.MULTILINE | re.IGNORECASE,
)


# A forwarded note's marker and its header lines: the note itself is what the patron sends on
# ("Could you get the article my professor mentions below?"); the header's date is not theirs.
_FORWARD_HEADER = re.compile(
    r"^[ \t]*-{3,}[ \t]*Forwarded message[ \t]*-{3,}[ \t]*\n"
    r"(?:[ \t]*(?:From|Date|Sent|Subject|To|Cc):[^\n]*\n)*",
    re.MULTILINE | re.IGNORECASE,
)


def _drop_history(text: str) -> str:
    """Drop the quoted history under a reply, when the patron wrote something above it."""
    if "orwarded" in text:
        text = _FORWARD_HEADER.sub("\n", text)
    match = _REPLY_HISTORY.search(text) if ("wrote:" in text or "From:" in text
                                            or "Original" in text) else None  # fmt: skip
    return text[: match.start()] if match and text[: match.start()].strip() else text


def _drop_quotes(text: str) -> str:
    """Drop quoted lines (the bot's own question, quoted back) when the patron wrote more."""
    own = _QUOTE_LINE.sub("", text)
    return own if own.strip() else _QUOTE_MARK.sub("", text)


def clean_lines(text: str) -> str:
    """Return the message as plain text, one line per line written; emoji-only answers in words.

    The signature under a sign-off ("Thanks,\nMaria") is dropped: it never names an item.
    """
    text = _SLACK_TOKEN.sub(_render_slack_token, _MENTION.sub("", _drop_history(text)))
    text = _MARKDOWN_LINK.sub(_render_markdown_link, text)
    text = _drop_quotes(_unescape(text)).replace("`", "")
    if only_emoji(text):
        return emoji_words(text)
    text = _strip_emphasis(_STRUCK.sub(" ", drop_emoji(text)))
    text = _BLANKS.sub(" ", _INVISIBLE.sub("", text))
    return drop_signature(_LINE_BREAKS.sub("\n", text).strip())


def clean_markup(text: str) -> str:
    """Return the message as plain text: links, mentions, emoji and emphasis removed."""
    return _SPACES.sub(" ", clean_lines(text)).strip()


def has_emoji(text: str) -> bool:
    """Tell whether the raw message held any emoji (a 🙂 on its own is small talk)."""
    return drop_emoji(text) != text
