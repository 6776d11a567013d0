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
        event.listen(engine, "before_cursor_execute", self._before)

    def _before(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        self.seen.append(" ".join(statement.split())[:80])


# Statements SQLAlchemy sends for one signed paraf (decide_signed), counted like the bench counts them:
# documents + version hash, the locked route (+ now()), steps + decisions + notes + delegations, UPDATE
# routes, UPDATE steps (one executemany), INSERT decisions, UPDATE documents. On PostgreSQL the seal (audit
# chain + change rows) goes with COMMIT in one pipeline, straight through psycopg (not counted here); on
# SQLite BEGIN IMMEDIATE and the seal are 6 more statements. Was 29 (first benchmark), then 16.
MAX_STATEMENTS = {"postgresql": 7, "sqlite": 13}


def test_a_signed_paraf_costs_at_most_a_handful_of_statements(content_engine: Engine, home: Path) -> None:
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
