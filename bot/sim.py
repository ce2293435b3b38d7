"""`illbot sim`: JSON Lines events in, everything the bot sends out (SIM.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.mail.inbound import SIM_IDENTITY, address_reply, handle_mail, latest_mail_about
from bot.mail.parse import parse_mail
from bot.runtime import Runtime
from handlers.core import handle_message
from handlers.messages import Inbound
from handlers.queue import NOW as QUEUE_NOW
from handlers.scheduler import run_tick
from handlers.staff import StaffAction, record_staff_action
from policy.errors import IllBotError, StaffError
from store.db import transaction
from store.directory import PatronRecord, add_holding, check_patron, upsert_patron
from store.models import IllRequest, OutboxMessage
from store.outbox import mark_sent
from store.requests import find_patron


class SimError(IllBotError):
    """A line the simulator cannot run; it stops the run with exit code 2."""


class Simulator:
    """Run events in order against one store and number the outputs o1, o2, …"""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.count = 0
        self.outputs: dict[str, int] = {}  # output id → outbox row id
        self.held: list[int] = []  # notices waiting for the library's sending hours
        self.clock: datetime | None = None  # the latest event's moment
        self.refused: list[dict[str, Any]] = []  # staff actions refused by the latest event

    def run(self, lines: Iterable[str], out: TextIO, *, last: bool = True) -> None:
        """Run every line, writing outputs as they happen; raise SimError on a bad line.

        With `last`, the input ends here: notices still held for sending hours are printed.
        """
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                event = json.loads(line)
                if not isinstance(event, dict):
                    raise SimError("an event must be a JSON object")
                rows = self.event(event, deliver=True)
            except json.JSONDecodeError as exc:
                raise SimError(f"line {number}: not valid JSON: {exc.msg}") from None
            except (IllBotError, KeyError, ValueError, TypeError) as exc:
                raise SimError(f"line {number}: {_reason(exc)}") from None
            self._print(rows, out)
            for refusal in self.refused:
                out.write(json.dumps(refusal, ensure_ascii=False) + "\n")
            self.refused = []
            out.flush()
        if last:
            self._print(self.finish(), out)

    def _print(self, rows: list[OutboxMessage], out: TextIO) -> None:
        for row in rows:
            if row.template == QUEUE_NOW:
                continue  # the queue post again, edited in place in Slack: nothing new to print
            out.write(json.dumps(self.output(row), ensure_ascii=False) + "\n")
        out.flush()

    def event(self, event: dict[str, Any], deliver: bool = False) -> list[OutboxMessage]:
        """Run one event in one transaction and return the outbox rows it wrote.

        With `deliver`, the rows count as sent (the simulator's printing is its sending).
        """
        kind = event.get("type")
        handler = {
            "patron": self._patron,
            "holding": self._holding,
            "message": self._message,
            "staff": self._staff,
            "tick": self._tick,
        }.get(str(kind))
        if handler is None:
            raise SimError(f"unknown event type {kind!r}")
        with transaction(self.runtime.sessions) as session:
            rows = handler(session, event)
            if not deliver:
                return rows
            # A notice written outside the library's sending hours waits for them: it is
            # printed, as sent, by the first event after the window opens (or at the end).
            self.held += [row.id for row in rows if row.next_attempt_at > row.created_at]
            now = [row for row in rows if row.next_attempt_at <= row.created_at]
            for row in now:
                mark_sent(row, row.created_at)
            return self._release(session, self.clock) + now

    def finish(self) -> list[OutboxMessage]:
        """Send every notice still waiting for its sending hours, as the morning would."""
        with transaction(self.runtime.sessions) as session:
            return self._release(session, None)

    def _release(self, session: Session, until: datetime | None) -> list[OutboxMessage]:
        rows = [session.get(OutboxMessage, row_id) for row_id in self.held]
        due = [r for r in rows if r is not None and (until is None or r.next_attempt_at <= until)]
        for row in due:
            mark_sent(row, row.next_attempt_at)
            self.held.remove(row.id)
        return sorted(due, key=lambda r: (r.next_attempt_at, r.id))

    def _patron(self, session: Session, event: dict[str, Any]) -> list[OutboxMessage]:
        record = PatronRecord(
            id=str(event["id"]),
            library=event["library"],
            category=event["category"],
            email=event.get("email"),
            slack=event.get("slack"),
            name=event.get("name"),
            registered=bool(event.get("registered", True)),
            standing=event.get("standing", "good"),
            cleared=bool(event.get("cleared", False)),
            household=str(event["household"]) if event.get("household") else None,
            language=str(event["language"]) if event.get("language") else None,
        )
        check_patron(record, self.runtime.library.profiles)
        upsert_patron(session, record)
        return []

    def _holding(self, session: Session, event: dict[str, Any]) -> list[OutboxMessage]:
        add_holding(
            session,
            self.runtime.library.profiles,
            library=event["library"],
            title=event["title"],
            isbn=event.get("isbn"),
            issn=event.get("issn"),
            status=event.get("status", "available"),
        )
        return []

    def _message(self, session: Session, event: dict[str, Any]) -> list[OutboxMessage]:
        about, answered = self._about(session, event.get("reply_to"))
        if "raw" in event:
            raw = str(event["raw"])
            if answered is not None:  # addressed as a mail client answering that output
                raw = address_reply(raw, SIM_IDENTITY, answered.id)
            at = self._at(session, event, parse_mail(raw).sender or None)
            library = self.runtime.library
            return handle_mail(session, raw, at=at, identity=SIM_IDENTITY, library=library)
        sender = str(event["from"])
        inbound = Inbound(
            channel=event.get("channel", "slack"),
            sender=sender,
            text=str(event["text"]),
            at=self._at(session, event, sender),
            subject=event.get("subject"),
            about_request=about,
            # Optional, like a Slack event id: a line given again with the same id is ignored.
            transport_id=str(event["id"]) if event.get("id") is not None else None,
        )
        return handle_message(session, inbound, self.runtime.library)

    def _staff(self, session: Session, event: dict[str, Any]) -> list[OutboxMessage]:
        ref = str(event["request"])
        if not ref.upper().startswith("ILL-") or not ref[4:].isdigit():
            raise SimError(f"request must look like ILL-7, not {ref!r}")
        number = int(ref[4:])
        action = StaffAction.from_fields(str(event["action"]), event)  # a bad one: exit 2
        request = session.get(IllRequest, number)
        at = self._at(session, event, None, request.library if request else None)
        try:
            with session.begin_nested():  # a refused action leaves nothing half-done
                return record_staff_action(session, number, action, at, self.runtime.library)
        except StaffError as exc:  # a refusal is an output, not an error (SIM.md)
            self.refused.append(self._refusal(session, number, action.action, at, str(exc)))
            return []

    def _refusal(
        self, session: Session, number: int, action: str, at: datetime, text: str
    ) -> dict[str, Any]:
        """The output line of a staff action that cannot apply: a reply to staff."""
        self.count += 1
        request = session.get(IllRequest, number)
        zone = self.runtime.library.profile(request.library if request else None).timezone
        line: dict[str, Any] = {
            "id": f"o{self.count}",
            "at": at.astimezone(zone).isoformat(),
            "kind": "reply",
            "to": "staff",
            "intent": "staff",
            "outcome": "refused",
            "action": action,
            "request": f"ILL-{number}",
        }
        if request is not None:
            line["status"] = request.status
        return {**line, "rules": [], "text": text}

    def _tick(self, session: Session, event: dict[str, Any]) -> list[OutboxMessage]:
        return run_tick(session, self._at(session, event, None), self.runtime.library)

    def _at(
        self,
        session: Session,
        event: dict[str, Any],
        sender: str | None,
        library: str | None = None,
    ) -> datetime:
        """Read an event's `at`; without an offset it is local time (SIM.md).

        A message's is its patron's library's, a staff event's its request's library's (pass
        `library`), a tick's the default library's (`ILLBOT_LIBRARY`).
        """
        value = datetime.fromisoformat(str(event["at"]))
        if value.tzinfo is None:
            if library is None and sender:
                patron = find_patron(session, sender)
                library = patron.library if patron else None
            zone: ZoneInfo = self.runtime.library.profile(library).timezone
            value = value.replace(tzinfo=zone)  # no offset: the library's local time
        self.clock = value if self.clock is None else max(self.clock, value)
        return value

    def _about(self, session: Session, reply_to: Any) -> tuple[int | None, OutboxMessage | None]:
        """Return the request an answer is about and the output (outbox row) it answers."""
        if reply_to is None:
            return None, None
        text = str(reply_to)
        if text in self.outputs:
            row = session.get(OutboxMessage, self.outputs[text])
            return (row.request_id if row else None), row
        ref, _, notice = text.partition("/")
        ref = ref.upper()
        if ref.startswith("ILL-") and ref[4:].isdigit():
            number = int(ref[4:])
            return number, latest_mail_about(session, number, notice or None)
        raise SimError(f"reply_to names no earlier output or ILL-n/NOTICE: {text!r}")

    def output(self, row: OutboxMessage) -> dict[str, Any]:
        """Describe one sent message with the fields SIM.md promises."""
        self.count += 1
        out_id = f"o{self.count}"
        self.outputs[out_id] = row.id
        zone = self.runtime.library.profile(row.context.get("library_id")).timezone
        line: dict[str, Any] = {
            "id": out_id,
            "at": (row.sent_at or row.created_at).astimezone(zone).isoformat(),
            "kind": row.kind,
            "to": row.meta.get("to") or row.address,
            "channel": row.channel,
        }
        for key in ("intent", "outcome", "request", "requests", "rules", "notice", "status"):
            if row.meta.get(key) is not None:
                line[key] = row.meta[key]
        if "fee" in row.meta:
            line["fee"] = row.meta["fee"]
        if row.kind == "reply":
            line["rules"] = row.meta.get("rules", [])
            line["entities"] = row.meta.get("entities") or {}
            line["heard"] = row.context.get("heard", "")
        line["text"] = row.text
        return line


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return str(exc)


def read_lines(stream: TextIO) -> Iterator[str]:
    """Yield lines as they arrive, so a live pipe gets answers line by line."""
    yield from iter(stream.readline, "")
