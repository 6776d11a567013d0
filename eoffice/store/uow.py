"""Unit of work: one transaction; on commit it appends the audit chain and the change sequence.

Services do all their reads and writes through a UnitOfWork, so every state change and its audit
event land in the same transaction (DESIGN.md invariant 3), and the change sequence follows commit order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from eoffice.canonical import chain_hash
from eoffice.domain import BadInput, Unavailable
from eoffice.store.db import describe, first_line
from eoffice.store.models import AuditEvent, AuditHead, Change, SyncCounter
from eoffice.store.repos import Classifications, Positions, Units, Users


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
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._pending = _Pending()
        self._now: datetime | None = None
        self.session: Session

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __enter__(self) -> UnitOfWork:
        self.session = Session(self.engine, expire_on_commit=False, autoflush=True)
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
            self._write_audit()
            self._write_changes()
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

    def _write_audit(self) -> None:
        if not self._pending.audit:
            return
        # Locking the head row serialises chain writers: each link sees the one before it.
        head = self.session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
        at = self.now()
        for item in self._pending.audit:
            row = AuditEvent(
                id=head.last_id + 1,
                at=at,
                actor_id=item.actor_id,
                action=item.action,
                document_id=item.document_id,
                data=item.data,
                signature=item.signature,
                prev_hash=head.last_hash,
                hash="",
            )
            row.hash = chain_hash(head.last_hash, audit_record(row))
            self.session.add(row)
            head.last_id, head.last_hash = row.id, row.hash
        self.session.flush()

    def _write_changes(self) -> None:
        if not self._pending.changes:
            return
        unique = list(dict.fromkeys(self._pending.changes))
        # Allocated from a single-row counter inside this transaction, so seq follows commit order.
        top = self.session.execute(
            update(SyncCounter)
            .where(SyncCounter.id == 1)
            .values(value=SyncCounter.value + len(unique))
            .returning(SyncCounter.value)
        ).scalar_one()
        at = self.now()
        first = top - len(unique) + 1
        for offset, (entity, entity_id) in enumerate(unique):
            self.session.add(Change(seq=first + offset, entity=entity, entity_id=entity_id, at=at))
        self.session.flush()
