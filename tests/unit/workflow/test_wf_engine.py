from __future__ import annotations

from datetime import datetime

import pytest

from eoffice.domain import (
    BadInput,
    Capacity,
    DocStatus,
    InvalidTransition,
    NotAuthorized,
    StageKind,
    StepAlreadyDecided,
)
from eoffice.workflow.delegation import Delegation
from eoffice.workflow.engine import add_reviewer, comment, decide, resubmit, start_route, withdraw
from eoffice.workflow.queries import (
    current_stage_kind,
    doc_status,
    is_terminal,
    overdue_steps,
    pending_steps,
    steps_for,
)
from eoffice.workflow.state import Decision, Route, RouteStatus, StepStatus
from eoffice.workflow.template import Assignee, Condition, RouteTemplate, Stage
from tests.unit.workflow.wf_helpers import T0, hours, ids, nota_dinas, resolve_users, stage, template

P, A, S, N, D = StageKind.PARAF, StageKind.APPROVE, StageKind.SIGN, StageKind.NUMBER, StageKind.DISPATCH
APPROVE, RETURN, REJECT = Decision.APPROVE, Decision.RETURN, Decision.REJECT
FIELDS = {"classification": "biasa", "kind": "nota_dinas"}


def start(t: RouteTemplate | None = None, fields: dict[str, str] | None = None) -> Route:
    route, _ = start_route(t or nota_dinas(), fields or FIELDS, resolve_users, document_id="doc1",
                           drafter="staf", now=T0, new_id=ids())
    return route


def step_of(route: Route, user: str, status: StepStatus = StepStatus.PENDING) -> str:
    return next(s.id for s in route.steps if s.assignee == user and s.status == status and s.round == route.round)


def approve(route: Route, *users: str, at: datetime = T0) -> Route:
    for u in users:
        route, _ = decide(route, step_of(route, u), actor=u, decision=APPROVE, now=at)
    return route


def test_start_creates_steps_and_activates_first_group() -> None:
    route, events = start_route(nota_dinas(), FIELDS, resolve_users, document_id="doc1", drafter="staf",
                                now=T0, new_id=ids())
    assert route.status == RouteStatus.IN_PROGRESS and route.round == 1 and route.version == 1
    assert [s.assignee for s in pending_steps(route)] == ["kasi", "kabid"]
    assert all(s.due_at == T0 + hours(24) for s in pending_steps(route))
    assert all(s.status == StepStatus.WAITING for s in route.steps if s.order > 1)
    assert len({s.id for s in route.steps}) == len(route.steps) == 7
    types = [e.type for e in events]
    assert types[0] == "route_started" and types.count("step_created") == 7 and types.count("step_pending") == 2
    assert current_stage_kind(route) == P and doc_status(route) == DocStatus.IN_REVIEW


def test_start_errors() -> None:
    t = template(stage("p", 1, P, "a"), Stage("s", 2, S, (Assignee("role", "kosong="),), None, None, 24, False))
    with pytest.raises(BadInput, match="Tahap 's': role:kosong= tidak menunjuk siapa pun"):
        start(t)
    dup = template(Stage("p", 1, P, (Assignee("role", "r=a"), Assignee("user", "a")), 2, None, 24, False),
                   stage("s", 2, S, "k"))
    with pytest.raises(BadInput, match="kuorum 2, tetapi hanya 1 orang"):
        start(dup)
    with pytest.raises(BadInput, match="timezone-aware"):
        start_route(nota_dinas(), FIELDS, resolve_users, document_id="d", drafter="x",
                    now=datetime(2026, 1, 1), new_id=ids())


