"""`illbot requests list` and `illbot requests show ILL-n`: the queue and one whole record.

These are staff commands: their output names patrons (name and email), because staff key
requests into ILLiad, Tipasa or WorldShare from it. Nothing here is logged.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from bot.runtime import Runtime, open_runtime
from bot.settings import load_settings
from policy.errors import IllBotError
from store.db import transaction
from store.ledger import FINISHED_STATUSES, OPEN_STATUSES
from store.models import IllRequest
from store.requests import request_queue

STATUSES = (*OPEN_STATUSES, *FINISHED_STATUSES)
FORMATS = ("table", "csv", "json")
# The export's columns, in order (README "Request export (CSV)").
COLUMNS = (
    "ref",
    "status",
    "library",
    "requested_on",
    "need_by",
    "patron_id",
    "patron_name",
    "patron_email",
    "category",
    "material",
    "format",
    "title",
    "author",
    "authors",
    "journal",
    "book",
    "volume",
    "issue",
    "pages",
    "chapter",
    "edition",
    "copies",
    "year",
    "isbn",
    "issn",
    "doi",
    "pmid",
    "max_cost",
    "fee",
    "lender",
    "lender_fee",
    "lender_note",
    "due_date",
    "patron_words",
    "notes",
)
# Free text a patron typed: a spreadsheet must not read "=HYPERLINK(…)" as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMERIC = frozenset({"year", "max_cost", "fee", "lender_fee", "pages", "volume", "issue"})


class BadQuery(IllBotError):
    """A status, library, format or reference the command cannot use."""


def parse_ref(ref: str) -> int:
    """Return n of `ILL-n` (any case); anything else is refused."""
    text = ref.strip().upper()
    if not text.startswith("ILL-") or not text[4:].isdigit() or len(text) > 24:
        raise BadQuery(f"request must look like ILL-7, not '{ref}'")
    return int(text[4:])


def list_requests(status: str | None, library: str | None, output: str) -> Iterator[str]:
    """Yield the queue as a table (one line per request), CSV or JSON."""
    if output not in FORMATS:
        raise BadQuery(f"unknown format '{output}' (known: {', '.join(FORMATS)})")
    statuses = _statuses(status)
    runtime = open_runtime(load_settings())
    try:
        if library is not None and library not in runtime.library.profiles:
            known = ", ".join(sorted(runtime.library.profiles))
            raise BadQuery(f"unknown library '{library}' (known: {known})")
        with transaction(runtime.sessions) as session:
            rows = [row(r) for r in request_queue(session, statuses, library)]
    finally:
        runtime.engine.dispose()
    if output == "csv":
        yield to_csv(rows)
    elif output == "json":
        yield json.dumps(rows, indent=2, ensure_ascii=False)
    else:
        yield from _table(rows)


def show_request(ref: str) -> Iterator[str]:
    """Yield one request's whole record, one field per line, then its history."""
    number = parse_ref(ref)
    runtime = open_runtime(load_settings())
    try:
        with transaction(runtime.sessions) as session:
            request = session.get(IllRequest, number)
            if request is None:
                raise BadQuery(f"no request ILL-{number}")
            fields = row(request)
            history = _history(runtime, request)
    finally:
        runtime.engine.dispose()
    width = max(len(name) for name in COLUMNS)
    for name in COLUMNS:
        value = fields[name]
        text = "" if value is None else str(value)
        yield f"{name + ':':<{width + 1}} {_one_line(text)}".rstrip()
    yield "history:"
    yield from history


