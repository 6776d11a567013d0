"""Unit of work: one transaction; on commit it appends the audit chain and the change sequence.

Services do all their reads and writes through a UnitOfWork, so every state change and its audit
event land in the same transaction (DESIGN.md invariant 3), and the change sequence follows commit order.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import insert, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from eoffice.canonical import chain_hash
from eoffice.domain import BadInput, Unavailable
from eoffice.store.db import describe, first_line
from eoffice.store.models import AuditEvent, AuditHead, Change, SyncCounter
from eoffice.store.repos import Classifications, Positions, Units, Users

T = TypeVar("T")


@dataclass
class PendingAudit:
    action: str
    actor_id: int | None
    document_id: str | None
    data: dict[str, Any]
    signature: str | None = None


@dataclass
class _Pending:
    audit: list[PendingAudit] = field(default_factory=list)
    changes: list[tuple[str, str]] = field(default_factory=list)


def audit_record(row: AuditEvent) -> dict[str, Any]:
    """The canonical content of an audit row that its hash covers."""
    return {
        "id": row.id,
        "at": row.at.astimezone(UTC).isoformat(),
        "actor_id": row.actor_id,
        "action": row.action,
        "document_id": row.document_id,
        "data": row.data,
        "signature": row.signature,
    }


class UnitOfWork:
    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        self.engine = engine
        # A read-only unit takes no write lock on SQLite (plain BEGIN: WAL readers run beside the writer) and
        # is a READ ONLY transaction on PostgreSQL, so the server refuses a write a reader makes by mistake.
        self.read_only = read_only
        self._pending = _Pending()
        self._now: datetime | None = None
        self.session: Session

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __enter__(self) -> UnitOfWork:
        bind = self.engine.execution_options(eoffice_read_only=True, postgresql_readonly=True) \
            if self.read_only else self.engine
        self.session = Session(bind, expire_on_commit=False, autoflush=True)
        self._pending = _Pending()
        self._now = None
        self.units = Units(self.session)
        self.positions = Positions(self.session)
        self.users = Users(self.session)
        self.classifications = Classifications(self.session)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def now(self) -> datetime:
        """The record time: the server's clock on PostgreSQL (transaction start), else local UTC."""
        if self._now is None:
            if self.dialect == "postgresql":
                value: datetime = self.session.execute(text("SELECT now()")).scalar_one()
                self._now = value.astimezone(UTC)
            else:
                self._now = datetime.now(UTC)
        return self._now

    def audit(
        self,
        action: str,
        *,
        actor_id: int | None,
        document_id: str | None = None,
        data: dict[str, Any] | None = None,
        signature: str | None = None,
    ) -> None:
        self._pending.audit.append(PendingAudit(action, actor_id, document_id, dict(data or {}), signature))

    def touched(self, entity: str, entity_id: object) -> None:
        """Note a changed row so clients can pull it (sync)."""
        self._pending.changes.append((entity, str(entity_id)))

    def flush(self) -> None:
        try:
            self.session.flush()
        except IntegrityError as exc:
            self.session.rollback()
            raise BadInput(f"Data bertentangan dengan data yang ada: {first_line(exc)}") from exc

    def commit(self) -> None:
        try:
            self.session.flush()
            self._seal()
            self.session.commit()
        except IntegrityError:
            self.session.rollback()
            raise
        except OperationalError as exc:
            self.session.rollback()
            raise Unavailable(f"Database tidak dapat dihubungi ({describe(self.engine)}): {first_line(exc)}") from exc
        except DBAPIError:
            self.session.rollback()
            raise
        self._pending = _Pending()
        self._now = None

    def rollback(self) -> None:
        self.session.rollback()
        self._pending = _Pending()

    def _seal(self) -> None:
        """Append the queued audit events to the hash chain and the changes to the sequence.

        audit_head and sync_counter are single hot rows every writer locks until commit, so the lock is
        held for as few round trips as possible: one statement takes and advances both, one writes the
        rest, then COMMIT (was six; measured in bench/RESULTS.md, "Workflow transitions")."""
        audit, changes = self._pending.audit, list(dict.fromkeys(self._pending.changes))
        if not audit and not changes:
            return
        at = self.now()  # before the lock: on PostgreSQL this is a round trip of its own
        last_id, prev_hash, top = self._advance(len(audit), len(changes))
        rows: list[dict[str, Any]] = []
        for offset, item in enumerate(audit):
            row = {"id": last_id - len(audit) + 1 + offset, "at": at, "actor_id": item.actor_id,
                   "action": item.action, "document_id": item.document_id, "data": item.data,
                   "signature": item.signature, "prev_hash": prev_hash}
            row["hash"] = prev_hash = chain_hash(prev_hash, _canonical_audit(row))
            rows.append(row)
        seqs = [{"seq": top - len(changes) + 1 + i, "entity": e, "entity_id": eid, "at": at}
                for i, (e, eid) in enumerate(changes)]
        if self.dialect == "postgresql" and rows and seqs:
            self.session.execute(_PG_WRITE, {"rows": json.dumps(rows, default=_iso), "head": prev_hash,
                                             "changes": json.dumps(seqs, default=_iso)})
            return
        if rows:
            self.session.execute(insert(AuditEvent), rows)
            self.session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_hash=prev_hash))
        if seqs:
            self.session.execute(insert(Change), seqs)

    def _advance(self, events: int, changes: int) -> tuple[int, str, int]:
        """Lock and advance the chain head and the change counter in one statement."""
        if self.dialect == "postgresql" and events and changes:
            row = self.session.execute(text(
                "WITH a AS (UPDATE audit_head SET last_id = last_id + :n WHERE id = 1 RETURNING last_id, last_hash), "
                "c AS (UPDATE sync_counter SET value = value + :m WHERE id = 1 RETURNING value) "
                "SELECT a.last_id, a.last_hash, c.value FROM a, c"), {"n": events, "m": changes}).one()
            return int(row[0]), str(row[1]), int(row[2])
        last_id, prev_hash, top = 0, "", 0
        if events:
            last_id, prev_hash = self.session.execute(
                update(AuditHead).where(AuditHead.id == 1).values(last_id=AuditHead.last_id + events)
                .returning(AuditHead.last_id, AuditHead.last_hash)).one()
        if changes:
            top = self.session.execute(
                update(SyncCounter).where(SyncCounter.id == 1).values(value=SyncCounter.value + changes)
                .returning(SyncCounter.value)).scalar_one()
        return last_id, prev_hash, top


