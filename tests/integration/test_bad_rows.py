"""Malformed audit rows (written straight into the database) never make the history or the chain check crash."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from eoffice.services import audit, queries
from eoffice.store.db import make_engine
from tests.integration.helpers import actor, draft, run


@pytest.fixture
def engine(demo_url: str) -> Iterator[Engine]:
    eng = make_engine(demo_url)
    yield eng
    eng.dispose()


def test_a_malformed_audit_row_shows_as_broken_and_audit_verify_reports_it(engine: Engine, tmp_path: Path) -> None:
    doc = draft(engine, "staf.kominfo")
    payloads = ['"just text"', '{"events": [1, {"no_type": 2}]}', '{"events": "x"}']
    if engine.dialect.name == "sqlite":  # PostgreSQL's json type refuses what is not JSON at all
        payloads.append("{not json")
    with engine.begin() as conn:
        last = conn.execute(text("SELECT max(id) FROM audit_events")).scalar_one()
        for n, payload in enumerate(payloads, 1):
            conn.execute(text("INSERT INTO audit_events (id, at, actor_id, action, document_id, data, prev_hash, "
                              "hash) VALUES (:id, :at, 99999, 'unknown.event', :doc, :data, 'x', :hash)"),
                         {"id": last + n, "at": "2026-12-01 08:00:00+00", "doc": doc, "data": payload,
                          "hash": f"forged{n}"})
    staff = actor(engine, "staf.kominfo")
    rows = run(engine, lambda uow: queries.history(uow, staff, doc))
    assert rows[0]["action"] == "letter.draft" and "subject=Uji alur" in rows[0]["summary"]
    assert [r["summary"] for r in rows[1:]] == ["(catatan rusak)"] * len(payloads)
    assert all(r["actor"] is None for r in rows[1:])
    result = run(engine, lambda uow: audit.verify(uow, tmp_path))
    assert result["ok"] is False and result["chain"].startswith("RUSAK")
