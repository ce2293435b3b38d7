"""Read an HTML-only mail as plain text, keeping quoted parts recognisable as quotes.

Mail clients wrap what they quote in `<blockquote>` or a container of their own (Gmail's
`gmail_quote`, Yahoo's `yahoo_quoted`, Thunderbird's `moz-cite-prefix` …); those lines come out
prefixed with `> ` so the reply trimmer treats them like any quoted text. A link keeps its
target ("the article (https://doi.org/10.1038/x)"), so a DOI or catalogue link the patron pasted
is read; table cells are separated by " | " with each row on its own line.
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
CELLS = frozenset({"td", "th"})
CELL_SEPARATOR = " | "
LINK_SCHEMES = ("http://", "https://", "doi:")  # targets worth reading; mailto: and # are not
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
        self.cells = [0]  # cells opened in the current row, per open table
        self.links: list[tuple[str, int]] = []  # open links: target, text length when opened

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a block, a hidden part or a quote."""
        if tag in HIDDEN:
            self.hidden += 1
        if tag in BLOCKS:
            self._break(tight=tag == "tr")  # a table's rows are consecutive lines
        if tag == "pre":
            self.pre += 1
        if tag == "table":
            self.cells.append(0)
        elif tag == "tr":
            self.cells[-1] = 0
        elif tag in CELLS:
            if self.cells[-1] and "".join(self.current).strip():
                self.current.append(CELL_SEPARATOR)
            self.cells[-1] += 1
        elif tag == "a":
            href = next((v or "" for n, v in attrs if n == "href"), "").strip()
            self.links.append((href, self.size))
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
        if tag == "table" and len(self.cells) > 1:
            self.cells.pop()
        if tag == "a" and self.links:
            self._close_link(*self.links.pop())
        if tag in BLOCKS:
            self._break(tight=tag == "tr")  # a table's rows are consecutive lines
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

    def _close_link(self, href: str, opened_at: int) -> None:
        """Write a link's target after its text, unless the text already shows it."""
        if self.hidden or not href.lower().startswith(LINK_SCHEMES):
            return
        shown = "".join(self.current)
        bare = href.split("://", 1)[-1].rstrip("/")
        if bare in shown or (self.size == opened_at and not shown.strip()):
            return  # "https://doi.org/…" as its own text, or a link around an image only
        self.current.append(f" ({href})" if shown.strip() else href)
        self.size += len(href)

    def _break(self, force: bool = False, tight: bool = False) -> None:
        text = "".join(self.current)
        self.current = []
        if not force and not text.strip():
            if not tight and self.lines and self.lines[-1].strip("> "):
                self.lines.append("> " * self.depth)  # one blank line between blocks
            return
        line = text if self.pre else text.strip()
        self.lines.append(("> " * self.depth) + line)

    def text(self) -> str:
        """Return the text collected so far."""
        self._break()
        while self.lines and not self.lines[-1].strip("> "):
            self.lines.pop()  # a quote's closing blank line, or trailing blank lines
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
