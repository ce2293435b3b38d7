"""`illbot chat`: choose a library and a patron, then talk."""

from __future__ import annotations

import sys

import typer

from bot.clock import SystemClock
from bot.console import Console, load_demo_directory, patrons, run_console
from bot.runtime import open_runtime
from bot.settings import load_settings
from policy.errors import ConfigError
from store.models import Patron
from store.requests import find_patron


def run_chat(library: str | None, patron_id: str | None) -> None:
    """Open the embedded store (with the demo directory if empty) and start talking."""
    settings = load_settings()
    runtime = open_runtime(settings)
    if load_demo_directory(runtime):
        typer.echo(f"(new store at {settings.database_url}: demo patrons and holdings loaded)")
    if library and library not in runtime.library.profiles:
        raise ConfigError(
            f"unknown library '{library}' (known: {', '.join(sorted(runtime.library.profiles))})"
        )
    choices = patrons(runtime, library)
    if not choices:
        raise ConfigError("no patrons in the directory: import some with `illbot patrons import`")
    patron_id = patron_id or _choose(choices)
    with runtime.sessions() as session:  # an id, email address or Slack id of the directory
        found = find_patron(session, patron_id)
        if found is None:
            raise ConfigError(
                f"no patron '{patron_id}' in the directory (`/who` in chat lists them)"
            )
        patron_id, language = found.id, found.language
    try_saying = EXAMPLES.get(language or "", EXAMPLES["en"])
    typer.echo(f"Talking as {patron_id}. Try: {try_saying}. /help lists commands, /quit ends.")
    console = Console(runtime, SystemClock(), patron_id, typer.echo)
    run_console(console, sys.stdin, lambda: typer.echo("you> ", nl=False))
    typer.echo("")


# What to try saying, in the patron's own language (the console's frame stays English).
EXAMPLES = {
    "en": "“Please get me ISBN 9780134477824 by Dec 15”, “status”, “cancel ILL-1”",
    "es": "“Necesito el libro ISBN 9780134477824 para el 15 de diciembre”,"
    " “¿cómo va mi solicitud?”, “cancele ILL-1”",
}


def _choose(choices: list[Patron]) -> str:
    typer.echo("Who are you? Demo patrons:")
    for n, p in enumerate(choices, start=1):
        typer.echo(f"  {n}. {p.id:<12} {p.library:<9} {p.category:<14} {p.name or ''}")
    if not sys.stdin.isatty():
        return str(choices[0].id)
    answer = typer.prompt("Number or id", default="1")
    if answer.isdigit() and 1 <= int(answer) <= len(choices):
        return str(choices[int(answer) - 1].id)
    return answer.strip()
