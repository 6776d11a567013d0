from __future__ import annotations

from typing import Any

import pytest

from eoffice.domain import BadInput, InvalidTransition, NotAuthorized
from eoffice.workflow.disposition import (
    DispositionNode,
    DispositionStatus,
    dispose,
    mark_read,
    overdue_dispositions,
    report_done,
    tree,
)
from tests.unit.workflow.wf_helpers import T0, hours, ids

ORG = {"gubernur": "", "sekda": "gubernur", "asisten1": "sekda", "karo_hukum": "asisten1", "kabag": "karo_hukum"}


def below(boss: str, person: str) -> bool:
    up = ORG.get(person)
    while up:
        if up == boss:
            return True
        up = ORG.get(up)
    return False


def send(nodes: list[DispositionNode], sender: str, *to: str, **kw: Any) -> list[DispositionNode]:
    args: dict[str, Any] = {"instructions": ["tindak_lanjuti"], "note": "", "deadline": T0 + hours(48),
                            "now": T0, "root_holders": {"gubernur"}, "is_subordinate": below,
                            "new_id": kw.pop("new_id", ids("n"))} | kw
    new, events = dispose(nodes, letter_id="L1", sender=sender, recipients=list(to), **args)
    assert [e.type for e in events] == ["disposition_sent"] * len(to)
    return nodes + new


def test_tree_down_the_organisation() -> None:
    new_id = ids("n")
    nodes = send([], "gubernur", "sekda", new_id=new_id)
    nodes = send(nodes, "sekda", "asisten1", new_id=new_id, instructions=["pelajari", "koordinasikan"])
    nodes = send(nodes, "asisten1", "karo_hukum", "kabag", new_id=new_id)
    assert nodes[0].parent_id is None and nodes[1].parent_id == nodes[0].id
    assert {n.parent_id for n in nodes[2:]} == {nodes[1].id}
    roots = tree(nodes)
    assert len(roots) == 1 and roots[0].node.to_user == "sekda"
    assert [c.node.to_user for c in roots[0].children[0].children] == ["karo_hukum", "kabag"]


@pytest.mark.parametrize(("sender", "to", "kw", "error", "message"), [
    ("karo_hukum", ["kabag"], {}, NotAuthorized, "tidak memegang surat"),
    ("gubernur", [], {}, BadInput, "minimal satu penerima"),
    ("gubernur", ["sekda", "sekda"], {}, BadInput, "lebih dari sekali"),
    ("gubernur", ["sekda"], {"instructions": []}, BadInput, "minimal satu instruksi"),
    ("gubernur", ["sekda"], {"instructions": ["terbangkan"]}, BadInput, "tidak dikenal: terbangkan"),
    ("gubernur", ["sekda"], {"deadline": T0 - hours(1)}, BadInput, "sudah lewat"),
    ("gubernur", ["gubernur"], {}, BadInput, "diri sendiri"),
    ("sekda", ["gubernur"], {"root_holders": {"sekda"}}, NotAuthorized, "gubernur bukan bawahan sekda"),
])
def test_dispose_refusals(sender: str, to: list[str], kw: dict[str, Any], error: type[Exception],
                          message: str) -> None:
    with pytest.raises(error, match=message):
        send([], sender, *to, **kw)


def test_no_duplicate_and_no_deadline_ok() -> None:
    nodes = send([], "gubernur", "sekda", deadline=None)
    with pytest.raises(BadInput, match="sudah didisposisikan"):
        send(nodes, "gubernur", "sekda")


def test_read_and_report() -> None:
    node = send([], "gubernur", "sekda")[0]
    with pytest.raises(NotAuthorized):
        mark_read(node, actor="asisten1", now=T0)
    read, events = mark_read(node, actor="sekda", now=T0 + hours(1))
    assert read.status == DispositionStatus.READ and read.read_at == T0 + hours(1) and len(events) == 1
    assert mark_read(read, actor="sekda", now=T0 + hours(2)) == (read, [])
    with pytest.raises(BadInput, match="wajib"):
        report_done(read, actor="sekda", report=" ", now=T0)
    assert overdue_dispositions([read], T0 + hours(49)) == [read]
    done, events = report_done(read, actor="sekda", report="Sudah dikoordinasikan", now=T0 + hours(3))
    assert done.status == DispositionStatus.DONE and done.report == "Sudah dikoordinasikan"
    assert events[0].data == {"report": "Sudah dikoordinasikan"} and overdue_dispositions([done], T0 + hours(99)) == []
    with pytest.raises(InvalidTransition, match="sudah dilaporkan"):
        report_done(done, actor="sekda", report="lagi", now=T0)


def test_tree_orphans_become_roots() -> None:
    nodes = send([], "gubernur", "sekda")
    orphan = DispositionNode("x", "L1", "missing", "a", "b", ("arsipkan",), "", None, DispositionStatus.SENT, "", T0)
    assert [t.node.id for t in tree(nodes + [orphan])] == [nodes[0].id, "x"]
