"""How often the bot hears exactly the patron's own words in a reply, beside the libraries.

`python -m bench.mail_trim [--misses]` runs illbot's trimmer and, when they are installed,
`mail-parser-reply` and `email_reply_parser` over Discourse's 64 real replies
(`shared/corpus/email_reply_trimmer`), and prints how many each gets right (kept text equal to
the expected text once whitespace is folded). Figures are printed, never asserted here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from bot.mail.trim import trim_reply

CORPUS_ENV = "ILLBOT_REPLY_CORPUS"
Trimmer = Callable[[str], str]


def corpus_dir() -> Path | None:
    """Find the reply corpus: $ILLBOT_REPLY_CORPUS, or shared/ beside the repository."""
    import os

    override = os.environ.get(CORPUS_ENV)
    here = Path(__file__).resolve().parent.parent
    candidates = [Path(override)] if override else []
    candidates += [
        here.parent / "shared" / "corpus" / "email_reply_trimmer",
        here / "shared" / "corpus" / "email_reply_trimmer",
    ]
    for candidate in candidates:
        if (candidate / "emails").is_dir() and (candidate / "trimmed").is_dir():
            return candidate
    return None


def load_corpus(root: Path) -> list[tuple[str, str, str]]:
    """Return (name, mail body, expected kept text) for every case."""
    cases = []
    for mail in sorted((root / "emails").glob("*.txt")):
        expected = root / "trimmed" / mail.name
        body = mail.read_text(encoding="utf-8", errors="replace")
        cases.append((mail.stem, body, expected.read_text(encoding="utf-8", errors="replace")))
    return cases


def fold(text: str) -> str:
    """Fold whitespace so only the words and their order count."""
    return re.sub(r"\s+", " ", text).strip()


def score(trim: Trimmer, cases: list[tuple[str, str, str]]) -> tuple[int, list[str]]:
    """Return how many cases a trimmer gets right, and the names of the others."""
    misses = []
    for name, body, expected in cases:
        try:
            kept = trim(body)
        except Exception:  # a library that crashes on a case simply misses it
            kept = "\0"
        if fold(kept) != fold(expected):
            misses.append(name)
    return len(cases) - len(misses), misses


def libraries() -> dict[str, Trimmer]:
    """Return the comparable libraries that are installed, by package name."""
    found: dict[str, Trimmer] = {}
    try:
        from mailparser_reply import EmailReplyParser as MultiLanguageParser

        languages = ["en", "de", "fr", "it", "es", "nl", "pl", "sv", "ja", "zh", "ru", "pt"]
        usable = [lang for lang in languages if _language_ok(MultiLanguageParser, lang)]

        def multi(body: str) -> str:
            """Trim with mail-parser-reply in every language it offers here."""
            return str(MultiLanguageParser(languages=usable).parse_reply(text=body))

        found["mail-parser-reply"] = multi
    except ImportError:
        pass
    try:
        from email_reply_parser import EmailReplyParser

        found["email_reply_parser"] = lambda body: str(EmailReplyParser.parse_reply(body))
    except ImportError:
        pass
    return found


def _language_ok(parser: type, language: str) -> bool:
    try:
        parser(languages=[language])
    except Exception:
        return False
    return True


def main() -> int:
    """Print the figures; exit 1 only when the corpus cannot be found."""
    root = corpus_dir()
    if root is None:
        print(f"bench.mail_trim: reply corpus not found (set {CORPUS_ENV})", file=sys.stderr)
        return 1
    cases = load_corpus(root)
    show_misses = "--misses" in sys.argv
    contenders: dict[str, Trimmer] = {"illbot (bot.mail.trim)": trim_reply, **libraries()}
    print(f"reply trimming on {len(cases)} real replies ({root.name}), exact after folding:")
    for name, trim in contenders.items():
        right, misses = score(trim, cases)
        print(f"  {name:<26} {right:>3} / {len(cases)}")
        if misses and (show_misses or name.startswith("illbot")):
            print(f"      misses: {', '.join(misses)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
