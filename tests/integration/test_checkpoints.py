"""Signed checkpoints of the audit head make a superuser's rewrite detectable, on both back ends: the chain is
rewritten and relinked (triggers off, hashes recomputed, head row moved), truncated, or given a forged
event; `audit verify` with a checkpoint taken before says so (and without one it could not)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from eoffice.services import audit, trust
from eoffice.signing import checkpoint
from eoffice.signing.audit import event_hash
from eoffice.store.models import AuditEvent
from eoffice.store.uow import UnitOfWork, audit_record
from tests.integration.helpers import identity, run


def _as_superuser(engine: Engine, statements: list[tuple[str, dict[str, object]]]) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        else:
            for name in ("audit_events_no_update", "audit_events_no_delete"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        for sql, params in statements:
            conn.execute(text(sql), params)
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))


def _relink(engine: Engine) -> None:
    """Recompute every hash from the first event on and move the head row: a consistent chain again."""
    def rows(uow: UnitOfWork) -> list[dict[str, object]]:
        return [audit_record(r) for r in uow.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    events = run(engine, rows)
    prev, statements = "0" * 64, []
    for ev in events:
        h = event_hash(prev, ev)
        statements.append(("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :i",
                           {"p": prev, "h": h, "i": ev["id"]}))
        prev = h
    statements.append(("UPDATE audit_head SET last_id = :i, last_hash = :h WHERE id = 1",
                       {"i": events[-1]["id"], "h": prev}))
    _as_superuser(engine, statements)


def _verify(engine: Engine, home: Path) -> dict[str, object]:
    return run(engine, lambda uow: audit.verify(uow, home))


def _signed_checkpoint(engine: Engine, home: Path) -> None:
    ident = identity(home, "admin") if (home / "keys" / "admin.p12").exists() else identity(home, "gubernur")
    result = run(engine, lambda uow: audit.verify(uow, home, identity=ident, login="gubernur"))
    assert result["ok"]
    known = checkpoint.load(home)
    roots = run(engine, lambda uow: trust.roots(uow, home))
    assert known and known[-1].signature and checkpoint.signer_ok(known[-1], roots)


def test_a_rewritten_and_relinked_chain_fails_against_an_earlier_checkpoint(content_engine: Engine, home: Path,
                                                                             tmp_path: Path) -> None:
    _signed_checkpoint(content_engine, home)
    (home / "audit_head.json").unlink()  # only the checkpoints remain to remember the chain
    _as_superuser(content_engine, [("UPDATE audit_events SET data = :d WHERE id = 3",
                                    {"d": json.dumps({"kind": "nota_dinas", "subject": "Ditulis ulang"})})])
    _relink(content_engine)
    fresh = tmp_path / "fresh"
    assert _verify(content_engine, fresh)["ok"]  # without a checkpoint the rewrite is invisible
    result = _verify(content_engine, home)
    assert not result["ok"] and "ditulis ulang" in str(result["chain"])


def test_a_truncated_chain_fails_against_an_earlier_checkpoint(content_engine: Engine, home: Path) -> None:
    _signed_checkpoint(content_engine, home)
    (home / "audit_head.json").unlink()
    _as_superuser(content_engine, [("DELETE FROM audit_events WHERE id > 20", {})])
    _relink(content_engine)
    result = _verify(content_engine, home)
    assert not result["ok"] and "dipotong" in str(result["chain"])


def test_an_appended_forged_event_is_detected(content_engine: Engine, home: Path) -> None:
    assert _verify(content_engine, home)["ok"]
    with content_engine.connect() as conn:
        last_id, actor = conn.execute(select(AuditEvent.id, AuditEvent.actor_id).order_by(AuditEvent.id.desc())
                                      .limit(1)).one()
    forged = {"at": dt.datetime.now(dt.UTC), "actor_id": actor, "action": "route.approve", "document_id": None,
              "data": json.dumps({"events": [{"type": "decided", "step": "x"}]})}
    _as_superuser(content_engine, [(
        "INSERT INTO audit_events (id, at, actor_id, action, document_id, data, signature, prev_hash, hash) "
        "VALUES (:id, :at, :actor_id, :action, :document_id, :data, NULL, 'x', :id || 'x')",
        {"id": last_id + 1, **forged})])
    _relink(content_engine)
    result = _verify(content_engine, home)
    assert not result["ok"] and "tanpa tanda tangan sah pelakunya" in str(result["bad_signatures"])


def test_an_event_beside_the_seal_leaves_the_head_row_behind(content_engine: Engine, home: Path) -> None:
    with content_engine.connect() as conn:
        last_id, last_hash = conn.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc())
                                          .limit(1)).one()
    _as_superuser(content_engine, [(
        "INSERT INTO audit_events (id, at, actor_id, action, document_id, data, signature, prev_hash, hash) "
        "VALUES (:id, :at, NULL, 'test.extra', NULL, :data, NULL, :p, :h)",
        {"id": last_id + 1, "at": dt.datetime.now(dt.UTC), "data": "{}", "p": last_hash, "h": "0" * 64})])
    _relink(content_engine)
    _as_superuser(content_engine, [("UPDATE audit_head SET last_id = :i WHERE id = 1", {"i": last_id})])
    result = _verify(content_engine, home)
    assert not result["ok"] and "kepala rantai" in str(result["chain"])
