"""Event records: every state change the engine makes is described by one (written to the audit log)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eoffice.domain import BadInput

EventValue = str | int | bool | None | list[str]


@dataclass(frozen=True)
class Event:
    """One change. ``step_id`` is a workflow step id or a disposition node id; None for route-level events."""

    type: str
    document_id: str
    step_id: str | None
    actor: str
    data: dict[str, EventValue]  # JSON-ready: str/int/bool/None/list[str]; datetimes as ISO strings
    at: datetime


def require_aware(name: str, when: datetime) -> datetime:
    """Engine times are timezone-aware; naive datetimes are a programming error at the boundary."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise BadInput(f"{name} must be timezone-aware (UTC), got a naive datetime")
    return when


def require_note(note: str, what: str) -> str:
    text = note.strip()
    if not text:
        raise BadInput(f"Catatan wajib diisi untuk {what}")
    return text
