"""Route templates as data: stages addressed to positions/roles, validated strictly.

A template is configuration written by admins (YAML/JSON), so every rule here raises BadInput with a
one-line message naming the offending stage or key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from eoffice.domain import BadInput, DocKind, StageKind, Unavailable
from eoffice.validate import load_json, load_yaml

AssigneeKind = Literal["position", "role", "user"]
ConditionOp = Literal["eq", "ne", "in"]
ASSIGNEE_KINDS: tuple[str, ...] = ("position", "role", "user")
CONDITION_OPS: tuple[str, ...] = ("eq", "ne", "in")
REVIEW_KINDS = frozenset({StageKind.PARAF, StageKind.APPROVE})
POST_SIGN_KINDS = frozenset({StageKind.NUMBER, StageKind.DISPATCH})
MAX_SIGNATORIES = 3  # a berita acara: PIHAK PERTAMA, PIHAK KEDUA and the witness (docs/tata-naskah.md, rule 7)
# Every kind except incoming letters is produced here and must carry exactly one signature stage.
OUTGOING_KINDS = frozenset(DocKind) - {DocKind.NASKAH_MASUK}
DEFAULT_SLA_HOURS = 24


@dataclass(frozen=True)
class Assignee:
    """Who a stage is addressed to; positions/roles (not people) so routes survive staff changes."""

    kind: AssigneeKind
    ref: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.ref}"


@dataclass(frozen=True)
class Condition:
    """Stage applies only when ``fields[field] <op> value``; ``in`` takes a tuple of values."""

    field: str
    op: ConditionOp
    value: str | tuple[str, ...]

    def holds(self, fields: Mapping[str, str]) -> bool:
        # A missing field is an error rather than "false": a silently skipped Biro Hukum review is worse.
        if self.field not in fields:
            raise BadInput(f"condition needs document field '{self.field}', which was not given")
        actual = fields[self.field]
        if self.op == "eq":
            return actual == self.value
        if self.op == "ne":
            return actual != self.value
        return actual in self.value


@dataclass(frozen=True)
class Stage:
    name: str
    order: int  # stages with the same order run in parallel
    kind: StageKind
    assignees: tuple[Assignee, ...]
    quorum: int | None = None  # None: all must approve; N: at least N approvals
    condition: Condition | None = None
    sla_hours: int = DEFAULT_SLA_HOURS
    allow_forward: bool = False


@dataclass(frozen=True)
class RouteTemplate:
    name: str
    version: int
    doc_kind: DocKind
    unit_code: str | None
    description: str
    stages: tuple[Stage, ...]


def validate_template(t: RouteTemplate) -> None:
    """Raise BadInput on the first broken rule; called on load and on route start."""
    if not t.name.strip():
        raise BadInput("route template: name is empty")
    where = f"route template '{t.name}'"
    if t.version < 1:
        raise BadInput(f"{where}: version must be >= 1, got {t.version}")
    if not t.stages:
        raise BadInput(f"{where}: has no stages")
    seen: set[str] = set()
    for s in t.stages:
        _validate_stage(where, s)
        if s.name in seen:
            raise BadInput(f"{where}: stage name '{s.name}' is used twice")
        seen.add(s.name)
    signs = sorted((s for s in t.stages if s.kind == StageKind.SIGN), key=lambda s: s.order)
    most = MAX_SIGNATORIES if t.doc_kind == DocKind.BERITA_ACARA else 1
    if t.doc_kind in OUTGOING_KINDS and not 1 <= len(signs) <= most:
        need = f"one to {most}" if most > 1 else "exactly one"
        raise BadInput(f"{where}: an outgoing {t.doc_kind.value} needs {need} 'sign' stage, found {len(signs)}")
    if not signs:
        return
    for sign in signs:
        if sign.condition is not None:
            raise BadInput(f"{where}: stage '{sign.name}': the sign stage cannot be conditional")
        if len(signs) > 1 and (len(sign.assignees) != 1 or sign.quorum not in (None, 1)):
            # each party signs in turn with their own TTE: one signatory per stage
            raise BadInput(f"{where}: stage '{sign.name}': one signatory per sign stage")
    if len({s.order for s in signs}) != len(signs):
        raise BadInput(f"{where}: the sign stages sign in turn: give each its own order")
    first, sign = signs[0], signs[-1]
    for s in t.stages:
        # Review must finish before signing (the signed PDF is the approved one); number/dispatch after it.
        if s.kind in REVIEW_KINDS and s.order >= first.order:
            raise BadInput(f"{where}: stage '{s.name}' ({s.kind.value}) must come before sign stage '{first.name}'")
        if s.kind in POST_SIGN_KINDS and s.order <= sign.order:
            raise BadInput(f"{where}: stage '{s.name}' ({s.kind.value}) must come after sign stage '{sign.name}'")
    numbers = [s for s in t.stages if s.kind == StageKind.NUMBER]
    for s in t.stages:
        if s.kind == StageKind.DISPATCH and any(n.order >= s.order for n in numbers):
            raise BadInput(f"{where}: dispatch stage '{s.name}' must come after the number stage")


def _validate_stage(where: str, s: Stage) -> None:
    if not s.name.strip():
        raise BadInput(f"{where}: a stage has an empty name")
    at = f"{where}: stage '{s.name}'"
    if not s.assignees:
        raise BadInput(f"{at}: has no assignees")
    for a in s.assignees:
        if a.kind not in ASSIGNEE_KINDS or not a.ref.strip():
            raise BadInput(f"{at}: bad assignee '{a}' (use position:CODE, role:NAME or user:LOGIN)")
    if len(set(s.assignees)) != len(s.assignees):
        raise BadInput(f"{at}: an assignee is listed twice")
    if s.quorum is not None and not 1 <= s.quorum <= len(s.assignees):
        raise BadInput(f"{at}: quorum {s.quorum} must be between 1 and {len(s.assignees)} assignees")
    if not 1 <= s.sla_hours <= MAX_SLA_HOURS:  # a deadline far out would overflow the date arithmetic
        raise BadInput(f"{at}: sla_hours must be 1 to {MAX_SLA_HOURS}, got {s.sla_hours}")
    c = s.condition
    if c is not None:
        if not c.field.strip() or c.op not in CONDITION_OPS:
            raise BadInput(f"{at}: bad condition (need field and op eq|ne|in)")
        if c.op == "in" and (not isinstance(c.value, tuple) or not c.value):
            raise BadInput(f"{at}: condition op 'in' needs a non-empty list of values")
        if c.op != "in" and not isinstance(c.value, str):
            raise BadInput(f"{at}: condition op '{c.op}' needs a single string value")


def applicable_stages(template: RouteTemplate, fields: Mapping[str, str]) -> tuple[Stage, ...]:
    """The stages whose condition holds for this document, sorted by order (stable within a group)."""
    kept = [s for s in template.stages if s.condition is None or s.condition.holds(fields)]
    return tuple(sorted(kept, key=lambda s: s.order))


# --- dict / file form -------------------------------------------------------------------------------

_TEMPLATE_KEYS = {"name", "version", "doc_kind", "unit_code", "description", "stages"}
MAX_SLA_HOURS = 24 * 366  # a year
_STAGE_KEYS = {"name", "order", "kind", "assignees", "quorum", "condition", "sla_hours", "allow_forward"}
_CONDITION_KEYS = {"field", "op", "value"}


def _check_keys(where: str, d: Mapping[str, Any], allowed: set[str], required: set[str]) -> None:
    unknown = sorted(set(d) - allowed)
    if unknown:
        raise BadInput(f"{where}: unknown key(s) {', '.join(map(str, unknown))}")
    missing = sorted(required - set(d))
    if missing:
        raise BadInput(f"{where}: missing key(s) {', '.join(missing)}")


def _typed(where: str, key: str, value: Any, typ: type | tuple[type, ...]) -> Any:
    # bool is an int subclass; "order: true" must not pass as 1.
    if isinstance(value, bool) and typ is not bool or not isinstance(value, typ):
        raise BadInput(f"{where}: '{key}' has the wrong type ({type(value).__name__})")
    return value


def _assignee_from(where: str, raw: Any) -> Assignee:
    if not isinstance(raw, str) or ":" not in raw:
        raise BadInput(f"{where}: bad assignee {raw!r} (use position:CODE, role:NAME or user:LOGIN)")
    kind, _, ref = raw.partition(":")
    if kind not in ASSIGNEE_KINDS or not ref.strip():
        raise BadInput(f"{where}: bad assignee {raw!r} (use position:CODE, role:NAME or user:LOGIN)")
    return Assignee(cast(AssigneeKind, kind), ref.strip())


def _condition_from(where: str, raw: Any) -> Condition:
    if not isinstance(raw, Mapping):
        raise BadInput(f"{where}: condition must be a mapping with field, op, value")
    _check_keys(f"{where} condition", raw, _CONDITION_KEYS, _CONDITION_KEYS)
    op = raw["op"]
    if op not in CONDITION_OPS:
        raise BadInput(f"{where}: condition op {op!r} is not one of eq, ne, in")
    value = raw["value"]
    if op == "in":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise BadInput(f"{where}: condition op 'in' needs a non-empty list of strings")
        return Condition(_typed(where, "field", raw["field"], str), op, tuple(value))
    return Condition(_typed(where, "field", raw["field"], str), op, _typed(where, "value", value, str))


def _stage_from(index: int, raw: Any) -> Stage:
    name = raw.get("name") if isinstance(raw, Mapping) else None
    where = f"stage '{name}'" if isinstance(name, str) else f"stage #{index + 1}"
    if not isinstance(raw, Mapping):
        raise BadInput(f"{where}: must be a mapping")
    _check_keys(where, raw, _STAGE_KEYS, {"name", "order", "kind", "assignees"})
    try:
        kind = StageKind(raw["kind"])
    except ValueError:
        kinds = ", ".join(k.value for k in StageKind)
        raise BadInput(f"{where}: unknown kind {raw['kind']!r} (one of {kinds})") from None
    assignees = _typed(where, "assignees", raw["assignees"], list)
    quorum = raw.get("quorum")
    cond = raw.get("condition")
    return Stage(
        name=_typed(where, "name", raw["name"], str),
        order=_typed(where, "order", raw["order"], int),
        kind=kind,
        assignees=tuple(_assignee_from(where, a) for a in assignees),
        quorum=None if quorum is None else _typed(where, "quorum", quorum, int),
        condition=None if cond is None else _condition_from(where, cond),
        sla_hours=_typed(where, "sla_hours", raw.get("sla_hours", DEFAULT_SLA_HOURS), int),
        allow_forward=_typed(where, "allow_forward", raw.get("allow_forward", False), bool),
    )


def template_from_dict(d: Mapping[str, Any]) -> RouteTemplate:
    """Build and validate a template from its plain (YAML/JSON) form."""
    if not isinstance(d, Mapping):
        raise BadInput("route template: must be a mapping at the top level")
    name = d.get("name")
    where = f"route template '{name}'" if isinstance(name, str) else "route template"
    _check_keys(where, d, _TEMPLATE_KEYS, {"name", "version", "doc_kind", "stages"})
    try:
        doc_kind = DocKind(d["doc_kind"])
    except ValueError:
        raise BadInput(f"{where}: unknown doc_kind {d['doc_kind']!r}") from None
    unit = d.get("unit_code")
    stages = _typed(where, "stages", d["stages"], list)
    t = RouteTemplate(
        name=_typed(where, "name", d["name"], str),
        version=_typed(where, "version", d["version"], int),
        doc_kind=doc_kind,
        unit_code=None if unit is None else _typed(where, "unit_code", unit, str),
        description=_typed(where, "description", d.get("description", ""), str),
        stages=tuple(_stage_from(i, s) for i, s in enumerate(stages)),
    )
    validate_template(t)
    return t


def template_to_dict(t: RouteTemplate) -> dict[str, Any]:
    """Plain form with every key spelled out, so an export documents the defaults too."""
    stages: list[dict[str, Any]] = []
    for s in t.stages:
        cond: dict[str, Any] | None = None
        if s.condition is not None:
            v = s.condition.value
            cond = {"field": s.condition.field, "op": s.condition.op, "value": list(v) if isinstance(v, tuple) else v}
        stages.append({
            "name": s.name, "order": s.order, "kind": s.kind.value,
            "assignees": [str(a) for a in s.assignees], "quorum": s.quorum, "condition": cond,
            "sla_hours": s.sla_hours, "allow_forward": s.allow_forward,
        })
    return {"name": t.name, "version": t.version, "doc_kind": t.doc_kind.value, "unit_code": t.unit_code,
            "description": t.description, "stages": stages}


def _format_of(path: Path) -> str:
    ext = path.suffix.lower()
    if ext in (".yaml", ".yml"):
        return "yaml"
    if ext == ".json":
        return "json"
    raise BadInput(f"{path}: route template files must end in .yaml, .yml or .json")


def load_template(path: str | Path) -> RouteTemplate:
    p = Path(path)
    fmt = _format_of(p)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise BadInput(f"{p}: not UTF-8 text (byte {e.start})") from e
    except OSError as e:
        raise Unavailable(f"{p}: cannot read ({e.strerror or e})") from e
    data = load_yaml(text, str(p)) if fmt == "yaml" else load_json(text, str(p))
    try:
        return template_from_dict(data)
    except BadInput as e:
        raise BadInput(f"{p}: {e}") from e


def dump_template(t: RouteTemplate, path: str | Path) -> None:
    p = Path(path)
    fmt = _format_of(p)
    d = template_to_dict(t)
    import yaml  # here: every route read loads this module

    text = (yaml.safe_dump(d, sort_keys=False, allow_unicode=True) if fmt == "yaml"
            else json.dumps(d, indent=2, ensure_ascii=False) + "\n")
    try:
        p.write_text(text, encoding="utf-8")
    except OSError as e:
        raise Unavailable(f"{p}: cannot write ({e.strerror or e})") from e

