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


# Which buttons a person's pending step offers, by its stage kind (engine.decide takes these decisions).
_DECISIONS_BY_KIND: dict[str, frozenset[str]] = {
    StageKind.PARAF.value: frozenset({"approve", "return", "reject"}),
    StageKind.APPROVE.value: frozenset({"approve", "return", "reject"}),
    StageKind.SIGN.value: frozenset({"sign", "return", "reject"}),
    StageKind.NUMBER.value: frozenset({"approve"}),
    StageKind.DISPATCH.value: frozenset({"approve"}),
}
WITHDRAWABLE = frozenset({DocStatus.IN_REVIEW.value, DocStatus.TO_SIGN.value, DocStatus.RETURNED.value})


def allowed_actions(*, stage_kind: str | None, editable: bool, drafter: bool, status: str, can_dispose: bool,
                    can_report: bool, versions: int, signed: bool, can_comment: bool = False,
                    incoming: bool = False) -> frozenset[str]:
    """What a person may do with a letter now: the decisions of the step they hold, editing and submitting their
    draft, withdrawing their letter on its route, disposing or reporting an incoming letter they hold, and
    the reads that depend on the letter's state (diff, verify). The reading pane shows exactly these."""
    out = set(_DECISIONS_BY_KIND.get(stage_kind or "", frozenset()))
    if editable:
        out |= {"edit", "submit"}
    if drafter and status in WITHDRAWABLE:
        out.add("withdraw")
    if can_dispose:
        out.add("dispose")
    if can_report:
        out.add("done")
    if versions > 1:
        out.add("diff")
    if signed:
        out.add("verify")
    if can_comment:  # engine.involved on a running route (services/routing.may_comment)
        out.add("comment")
    if incoming:  # its lembar disposisi
        out.add("print_sheet")
    out |= {"export", "print"}
    return frozenset(out)
