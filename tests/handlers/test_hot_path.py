"""A patron's message is read and decided once: the answers stay what they were.

Each item is decided once, unless an item before it in the same message was recorded (it then
counts for the next, so the weekly limit still holds inside one message); the patron's requests
are read in one query serving the duplicate, weekly and loan-count checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import event

from bot.runtime import Runtime
from handlers.core import handle_message
from handlers.messages import Inbound
from store.db import transaction
from tests.support.scenarios import sim

PATRON = {"type": "patron", "id": "f", "library": "johnjay", "category": "faculty"}


def _isbn(n: int) -> str:
    body = f"978200{n:06d}"
    total = sum((1 if i % 2 == 0 else 3) * int(d) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _ask(runtime: Runtime, text: str, at: str, n: int) -> list[dict[str, object]]:
    """Send one Slack message from the patron; return the meta of every reply written."""
    moment = datetime.fromisoformat(at).replace(tzinfo=UTC)
    inbound = Inbound("slack", "f", text, moment, transport_id=f"m{n}")
    with transaction(runtime.sessions) as session:
        rows = handle_message(session, inbound, runtime.library)
        return [dict(r.meta) for r in rows if r.kind == "reply"]


@contextmanager
def _statements(runtime: Runtime) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(runtime.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(runtime.engine, "before_cursor_execute", record)


def test_the_tenth_request_of_a_week_is_taken_and_the_eleventh_in_the_same_message_refused(
    runtime: Runtime,
) -> None:
    sim(runtime, PATRON)
    for n in range(9):
        (meta,) = _ask(runtime, f"get me ISBN {_isbn(n)}", "2026-11-09T14:00", n)
        assert meta["outcome"] == "accepted"
    text = "Please get ISBN 9781000001006 and ISBN 9781000001013"
    (meta,) = _ask(runtime, text, "2026-11-10T14:00", 100)
    assert meta["outcome"] == "accepted", meta  # one of the two recorded
    assert len(meta["requests"]) == 1  # type: ignore[arg-type]
    assert "johnjay.limit.weekly" in meta["rules"]  # type: ignore[operator]


def test_a_second_ask_for_the_same_isbn_names_the_open_request(runtime: Runtime) -> None:
    sim(runtime, PATRON)
    (first,) = _ask(runtime, "get me ISBN 9781000001006", "2026-11-09T14:00", 1)
    (again,) = _ask(runtime, "get me ISBN 9781000001006", "2026-11-09T15:00", 2)
    assert first["outcome"] == "accepted"
    assert again["outcome"] == "refused"
    assert again["rules"] == ["common.request.duplicate"]


def test_a_request_reads_the_patrons_requests_in_one_query_and_never_reads_its_row_again(
    runtime: Runtime,
) -> None:
    sim(runtime, PATRON)
    _ask(runtime, "get me ISBN 9781000001006", "2026-11-09T14:00", 1)  # the conversation exists
    with _statements(runtime) as seen:
        (meta,) = _ask(runtime, "get me ISBN 9781000001013", "2026-11-09T15:00", 2)
    assert meta["outcome"] == "accepted"
    reads = [s for s in seen if s.startswith("SELECT") and "FROM requests" in s]
    assert len(reads) == 1, reads  # duplicate, weekly and loan counts from one result
    assert sum(s.startswith("UPDATE conversations") for s in seen) == 1