def test_full_approval_runs_every_group_in_order() -> None:
    route = start()
    route = approve(route, "kasi")
    assert [s.assignee for s in pending_steps(route)] == ["kabid"]  # parallel group waits for all
    route = approve(route, "kabid", at=T0 + hours(1))
    assert [s.assignee for s in pending_steps(route)] == ["sekretaris"]
    assert pending_steps(route)[0].due_at == T0 + hours(25)
    route = approve(route, "sekretaris", "kadis")
    assert doc_status(route) == DocStatus.SIGNED and current_stage_kind(route) == N
    route, events = decide(route, step_of(route, "reg2"), actor="reg2", decision=APPROVE, now=T0)
    # quorum 1 of 2: reg1's number step is skipped
    assert [e.type for e in events] == ["step_approved", "step_skipped", "step_pending"]
    route = approve(route, "reg1")
    assert route.status == RouteStatus.COMPLETED and is_terminal(route)
    assert doc_status(route) == DocStatus.DISPATCHED and pending_steps(route) == []


def test_double_decision_names_who_and_when() -> None:
    route = start()
    sid = step_of(route, "kasi")
    route2, _ = decide(route, sid, actor="kasi", decision=APPROVE, now=datetime(2026, 11, 23, 10, 15, tzinfo=T0.tzinfo))
    with pytest.raises(StepAlreadyDecided, match="sudah diputuskan oleh kasi pada 2026-11-23 10:15"):
        decide(route2, sid, actor="kasi", decision=APPROVE, now=T0)


def test_refusals() -> None:
    route = start()
    with pytest.raises(BadInput, match="tidak ada"):
        decide(route, "nope", actor="kasi", decision=APPROVE, now=T0)
    waiting = step_of(route, "kadis", StepStatus.WAITING)
    with pytest.raises(InvalidTransition, match="belum dimulai"):
        decide(route, waiting, actor="kadis", decision=APPROVE, now=T0)
    with pytest.raises(NotAuthorized, match="bukan penerima"):
        decide(route, step_of(route, "kasi"), actor="kabid", decision=APPROVE, now=T0)
    for d in (RETURN, REJECT):
        with pytest.raises(BadInput, match="Catatan wajib"):
            decide(route, step_of(route, "kasi"), actor="kasi", decision=d, note="  ", now=T0)
    with pytest.raises(BadInput, match="return_to"):
        decide(route, step_of(route, "kasi"), actor="kasi", decision=APPROVE, now=T0, return_to="paraf_kasi")


def test_delegate_acts_with_capacity_only_inside_window() -> None:
    route = approve(start(), "kasi", "kabid", "sekretaris")
    plh = Delegation("kadis", "wakil", T0, T0 + hours(48), Capacity.PLH)
    sid = step_of(route, "kadis")
    assert [s.id for s in steps_for(route, "wakil", [plh], T0 + hours(1))] == [sid]
    assert steps_for(route, "wakil", [plh], T0 + hours(48)) == []
    with pytest.raises(NotAuthorized):
        decide(route, sid, actor="wakil", decision=APPROVE, now=T0 + hours(49), delegations=[plh])
    route, events = decide(route, sid, actor="wakil", decision=APPROVE, now=T0 + hours(1), delegations=[plh])
    step = route.step(sid)
    assert step is not None and step.decided_by == "wakil" and step.capacity == Capacity.PLH
    assert step.on_behalf_of == "kadis" and events[0].data["capacity"] == "Plh."
    with pytest.raises(StepAlreadyDecided, match=r"oleh wakil \(Plh\. untuk kadis\)"):
        decide(route, sid, actor="kadis", decision=APPROVE, now=T0 + hours(2))


