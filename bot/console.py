"""`illbot chat`: the bot in a terminal, as one patron, on the embedded store."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sqlalchemy import select

from bot.clock import Clock
from bot.importer import import_holdings, import_patrons
from bot.runtime import Runtime
from bot.staff_command import USAGE, parse_staff_words, request_number
from handlers.core import handle_message
from handlers.messages import Inbound
from handlers.staff import StaffAction, record_staff_action
from handlers.staff_reply import note_settled
from policy.errors import IllBotError
from store.db import transaction
from store.models import OutboxMessage, Patron
from store.outbox import mark_sent
from store.requests import find_patron

log = logging.getLogger(__name__)
DEMO = Path(__file__).parent / "demo"
COMMANDS = f"""Commands: /as PATRON (switch patron), /who (list patrons), \
/staff {USAGE} (record a staff action, as `illbot staff` does), /quit"""


def load_demo_directory(runtime: Runtime) -> bool:
    """Fill an empty store with demo patrons and holdings; tell whether it did."""
    with transaction(runtime.sessions) as session:
        if session.scalars(select(Patron.id).limit(1)).first() is not None:
            return False
        libraries = runtime.library.profiles
        import_patrons(session, DEMO / "patrons.csv", libraries)
        import_holdings(session, DEMO / "holdings.csv", libraries)
    return True


def patrons(runtime: Runtime, library: str | None) -> list[Patron]:
    """List the directory's patrons, optionally of one library."""
    with runtime.sessions() as session:
        query = select(Patron).order_by(Patron.library, Patron.id)
        if library:
            query = query.where(Patron.library == library)
        return list(session.scalars(query))


class Console:
    """A terminal conversation: read a line, handle it, print what the bot sends."""

    def __init__(
        self, runtime: Runtime, clock: Clock, patron_id: str, write: Callable[[str], None]
    ) -> None:
        self.runtime, self.clock, self.patron_id, self.write = runtime, clock, patron_id, write

    def say(self, text: str) -> None:
        """Send one patron line through the core and show the answers."""
        inbound = Inbound(
            channel="console",
            sender=self.patron_id,
            text=text,
            at=self.clock.now(),
            transport_id=f"console:{uuid.uuid4()}",
        )
        try:
            with transaction(self.runtime.sessions) as session:
                rows = handle_message(session, inbound, self.runtime.library)
                self._show(rows)
        except Exception:  # the edge: one bad message must not end the session
            log.exception("console message failed; nothing was recorded")
            self.write("bot> Sorry, something went wrong on my side and nothing was changed.")

    def command(self, line: str) -> bool:
        """Run a /command; return False when the session should end."""
        words = line[1:].split()
        name = words[0].lower() if words else ""
        if name in ("quit", "exit", "q"):
            return False
        if name == "as" and len(words) == 2:
            self._switch(words[1])
        elif name == "who":
            for p in patrons(self.runtime, None):
                self.write(f"  {p.id:<14} {p.library:<9} {p.category:<14} {p.name or ''}")
        elif name == "staff":
            self._staff(words[1:])
        else:
            self.write(COMMANDS)
        return True

    def _switch(self, who: str) -> None:
        """Talk as another patron of the directory (by id, email or Slack id)."""
        with self.runtime.sessions() as session:
            patron = find_patron(session, who)
            found = patron.id if patron is not None else None
        if found is None:
            self.write(f"(no patron '{who}' in the directory; /who lists them)")
            return
        self.patron_id = found
        self.write(f"(now talking as {self.patron_id})")

    def _staff(self, words: list[str]) -> None:
        """Record a staff action parsed as `illbot staff` parses it; one line when it cannot."""
        try:
            action, ref, fields = parse_staff_words(words)
            number = request_number(ref)
            staff_action = StaffAction.from_fields(action, fields)
            now = self.clock.now()
            with transaction(self.runtime.sessions) as session:
                rows = record_staff_action(session, number, staff_action, now, self.runtime.library)
                rows += note_settled(session, number, action, "staff", now)
                self._show(rows)
            self.write(f"(staff: {action} recorded on ILL-{number})")
        except IllBotError as exc:
            self.write(f"(staff: {exc})")

    def poll(self) -> None:
        """Show what other processes queued for this patron on the console (e.g. `illbot staff`)."""
        # Sending hours are not waited for: whoever sits at the terminal is awake, and the
        # console's own answers are shown at once too.
        with transaction(self.runtime.sessions) as session:
            query = (
                select(OutboxMessage)
                .where(
                    OutboxMessage.channel == "console",
                    OutboxMessage.patron_id == self.patron_id,
                    OutboxMessage.state == "pending",
                )
                .order_by(OutboxMessage.id)
            )
            self._show(list(session.scalars(query)))

    def _show(self, rows: list[OutboxMessage]) -> None:
        for row in rows:
            if row.kind == "staff_post":
                continue  # the staff channel's queue, not for the terminal
            prefix = "[to staff] " if row.kind == "escalation" else ""
            self.write(f"bot> {prefix}{row.text}")
            mark_sent(row, self.clock.now())  # the terminal is this message's transport


def run_console(console: Console, stdin: TextIO, prompt: Callable[[], None]) -> None:
    """Read lines until end of input or /quit."""
    echo = not stdin.isatty()  # piped input: show what was "typed", like a transcript
    console.poll()
    prompt()
    for raw in iter(stdin.readline, ""):
        line = raw.strip()
        if echo:
            console.write(line)
        if line.startswith("/"):
            if not console.command(line):
                return
        elif line:
            console.say(line)
        console.poll()  # notices other processes queued meanwhile
        prompt()
