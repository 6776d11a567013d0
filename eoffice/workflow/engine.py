"""The route state machine. Every function is pure: (route, inputs) -> (new route, events).

Nothing here reads a clock or a database: ``now``, ``new_id``, ``resolve`` and the delegations are given.
A refused call raises a domain error and changes nothing (the input route is immutable).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from eoffice.domain import BadInput, Capacity, InvalidTransition, NotAuthorized, StepAlreadyDecided
from eoffice.workflow.delegation import Delegation, active_delegation
from eoffice.workflow.events import Event, EventValue, require_aware, require_note
from eoffice.workflow.queries import stage_satisfied
from eoffice.workflow.state import (
    DECIDED,
    ROUTE_WORDS,
    STEP_WORDS,
    TERMINAL,
    Decision,
    Note,
    Route,
    RouteStatus,
    StagePlan,
    Step,
    StepStatus,
)
from eoffice.workflow.template import (
    POST_SIGN_KINDS,
    Assignee,
    RouteTemplate,
    applicable_stages,
    validate_template,
)

Resolver = Callable[[Assignee], Sequence[str]]
IdFactory = Callable[[], str]
LIVE = frozenset({StepStatus.WAITING, StepStatus.PENDING})


class _Change:
    """Collects step edits and their events, then builds the new Route in one go."""

    def __init__(self, route: Route, actor: str, now: datetime) -> None:
        self.route = route
        self.actor = actor
        self.now = now
        self.steps = list(route.steps)
        self.notes = list(route.notes)
        self.events: list[Event] = []

    def event(self, type_: str, step_id: str | None, **data: EventValue) -> None:
        self.events.append(Event(type_, self.route.document_id, step_id, self.actor, dict(data), self.now))

    def add(self, step: Step, **data: EventValue) -> None:
        self.steps.append(step)
        self.event("step_created", step.id, stage=step.stage_name, assignee=step.assignee, round=step.round, **data)

    def set(self, step: Step, status: StepStatus, **changes: object) -> Step:
        i = next(i for i, s in enumerate(self.steps) if s.id == step.id)
        old = self.steps[i]
        new = replace(old, status=status, **changes)  # type: ignore[arg-type]
        self.steps[i] = new
        data: dict[str, EventValue] = {"stage": old.stage_name, "from": old.status.value, "to": status.value}
        if new.decided_by is not None and status in DECIDED:
            data |= {"capacity": new.capacity.value, "on_behalf_of": new.on_behalf_of, "note": new.note}
        if new.due_at is not None and status == StepStatus.PENDING:
            data["due_at"] = new.due_at.isoformat()
        self.events.append(Event(f"step_{status.value}", self.route.document_id, old.id, self.actor, data, self.now))
        return new

    def activate(self, plans: Sequence[StagePlan], order: int, rnd: int) -> None:
        sla = {p.name: p.sla_hours for p in plans}
        for s in list(self.steps):
            if s.order == order and s.round == rnd and s.status == StepStatus.WAITING:
                due = self.now + timedelta(hours=sla[s.stage_name])
                self.set(s, StepStatus.PENDING, due_at=due, activated_at=self.now)

    def cancel_live(self, rnd: int) -> None:
        for s in list(self.steps):
            if s.round == rnd and s.status in LIVE:
                self.set(s, StepStatus.CANCELLED)

    def build(self, **changes: object) -> tuple[Route, list[Event]]:
        r = replace(self.route, steps=tuple(self.steps), notes=tuple(self.notes), updated_at=self.now,
                    version=self.route.version + 1, **changes)  # type: ignore[arg-type]
        return r, self.events


def _first_order_from(plans: Sequence[StagePlan], order: int) -> int | None:
    return min((p.order for p in plans if p.order >= order), default=None)


def start_route(template: RouteTemplate, fields: Mapping[str, str], resolve: Resolver, *,
                document_id: str, drafter: str, now: datetime, new_id: IdFactory) -> tuple[Route, list[Event]]:
    """Expand the applicable stages into one step per resolved user; the first order group starts."""
    require_aware("now", now)
    validate_template(template)
    if not document_id.strip() or not drafter.strip():
        raise BadInput("Rute memerlukan naskah dan pembuatnya")
    stages = applicable_stages(template, fields)
    if not stages:
        raise BadInput(f"Templat rute '{template.name}': tidak ada tahap yang berlaku untuk naskah ini")
    plans = tuple(StagePlan(s.name, s.order, s.kind, s.assignees, s.quorum, s.sla_hours, s.allow_forward)
                  for s in stages)
    route = Route(document_id, template.name, template.version, drafter, RouteStatus.IN_PROGRESS, 1,
                  plans, (), started_at=now, updated_at=now, version=0)
    ch = _Change(route, drafter, now)
    ch.event("route_started", None, template=template.name, template_version=template.version,
             stages=[p.name for p in plans])
    for stage in stages:
        users: list[str] = []
        for a in stage.assignees:
            found = [u for u in resolve(a) if u]
            if not found:
                raise BadInput(f"Tahap '{stage.name}': {a} tidak menunjuk siapa pun (jabatan kosong atau peran tanpa "
                               "pemegang)")
            users += [u for u in found if u not in users]  # one step per person even if named twice
        if stage.quorum is not None and stage.quorum > len(users):
            raise BadInput(f"Tahap '{stage.name}': kuorum {stage.quorum}, tetapi hanya {len(users)} orang yang "
                           "ditemukan")
        for u in users:
            ch.add(Step(new_id(), stage.name, stage.order, stage.kind, u, StepStatus.WAITING, 1))
    ch.activate(plans, plans[0].order, 1)
    return ch.build()


def _authorize(step: Step, actor: str, delegations: Sequence[Delegation],
               now: datetime) -> tuple[Capacity, str | None]:
    if actor == step.assignee:
        return Capacity.SELF, None
    d = active_delegation(delegations, step.assignee, actor, now)
    if d is None:
        raise NotAuthorized(f"{actor} bukan penerima langkah '{step.stage_name}' dan tidak memegang "
                            f"delegasi yang berlaku dari {step.assignee}")
    return d.capacity, step.assignee


def _actionable(route: Route, step_id: str) -> Step:
    """The step, if it can be acted on now; otherwise the error that explains why not."""
    step = route.step(step_id)
    if step is None:
        raise BadInput(f"Langkah {step_id!r} tidak ada pada rute naskah {route.document_id}")
    if step.status in DECIDED:
        who = step.decided_by or "?"
        if step.on_behalf_of:
            who += f" ({step.capacity.value} untuk {step.on_behalf_of})"
        when = step.decided_at.strftime("%Y-%m-%d %H:%M UTC") if step.decided_at else "?"
        raise StepAlreadyDecided(f"Langkah ini sudah diputuskan oleh {who} pada {when}")
    if route.status != RouteStatus.IN_PROGRESS:
        raise InvalidTransition(f"Rute naskah ini {ROUTE_WORDS[route.status]}")
    if step.status == StepStatus.WAITING:
        raise InvalidTransition(f"Langkah '{step.stage_name}' belum dimulai (menunggu tahap sebelumnya)")
    if step.status != StepStatus.PENDING:
        raise InvalidTransition(f"Langkah '{step.stage_name}' {STEP_WORDS[step.status]} dan tidak dapat diputuskan")
    return step


def decide(route: Route, step_id: str, *, actor: str, decision: Decision, note: str = "", now: datetime,
           delegations: Sequence[Delegation] = (), return_to: str | None = None) -> tuple[Route, list[Event]]:
    """Approve, return or reject one pending step, as its assignee or a valid delegate."""
    require_aware("now", now)
    step = _actionable(route, step_id)
    capacity, on_behalf_of = _authorize(step, actor, delegations, now)
    plan = route.stage(step.stage_name)
    if decision != Decision.RETURN and return_to is not None:
        raise BadInput("return_to hanya berlaku untuk keputusan 'kembalikan'")
    if decision == Decision.APPROVE:
        note = note.strip()
    else:
        note = require_note(note, "mengembalikan" if decision == Decision.RETURN else "menolak")
        if plan.kind in POST_SIGN_KINDS:
            # After the signature the PDF is final; a mistake there is handled outside the route.
            raise InvalidTransition(f"Naskah sudah ditandatangani: tahap '{plan.name}' hanya dapat disetujui")
    target = None
    if decision == Decision.RETURN:
        target = return_to if return_to is not None else route.stages[0].name
        known = {p.name: p for p in route.stages}
        if target not in known or known[target].order > step.order:
            raise BadInput(f"return_to {target!r} bukan tahap sebelumnya pada rute ini")
    status = {Decision.APPROVE: StepStatus.APPROVED, Decision.RETURN: StepStatus.RETURNED,
              Decision.REJECT: StepStatus.REJECTED}[decision]
    ch = _Change(route, actor, now)
    ch.set(step, status, decided_by=actor, decided_at=now, capacity=capacity, note=note, on_behalf_of=on_behalf_of)
    if note:
        ch.notes.append(Note(step.id, actor, decision.value, note, now, route.round))
    if decision == Decision.RETURN:
        ch.cancel_live(route.round)
        ch.event("route_returned", step.id, return_to=target, round=route.round)
        return ch.build(status=RouteStatus.RETURNED, restart_from=target)
    if decision == Decision.REJECT:
        ch.cancel_live(route.round)
        ch.event("route_rejected", step.id, round=route.round)
        return ch.build(status=RouteStatus.REJECTED)
    return _advance(ch, plan)


def _advance(ch: _Change, plan: StagePlan) -> tuple[Route, list[Event]]:
    """After an approval: close the stage at quorum, then start the next group or complete the route."""
    route = ch.route
    rnd = route.round
    snapshot = replace(route, steps=tuple(ch.steps))
    if not stage_satisfied(snapshot, plan, rnd):
        return ch.build()
    for s in list(ch.steps):
        if s.stage_name == plan.name and s.round == rnd and s.status == StepStatus.PENDING:
            ch.set(s, StepStatus.SKIPPED)
    snapshot = replace(route, steps=tuple(ch.steps))
    group = [p for p in route.stages if p.order == plan.order]
    if not all(stage_satisfied(snapshot, p, rnd) for p in group):
        return ch.build()
    nxt = _first_order_from(route.stages, plan.order + 1)
    if nxt is None:
        ch.event("route_completed", None, round=rnd)
        return ch.build(status=RouteStatus.COMPLETED)
    ch.activate(route.stages, nxt, rnd)
    return ch.build()


def resubmit(route: Route, *, actor: str, now: datetime, new_id: IdFactory) -> tuple[Route, list[Event]]:
    """The drafter sends a returned document back: a new round from the return_to stage's group onward."""
    require_aware("now", now)
    if actor != route.drafter:
        raise NotAuthorized(f"Hanya pembuat naskah, {route.drafter}, yang dapat mengajukannya ulang")
    if route.status != RouteStatus.RETURNED:
        raise InvalidTransition(f"Naskah hanya dapat diajukan ulang bila dikembalikan (rutenya {ROUTE_WORDS[route.status]})")
    restart = route.stage(route.restart_from).order if route.restart_from else route.stages[0].order
    rnd = route.round + 1
    ch = _Change(route, actor, now)
    ch.event("route_resubmitted", None, round=rnd, restart_from=route.restart_from)
    for plan in route.stages:
        if plan.order < restart:
            continue  # approved in an earlier round and kept
        last = max(s.round for s in route.steps if s.stage_name == plan.name)
        users: list[str] = []
        for s in route.steps:  # same people as last time, including reviewers added by forwarding
            if s.stage_name == plan.name and s.round == last and s.assignee not in users:
                users.append(s.assignee)
        for u in users:
            ch.add(Step(new_id(), plan.name, plan.order, plan.kind, u, StepStatus.WAITING, rnd))
    first = _first_order_from(route.stages, restart)
    assert first is not None  # restart is the order of an existing stage
    ch.activate(route.stages, first, rnd)
    return ch.build(status=RouteStatus.IN_PROGRESS, round=rnd, restart_from=None)


