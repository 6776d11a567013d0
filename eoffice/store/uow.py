"""Unit of work: one transaction; on commit it appends the audit chain and the change sequence.

Services do all their reads and writes through a UnitOfWork, so every state change and its audit
event land in the same transaction (DESIGN.md invariant 3), and the change sequence follows commit order.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import event, insert, inspect, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.sql import Executable

from eoffice.canonical import canonical_json, chain_hash
from eoffice.domain import BadInput, Unavailable
from eoffice.store import models as m
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
    reindex: dict[str, None] = field(default_factory=dict)  # letters whose searchable text may have changed


# Change tracking (the change feed for sync, the search text): which entity a flushed row names. Org-wide rows
# by their own key; a letter's rows by the letter ("document"), with the attributes that feed its search text.
_ORG_ENTITIES: dict[type[Any], tuple[str, str]] = {
    m.Unit: ("unit", "id"), m.Position: ("position", "id"), m.User: ("user", "id"),
    m.ClassificationCode: ("classification", "code"), m.RouteTemplateRow: ("route_template", "id"),
    m.NumberFormat: ("number_format", "id"), m.Delegation: ("delegation", "id"),
    m.CertificateRow: ("certificate", "id"),
}
_LETTER_ROWS: dict[type[Any], tuple[str, frozenset[str] | None]] = {  # (document id column, searchable attrs)
    m.Document: ("id", frozenset({"subject", "number", "sender", "kind"})),
    m.DocumentVersion: ("document_id", frozenset({"body_text"})),
    m.Recipient: ("document_id", frozenset({"label"})),
    m.Attachment: ("document_id", frozenset({"name"})),
    m.RouteNote: ("document_id", None), m.Disposition: ("document_id", None),
}
# Set by eoffice.services.letters: refreshes documents.search_text of the letters given (before commit).
Reindexer = Callable[["UnitOfWork", list[str]], None]


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


# Writes queued with UnitOfWork.defer, kept in the pooled connection's info until they run.
_DEFERRED = "eoffice_deferred"
_LISTENING: weakref.WeakSet[Engine] = weakref.WeakSet()


def _run_deferred(conn: Connection, *_args: Any) -> None:
    """before_execute: queued writes run before anything else this transaction sends, so a read never misses
    them (the ORM's flush included)."""
    pending = conn.info.get(_DEFERRED)
    if pending:
        conn.info[_DEFERRED] = []
        for statement, params in pending:
            conn.execute(statement, params)


def _drop_deferred(_dbapi_conn: Any, record: Any) -> None:
    record.info.pop(_DEFERRED, None)


class UnitOfWork:
    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        self.engine = engine
        if engine not in _LISTENING:
            event.listen(engine, "before_execute", _run_deferred)
            event.listen(engine, "commit", _run_deferred)  # a commit that bypasses UnitOfWork.commit
            event.listen(engine, "checkin", _drop_deferred)  # a transaction that ended without commit
            _LISTENING.add(engine)
        # A read-only unit takes no write lock on SQLite (plain BEGIN: WAL readers run beside the writer) and
        # is a READ ONLY transaction on PostgreSQL, so the server refuses a write a reader makes by mistake.
        self.read_only = read_only
        self._pending = _Pending()
        self._now: datetime | None = None
        self.memo: dict[Any, Any] = {}  # per-transaction cache of reads services repeat (e.g. version hashes)
        self._deferred_in: dict[Any, Any] | None = None  # the connection info holding our deferred writes
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
        self.memo = {}
        self.units = Units(self.session)
        self.positions = Positions(self.session)
        self.users = Users(self.session)
        self.classifications = Classifications(self.session)
        event.listen(self.session, "after_flush", self._track)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self._forget_deferred()
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

    def remember_now(self, value: datetime | None) -> None:
        """The server clock as read by a statement the caller ran anyway (PostgreSQL's now() is the
        transaction start, so any statement gives the value ``now()`` would fetch): saves a round trip."""
        if value is not None and self._now is None:
            self._now = value.astimezone(UTC)

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

    def defer(self, statement: Executable, params: Any) -> None:
        """Queue a write whose result nobody reads (the hot path's step, decision and status rows). It runs
        before the next statement of this transaction, or at commit; on PostgreSQL, when nothing else runs
        first, together with the seal and COMMIT in one pipeline: one round trip for all of them."""
        self._deferred_in = self.session.connection().info
        self._deferred_in.setdefault(_DEFERRED, []).append((statement, params))

    def _take_deferred(self) -> list[tuple[Executable, Any]]:
        pending: list[tuple[Executable, Any]] = self.session.connection().info.pop(_DEFERRED, None) or []
        return pending

    def _forget_deferred(self) -> None:
        if self._deferred_in is not None:
            self._deferred_in.pop(_DEFERRED, None)
            self._deferred_in = None

    reindexer: Reindexer | None = None

    def touched(self, entity: str, entity_id: object) -> None:
        """Note a changed row so clients can pull it (sync). Rows written through the ORM are noted by
        themselves (``_track``); this is for writes that bypass it (deferred Core statements)."""
        self._pending.changes.append((entity, str(entity_id)))

    def _track(self, session: Session, _flush: UOWTransaction) -> None:
        """after_flush: note every flushed row for the change feed, and the letters whose searchable text a
        row may have changed (refreshed once, at commit)."""
        for obj, new in [*((o, True) for o in session.new), *((o, False) for o in session.dirty),
                         *((o, True) for o in session.deleted)]:
            kind = type(obj)
            if kind in _ORG_ENTITIES:
                entity, key = _ORG_ENTITIES[kind]
                self._pending.changes.append((entity, str(getattr(obj, key))))
                continue
            if kind not in _LETTER_ROWS:
                continue
            column, searchable = _LETTER_ROWS[kind]
            doc_id = str(getattr(obj, column))
            if kind is m.Disposition and not new:
                self._pending.changes.append(("disposition", str(obj.id)))  # a node read or done
            self._pending.changes.append(("document", doc_id))
            if searchable is not None and (new or _changed_any(obj, searchable)):
                self._pending.reindex[doc_id] = None

    def flush(self) -> None:
        try:
            self.session.flush()
        except IntegrityError as exc:
            self.session.rollback()
            raise BadInput(f"Data bertentangan dengan data yang ada: {first_line(exc)}") from exc

    def commit(self) -> None:
        try:
            self.session.flush()
            if self._pending.reindex and self.reindexer is not None:
                letters, self._pending.reindex = list(self._pending.reindex), {}
                type(self).reindexer(self, letters)  # type: ignore[misc]  # a plain function, not a method
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
        self.memo = {}

    def rollback(self) -> None:
        self._forget_deferred()
        self.session.rollback()
        self._pending = _Pending()
        self.memo = {}

    def _seal(self) -> None:
        """Append the queued audit events to the hash chain and the changes to the sequence.

        audit_head and sync_counter are single hot rows every writer locks until commit, so the lock is
        held for as few round trips as possible: on PostgreSQL one statement (_PG_SEAL) locks both, links
        and writes the events, advances the head and writes the change rows, then COMMIT; elsewhere (SQLite:
        one writer at a time anyway) the head is advanced first and the client links the chain (was six
        round trips, then three; measured in bench/RESULTS.md, "Workflow transitions")."""
        audit, changes = self._pending.audit, list(dict.fromkeys(self._pending.changes))
        if not audit and not changes:
            self._run_deferred_now()
            return
        at = self.now()  # before the lock (on PostgreSQL usually read already by the route lock statement)
        if self.dialect == "postgresql":  # the owner's eoffice_seal: no client writes the chain or the feed itself
            self._seal_and_commit_pg({
                "events": json.dumps([_event_parts(k, item, at) for k, item in enumerate(audit, 1)], default=_iso),
                "changes": json.dumps([{"k": k, "entity": e, "entity_id": eid, "at": at}
                                       for k, (e, eid) in enumerate(changes, 1)], default=_iso),
                "m": len(changes)})
            return
        self._run_deferred_now()
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
        if rows:
            self.session.execute(insert(AuditEvent), rows)
            self.session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_hash=prev_hash))
        if seqs:
            self.session.execute(insert(Change), seqs)

    def _seal_and_commit_pg(self, params: dict[str, Any]) -> None:
        """_PG_SEAL and COMMIT sent together (psycopg pipeline mode): the hot rows are released as soon as
        the server has run both, never held while this process waits for its turn on a CPU. The session's
        own COMMIT that follows finds the connection idle and sends nothing (psycopg skips it)."""
        import psycopg  # the PostgreSQL driver (make_engine always picks postgresql+psycopg)

        conn = self.session.connection()
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, psycopg.Connection)
        deferred = self._take_deferred()
        try:
            with raw.pipeline():
                for statement, values in deferred:  # queued by psycopg; errors surface at the commit below
                    conn.execute(statement, values)
                raw.execute(_PG_SEAL_SQL, params)
                raw.commit()
        except psycopg.Error as exc:  # as SQLAlchemy would have raised it (IntegrityError, OperationalError...)
            statement = "; ".join([*(str(s).split("(", 1)[0] for s, _v in deferred), "_PG_SEAL"])
            raise DBAPIError.instance(statement, params, exc, psycopg.Error, dialect=self.engine.dialect) from exc

    def _run_deferred_now(self) -> None:
        if self.session.in_transaction():
            _run_deferred(self.session.connection())

    def _advance(self, events: int, changes: int) -> tuple[int, str, int]:
        """Lock and advance the chain head and the change counter (returning the new values)."""
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


