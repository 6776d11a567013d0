"""Hypothesis state machine: random templates x random action sequences; the invariants always hold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from eoffice.domain import (
    BadInput,
    Capacity,
    DocKind,
    EofficeError,
    InvalidTransition,
    NotAuthorized,
    StageKind,
    StepAlreadyDecided,
)
from eoffice.workflow.delegation import Delegation
from eoffice.workflow.engine import add_reviewer, comment, decide, resubmit, start_route, withdraw
from eoffice.workflow.events import Event
from eoffice.workflow.state import (
    DECIDED,
    STEP_FINAL,
    TERMINAL,
    Decision,
    Route,
    RouteStatus,
    Step,
    StepStatus,
)
from eoffice.workflow.template import Assignee, Condition, RouteTemplate, Stage
from tests.unit.workflow.wf_helpers import T0, hours, ids, resolve_users

USERS = ["u0", "u1", "u2", "u3", "u4"]
DRAFTER = "staf"
PLH_UNTIL = T0 + hours(48)
DELEGATIONS = [Delegation(u, f"plh_{u}", T0, PLH_UNTIL, Capacity.PLH) for u in USERS] + [
    Delegation(u, f"old_{u}", T0 - hours(48), T0 - hours(1), Capacity.PLT) for u in USERS]
CLASSES = ["biasa", "terbatas", "rahasia"]

conditions = st.one_of(st.none(), st.builds(
    Condition, st.just("classification"), st.sampled_from(["eq", "ne"]), st.sampled_from(CLASSES)), st.builds(
    Condition, st.just("classification"), st.just("in"),
    st.lists(st.sampled_from(CLASSES), min_size=1, max_size=2, unique=True).map(tuple)))


@st.composite
def stage_st(draw: st.DrawFn, name: str, order: int, kind: StageKind, conditional: bool) -> Stage:
    people = draw(st.lists(st.sampled_from(USERS), min_size=1, max_size=3, unique=True))
    quorum = draw(st.one_of(st.none(), st.integers(1, len(people))))
    cond = draw(conditions) if conditional else None
    return Stage(name, order, kind, tuple(Assignee("user", p) for p in people), quorum, cond,
                 draw(st.integers(1, 72)), draw(st.booleans()))


@st.composite
def templates(draw: st.DrawFn) -> RouteTemplate:
    """Review groups (maybe parallel) -> one sign stage -> optional number -> optional dispatch."""
    stages: list[Stage] = []
    order = 0
    for g in range(draw(st.integers(0, 3))):
        order += 1
        for i in range(draw(st.integers(1, 2))):
            kind = draw(st.sampled_from([StageKind.PARAF, StageKind.APPROVE]))
            stages.append(draw(stage_st(f"r{g}_{i}", order, kind, True)))
    order += 1
    stages.append(draw(stage_st("sign", order, StageKind.SIGN, False)))
    for kind in (StageKind.NUMBER, StageKind.DISPATCH):
        if draw(st.booleans()):
            order += 1
            stages.append(draw(stage_st(kind.value, order, kind, True)))
    return RouteTemplate("acak", 1, DocKind.SURAT_DINAS, None, "random", tuple(stages))


def authorized(step: Step, actor: str, now: datetime) -> bool:
    # Only people in DELEGATIONS have a Plh.: a reviewer added by forwarding ("tamu") has none.
    return actor == step.assignee or any(
        d.delegator == step.assignee and d.delegate == actor and d.active_at(now) for d in DELEGATIONS)


class RouteMachine(RuleBasedStateMachine):
    route: Route
    now: datetime

    @initialize(t=templates(), cls=st.sampled_from(CLASSES))
    def start(self, t: RouteTemplate, cls: str) -> None:
        self.now = T0
        self.new_id = ids()
        self.route, events = start_route(t, {"classification": cls}, resolve_users, document_id="d",
                                         drafter=DRAFTER, now=T0, new_id=self.new_id)
        self.final: dict[str, Step] = {}
        self.check_change(None, self.route, events)

    # --- helpers --------------------------------------------------------------------------------

    def actor_for(self, step: Step, who: str) -> str:
        return {"assignee": step.assignee, "plh": f"plh_{step.assignee}", "old": f"old_{step.assignee}",
                "drafter": DRAFTER, "outsider": "orang_luar",
                "other": next(u for u in USERS if u != step.assignee)}[who]

    def apply(self, call: Callable[[], tuple[Route, list[Event]]]) -> EofficeError | None:
        old = self.route
        try:
            new, events = call()
        except EofficeError as e:
            return e
        assert old.status not in TERMINAL, "a terminal route changed"
        self.check_change(old, new, events)
        self.route = new
        return None

    def check_change(self, old: Route | None, new: Route, events: list[Event]) -> None:
        assert events, "a state change without an event"
        assert new.version == (old.version + 1 if old else 1)
        by_step = {(e.step_id, e.type) for e in events}
        old_steps = {s.id: s for s in old.steps} if old else {}
        new_ids = [s.id for s in new.steps]
        assert len(set(new_ids)) == len(new_ids) and set(old_steps) <= set(new_ids)
        for s in new.steps:
            before = old_steps.get(s.id)
            if before is None:
                assert (s.id, "step_created") in by_step
            if before is None and s.status == StepStatus.WAITING:
                continue
            if before is None or before.status != s.status:
                assert (s.id, f"step_{s.status.value}") in by_step, f"no event for {s.id} -> {s.status}"
        if old is None or old.status != new.status:
            kind = "resubmitted" if new.status == RouteStatus.IN_PROGRESS else new.status.value
            kind = "started" if old is None else kind
            assert any(e.type == f"route_{kind}" for e in events)

    # --- rules ----------------------------------------------------------------------------------

    def do_decide(self, step: Step, who: str, decision: Decision, note: str, back: int | None) -> None:
        actor = self.actor_for(step, who)
        names = [p.name for p in self.route.stages]
        return_to = None if back is None else names[back % len(names)]
        if decision != Decision.RETURN:
            return_to = None
        before_status = self.route.status
        err = self.apply(lambda: decide(self.route, step.id, actor=actor, decision=decision, note=note,
                                        now=self.now, delegations=DELEGATIONS, return_to=return_to))
        if step.status in DECIDED:
            assert isinstance(err, StepAlreadyDecided) and (step.decided_by or "") in str(err)
        elif before_status != RouteStatus.IN_PROGRESS or step.status != StepStatus.PENDING:
            assert isinstance(err, InvalidTransition)
        elif not authorized(step, actor, self.now):
            assert isinstance(err, NotAuthorized)
        elif err is None:
            decided = self.route.step(step.id)
            assert decided is not None and decided.decided_by == actor and decided.decided_at == self.now
        else:
            assert isinstance(err, BadInput | InvalidTransition) and decision != Decision.APPROVE

    @rule(i=st.integers(0, 40), who=st.sampled_from(["assignee"] * 4 + ["plh", "old", "drafter", "outsider", "other"]),
          decision=st.sampled_from([Decision.APPROVE] * 6 + [Decision.RETURN] * 2 + [Decision.REJECT]),
          note=st.sampled_from(["", "mohon perbaikan"]), back=st.none() | st.integers(0, 6))
    def act_on_pending(self, i: int, who: str, decision: Decision, note: str, back: int | None) -> None:
        pending = [s for s in self.route.steps if s.status == StepStatus.PENDING]
        if pending:
            self.do_decide(pending[i % len(pending)], who, decision, note, back)

    @rule(i=st.integers(0, 60), who=st.sampled_from(["assignee", "plh", "outsider"]),
          decision=st.sampled_from([Decision.APPROVE, Decision.APPROVE, Decision.RETURN, Decision.REJECT]))
    def act_on_any(self, i: int, who: str, decision: Decision) -> None:
        steps = self.route.steps
        self.do_decide(steps[i % len(steps)], who, decision, "catatan", None)

    @rule(i=st.integers(0, 60))
    def decide_twice(self, i: int) -> None:
        done = [s for s in self.route.steps if s.status in DECIDED]
        if done:
            step = done[i % len(done)]
            self.do_decide(step, "assignee", Decision.APPROVE, "", None)

    @rule(by_drafter=st.booleans())
    def resubmit(self, by_drafter: bool) -> None:
        status = self.route.status
        err = self.apply(lambda: resubmit(self.route, actor=DRAFTER if by_drafter else "u0", now=self.now,
                                          new_id=self.new_id))
        assert (err is None) == (by_drafter and status == RouteStatus.RETURNED)

    @rule(n=st.integers(1, 8), who=st.sampled_from(["assignee", "plh"]))
    def approve_run(self, n: int, who: str) -> None:
        """Drive routes forward so completion, quorums and later groups are reached often."""
        for _ in range(n):
            pending = [s for s in self.route.steps if s.status == StepStatus.PENDING]
            if not pending:
                return
            self.do_decide(pending[0], who, Decision.APPROVE, "", None)

    @rule(chance=st.integers(0, 5))
    def withdraw(self, chance: int) -> None:
        if chance > 1:
            return  # withdrawing ends the story: keep it rare
        by_drafter = chance == 0
        status = self.route.status
        err = self.apply(lambda: withdraw(self.route, actor=DRAFTER if by_drafter else "u1", now=self.now))
        assert (err is None) == (by_drafter and status not in TERMINAL)

    @rule(i=st.integers(0, 40), new=st.sampled_from(USERS + ["tamu"]))
    def forward(self, i: int, new: str) -> None:
        pending = [s for s in self.route.steps if s.status == StepStatus.PENDING]
        if pending:
            step = pending[i % len(pending)]
            self.apply(lambda: add_reviewer(self.route, step.id, actor=step.assignee, new_assignee=new,
                                            now=self.now, new_id=self.new_id))

    @rule(who=st.sampled_from([DRAFTER, "u0", "orang_luar"]))
    def comment(self, who: str) -> None:
        self.apply(lambda: comment(self.route, actor=who, text="catatan", now=self.now))

    @rule(h=st.integers(1, 30))
    def tick(self, h: int) -> None:
        self.now += hours(h)

    # --- invariants -----------------------------------------------------------------------------

    def teardown(self) -> None:
        event(f"final status {self.route.status.value}, round {min(self.route.round, 3)}")

    @invariant()
    def steps_are_final_once(self) -> None:
        for s in self.route.steps:
            if s.id in self.final:
                assert s == self.final[s.id], f"final step {s.id} changed"
            elif s.status in STEP_FINAL:
                self.final[s.id] = s
            if s.status in DECIDED:
                assert s.decided_by is not None and s.decided_at is not None
                assert s.decided_by == s.assignee or (s.on_behalf_of == s.assignee and s.capacity != Capacity.SELF)

    @invariant()
    def status_matches_steps(self) -> None:
        r = self.route
        live = [s for s in r.steps if s.status in (StepStatus.PENDING, StepStatus.WAITING)]
        pending = [s for s in live if s.status == StepStatus.PENDING]
        assert r.status in set(RouteStatus)
        if r.status == RouteStatus.IN_PROGRESS:
            assert pending and all(s.round == r.round for s in live)
            assert len({s.order for s in pending}) == 1, "only one order group runs at a time"
        else:
            assert not live

    @invariant()
    def completed_means_every_stage_satisfied(self) -> None:
        r = self.route
        if r.status != RouteStatus.COMPLETED:
            return
        for plan in r.stages:
            last = max(s.round for s in r.steps if s.stage_name == plan.name)
            steps = [s for s in r.steps if s.stage_name == plan.name and s.round == last]
            approved = sum(s.status == StepStatus.APPROVED for s in steps)
            need = plan.quorum if plan.quorum is not None else sum(s.status != StepStatus.CANCELLED for s in steps)
            assert approved >= need >= 1, f"stage {plan.name} not satisfied"


RouteMachine.TestCase.settings = settings(max_examples=100, stateful_step_count=30, deadline=None,
                                          suppress_health_check=[HealthCheck.too_slow])
TestRouteMachine = RouteMachine.TestCase
