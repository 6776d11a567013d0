"""Guards on the workflow hot path (bench/bench_workflow.py): how many statements a transition costs, and
that the shortcuts taken for speed keep their promises (pooled connections, the server-linked audit chain)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from eoffice.services import audit, signatures
from eoffice.store import db
from eoffice.store.db import make_engine
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.state import Decision
from tests.integration.helpers import actor, draft, identity, submit


class Statements:
    def __init__(self, engine: Engine) -> None:
        self.seen: list[str] = []
        self.alone: list[str] = []  # not queued in a psycopg pipeline: each its own round trip
        event.listen(engine, "before_cursor_execute", self._before)

    def _before(self, _conn: Any, cursor: Any, statement: str, *_rest: Any) -> None:
        self.seen.append(" ".join(statement.split())[:80])
        pgconn = getattr(cursor.connection, "pgconn", None)
        if pgconn is None or pgconn.pipeline_status == 0:
            self.alone.append(self.seen[-1])


# Statements SQLAlchemy sends for one signed paraf (decide_signed), counted like the bench counts them:
# documents + version hash, the locked route (+ now()), steps + decisions + notes + delegations, UPDATE
# routes; then UPDATE steps (one executemany), INSERT decisions, UPDATE documents, which on PostgreSQL are
# queued (UnitOfWork.defer) and go with the seal (audit chain + change rows, straight through psycopg, not
# counted here) and COMMIT in one pipeline. Plus, since paraf on the PDF, the actor's published certificate
# (signatures._active). So on PostgreSQL a transition is BEGIN + 5 round trips + 1 pipeline (was 29
# statements in the first benchmark, then 16). On SQLite PRAGMA query_only, BEGIN IMMEDIATE and the seal are
# 7 more statements.
MAX_STATEMENTS = {"postgresql": 8, "sqlite": 15}
MAX_ALONE = {"postgresql": 5, "sqlite": 15}


def test_a_signed_paraf_costs_at_most_a_handful_of_statements(content_engine: Engine, home: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The transition itself: the PAdES paraf signature on the working PDF (services/paraf.py, rendering
    and pyHanko) is a cost of its own, left out here."""
    from eoffice.services import paraf

    monkeypatch.setattr(paraf, "signs_pdf", lambda _route, _step: False)
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    who, ident = actor(content_engine, "kasi1.kominfo"), identity(home, "kasi1.kominfo")
    counter = Statements(content_engine)
    with UnitOfWork(content_engine) as uow:
        outcome = signatures.decide_signed(uow, who, ident, doc, Decision.APPROVE)
        uow.commit()
    assert outcome.stage == "paraf_kasi"
    limit = MAX_STATEMENTS[content_engine.dialect.name]
    assert len(counter.seen) <= limit, "\n".join(counter.seen)
    assert len(counter.alone) <= MAX_ALONE[content_engine.dialect.name], "\n".join(counter.alone)
    with UnitOfWork(content_engine) as uow:
        assert audit.verify(uow, home)["ok"]


def test_the_server_links_the_chain_as_the_client_would(content_engine: Engine, home: Path) -> None:
    """Several events in one transaction, with non-ASCII text and nested data: audit.verify recomputes every
    link in Python and must agree with what _PG_SEAL computed (on SQLite the client links: same check)."""
    with UnitOfWork(content_engine) as uow:
        for i in range(3):
            uow.audit("test.event", actor_id=None, document_id=None,
                      data={"i": i, "teks": "Surat untuk Bapak Gubernur — ñ ü 中文", "nested": {"a": [1, "x"]}},
                      signature="sig" if i else None)
        uow.touched("test", "x")
        uow.commit()
    with UnitOfWork(content_engine) as uow:
        verdict = audit.verify(uow, home)
    assert verdict["ok"], verdict


def test_a_read_after_a_deferred_write_sees_it(content_engine: Engine) -> None:
    """UnitOfWork.defer queues a write; the next statement of the transaction runs it first."""
    from sqlalchemy import select, update

    from eoffice.store.models import Document

    doc = draft(content_engine, "staf.kominfo")
    with UnitOfWork(content_engine) as uow:
        uow.defer(update(Document).where(Document.id == doc).values(subject="Ditunda"), None)
        assert uow.session.scalar(select(Document.subject).where(Document.id == doc)) == "Ditunda"
        uow.defer(update(Document).where(Document.id == doc).values(subject="Lalu dibatalkan"), None)
    with UnitOfWork(content_engine) as uow:  # not committed: both writes are gone, the queued one never ran
        assert uow.session.scalar(select(Document.subject).where(Document.id == doc)) == "Uji alur"
        uow.defer(update(Document).where(Document.id == doc).values(subject="Disimpan"), None)
        uow.audit("test.defer", actor_id=None, document_id=doc)
        uow.touched("document", doc)
        uow.commit()
    with UnitOfWork(content_engine) as uow:
        assert uow.session.scalar(select(Document.subject).where(Document.id == doc)) == "Disimpan"


def test_a_deferred_write_is_not_lost_by_a_commit_past_the_unit_of_work(content_engine: Engine) -> None:
    from sqlalchemy import select, update

    from eoffice.store.models import Document

    doc = draft(content_engine, "staf.kominfo")
    with UnitOfWork(content_engine) as uow:
        uow.defer(update(Document).where(Document.id == doc).values(subject="Langsung"), None)
        uow.session.commit()
    with UnitOfWork(content_engine) as uow:
        assert uow.session.scalar(select(Document.subject).where(Document.id == doc)) == "Langsung"


def test_a_deferred_write_that_fails_fails_the_commit(content_engine: Engine) -> None:
    from sqlalchemy import func, select, update
    from sqlalchemy.exc import IntegrityError

    from eoffice.store.models import AuditEvent, Document

    doc = draft(content_engine, "staf.kominfo")
    with UnitOfWork(content_engine) as uow:
        before = uow.session.scalar(select(func.count()).select_from(AuditEvent))
    with UnitOfWork(content_engine) as uow:
        uow.defer(update(Document).where(Document.id == doc).values(created_by=987654), None)  # no such user
        uow.audit("test.defer", actor_id=None, document_id=doc)
        uow.touched("document", doc)
        with pytest.raises(IntegrityError):
            uow.commit()
    with UnitOfWork(content_engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditEvent)) == before
        assert uow.session.scalar(select(Document.created_by).where(Document.id == doc)) != 987654


def test_a_pooled_connection_that_died_while_idle_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.dbs import pg_admin_url

    engine = make_engine(pg_admin_url(), pool_size=1)
    try:
        with engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        killer = make_engine(pg_admin_url(), pool_size=1)
        try:
            with killer.connect() as conn:
                conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
                conn.commit()
        finally:
            killer.dispose()
        time.sleep(0.2)
        monkeypatch.setattr(db, "PING_AFTER_IDLE", 0.0)  # as if it had been idle for a while
        with engine.connect() as conn:
            assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid
    finally:
        engine.dispose()


def test_a_recently_used_connection_is_not_pinged() -> None:
    from tests.dbs import pg_admin_url

    engine = make_engine(pg_admin_url(), pool_size=1)
    pings: list[object] = []
    original = engine.dialect.do_ping
    engine.dialect.do_ping = lambda c: pings.append(c) or original(c)  # type: ignore[method-assign]
    try:
        for _ in range(3):
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()
    assert pings == []
