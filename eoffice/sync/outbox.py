"""The outbox: commands a person made while the database did not answer, kept in their local cache until a push
applies them (DESIGN.md "Local cache and sync"; eoffice/sync/push.py). A local table (not a copy of a server
table, so not in the migrations): a pull never touches it, and it outlives any number of pulls.

Each row is one command: its canonical JSON (eoffice.app.commands), the letter version it was made against, the
time the person acted (claimed: the server's clock is the record time) and their signature over a statement of
it. Status: ``pending`` (to push), ``applied``, ``rejected`` (a domain reason, shown in "Perlu perhatian" until the
person acts), ``blocked`` (waits for the person: a key's passphrase, an update of the app), ``discarded``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    func,
    select,
    update,
)
from sqlalchemy.engine import Engine

from eoffice.domain import BadInput, NotFound

PENDING, APPLIED, REJECTED, BLOCKED, DISCARDED = "pending", "applied", "rejected", "blocked", "discarded"
STATUSES = (PENDING, APPLIED, REJECTED, BLOCKED, DISCARDED)
OPEN = (PENDING, REJECTED, BLOCKED)  # what still needs a push or the person

outbox_meta = MetaData()
OUTBOX = Table(
    "outbox", outbox_meta,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # the order the person acted in
    Column("action_id", String(36), unique=True, nullable=False),
    Column("login", String(80), nullable=False),
    Column("type", String(40), nullable=False),
    Column("document_id", String(36), nullable=False, default=""),
    Column("payload", Text, nullable=False),  # the command's canonical JSON
    Column("base_version", String(64), nullable=False, default=""),  # the letter version's content hash
    Column("claimed_at", DateTime, nullable=False),  # UTC, naive: the client's clock
    Column("signature", Text),
    Column("cert_fingerprint", String(64)),
    Column("status", String(12), nullable=False, default=PENDING),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_try", Float, nullable=False, default=0.0),  # epoch seconds: backoff after a network failure
    Column("last_error", Text, nullable=False, default=""),
    Column("result", Text, nullable=False, default=""),  # JSON of the server's answer once applied
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)


@dataclass(frozen=True)
class Entry:
    seq: int
    action_id: str
    login: str
    type: str
    document_id: str
    payload: bytes
    base_version: str
    claimed_at: dt.datetime
    signature: str | None
    cert_fingerprint: str | None
    status: str
    attempts: int
    next_try: float
    last_error: str
    result: Any
    created_at: dt.datetime
    updated_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "payload"}
        out["command"] = json.loads(self.payload)
        for key in ("claimed_at", "created_at", "updated_at"):
            out[key] = out[key].isoformat()
        return out


def create(cache: Engine) -> None:
    outbox_meta.create_all(cache)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _naive(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def _entry(row: Any) -> Entry:
    m = dict(row._mapping)
    m["payload"] = m["payload"].encode()
    m["result"] = json.loads(m["result"]) if m["result"] else None
    for key in ("claimed_at", "created_at", "updated_at"):
        m[key] = _utc(m[key])
    return Entry(**m)


def add(cache: Engine, *, action_id: str, login: str, type_name: str, document_id: str, payload: bytes,
        base_version: str, claimed_at: dt.datetime, signature: str | None, cert_fingerprint: str | None) -> Entry:
    now = _naive(dt.datetime.now(dt.UTC))
    with cache.begin() as conn:
        if conn.execute(select(OUTBOX.c.seq).where(OUTBOX.c.action_id == action_id)).first() is not None:
            raise BadInput(f"action_id {action_id} sudah ada di antrean")
        conn.execute(OUTBOX.insert().values(
            action_id=action_id, login=login, type=type_name, document_id=document_id, payload=payload.decode(),
            base_version=base_version, claimed_at=_naive(claimed_at), signature=signature,
            cert_fingerprint=cert_fingerprint, status=PENDING, attempts=0, next_try=0.0, last_error="", result="",
            created_at=now, updated_at=now))
    return get(cache, action_id)


def get(cache: Engine, action_id: str) -> Entry:
    with cache.connect() as conn:
        row = conn.execute(select(OUTBOX).where(OUTBOX.c.action_id == action_id)).first()
        if row is None and len(action_id) >= 6:  # a prefix, as letter ids are given
            rows = conn.execute(select(OUTBOX).where(OUTBOX.c.action_id.startswith(action_id)).limit(2)).all()
            row = rows[0] if len(rows) == 1 else None
    if row is None:
        raise NotFound(f"Perintah tidak ada di antrean: {action_id}")
    return _entry(row)


def entries(cache: Engine, login: str, statuses: Iterable[str] = STATUSES) -> list[Entry]:
    with cache.connect() as conn:
        rows = conn.execute(select(OUTBOX).where(OUTBOX.c.login == login, OUTBOX.c.status.in_(list(statuses)))
                            .order_by(OUTBOX.c.seq)).all()
    return [_entry(r) for r in rows]


def count(cache: Engine, login: str, statuses: Iterable[str] = (PENDING, BLOCKED)) -> int:
    with cache.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(OUTBOX).where(
            OUTBOX.c.login == login, OUTBOX.c.status.in_(list(statuses)))).scalar() or 0)


@dataclass(frozen=True)
class Mark:
    """A command's new status (with its error, result, backoff)."""

    action_id: str
    status: str
    error: str = ""
    result: Any = None
    next_try: float | None = None
    attempted: bool = False


