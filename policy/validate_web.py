"""Check a profile's `[web]` table: the web chat's colours, and text on them readable (WCAG AA).

`on_primary` is the text on the header and buttons (`primary`): under 4.5:1 contrast (WCAG 2.2
AA, normal text) `illbot policy check` refuses the pair. `accent` is a decorative stripe under
the header, which carries no text: it needs only to be a colour.
"""

from __future__ import annotations

import re
from typing import Any

from policy.validate_words import choices_hint, toml

WEB_KEYS = {
    "primary": "the header and buttons",
    "on_primary": "the text on them",
    "accent": "a stripe under the header",
}
HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
MIN_CONTRAST = 4.5


def luminance(colour: str) -> float:
    """Return a #rrggbb (or #rgb) colour's relative luminance, as WCAG defines it."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """Return the contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def web_mistakes(data: dict[str, Any], where: str, defaults: dict[str, str]) -> list[str]:
    """Check `[web]`: known keys, colours written #rrggbb, and text on them readable."""
    if "web" not in data:
        return []
    table = data["web"]
    if not isinstance(table, dict):
        return [f'{where}: web: wants a table like [web] primary = "#1f4e79", not {toml(table)}']
    mistakes = []
    for key, value in table.items():
        if key not in WEB_KEYS:
            mistakes.append(f"{where}: web.{key}: unknown key ({choices_hint(key, WEB_KEYS)})")
        elif not isinstance(value, str) or not HEX.fullmatch(value):
            mistakes.append(f'{where}: web.{key}: wants a colour like "#1f4e79", not {toml(value)}')
    if mistakes:
        return mistakes
    colours = {**defaults, **table}
    text, background = colours["on_primary"], colours["primary"]
    ratio = contrast(text, background)
    if ratio < MIN_CONTRAST:
        mistakes.append(
            f"{where}: web.on_primary: {text} on primary {background} has contrast "
            f"{ratio:.1f}:1, under the {MIN_CONTRAST}:1 WCAG AA needs for text"
        )
    return mistakes
