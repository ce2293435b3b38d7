"""The `illbot` commands (INTERFACES.md): one clear line and exit code 2 for any bad input.

`bot.cli.main` starts them; it answers a bare `illbot --help` from `cli_help.txt` without
importing typer (most of the start time), and `help_text` is what that file must hold.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from policy.errors import IllBotError


def _commands(help: str, *, pretty_exceptions: bool = True) -> typer.Typer:
    """Return a command group with plain help and errors.

    rich_markup_mode=None: rendering help with rich imported rich and markdown-it at every
    start, most of `illbot --help`'s time. Every module a command needs is imported inside
    it, so starting costs typer alone.
    """
    return typer.Typer(
        help=help,
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=pretty_exceptions,
    )


app = _commands(
    "illbot: an interlibrary-loan assistant for patrons and staff.", pretty_exceptions=False
)
patrons_app = _commands("The patron directory.")
holdings_app = _commands("The library's local holdings.")
db_app = _commands("The store.")
policy_app = _commands("Library policy profiles.")
outbox_app = _commands("Messages waiting to be sent, or given up.")
app.add_typer(patrons_app, name="patrons")
app.add_typer(holdings_app, name="holdings")
app.add_typer(db_app, name="db")
app.add_typer(policy_app, name="policy")
app.add_typer(outbox_app, name="outbox")
requests_app = _commands("The request queue, for staff.")
app.add_typer(requests_app, name="requests")


def fail(message: str) -> typer.Exit:
    """Print the message to standard error, one line per mistake, and return exit code 2."""
    for line in message.splitlines() or [""]:  # a profile's mistakes come one per line
        typer.echo(f"illbot: {line}", err=True)
    return typer.Exit(2)


@app.command()
def sim(
    file: Annotated[str, typer.Argument(help="JSON Lines events, or - for standard input")] = "-",
    db: Annotated[
        str | None, typer.Option(help="store URL (default: a fresh in-memory one)")
    ] = None,
) -> None:
    """Replay events through the bot and print everything it sends (see SIM.md)."""
    from bot.runtime import open_runtime
    from bot.settings import load_settings
    from bot.sim import Simulator, read_lines

    try:
        runtime = open_runtime(load_settings(), db or "sqlite://")
        stream = sys.stdin if file == "-" else Path(file).open(encoding="utf-8")  # noqa: SIM115
    except (IllBotError, OSError) as exc:
        raise fail(str(exc)) from None
    with stream:
        try:
            Simulator(runtime).run(read_lines(stream), sys.stdout)
        except IllBotError as exc:
            raise fail(str(exc)) from None


@app.command()
def chat(
    library: Annotated[str | None, typer.Option(help="show demo patrons of this library")] = None,
    as_: Annotated[str | None, typer.Option("--as", help="talk as this patron id")] = None,
) -> None:
    """Talk to the bot in the terminal as a patron."""
    from bot.chat_command import run_chat

    try:
        run_chat(library, as_)
    except IllBotError as exc:
        raise fail(str(exc)) from None


@app.command()
def staff(
    action: Annotated[
        str,
        typer.Argument(
            help="sent, fee, shipped, arrived, delivered, checked_out, returned, unclaimed,"
            " unfilled, renewal, recall, lost, approve, deny, fine (a lender's fine: --amount,"
            " --reason), unclear (revoke a visiting scholar's clearance)"
        ),
    ],
    request: Annotated[str, typer.Argument(help="the request, as ILL-n")],
    due: Annotated[str | None, typer.Option(help="due date, YYYY-MM-DD")] = None,
    amount: Annotated[float | None, typer.Option(help="fee in USD")] = None,
    approved: Annotated[bool, typer.Option("--approved/--denied", help="renewal answer")] = True,
    reason: Annotated[str | None, typer.Option(help="why (e.g. too_new)")] = None,
    lender: Annotated[str | None, typer.Option(help="the lending library")] = None,
    renewable: Annotated[bool, typer.Option("--renewable/--not-renewable")] = True,
    note: Annotated[str | None, typer.Option(help="what the lender said")] = None,
    source: Annotated[
        str | None, typer.Option(help="where it came from, e.g. a consortium (MOBIUS)")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="record a due date outside the library's loan.default_period")
    ] = False,
) -> None:
    """Record what happened to a request and send the notice that follows."""
    from bot.staff_command import run_staff

    fields = {
        "due": due,
        "amount": amount,
        "approved": approved,
        "reason": reason,
        "lender": lender,
        "renewable": renewable,
        "note": note,
        "source": source,
        "force": force,
    }
    try:
        for line in run_staff(action, request, fields):
            typer.echo(line)
    except (IllBotError, ValueError) as exc:
        raise fail(str(exc)) from None


@app.command()
def serve() -> None:
    """Run Slack, email, the outbox senders and the scheduler until SIGTERM or Ctrl-C."""
    import asyncio

    from bot.logs import setup_logging
    from bot.runtime import open_runtime
    from bot.serve import serve as run_serve
    from bot.settings import load_settings

    try:
        settings = load_settings()
        setup_logging(fmt=settings.log_format)  # before the profiles: their notes are logged
        runtime = open_runtime(settings)
    except IllBotError as exc:
        raise fail(str(exc)) from None
    try:
        asyncio.run(run_serve(runtime, settings))
    finally:
        runtime.engine.dispose()


@app.command()
def tick(
    at: Annotated[
        str | None, typer.Option(help="the moment to run for, ISO 8601 (default now)")
    ] = None,
) -> None:
    """Run the scheduler once: due reminders, overdue notices, expiries, the retention purge."""
    from bot.tick_command import PassIncomplete, run_tick_command

    try:
        for line in run_tick_command(at):
            typer.echo(line)
    except PassIncomplete as exc:  # exit 1: done, but not all of it
        typer.echo(f"illbot: {exc}", err=True)
        raise typer.Exit(1) from None
    except IllBotError as exc:
        raise fail(str(exc)) from None


def _import(kind: str, file: Path) -> None:
    from bot.importer import import_holdings, import_patrons
    from bot.runtime import open_runtime
    from bot.settings import load_settings
    from store.db import transaction

    loader = import_patrons if kind == "patrons" else import_holdings
    try:
        runtime = open_runtime(load_settings())
        with transaction(runtime.sessions) as session:  # any bad line rolls back every line
            count = loader(session, file, runtime.library.profiles)
    except IllBotError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"imported {count} {kind} from {file}")


@patrons_app.command("import")
def patrons_import(file: Path) -> None:
    """Load or update the patron directory from CSV."""
    _import("patrons", file)


@holdings_app.command("import")
def holdings_import(file: Path) -> None:
    """Load local holdings from CSV."""
    _import("holdings", file)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration to the store (also with ILLBOT_AUTO_MIGRATE=false)."""
    from bot.db_command import run_upgrade
    from bot.runtime import load_library
    from bot.settings import load_settings

    try:
        settings = load_settings()
        load_library(settings)  # a wrong setting or profile stops this step too
        typer.echo(run_upgrade(settings.database_url))
    except IllBotError as exc:
        raise fail(str(exc)) from None


