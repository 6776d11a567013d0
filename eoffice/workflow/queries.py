"""Read-only questions about a route (no state change)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from eoffice.domain import DocStatus, StageKind
from eoffice.workflow.delegation import Delegation, delegators_for
from eoffice.workflow.state import TERMINAL, Route, RouteStatus, StagePlan, Step, StepStatus


def is_terminal(route: Route) -> bool:
    return route.status in TERMINAL


def pending_steps(route: Route) -> list[Step]:
    return [s for s in route.steps if s.status == StepStatus.PENDING]


def steps_for(route: Route, user: str, delegations: Sequence[Delegation], now: datetime) -> list[Step]:
    """Pending steps ``user`` may decide now: their own, and those of anyone they currently act for."""
    principals = delegators_for(delegations, user, now) | {user}
    return [s for s in pending_steps(route) if s.assignee in principals]


def current_stage_kind(route: Route) -> StageKind | None:
    """Kind of the running stage (the first pending one in template order), None when nothing is pending."""
    pending = pending_steps(route)
    if not pending:
        return None
    names = [p.name for p in route.stages]
    return min(pending, key=lambda s: (s.order, names.index(s.stage_name))).kind


def overdue_steps(route: Route, now: datetime) -> list[Step]:
    return [s for s in pending_steps(route) if s.due_at is not None and s.due_at < now]


def latest_round_of(route: Route, stage_name: str) -> int:
    return max((s.round for s in route.steps if s.stage_name == stage_name), default=0)


def stage_steps(route: Route, stage_name: str, rnd: int) -> list[Step]:
    return [s for s in route.steps if s.stage_name == stage_name and s.round == rnd]


def required_approvals(plan: StagePlan, steps: Sequence[Step]) -> int:
    """Quorum N, or every (not cancelled) step of the stage when the quorum is 'all'."""
    if plan.quorum is not None:
        return plan.quorum
    return sum(1 for s in steps if s.status != StepStatus.CANCELLED)


def stage_satisfied(route: Route, plan: StagePlan, rnd: int | None = None) -> bool:
    """Has the stage got its approvals in round ``rnd`` (default: the latest round it has steps in)?"""
    r = latest_round_of(route, plan.name) if rnd is None else rnd
    steps = stage_steps(route, plan.name, r)
    approved = sum(1 for s in steps if s.status == StepStatus.APPROVED)
    return bool(steps) and approved >= required_approvals(plan, steps)


def doc_status(route: Route) -> DocStatus:
    """The document status the service shows for this route."""
    if route.status == RouteStatus.RETURNED:
        return DocStatus.RETURNED
    if route.status == RouteStatus.REJECTED:
        return DocStatus.REJECTED
    if route.status == RouteStatus.WITHDRAWN:
        return DocStatus.WITHDRAWN
    if route.status == RouteStatus.COMPLETED:
        kinds = {p.kind for p in route.stages}
        return DocStatus.DISPATCHED if StageKind.DISPATCH in kinds else DocStatus.SIGNED
    kind = current_stage_kind(route)
    if kind == StageKind.SIGN:
        return DocStatus.TO_SIGN
    if kind in (StageKind.NUMBER, StageKind.DISPATCH):
        return DocStatus.SIGNED
    return DocStatus.IN_REVIEW
