"""A decision sent again with the same client-made action_id is not applied twice (both back ends)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from eoffice.domain import BadInput
from eoffice.services import signatures
from eoffice.store.models import AuditEvent, DecisionRow
from eoffice.workflow.state import Decision
from tests.integration.helpers import actor, draft, identity, run, submit


def _count(engine: Engine, what: type) -> int:
    return int(run(engine, lambda uow: uow.session.scalar(select(func.count()).select_from(what))) or 0)


def test_a_decision_sent_again_changes_nothing_and_says_so(content_engine: Engine, home: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    other = draft(content_engine, "staf.kominfo", subject="Naskah lain")
    submit(content_engine, "staf.kominfo", other)
    kasi, ident = actor(content_engine, "kasi1.kominfo"), identity(home, "kasi1.kominfo")
    action = str(uuid.uuid4())

    def approve(doc_id: str, decision: Decision = Decision.APPROVE, action_id: str = action) -> object:
        return run(content_engine, lambda uow: signatures.decide_signed(uow, kasi, ident, doc_id, decision,
                                                                         note="ok", action_id=action_id))

    first = approve(doc)
    decisions, events = _count(content_engine, DecisionRow), _count(content_engine, AuditEvent)
    again = approve(doc)
    assert again.replayed and not first.replayed  # type: ignore[attr-defined]
    assert (again.status, again.step_id) == (first.status, first.step_id)  # type: ignore[attr-defined]
    assert _count(content_engine, DecisionRow) == decisions and _count(content_engine, AuditEvent) == events
    stored = run(content_engine, lambda uow: uow.session.scalar(
        select(DecisionRow.payload).where(DecisionRow.action_id == action)))
    assert stored["action_id"] == action  # the id the client made is the one it signed
    with pytest.raises(BadInput, match="sudah dipakai untuk tindakan lain"):
        approve(other)  # the same id for another letter
    with pytest.raises(BadInput, match="sudah dipakai untuk tindakan lain"):
        approve(doc, Decision.REJECT)  # or another decision
    with pytest.raises(BadInput, match="bukan UUID"):
        approve(other, action_id="bukan-uuid")