# PostgreSQL: the whole seal in one statement, so the hot rows are locked for no client round trip at all
# (only this statement's execution and the COMMIT that follows). It calls the owner's SECURITY DEFINER function
# eoffice_seal (store/security.py), the only writer of audit_events, audit_head, sync_counter and changes: it
# locks the head and (READ COMMITTED, after waiting for a concurrent sealer) reads its latest version, hashes
# each event as SHA-256(previous hash + canonical JSON), the client having sent the canonical JSON of each
# event in two pieces around its id (``_event_parts``) because the id is only known under the lock. The result
# is byte for byte what ``canonical.chain_hash`` gives, which audit.verify recomputes.
_PG_SEAL_SQL = "SELECT eoffice_seal(CAST(%(events)s AS json), CAST(%(changes)s AS json), %(m)s)"

_ID_MARK = 987_654_321_987_654_321_987  # stands in for the event id while the canonical JSON is cut in two


def _changed_any(obj: Any, names: frozenset[str]) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[n].history.has_changes() for n in names)


def _event_parts(k: int, item: PendingAudit, at: datetime) -> dict[str, Any]:
    """An event for _PG_SEAL: its columns and its canonical JSON as hex bytes before and after the id."""
    row = {"id": _ID_MARK, "at": at, "actor_id": item.actor_id, "action": item.action,
           "document_id": item.document_id, "data": item.data, "signature": item.signature}
    raw = canonical_json(_canonical_audit(row))
    pre, mark, suf = raw.partition(b'"id":%d' % _ID_MARK)
    if not mark or mark in suf:
        raise ValueError("audit event: cannot place the id in its canonical form")
    return {"k": k, "at": at, "actor_id": item.actor_id, "action": item.action, "document_id": item.document_id,
            "data": item.data, "signature": item.signature, "pre": (pre + b'"id":').hex(), "suf": suf.hex()}


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