@db_app.command("current")
def db_current() -> None:
    """Print the store's migration revision; exit 1 when it is not the newest."""
    from bot.db_command import current_state
    from bot.settings import load_settings

    try:
        line, newest = current_state(load_settings().database_url)
    except IllBotError as exc:
        raise fail(str(exc)) from None
    typer.echo(line)
    if not newest:
        raise typer.Exit(1)


@db_app.command("check")
def db_check() -> None:
    """Compare the store's tables with the models: one line per difference, exit 2 on any."""
    from bot.db_command import check_store
    from bot.settings import load_settings

    try:
        differences = check_store(load_settings().database_url)
    except IllBotError as exc:
        raise fail(str(exc)) from None
    if differences:
        raise fail("\n".join(differences))
    typer.echo("store and models agree")


@db_app.command("backup")
def db_backup(file: Annotated[Path, typer.Argument(help="the new backup file")]) -> None:
    """Copy the SQLite store to FILE while the bot runs (PostgreSQL: pg_dump, see README)."""
    from bot.db_command import backup_sqlite
    from bot.settings import load_settings

    try:
        typer.echo(backup_sqlite(load_settings().database_url, file))
    except IllBotError as exc:
        raise fail(str(exc)) from None


@policy_app.command("show")
def policy_show(library: Annotated[str | None, typer.Argument()] = None) -> None:
    """Print a library's policy in plain words, every rule with its id."""
    from bot.policy_text import describe_profile
    from bot.runtime import load_library
    from bot.settings import load_settings

    try:
        loaded = load_library(load_settings())
        chosen = library or loaded.default_library
        if chosen not in loaded.profiles:
            raise fail(f"unknown library '{chosen}' (known: {', '.join(sorted(loaded.profiles))})")
        typer.echo(describe_profile(loaded.profiles[chosen]))
    except IllBotError as exc:
        raise fail(str(exc)) from None


