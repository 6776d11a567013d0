from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eoffice.domain import BadInput, DocKind, StageKind, Unavailable
from eoffice.workflow.template import (
    Assignee,
    Condition,
    RouteTemplate,
    applicable_stages,
    dump_template,
    load_template,
    template_from_dict,
    template_to_dict,
    validate_template,
)
from tests.unit.workflow.wf_helpers import nota_dinas, stage, template

P, A, S, N, D = StageKind.PARAF, StageKind.APPROVE, StageKind.SIGN, StageKind.NUMBER, StageKind.DISPATCH


def base_dict() -> dict[str, Any]:
    return {
        "name": "nd", "version": 1, "doc_kind": "nota_dinas", "unit_code": "DISKOMINFO", "description": "x",
        "stages": [
            {"name": "paraf", "order": 1, "kind": "paraf", "assignees": ["position:KABID-X"]},
            {"name": "rahasia", "order": 2, "kind": "approve", "assignees": ["role:sekretaris_opd"],
             "condition": {"field": "classification", "op": "eq", "value": "rahasia"}},
            {"name": "sign", "order": 3, "kind": "sign", "assignees": ["position:KADIS-X"], "sla_hours": 8},
            {"name": "number", "order": 4, "kind": "number", "assignees": ["role:registry"]},
        ],
    }


def test_from_dict_defaults_and_round_trip() -> None:
    t = template_from_dict(base_dict())
    assert t.doc_kind == DocKind.NOTA_DINAS
    assert t.stages[0].assignees == (Assignee("position", "KABID-X"),)
    assert t.stages[0].quorum is None and t.stages[0].sla_hours == 24 and not t.stages[0].allow_forward
    assert t.stages[1].condition == Condition("classification", "eq", "rahasia")
    assert template_from_dict(template_to_dict(t)) == t


@pytest.mark.parametrize("ext", ["yaml", "yml", "json"])
def test_file_round_trip(tmp_path: Path, ext: str) -> None:
    t = template_from_dict(base_dict())
    t = RouteTemplate(t.name, t.version, t.doc_kind, t.unit_code, t.description, t.stages + (
        stage("kirim", 5, D, "reg", condition=Condition("urgency", "in", ("segera", "sangat_segera"))),))
    p = tmp_path / f"t.{ext}"
    dump_template(t, p)
    assert load_template(p) == t
    if ext == "json":
        json.loads(p.read_text())


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"\.yaml, \.yml or \.json"):
        load_template(tmp_path / "t.txt")
    with pytest.raises(Unavailable, match="cannot read"):
        load_template(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed\n")
    with pytest.raises(BadInput, match="bukan YAML/JSON yang valid") as e:
        load_template(bad)
    assert "\n" not in str(e.value)
    bad.write_text("name: x\nversion: 1\ndoc_kind: memo\nstages: []\n")
    with pytest.raises(BadInput, match=r"bad\.yaml: route template 'x': has no stages"):
        load_template(bad)


def mutate(path: str, value: Any) -> dict[str, Any]:
    d = base_dict()
    target: Any = d
    keys = path.split(".")
    for k in keys[:-1]:
        target = target[int(k)] if k.isdigit() else target[k]
    if value is KeyError:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value
    return d


@pytest.mark.parametrize(("path", "value", "message"), [
    ("colour", "red", "unknown key.*colour"),
    ("stages.0.colour", "red", "stage 'paraf': unknown key.*colour"),
    ("stages.0.kind", "stamp", "stage 'paraf': unknown kind 'stamp'"),
    ("stages.0.assignees", [], "stage 'paraf': has no assignees"),
    ("stages.0.assignees", ["boss"], "stage 'paraf': bad assignee 'boss'"),
    ("stages.0.assignees", ["group:x"], "stage 'paraf': bad assignee"),
    ("stages.0.assignees", ["user:a", "user:a"], "stage 'paraf': an assignee is listed twice"),
    ("stages.0.quorum", 2, "stage 'paraf': quorum 2 must be between 1 and 1"),
    ("stages.0.quorum", 0, "stage 'paraf': quorum 0"),
    ("stages.0.order", True, "stage 'paraf': 'order' has the wrong type"),
    ("stages.0.order", KeyError, "stage 'paraf': missing key.*order"),
    ("stages.0.sla_hours", 0, "stage 'paraf': sla_hours must be 1 to 8784"),
    ("stages.0.sla_hours", 10**12, "stage 'paraf': sla_hours must be 1 to 8784"),
    ("stages.0.name", "", "a stage has an empty name"),
    ("stages.1.name", "paraf", "stage name 'paraf' is used twice"),
    ("stages.1.condition", {"field": "x", "op": "gt", "value": "1"}, "stage 'rahasia': condition op 'gt'"),
    ("stages.1.condition", {"field": "x", "op": "in", "value": []}, "stage 'rahasia': .*non-empty list"),
    ("stages.1.condition", {"field": "x", "op": "eq"}, "stage 'rahasia' condition: missing key.*value"),
    ("stages.2.kind", "approve", "needs exactly one 'sign' stage, found 0"),
    ("stages.0.kind", "sign", "needs exactly one 'sign' stage, found 2"),
    ("stages.3.order", 2, "stage 'number' \\(number\\) must come after sign stage 'sign'"),
    ("stages.1.order", 3, "stage 'rahasia' \\(approve\\) must come before sign stage 'sign'"),
    ("stages.2.condition", {"field": "x", "op": "eq", "value": "y"}, "the sign stage cannot be conditional"),
    ("doc_kind", "letter", "unknown doc_kind 'letter'"),
    ("version", 0, "version must be >= 1"),
    ("stages", {}, "'stages' has the wrong type"),
])
def test_validation_errors(path: str, value: Any, message: str) -> None:
    with pytest.raises(BadInput, match=message) as e:
        template_from_dict(mutate(path, value))
    assert "\n" not in str(e.value)


def test_incoming_letters_need_no_sign_stage_but_dispatch_follows_number() -> None:
    validate_template(template(stage("daftar", 1, A, "reg"), kind=DocKind.NASKAH_MASUK))
    with pytest.raises(BadInput, match="dispatch stage 'kirim' must come after the number stage"):
        validate_template(template(stage("s", 1, S, "k"), stage("kirim", 2, D, "r"), stage("nomor", 2, N, "r")))
    with pytest.raises(BadInput, match="not a mapping|top level"):
        template_from_dict([])  # type: ignore[arg-type]


def test_applicable_stages_by_condition() -> None:
    t = template_from_dict(base_dict())
    assert [s.name for s in applicable_stages(t, {"classification": "biasa"})] == ["paraf", "sign", "number"]
    assert [s.name for s in applicable_stages(t, {"classification": "rahasia"})] == [
        "paraf", "rahasia", "sign", "number"]
    with pytest.raises(BadInput, match="field 'classification'"):
        applicable_stages(t, {})
    ne = Condition("kind", "ne", "memo")
    assert ne.holds({"kind": "nota_dinas"}) and not ne.holds({"kind": "memo"})
    assert Condition("k", "in", ("a", "b")).holds({"k": "b"})


def test_helper_template_is_valid() -> None:
    validate_template(nota_dinas())