def withdraw(route: Route, *, actor: str, now: datetime, note: str = "") -> tuple[Route, list[Event]]:
    """The drafter pulls the document out of a running or returned route (terminal)."""
    require_aware("now", now)
    if actor != route.drafter:
        raise NotAuthorized(f"Hanya pembuat naskah, {route.drafter}, yang dapat menariknya")
    if route.status in TERMINAL:
        raise InvalidTransition(f"Rute naskah ini sudah {ROUTE_WORDS[route.status]}")
    ch = _Change(route, actor, now)
    ch.cancel_live(route.round)
    if note.strip():
        ch.notes.append(Note(None, actor, "withdraw", note.strip(), now, route.round))
    ch.event("route_withdrawn", None, round=route.round, note=note.strip())
    return ch.build(status=RouteStatus.WITHDRAWN)


def add_reviewer(route: Route, step_id: str, *, actor: str, new_assignee: str, now: datetime,
                 new_id: IdFactory, delegations: Sequence[Delegation] = ()) -> tuple[Route, list[Event]]:
    """Forward: add a reviewer to the actor's running stage (when the stage allows it).

    With quorum 'all' the added reviewer must approve too; with quorum N the added step counts toward N.
    """
    require_aware("now", now)
    step = _actionable(route, step_id)
    capacity, on_behalf_of = _authorize(step, actor, delegations, now)
    plan = route.stage(step.stage_name)
    if not plan.allow_forward:
        raise InvalidTransition(f"Tahap '{plan.name}' tidak mengizinkan penambahan pemeriksa")
    who = new_assignee.strip()
    if not who:
        raise BadInput("Pemeriksa tambahan wajib diisi")
    if any(s.assignee == who for s in route.steps if s.stage_name == plan.name and s.round == route.round):
        raise BadInput(f"{who} sudah menjadi pemeriksa pada tahap '{plan.name}'")
    ch = _Change(route, actor, now)
    new = Step(new_id(), plan.name, plan.order, plan.kind, who, StepStatus.WAITING, route.round)
    ch.add(new, added_by=actor, via_step=step.id, capacity=capacity.value, on_behalf_of=on_behalf_of)
    ch.set(new, StepStatus.PENDING, due_at=now + timedelta(hours=plan.sla_hours), activated_at=now)
    return ch.build()


def involved(route: Route, actor: str, now: datetime, delegations: Sequence[Delegation] = ()) -> bool:
    """Who may comment on the route: its drafter, an assignee, or a current delegate of one."""
    people = {route.drafter} | {s.assignee for s in route.steps}
    return actor in people or any(active_delegation(delegations, p, actor, now) for p in people)


def comment(route: Route, *, actor: str, text: str, now: datetime, step_id: str | None = None,
            delegations: Sequence[Delegation] = ()) -> tuple[Route, list[Event]]:
    """A note on a running route by the drafter, an assignee or a current delegate of one."""
    require_aware("now", now)
    body = require_note(text, "komentar")
    if route.status in TERMINAL:
        raise InvalidTransition(f"Rute naskah ini sudah {ROUTE_WORDS[route.status]}")
    if step_id is not None and route.step(step_id) is None:
        raise BadInput(f"Langkah {step_id!r} tidak ada pada rute naskah {route.document_id}")
    if not involved(route, actor, now, delegations):
        raise NotAuthorized(f"{actor} tidak terlibat dalam rute naskah ini")
    ch = _Change(route, actor, now)
    ch.notes.append(Note(step_id, actor, "comment", body, now, route.round))
    ch.event("comment", step_id, text=body)
    return ch.build()