def row(request: IllRequest) -> dict[str, Any]:
    """Return a request as the export's columns (None where the record has nothing)."""
    patron = request.patron
    notes = [e.note for e in request.history if e.note]
    return {
        "ref": request.ref,
        "status": request.status,
        "library": request.library,
        "requested_on": _day(request.recorded_on),
        "need_by": _day(request.need_by),
        "patron_id": request.patron_id,
        "patron_name": patron.name if patron else None,
        "patron_email": patron.email if patron else None,
        "category": request.category,
        "material": request.material,
        "format": request.format,
        "title": request.title,
        "author": request.author,
        "authors": request.authors,
        "journal": request.journal,
        "book": request.book_title,
        "volume": request.volume,
        "issue": request.issue,
        "pages": request.pages,
        "chapter": request.chapter,
        "edition": request.edition,
        "copies": request.copies,
        "year": request.year,
        "isbn": request.isbn,
        "issn": request.issn,
        "doi": request.doi,
        "pmid": request.pmid,
        "max_cost": _usd(request.max_cost_cents),
        "fee": _usd(request.fee_cents),
        "lender": request.lender,
        "lender_fee": _usd(request.lender_fee_cents),
        "lender_note": request.lender_note,
        "due_date": _day(request.due_date),
        "patron_words": request.patron_words,
        "notes": "; ".join(notes) if notes else None,
    }


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """Write rows as CSV with a header row; empty cells for missing values."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for values in rows:
        writer.writerow([_cell(name, values[name]) for name in COLUMNS])
    return out.getvalue().rstrip("\n")


def _statuses(status: str | None) -> tuple[str, ...] | None:
    """Read `--status`: `open` (the default), `all` (None), or statuses separated by commas."""
    parts = [p.strip().lower() for p in (status or "open").split(",") if p.strip()]
    if "all" in parts:
        return None
    chosen: list[str] = []
    for part in parts or ["open"]:
        if part not in (*STATUSES, "open"):
            known = ", ".join(("open", "all", *STATUSES))
            raise BadQuery(f"unknown status '{part}' (known: {known})")
        chosen += OPEN_STATUSES if part == "open" else [part]
    return tuple(dict.fromkeys(chosen))


def _table(rows: Sequence[dict[str, Any]]) -> Iterator[str]:
    head = ("ref", "status", "library", "need_by", "requested_on", "patron", "material", "title")
    lines = [
        (
            r["ref"],
            r["status"],
            r["library"],
            r["need_by"] or "-",
            r["requested_on"] or "-",
            _patron(r),
            r["material"] + (f"/{r['format']}" if r["format"] else ""),
            _clip(_one_line(_what(r)), 60),
        )
        for r in rows
    ]
    widths = [max(len(str(v)) for v in column) for column in zip(head, *lines, strict=False)]
    for values in (head, *lines):
        cells = [str(v).ljust(w) for v, w in zip(values, widths, strict=True)]
        yield "  ".join(cells).rstrip()
    yield f"{len(rows)} request{'' if len(rows) == 1 else 's'}"


def _what(r: dict[str, Any]) -> str:
    name = r["title"] or r["journal"] or r["isbn"] or r["doi"] or r["pmid"] or r["issn"] or "-"
    if r["chapter"] and r["book"] == name:  # "chapter 3 of The Culture of Control"
        return f"ch. {r['chapter']} of {name}"
    return str(name)


def _patron(r: dict[str, Any]) -> str:
    if r["patron_id"] is None:
        return "(purged)"
    return f"{r['patron_name']} ({r['patron_id']})" if r["patron_name"] else str(r["patron_id"])


def _history(runtime: Runtime, request: IllRequest) -> list[str]:
    zone = runtime.library.profile(request.library).timezone
    lines = []
    for event in request.history:
        moved = f"{event.from_status} → {event.to_status}" if event.from_status else event.to_status
        note = f" ({_one_line(event.note)})" if event.note else ""
        at = event.at.astimezone(zone).isoformat(timespec="minutes")
        lines.append(f"  {at} {event.action}: {moved} by {event.actor}{note}")
    return lines


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if name not in _NUMERIC and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _day(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _usd(cents: int | None) -> str | None:
    return None if cents is None else f"{cents / 100:.2f}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
