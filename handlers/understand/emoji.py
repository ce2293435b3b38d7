"""Emoji: removed from the words read, except when a message is nothing but emoji.

A patron answering "Cancel ILL-3?" with 👍 said yes; one answering "which one?" with 2️⃣ picked
the second. Emoji inside a sentence only colour it, so they are dropped there.
"""

from __future__ import annotations

import re

# Slack emoji codes that answer a question on their own.
_CODE_WORDS = {
    "+1": "yes", "thumbsup": "yes", "white_check_mark": "yes", "heavy_check_mark": "yes",
    "ballot_box_with_check": "yes", "ok_hand": "yes", "ok": "yes", "-1": "no",
    "thumbsdown": "no", "x": "no", "no_entry": "no", "no_entry_sign": "no",
    "heavy_multiplication_x": "no", "negative_squared_cross_mark": "no", "wave": "hi",
    "one": "#1", "two": "#2", "three": "#3", "four": "#4", "five": "#5", "six": "#6",
    "seven": "#7", "eight": "#8", "nine": "#9",
}  # fmt: skip
_CHAR_WORDS = {
    "\U0001f44d": "yes", "\u2705": "yes", "\u2714": "yes", "\U0001f44c": "yes", "\u2611": "yes",
    "\U0001f44e": "no", "\u274c": "no", "\U0001f6ab": "no", "\u2716": "no", "\U0001f44b": "hi",
}  # fmt: skip
# Codes only count when they stand alone, so a DOI or a time like 10:30:00 survives.
CODE = re.compile(r"(?<!\S)(?::(?:[+-]1|(?=[a-z0-9_+\-']*[a-z])[a-z0-9_+\-']+):)+(?=[\s.,!?]|$)")
_ONE_CODE = re.compile(r":([a-z0-9_+\-']+):")
_KEYCAP = re.compile(r"([0-9])\ufe0f?\u20e3")
# Pictographs, dingbats, flags, skin tones and the joiners that glue them together.
PICTURE = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\ufe0f\u200d\u20e3"
    "\U0001f1e6-\U0001f1ff]+"
)


def only_emoji(text: str) -> bool:
    """Tell whether a message holds emoji and nothing else."""
    stripped = PICTURE.sub("", CODE.sub("", _KEYCAP.sub("", text)))
    return bool(text.strip()) and not stripped.strip(" \t\n.!,")


def emoji_words(text: str) -> str:
    """Return what an all-emoji message says in words ("yes", "no", "2"), or "" for none."""
    words = [f"#{digit}" for digit in _KEYCAP.findall(text)]
    words += [_CODE_WORDS[c] for c in _ONE_CODE.findall(text) if c.split("::")[0] in _CODE_WORDS]
    words += [_CHAR_WORDS[c] for c in text if c in _CHAR_WORDS]
    return " ".join(dict.fromkeys(words))  # 👍👍 is one yes


def drop_emoji(text: str) -> str:
    """Remove emoji codes and pictographs from a sentence."""
    return PICTURE.sub(" ", CODE.sub(" ", text))
