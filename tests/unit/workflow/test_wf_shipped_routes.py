"""Every shipped route template loads, validates, round-trips and runs to completion."""

from __future__ import annotations

from pathlib import Path

import pytest

from eoffice.domain import DocKind
from eoffice.workflow.engine import decide, start_route
from eoffice.workflow.queries import pending_steps
from eoffice.workflow.state import Decision, RouteStatus
from eoffice.workflow.template import (
    Assignee,
    applicable_stages,
    load_template,
    template_from_dict,
    template_to_dict,
)
from tests.unit.workflow.wf_helpers import T0, ids

ROUTES = Path(__file__).resolve().parents[3] / "resources" / "routes"
FILES = sorted(ROUTES.glob("*.yaml"))


def people(a: Assignee) -> list[str]:
    return [f"{a.ref}-1", f"{a.ref}-2"] if a.kind == "role" else [a.ref]


def test_all_kinds_shipped() -> None:
    kinds = {load_template(p).doc_kind for p in FILES}
    assert {DocKind.NOTA_DINAS, DocKind.SURAT_DINAS, DocKind.SURAT_UNDANGAN, DocKind.SURAT_EDARAN,
            DocKind.SURAT_KEPUTUSAN} <= kinds


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_shipped_template(path: Path) -> None:
    t = load_template(path)
    assert template_from_dict(template_to_dict(t)) == t
    normal = {"classification": "biasa", "kind": t.doc_kind.value, "urgency": "biasa"}
    secret = normal | {"classification": "rahasia"}
    assert len(applicable_stages(t, secret)) == len(applicable_stages(t, normal)) + 1
    route, _ = start_route(t, secret, people, document_id="d", drafter="staf", now=T0, new_id=ids())
    for _ in range(50):
        pending = pending_steps(route)
        if not pending:
            break
        route, _ = decide(route, pending[0].id, actor=pending[0].assignee, decision=Decision.APPROVE, now=T0)
    assert route.status == RouteStatus.COMPLETED


def test_sk_needs_biro_hukum() -> None:
    t = load_template(ROUTES / "surat_keputusan.yaml")
    names = [s.name for s in applicable_stages(t, {"kind": "surat_keputusan", "classification": "biasa"})]
    assert "telaah_biro_hukum" in names