@policy_app.command("check")
def policy_check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="profile files (default: the shipped ones and ILLBOT_PROFILES_DIR)"),
    ] = None,
) -> None:
    """Check profiles: one line per mistake naming file, rule and key, or ok; exit 2 on any."""
    from bot.policy_check import check_policy
    from bot.settings import load_settings

    try:
        lines, clean = check_policy(files or [], None if files else load_settings().profiles_dir)
    except IllBotError as exc:
        raise fail(str(exc)) from None
    for line in lines:
        typer.echo(line)
    if not clean:
        raise typer.Exit(2)


@outbox_app.command("list")
def outbox_list(
    failed: Annotated[bool, typer.Option("--failed", help="only messages given up")] = False,
) -> None:
    """List unsent messages: what is waiting, what failed for good and why."""
    from bot.outbox_command import list_outbox

    try:
        for line in list_outbox(failed):
            typer.echo(line)
    except IllBotError as exc:
        raise fail(str(exc)) from None


@outbox_app.command("retry")
def outbox_retry(row: Annotated[int, typer.Argument(help="the outbox row id, from list")]) -> None:
    """Send a failed message again (after fixing what made it fail)."""
    from bot.outbox_command import retry

    try:
        typer.echo(retry(row))
    except IllBotError as exc:
        raise fail(str(exc)) from None


@requests_app.command("list")
def requests_list(
    status: Annotated[
        str | None, typer.Option(help="open (default), all, or statuses separated by commas")
    ] = None,
    library: Annotated[str | None, typer.Option(help="only this library's requests")] = None,
    format_: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
) -> None:
    """List requests, the soonest need-by first, then the oldest (names and emails shown)."""
    from bot.requests_command import list_requests

    try:
        for line in list_requests(status, library, format_):
            typer.echo(line)
    except IllBotError as exc:
        raise fail(str(exc)) from None


@requests_app.command("show")
def requests_show(ref: Annotated[str, typer.Argument(help="the request, as ILL-n")]) -> None:
    """Print one request's whole record, one field per line, and its history."""
    from bot.requests_command import show_request

    try:
        for line in show_request(ref):
            typer.echo(line)
    except IllBotError as exc:
        raise fail(str(exc)) from None


def help_text() -> str:
    """Return `illbot --help` as typer prints it at 80 columns (what cli_help.txt holds)."""
    from typer.testing import CliRunner

    return CliRunner().invoke(app, ["--help"], prog_name="illbot", terminal_width=80).output


def write_help() -> None:
    """Write cli_help.txt anew after a command or its help changed."""
    Path(__file__).with_name("cli_help.txt").write_text(help_text(), encoding="utf-8")
