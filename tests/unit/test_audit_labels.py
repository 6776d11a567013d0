"""Every audit action the code can write has a label (domain.AUDIT_LABELS): the Riwayat tab and `eoffice letter
history` say what happened in words, and "Peristiwa lain" stays for events a newer version wrote. The actions are
read from the source: each ``.audit(ACTION, ...)`` call and each call of a function that hands its action on to it."""

from __future__ import annotations

import ast
from pathlib import Path

from eoffice.domain import AUDIT_LABELS
from eoffice.workflow.state import Decision

ROOT = Path(__file__).resolve().parents[2] / "eoffice"
FORWARDERS = {"_apply": 7}  # services/routing.py: _apply(..., action, ...) -> uow.audit(action, ...)
EXPANDED = {"decision": [d.value for d in Decision]}  # f"route.{decision.value}": one per decision


def _action(node: ast.expr, consts: dict[str, str], params: set[str]) -> list[str] | None:
    """The actions *node* can be ([] for a forwarder's own parameter: its callers are read), None if unknown."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name):
        return [consts[node.id]] if node.id in consts else [] if node.id in params else None
    if isinstance(node, ast.JoinedStr) and len(node.values) == 2:
        head, tail = node.values
        if (isinstance(head, ast.Constant) and isinstance(tail, ast.FormattedValue)
                and isinstance(tail.value, ast.Attribute) and isinstance(tail.value.value, ast.Name)
                and tail.value.value.id in EXPANDED):
            return [f"{head.value}{v}" for v in EXPANDED[tail.value.value.id]]
    return None


def emitted() -> tuple[set[str], list[str]]:
    """(every action written, the calls whose action could not be read)."""
    found: set[str] = set()
    unknown: list[str] = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        consts = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                  and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                  for t in n.targets if isinstance(t, ast.Name)}
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            params = {a.arg for a in (*fn.args.args, *fn.args.kwonlyargs)} if fn.name in FORWARDERS else set()
            for call in ast.walk(fn):
                if not isinstance(call, ast.Call):
                    continue
                f = call.func
                name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                pos = 0 if name == "audit" else FORWARDERS.get(name)
                if pos is None:
                    continue
                arg = next((k.value for k in call.keywords if k.arg == "action"),
                           call.args[pos] if len(call.args) > pos else None)
                got = None if arg is None else _action(arg, consts, params)
                if got is None:
                    unknown.append(f"{path.relative_to(ROOT.parent)}:{call.lineno}")
                else:
                    found.update(got)
    return found, unknown


def test_every_audit_action_written_has_a_label() -> None:
    found, unknown = emitted()
    assert unknown == [], "an audit action this test cannot read: make it a literal, or teach EXPANDED/FORWARDERS"
    # the reading is not vacuous: literals, a module constant, the forwarder's callers and the f-string are found
    assert {"letter.draft", "letter.read", "route.submit", "route.approve", "route.return", "user.add"} <= found
    assert sorted(found - set(AUDIT_LABELS)) == [], "add a label to domain.AUDIT_LABELS (and mark it in ui/text.py)"
