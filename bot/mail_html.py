"""Read an HTML-only mail as plain text, keeping quoted parts recognisable as quotes.

Mail clients wrap what they quote in `<blockquote>` or a container of their own (Gmail's
`gmail_quote`, Yahoo's `yahoo_quoted`, Thunderbird's `moz-cite-prefix` …); those lines come out
prefixed with `> ` so the reply trimmer treats them like any quoted text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre"}
    | {"ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer", "address"}
)
HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript"})
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"})
# Outlook marks nothing as quoted: its "From: … Sent: …" block is cut by the reply trimmer.
QUOTE_CLASSES = re.compile(
    r"gmail_quote|yahoo_quoted|moz-cite-prefix|protonmail_quote|zmail_extra", re.IGNORECASE
)
MAX_CHARS = 200_000
MAX_HTML = 150_000  # characters of markup read: dense markup parses at ~0.3 MB a second


class _TextMaker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.depth = 0  # quote depth
        self.hidden = 0
        self.pre = 0
        self.stack: list[tuple[str, bool]] = []  # open tags and whether each opened a quote
        self.size = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a block, a hidden part or a quote."""
        if tag in HIDDEN:
            self.hidden += 1
        if tag in BLOCKS:
            self._break()
        if tag == "pre":
            self.pre += 1
        if tag in VOID:
            return
        marks = " ".join(value or "" for name, value in attrs if name in ("class", "id", "type"))
        quote = tag == "blockquote" or bool(QUOTE_CLASSES.search(marks))
        if quote:
            self._break()
            self.depth += 1
        self.stack.append((tag, quote))

    def handle_endtag(self, tag: str) -> None:
        """Close what the tag opened."""
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in BLOCKS:
            self._break()
        # Close up to the matching open tag; sloppy HTML leaves some unclosed.
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                for _, quote in self.stack[index:]:
                    if quote:
                        self._break()
                        self.depth -= 1
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        """Collect visible text, collapsing HTML whitespace outside <pre>."""
        if self.hidden or self.size > MAX_CHARS:
            return
        self.size += len(data)
        if self.pre:
            parts = data.replace("\xa0", " ").split("\n")
            for part in parts[:-1]:
                self.current.append(part)
                self._break(force=True)
            self.current.append(parts[-1])
        else:
            self.current.append(re.sub(r"[ \t\r\n\f\xa0]+", " ", data))

    def _break(self, force: bool = False) -> None:
        text = "".join(self.current)
        self.current = []
        if not force and not text.strip():
            if self.lines and self.lines[-1].strip("> "):
                self.lines.append("> " * self.depth)  # one blank line between blocks
            return
        line = text if self.pre else text.strip()
        self.lines.append(("> " * self.depth) + line)

    def text(self) -> str:
        """Return the text collected so far."""
        self._break()
        return "\n".join(line.rstrip() for line in self.lines).strip("\n")


def html_to_text(html: str) -> str:
    """Return the readable text of an HTML mail body; quoted parts come out as `> ` lines."""
    maker = _TextMaker()
    try:
        maker.feed(html[:MAX_HTML])
        maker.close()
    except (AssertionError, ValueError):  # HTMLParser gives up on some broken markup
        pass
    return maker.text()