def test_return_to_first_stage_and_resubmit_new_round() -> None:
    route = approve(start(), "kasi", "kabid")
    sid = step_of(route, "sekretaris")
    route, events = decide(route, sid, actor="sekretaris", decision=RETURN, note="Perbaiki dasar hukum", now=T0)
    assert route.status == RouteStatus.RETURNED and route.restart_from == "paraf_kasi"
    assert doc_status(route) == DocStatus.RETURNED and pending_steps(route) == []
    assert all(s.status != StepStatus.WAITING for s in route.steps)
    assert "route_returned" in [e.type for e in events]
    assert route.notes[-1].text == "Perbaiki dasar hukum" and route.notes[-1].kind == "return"
    with pytest.raises(NotAuthorized):
        resubmit(route, actor="kasi", now=T0, new_id=ids("r"))
    with pytest.raises(InvalidTransition, match="diajukan ulang"):
        resubmit(start(), actor="staf", now=T0, new_id=ids("r"))
    route, _ = resubmit(route, actor="staf", now=T0 + hours(2), new_id=ids("r"))
    assert route.round == 2 and route.status == RouteStatus.IN_PROGRESS
    assert {s.assignee for s in pending_steps(route)} == {"kasi", "kabid"}
    assert all(s.round == 2 for s in pending_steps(route))
    route = approve(route, "kasi", "kabid", "sekretaris", "kadis", "reg1", "reg1")
    assert route.status == RouteStatus.COMPLETED
    assert len(route.notes) == 1  # notes survive rounds


def test_return_to_named_stage_keeps_earlier_approvals() -> None:
    route = approve(start(), "kasi", "kabid", "sekretaris")
    sid = step_of(route, "kadis")
    with pytest.raises(BadInput, match="bukan tahap sebelumnya"):
        decide(route, sid, actor="kadis", decision=RETURN, note="x", now=T0, return_to="number")
    with pytest.raises(BadInput, match="bukan tahap sebelumnya"):
        decide(route, sid, actor="kadis", decision=RETURN, note="x", now=T0, return_to="nope")
    route, _ = decide(route, sid, actor="kadis", decision=RETURN, note="ubah", now=T0, return_to="approve_sekretaris")
    route, events = resubmit(route, actor="staf", now=T0, new_id=ids("r"))
    assert [s.assignee for s in pending_steps(route)] == ["sekretaris"]
    kept = [s for s in route.steps if s.stage_name.startswith("paraf")]
    assert [s.status for s in kept] == [StepStatus.APPROVED, StepStatus.APPROVED] and all(s.round == 1 for s in kept)
    assert events[0].type == "route_resubmitted"


def test_reject_is_terminal_and_cancels_the_rest() -> None:
    route = start()
    route, events = decide(route, step_of(route, "kasi"), actor="kasi", decision=REJECT, note="Tidak perlu", now=T0)
    assert route.status == RouteStatus.REJECTED and is_terminal(route)
    assert {s.status for s in route.steps} == {StepStatus.REJECTED, StepStatus.CANCELLED}
    assert events[-1].type == "route_rejected"
    kabid = step_of(route, "kabid", StepStatus.CANCELLED)
    with pytest.raises(InvalidTransition, match="ditolak"):
        decide(route, kabid, actor="kabid", decision=APPROVE, now=T0)
    with pytest.raises(InvalidTransition):
        withdraw(route, actor="staf", now=T0)
    with pytest.raises(InvalidTransition):
        comment(route, actor="staf", text="halo", now=T0)


def test_no_return_or_reject_after_signature() -> None:
    route = approve(start(), "kasi", "kabid", "sekretaris", "kadis")
    with pytest.raises(InvalidTransition, match="sudah ditandatangani"):
        decide(route, step_of(route, "reg1"), actor="reg1", decision=RETURN, note="salah", now=T0)


def test_withdraw() -> None:
    route = start()
    with pytest.raises(NotAuthorized):
        withdraw(route, actor="kasi", now=T0)
    route2, events = withdraw(route, actor="staf", now=T0, note="batal")
    assert route2.status == RouteStatus.WITHDRAWN and events[-1].type == "route_withdrawn"
    assert all(s.status == StepStatus.CANCELLED for s in route2.steps)
    returned, _ = decide(route, step_of(route, "kasi"), actor="kasi", decision=RETURN, note="x", now=T0)
    assert withdraw(returned, actor="staf", now=T0)[0].status == RouteStatus.WITHDRAWN


