"""Shared builders for the workflow tests (imported by module name; pytest puts this dir on sys.path)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from eoffice.domain import DocKind, StageKind
from eoffice.workflow.template import Assignee, Condition, RouteTemplate, Stage

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def ids(prefix: str = "s") -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"{prefix}{next(counter)}"


def user(ref: str) -> Assignee:
    return Assignee("user", ref)


def stage(name: str, order: int, kind: StageKind, *refs: str, quorum: int | None = None,
          condition: Condition | None = None, sla: int = 24, forward: bool = False) -> Stage:
    return Stage(name, order, kind, tuple(user(r) for r in refs), quorum, condition, sla, forward)


def template(*stages: Stage, kind: DocKind = DocKind.NOTA_DINAS, name: str = "t") -> RouteTemplate:
    return RouteTemplate(name, 1, kind, None, "test", tuple(stages))


def resolve_users(a: Assignee) -> Sequence[str]:
    """Test resolver: user:x -> [x]; role:r -> the comma-separated people after '=' (role:r=a,b)."""
    if a.kind == "user":
        return [a.ref]
    _, _, people = a.ref.partition("=")
    return [p for p in people.split(",") if p]


def nota_dinas() -> RouteTemplate:
    """paraf kasi+kabid (parallel, all) -> approve sekretaris -> sign kadis -> number -> dispatch."""
    return template(
        stage("paraf_kasi", 1, StageKind.PARAF, "kasi"),
        stage("paraf_kabid", 1, StageKind.PARAF, "kabid"),
        stage("approve_sekretaris", 2, StageKind.APPROVE, "sekretaris", forward=True),
        stage("sign_kadis", 3, StageKind.SIGN, "kadis"),
        stage("number", 4, StageKind.NUMBER, "reg1", "reg2", quorum=1),
        stage("dispatch", 5, StageKind.DISPATCH, "reg1"),
    )