def set_status(cache: Engine, action_id: str, status: str, *, error: str = "", result: Any = None,
               next_try: float | None = None, attempted: bool = False) -> None:
    set_statuses(cache, [Mark(action_id, status, error, result, next_try, attempted)])


# Built once, run with many rows at a time: its SET clause is the columns each row names.
_MARK = update(OUTBOX).where(OUTBOX.c.action_id == bindparam("b_action_id"))
_MARK_ATTEMPT = _MARK.values(attempts=OUTBOX.c.attempts + 1)


def set_statuses(cache: Engine, marks: Iterable[Mark]) -> None:
    """Several marks in one local transaction (a push writes them in batches: one disk sync, not one each), the
    marks that set the same columns as one statement."""
    now = _naive(dt.datetime.now(dt.UTC))
    shapes: dict[tuple[bool, tuple[str, ...]], list[dict[str, Any]]] = {}
    for m in marks:
        row: dict[str, Any] = {"b_action_id": m.action_id, "status": m.status, "last_error": m.error,
                               "updated_at": now}
        if m.result is not None:
            row["result"] = json.dumps(m.result, ensure_ascii=False, default=str, sort_keys=True)
        if m.next_try is not None:
            row["next_try"] = m.next_try
        shapes.setdefault((m.attempted, tuple(row)), []).append(row)
    if not shapes:
        return
    with cache.begin() as conn:
        for (attempted, _names), rows in shapes.items():
            conn.execute(_MARK_ATTEMPT if attempted else _MARK, rows)


def retry(cache: Engine, action_id: str) -> Entry:
    """A blocked or waiting command: push again at the next sync (backoff forgotten)."""
    entry = get(cache, action_id)
    if entry.status not in (PENDING, BLOCKED):
        raise BadInput(f"Perintah {entry.action_id} berstatus {label(entry.status)}: hanya yang menunggu atau "
                       "tertahan dapat dicoba lagi (yang ditolak: ulangi pada versi sekarang)")
    with cache.begin() as conn:
        conn.execute(update(OUTBOX).where(OUTBOX.c.action_id == entry.action_id).values(
            status=PENDING, next_try=0.0, last_error="", updated_at=_naive(dt.datetime.now(dt.UTC))))
    return get(cache, entry.action_id)


def discard(cache: Engine, action_id: str) -> Entry:
    """The person gives the command up: it is kept, marked discarded, and never pushed."""
    entry = get(cache, action_id)
    if entry.status in (APPLIED, DISCARDED):
        raise BadInput(f"Perintah {entry.action_id} sudah {label(entry.status)}: tidak dapat dibuang")
    set_status(cache, entry.action_id, DISCARDED, error=entry.last_error)
    return get(cache, entry.action_id)


LABELS = {PENDING: "menunggu sinkronisasi", APPLIED: "diterapkan", REJECTED: "ditolak", BLOCKED: "tertahan",
          DISCARDED: "dibuang"}


def label(status: str) -> str:
    return LABELS.get(status, status)