# Events, the new head hash and the change rows in one statement (one round trip while the rows are locked).
_PG_WRITE = text(
    "WITH a AS (INSERT INTO audit_events (id, at, actor_id, action, document_id, data, signature, prev_hash, hash) "
    "SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS r(id bigint, at timestamptz, actor_id integer, "
    "action text, document_id text, data json, signature text, prev_hash text, hash text)), "
    "h AS (UPDATE audit_head SET last_hash = :head WHERE id = 1) "
    "INSERT INTO changes (seq, entity, entity_id, at) SELECT * FROM json_to_recordset(CAST(:changes AS json)) "
    "AS r(seq bigint, entity text, entity_id text, at timestamptz)")


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _canonical_audit(row: dict[str, Any]) -> dict[str, Any]:
    """The same content ``audit_record`` gives for a stored row."""
    return {k: row[k] for k in ("id", "actor_id", "action", "document_id", "data", "signature")} | {
        "at": row["at"].astimezone(UTC).isoformat()}


def run_in_transaction(engine: Engine, use_case: Callable[[UnitOfWork], T], *, read_only: bool = False) -> T:
    """Run one use case in its own transaction and commit it: the way every caller drives a service."""
    with UnitOfWork(engine, read_only=read_only) as uow:
        result = use_case(uow)
        uow.commit()
    return result
