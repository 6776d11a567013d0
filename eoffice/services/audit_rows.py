"""Audit rows read as they are stored, whatever that is: a row whose payload is not JSON, whose time does
not parse or whose event type is unknown never makes the history or the chain check crash. History shows
it as "(catatan rusak)"; `audit verify` reports the chain broken at that row (its hash cannot match)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Text, select, type_coerce

from eoffice.store.models import AuditEvent
from eoffice.store.uow import UnitOfWork

BROKEN = "(catatan rusak)"
_COLUMNS = (AuditEvent.id, type_coerce(AuditEvent.at, Text), AuditEvent.actor_id, AuditEvent.action,
            AuditEvent.document_id, type_coerce(AuditEvent.data, Text), AuditEvent.signature, AuditEvent.prev_hash,
            AuditEvent.hash)


@dataclass(frozen=True)
class EventRow:
    id: int
    at: dt.datetime | None  # None: the stored time does not parse
    at_text: str
    actor_id: int | None
    action: str
    document_id: str | None
    data: dict[str, Any] | None  # None: the stored payload is not a JSON object
    signature: str | None
    prev_hash: str
    hash: str

    def record(self) -> dict[str, Any]:
        """What the chain hash covers (store.uow.audit_record); a broken row gives content no hash matches."""
        return {"id": self.id, "at": self.at.isoformat() if self.at else self.at_text, "actor_id": self.actor_id,
                "action": self.action, "document_id": self.document_id,
                "data": self.data if self.data is not None else {BROKEN: True}, "signature": self.signature,
                "prev_hash": self.prev_hash, "hash": self.hash}


def _time(raw: Any) -> dt.datetime | None:
    if isinstance(raw, dt.datetime):
        return raw.astimezone(dt.UTC) if raw.tzinfo else raw.replace(tzinfo=dt.UTC)
    try:
        value = dt.datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _data(raw: Any) -> dict[str, Any] | None:
    if isinstance(raw, (bytes, str)):
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            return None
    return raw if isinstance(raw, dict) else None


def read_events(uow: UnitOfWork, *where: ColumnElement[bool], after: int = 0,
                limit: int | None = None) -> Iterator[EventRow]:
    query = select(*_COLUMNS).where(AuditEvent.id > after, *where).order_by(AuditEvent.id)
    for row in uow.session.execute(query.limit(limit) if limit else query):
        at = _time(row[1])
        yield EventRow(int(row[0]), at, at.isoformat() if at else str(row[1]), row[2], str(row[3] or ""), row[4],
                       _data(row[5]), row[6], str(row[7] or ""), str(row[8] or ""))


def summary(event: EventRow) -> str:
    """One line for the history: the route events it carried, else its fields; never an exception."""
    data = event.data
    if data is None or event.at is None:
        return BROKEN
    events = data.get("events")
    if events is not None:
        if not isinstance(events, list) or not all(isinstance(e, dict) and isinstance(e.get("type"), str)
                                                   for e in events):
            return BROKEN
        return ", ".join(e["type"] for e in events)
    return ", ".join(f"{k}={v}" for k, v in data.items())


# What of an event a person reads in the history, in this order; the rest (digests, ids, codes, template and
# stage names) stays in ``summary``, for `--json` and the audit.
_READABLE = ("subject", "sender", "number", "agenda", "note", "text", "report", "name", "reason")
_PEOPLE = ("to", "assignee")  # logins: shown as "Name (Jabatan)" (a step event's "to" is its new state)


def _people(item: dict[str, Any]) -> list[str]:
    keys = ("assignee",) if str(item.get("type", "")).startswith("step_") else _PEOPLE
    return [str(item[k]) for k in keys if isinstance(item.get(k), str)]


def _items(event: EventRow) -> list[dict[str, Any]] | None:
    data = event.data
    if data is None or event.at is None:
        return None
    items = data.get("events", [data])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return None
    # a new route's steps name every assignee: the route (Rute tab, `letter show`) says who, not each history row
    return [i for i in items if i.get("type") != "step_created" or event.action == "route.forward"]


def people_in(events: list[EventRow]) -> set[str]:
    """The logins the events' details name (to look their names up once)."""
    return {login for e in events for i in (_items(e) or []) for login in _people(i)}


def details(event: EventRow, names: dict[str, str]) -> str:
    """One line of the history in plain words: the subject, number, notes... of the event and the people it
    went to, by name; never an event type, a digest or a login. Never an exception."""
    items = _items(event)
    if items is None:
        return BROKEN
    parts: list[str] = []
    for item in items:
        parts += [f"\u2192 {names.get(login, login)}" for login in _people(item)]  # "→ Name": in any language
        parts += [str(item[k]).strip() for k in _READABLE if isinstance(item.get(k), str) and str(item[k]).strip()]
    return "; ".join(dict.fromkeys(parts))
