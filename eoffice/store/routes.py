"""Route persistence: load an engine Route from rows, and write back what the engine changed.

The engine works with user logins; rows hold user ids. Writing a decision inserts a `decisions` row,
whose UNIQUE(step_id) refuses a second decision on the same step even if two writers raced past the
engine's own check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice.domain import Capacity, InvalidTransition, StageKind
from eoffice.store.models import DecisionRow, RouteNote, RouteRow, StepRow, User
from eoffice.workflow.state import DECIDED, Note, Route, RouteStatus, StagePlan, Step, StepStatus
from eoffice.workflow.template import Assignee


class Logins:
    """Login <-> id, cached for one transaction."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self._by_id: dict[int, str] = {}
        self._by_login: dict[str, int] = {}

    def login(self, user_id: int) -> str:
        if user_id not in self._by_id:
            user = self.s.get(User, user_id)
            assert user is not None
            self._remember(user.id, user.login)
        return self._by_id[user_id]

    def id(self, login: str) -> int:
        if login not in self._by_login:
            user = self.s.scalars(select(User).where(User.login == login)).one()
            self._remember(user.id, user.login)
        return self._by_login[login]

    def prime(self, user_ids: Iterable[int | None]) -> None:
        """Fetch the logins of many users in one query (a route names a dozen people)."""
        missing = {u for u in user_ids if u is not None and u not in self._by_id}
        if missing:
            for user_id, login in self.s.execute(select(User.id, User.login).where(User.id.in_(missing))):
                self._remember(user_id, login)

    def _remember(self, user_id: int, login: str) -> None:
        self._by_id[user_id] = login
        self._by_login[login] = user_id


def _stages_to_json(stages: tuple[StagePlan, ...]) -> dict[str, Any]:
    return {"stages": [
        {"name": p.name, "order": p.order, "kind": p.kind.value, "assignees": [str(a) for a in p.assignees],
         "quorum": p.quorum, "sla_hours": p.sla_hours, "allow_forward": p.allow_forward}
        for p in stages]}


def _stages_from_json(data: Mapping[str, Any]) -> tuple[StagePlan, ...]:
    plans = []
    for d in data["stages"]:
        assignees = tuple(Assignee(a.split(":", 1)[0], a.split(":", 1)[1]) for a in d["assignees"])
        plans.append(StagePlan(d["name"], d["order"], StageKind(d["kind"]), assignees, d["quorum"],
                               d["sla_hours"], d["allow_forward"]))
    return tuple(plans)


def load_route(session: Session, document_id: str, logins: Logins, *, lock: bool) -> Route | None:
    """The route of a document; with lock=True the route row is locked until commit (PostgreSQL)."""
    query = select(RouteRow).where(RouteRow.document_id == document_id)
    if lock:  # the locked read must see the latest committed row, not a cached one
        query = query.with_for_update().execution_options(populate_existing=True)
    row = session.scalars(query).first()
    if row is None:
        return None
    step_rows = session.scalars(select(StepRow).where(StepRow.document_id == document_id)
                                .order_by(StepRow.seq)).all()
    decisions = {d.step_id: d for d in session.scalars(
        select(DecisionRow).where(DecisionRow.step_id.in_([s.id for s in step_rows])))}
    note_rows = session.scalars(select(RouteNote).where(RouteNote.document_id == document_id)
                                .order_by(RouteNote.id)).all()
    logins.prime([row.drafter_id, *(r.assignee_id for r in step_rows),
                  *(d.actor_id for d in decisions.values()), *(d.on_behalf_of for d in decisions.values()),
                  *(n.author_id for n in note_rows)])
    steps = []
    for r in step_rows:
        d = decisions.get(r.id)
        steps.append(Step(
            r.id, r.stage_name, r.stage_order, StageKind(r.kind), logins.login(r.assignee_id),
            StepStatus(r.status), r.round, r.due_at,
            decided_by=logins.login(d.actor_id) if d else None,
            decided_at=d.decided_at if d else None,
            capacity=Capacity(d.capacity) if d else Capacity.SELF,
            note=d.note if d else "",
            on_behalf_of=logins.login(d.on_behalf_of) if d and d.on_behalf_of else None,
            activated_at=r.activated_at,
        ))
    notes = tuple(Note(n.step_id, logins.login(n.author_id), n.kind, n.text, n.at, n.round) for n in note_rows)
    template_name, template_version = row.stages.get("template", ["", 0])
    return Route(document_id, template_name, template_version, logins.login(row.drafter_id),
                 RouteStatus(row.status), row.round, _stages_from_json(row.stages), tuple(steps), notes,
                 row.restart_from, row.started_at, row.updated_at, row.version)


def save_route(session: Session, old: Route | None, new: Route, logins: Logins, *, template_id: int | None = None,
               decision_extra: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Write the difference between ``old`` and ``new``. ``decision_extra`` maps a step id to the action id,
    payload, signature and version hash of the decision taken on it now."""
    assert new.updated_at is not None and new.started_at is not None
    stages = _stages_to_json(new.stages) | {"template": [new.template_name, new.template_version]}
    if old is None:
        assert template_id is not None
        session.add(RouteRow(document_id=new.document_id, template_id=template_id,
                             drafter_id=logins.id(new.drafter), status=new.status.value, round=new.round,
                             version=new.version, restart_from=new.restart_from, stages=stages,
                             started_at=new.started_at, updated_at=new.updated_at))
    else:
        done = session.execute(
            update(RouteRow)
            .where(RouteRow.document_id == new.document_id, RouteRow.version == old.version)
            .values(status=new.status.value, round=new.round, version=new.version,
                    restart_from=new.restart_from, updated_at=new.updated_at)
        ).rowcount  # type: ignore[attr-defined]
        if done != 1:
            raise InvalidTransition("Naskah ini baru saja diubah oleh pengguna lain; muat ulang dan coba lagi")
    before = {s.id: s for s in (old.steps if old else ())}
    next_seq = len(before)
    for step in new.steps:
        prev = before.get(step.id)
        if prev is None:
            next_seq += 1
            session.add(StepRow(id=step.id, document_id=new.document_id, round=step.round,
                                stage_name=step.stage_name, stage_order=step.order, kind=step.kind.value,
                                assignee_id=logins.id(step.assignee), status=step.status.value,
                                due_at=step.due_at, activated_at=step.activated_at, seq=next_seq))
        elif prev != step:
            session.execute(update(StepRow).where(StepRow.id == step.id).values(
                status=step.status.value, due_at=step.due_at, activated_at=step.activated_at))
        if step.status in DECIDED and (prev is None or prev.status not in DECIDED):
            assert step.decided_by is not None and step.decided_at is not None
            extra = dict((decision_extra or {}).get(step.id, {}))
            session.add(DecisionRow(
                step_id=step.id, actor_id=logins.id(step.decided_by), decision=step.status.value,
                capacity=step.capacity.value, note=step.note,
                on_behalf_of=logins.id(step.on_behalf_of) if step.on_behalf_of else None,
                decided_at=step.decided_at, action_id=extra.get("action_id", f"{step.id}:{step.status.value}"),
                payload=extra.get("payload", {}), signature=extra.get("signature"),
                cert_fingerprint=extra.get("cert_fingerprint"), version_hash=extra.get("version_hash", "")))
    for note in new.notes[len(old.notes) if old else 0:]:
        session.add(RouteNote(document_id=new.document_id, step_id=note.step_id, author_id=logins.id(note.author),
                              kind=note.kind, text=note.text, round=note.round, at=note.at))
    session.flush()
