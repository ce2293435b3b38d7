"""The `illbot` entry point: a bare `illbot --help` is answered without loading the commands.

Importing typer and the command definitions is most of what `illbot --help` cost (about 60 of
140 ms here); the top-level help is the same text every time, so it ships as `cli_help.txt`,
which a test holds equal to what typer prints (`bot.commands.write_help` writes it anew).
"""

from __future__ import annotations

import os
import sys

HELP = os.path.join(os.path.dirname(__file__), "cli_help.txt")


def main() -> None:
    """Run the command line."""
    if sys.argv[1:] == ["--help"] and os.path.exists(HELP):
        with open(HELP, encoding="utf-8") as shipped:
            sys.stdout.write(shipped.read())
        return
    from bot.commands import app

    app()