def test_quorum_n_of_m_and_conditions() -> None:
    t = template(
        stage("tim", 1, P, "a", "b", "c", quorum=2),
        stage("rahasia", 2, A, "pengaman", condition=Condition("classification", "eq", "rahasia")),
        stage("s", 3, S, "k"),
    )
    route = approve(start(t), "a", "c")
    assert route.step(step_of(route, "b", StepStatus.SKIPPED)) is not None
    assert [s.assignee for s in pending_steps(route)] == ["k"]  # the rahasia stage does not apply
    secret = approve(start(t, {"classification": "rahasia"}), "a", "b")
    assert [s.assignee for s in pending_steps(secret)] == ["pengaman"]


def test_add_reviewer() -> None:
    route = approve(start(), "kasi", "kabid")
    sid = step_of(route, "sekretaris")
    with pytest.raises(InvalidTransition, match="tidak mengizinkan"):
        add_reviewer(approve(route, "sekretaris"), step_of(approve(route, "sekretaris"), "kadis"),
                     actor="kadis", new_assignee="x", now=T0, new_id=ids("f"))
    with pytest.raises(NotAuthorized):
        add_reviewer(route, sid, actor="kasi", new_assignee="x", now=T0, new_id=ids("f"))
    with pytest.raises(BadInput, match="sudah menjadi pemeriksa"):
        add_reviewer(route, sid, actor="sekretaris", new_assignee="sekretaris", now=T0, new_id=ids("f"))
    route, events = add_reviewer(route, sid, actor="sekretaris", new_assignee="kasubag", now=T0, new_id=ids("f"))
    assert [e.type for e in events] == ["step_created", "step_pending"] and events[0].data["added_by"] == "sekretaris"
    route = approve(route, "sekretaris")
    assert [s.assignee for s in pending_steps(route)] == ["kasubag"]  # quorum 'all' includes the added one
    route = approve(route, "kasubag")
    assert [s.assignee for s in pending_steps(route)] == ["kadis"]


def test_comment_and_overdue() -> None:
    route = start()
    route2, events = comment(route, actor="kasi", text="Mohon lampiran", now=T0)
    assert route2.notes[-1].text == "Mohon lampiran" and events[0].type == "comment"
    with pytest.raises(NotAuthorized):
        comment(route, actor="orang_lain", text="x", now=T0)
    an = Delegation("kasi", "wakil", T0, T0 + hours(1), Capacity.AN)
    comment(route, actor="wakil", text="ok", now=T0, delegations=[an])
    assert overdue_steps(route, T0 + hours(24)) == []
    assert {s.assignee for s in overdue_steps(route, T0 + hours(25))} == {"kasi", "kabid"}


def test_inputs_are_never_mutated() -> None:
    route = start()
    before = route
    decide(route, step_of(route, "kasi"), actor="kasi", decision=REJECT, note="x", now=T0)
    assert route == before and route.status == RouteStatus.IN_PROGRESS


def test_refusals_say_states_in_words_not_codes() -> None:
    route = start()
    gone, _ = withdraw(route, actor="staf", now=T0, note="batal")
    for refuse in (lambda: withdraw(gone, actor="staf", now=T0),
                   lambda: comment(gone, actor="staf", text="x", now=T0),
                   lambda: resubmit(gone, actor="staf", now=T0, new_id=ids())):
        with pytest.raises(InvalidTransition) as refused:
            refuse()
        said = str(refused.value)
        assert "ditarik" in said and "withdrawn" not in said and "doc1" not in said, said
    with pytest.raises(InvalidTransition) as refused:
        decide(gone, step_of(gone, "kasi", StepStatus.CANCELLED), actor="kasi", decision=APPROVE, now=T0)
    assert "ditarik" in str(refused.value) and "withdrawn" not in str(refused.value)
