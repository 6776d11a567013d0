"""Route persistence: load an engine Route from rows, and write back what the engine changed.

The engine works with user logins; rows hold user ids. Writing a decision inserts a `decisions` row,
whose UNIQUE(step_id) refuses a second decision on the same step even if two writers raced past the
engine's own check.

This is the hot path of every workflow transition (bench/bench_workflow.py), so it uses SQLAlchemy Core on
the session's connection, not ORM instances: the locked route row (with the server clock on PostgreSQL),
then steps + decisions + notes + the actor's delegations in one UNION ALL query, then batched writes.
A decide is 2 reads and ~4 writes here (tests/integration/test_hot_path.py guards the count).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    Table,
    Text,
    bindparam,
    cast,
    func,
    insert,
    literal_column,
    null,
    select,
    union_all,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Executable
from sqlalchemy.sql.elements import ColumnElement

from eoffice.domain import Capacity, InvalidTransition, StageKind
from eoffice.store.models import Base, DecisionRow, RouteNote, RouteRow, StepRow, User, UTCDateTime
from eoffice.store.models import Delegation as DelegationRow
from eoffice.workflow.delegation import Delegation
from eoffice.workflow.state import DECIDED, Note, Route, RouteStatus, StagePlan, Step, StepStatus
from eoffice.workflow.template import Assignee


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


_routes, _steps, _decisions = _table(RouteRow), _table(StepRow), _table(DecisionRow)
_notes, _users, _delegations = _table(RouteNote), _table(User), _table(DelegationRow)


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

    def remember(self, user_id: int, login: str) -> None:
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


# --- reading ----------------------------------------------------------------------------------------

def _route_query(lock: bool, server_now: bool) -> Any:
    cols: list[Any] = [_routes.c.drafter_id, _users.c.login, _routes.c.status, _routes.c.round, _routes.c.stages,
                       _routes.c.restart_from, _routes.c.started_at, _routes.c.updated_at, _routes.c.version]
    if server_now:  # transaction start on PostgreSQL: the same value a separate SELECT now() gives
        cols.append(func.now().label("now"))
    query = (select(*cols).select_from(_routes.join(_users, _users.c.id == _routes.c.drafter_id))
             .where(_routes.c.document_id == bindparam("document_id")))
    return query.with_for_update(of=_routes) if lock else query


def _null(type_: Any) -> ColumnElement[Any]:
    return cast(null(), type_)


def _parts_query(with_delegations: bool) -> Any:
    """Steps (with their decision), notes and the actor's delegations as rows of one UNION ALL:
    (part, seq, c1 .. c6 text, id1 .. id3, n1, t1 .. t3, status ...)."""
    who, by, obo = aliased(_users, name="who"), aliased(_users, name="by_"), aliased(_users, name="obo")
    author, delegator = aliased(_users, name="author"), aliased(_users, name="delegator")
    steps = (select(
        literal_column("0", Integer).label("part"), _steps.c.seq.label("ord"),
        _steps.c.id.label("s1"), _steps.c.stage_name.label("s2"), _steps.c.kind.label("s3"),
        _steps.c.status.label("s4"), who.c.login.label("s5"), by.c.login.label("s6"), obo.c.login.label("s7"),
        _decisions.c.capacity.label("s8"), _decisions.c.note.label("txt"),
        _steps.c.assignee_id.label("i1"), _decisions.c.actor_id.label("i2"), _decisions.c.on_behalf_of.label("i3"),
        _steps.c.stage_order.label("n1"), _steps.c.round.label("n2"),
        _steps.c.due_at.label("t1"), _steps.c.activated_at.label("t2"), _decisions.c.decided_at.label("t3"))
        .select_from(_steps.join(who, who.c.id == _steps.c.assignee_id)
                     .outerjoin(_decisions, _decisions.c.step_id == _steps.c.id)
                     .outerjoin(by, by.c.id == _decisions.c.actor_id)
                     .outerjoin(obo, obo.c.id == _decisions.c.on_behalf_of))
        .where(_steps.c.document_id == bindparam("document_id")))
    notes = (select(
        literal_column("1", Integer), _notes.c.id, _notes.c.step_id, _null(String), _notes.c.kind, _null(String),
        author.c.login, _null(String), _null(String), _null(String), _notes.c.text,
        _notes.c.author_id, _null(Integer), _null(Integer), _null(Integer), _notes.c.round,
        _notes.c.at, _null(UTCDateTime), _null(UTCDateTime))
        .select_from(_notes.join(author, author.c.id == _notes.c.author_id))
        .where(_notes.c.document_id == bindparam("document_id")))
    parts = [steps, notes]
    if with_delegations:  # only the actor's own: the engine looks at delegations to the actor, nothing else
        parts.append(select(
            literal_column("2", Integer), _delegations.c.id, _null(String), _null(String), _null(String), _null(String),
            delegator.c.login, _null(String), _null(String), _delegations.c.capacity, _null(Text),
            _delegations.c.delegator_id, _null(Integer), _null(Integer), _null(Integer), _null(Integer),
            _delegations.c.starts_at, _delegations.c.ends_at, _null(UTCDateTime))
            .select_from(_delegations.join(delegator, delegator.c.id == _delegations.c.delegator_id))
            .where(_delegations.c.delegate_id == bindparam("actor_id"), _delegations.c.revoked.is_(False)))
    union = union_all(*parts).subquery("p")
    return select(union).order_by(union.c.part, union.c.ord)


_QUERIES: dict[tuple[str, bool, bool], Any] = {}


def _query(name: str, a: bool, b: bool) -> Any:
    key = (name, a, b)
    if key not in _QUERIES:
        _QUERIES[key] = _route_query(a, b) if name == "route" else _parts_query(a)
    return _QUERIES[key]


@dataclass(frozen=True)
class Loaded:
    """What a route action reads under the route lock."""

    route: Route | None
    delegations: list[Delegation]  # the actor's (as delegate), unrevoked; empty unless asked for
    now: datetime | None  # the server's clock (PostgreSQL, read by the lock statement), else None


def load_route(session: Session, document_id: str, logins: Logins, *, lock: bool) -> Route | None:
    """The route of a document; with lock=True the route row is locked until commit (PostgreSQL)."""
    return load_for_action(session, document_id, logins, lock=lock).route


def load_for_action(session: Session, document_id: str, logins: Logins, *, lock: bool,
                    actor: tuple[int, str] | None = None) -> Loaded:
    """The route (row locked with lock=True), and with ``actor`` = (id, login) that actor's delegations:
    two queries. On PostgreSQL the first also reads now() (transaction start)."""
    conn: Connection = session.connection()
    server_now = conn.dialect.name == "postgresql"
    head = conn.execute(_query("route", lock, server_now), {"document_id": document_id}).first()
    if head is None:
        return Loaded(None, [], None)
    params: dict[str, Any] = {"document_id": document_id}
    if actor is not None:
        params["actor_id"] = actor[0]
        logins.remember(*actor)
    logins.remember(head.drafter_id, head.login)
    steps, notes, delegations = [], [], []
    for r in conn.execute(_query("parts", actor is not None, False), params):
        if r.part == 0:
            logins.remember(r.i1, r.s5)
            if r.i2 is not None:
                logins.remember(r.i2, r.s6)
            if r.i3 is not None:
                logins.remember(r.i3, r.s7)
            decided = r.i2 is not None
            steps.append(Step(
                r.s1, r.s2, r.n1, StageKind(r.s3), r.s5, StepStatus(r.s4), r.n2, r.t1,
                decided_by=r.s6 if decided else None, decided_at=r.t3 if decided else None,
                capacity=Capacity(r.s8) if decided else Capacity.SELF, note=r.txt if decided else "",
                on_behalf_of=r.s7 if decided and r.i3 is not None else None, activated_at=r.t2))
        elif r.part == 1:
            logins.remember(r.i1, r.s5)
            notes.append(Note(r.s1, r.s5, r.s3, r.txt, r.t1, r.n2))
        else:
            logins.remember(r.i1, r.s5)
            assert actor is not None
            delegations.append(Delegation(r.s5, actor[1], r.t1, r.t2, Capacity(r.s8)))
    template_name, template_version = head.stages.get("template", ["", 0])
    route = Route(document_id, template_name, template_version, head.login, RouteStatus(head.status), head.round,
                  _stages_from_json(head.stages), tuple(steps), tuple(notes), head.restart_from, head.started_at,
                  head.updated_at, head.version)
    return Loaded(route, delegations, head.now if server_now else None)


# --- writing ----------------------------------------------------------------------------------------

# inline(): no RETURNING of the generated ids, which nobody reads (and a deferred write cannot return rows)
_INSERT_ROUTE = insert(_routes).inline()
_INSERT_STEP, _INSERT_DECISION, _INSERT_NOTE = (insert(_steps).inline(), insert(_decisions).inline(),
                                                insert(_notes).inline())
_UPDATE_ROUTE = (update(_routes)
                 .where(_routes.c.document_id == bindparam("b_document_id"), _routes.c.version == bindparam("b_version"))
                 .values(status=bindparam("status"), round=bindparam("round"), version=bindparam("version"),
                         restart_from=bindparam("restart_from"), updated_at=bindparam("updated_at")))
_UPDATE_STEP = (update(_steps).where(_steps.c.id == bindparam("b_id"))
                .values(status=bindparam("status"), due_at=bindparam("due_at"),
                        activated_at=bindparam("activated_at")))


def save_route(session: Session, old: Route | None, new: Route, logins: Logins, *, template_id: int | None = None,
               decision_extra: Mapping[str, Mapping[str, Any]] | None = None,
               defer: Callable[[Executable, Any], None] | None = None) -> None:
    """Write the difference between ``old`` and ``new``. ``decision_extra`` maps a step id to the action id,
    payload, signature and version hash of the decision taken on it now. Core statements on the session's
    connection, the rows of one kind in one executemany; a changed route row must still have ``old``'s
    version (optimistic check on top of the row lock). With ``defer`` (UnitOfWork.defer) the step, decision
    and note rows are queued instead of sent now."""
    assert new.updated_at is not None and new.started_at is not None
    conn = session.connection()
    if old is None:
        assert template_id is not None
        stages = _stages_to_json(new.stages) | {"template": [new.template_name, new.template_version]}
        conn.execute(_INSERT_ROUTE, dict(
            document_id=new.document_id, template_id=template_id, drafter_id=logins.id(new.drafter),
            status=new.status.value, round=new.round, version=new.version, restart_from=new.restart_from,
            stages=stages, started_at=new.started_at, updated_at=new.updated_at))
    else:
        done = conn.execute(_UPDATE_ROUTE, {
            "b_document_id": new.document_id, "b_version": old.version, "status": new.status.value,
            "round": new.round, "version": new.version, "restart_from": new.restart_from,
            "updated_at": new.updated_at}).rowcount
        if done != 1:
            raise InvalidTransition("Naskah ini baru saja diubah oleh pengguna lain; muat ulang dan coba lagi")
    before = {s.id: s for s in (old.steps if old else ())}
    next_seq = len(before)
    added, changed, decided, notes = [], [], [], []
    for step in new.steps:
        prev = before.get(step.id)
        if prev is None:
            next_seq += 1
            added.append(dict(id=step.id, document_id=new.document_id, round=step.round,
                              stage_name=step.stage_name, stage_order=step.order, kind=step.kind.value,
                              assignee_id=logins.id(step.assignee), status=step.status.value,
                              due_at=step.due_at, activated_at=step.activated_at, seq=next_seq))
        elif prev != step:
            changed.append({"b_id": step.id, "status": step.status.value, "due_at": step.due_at,
                            "activated_at": step.activated_at})
        if step.status in DECIDED and (prev is None or prev.status not in DECIDED):
            assert step.decided_by is not None and step.decided_at is not None
            extra = dict((decision_extra or {}).get(step.id, {}))
            decided.append(dict(
                step_id=step.id, actor_id=logins.id(step.decided_by), decision=step.status.value,
                capacity=step.capacity.value, note=step.note,
                on_behalf_of=logins.id(step.on_behalf_of) if step.on_behalf_of else None,
                decided_at=step.decided_at, action_id=extra.get("action_id", f"{step.id}:{step.status.value}"),
                payload=extra.get("payload", {}), signature=extra.get("signature"),
                cert_fingerprint=extra.get("cert_fingerprint"), version_hash=extra.get("version_hash", "")))
    for note in new.notes[len(old.notes) if old else 0:]:
        notes.append(dict(document_id=new.document_id, step_id=note.step_id, author_id=logins.id(note.author),
                          kind=note.kind, text=note.text, round=note.round, at=note.at))
    for statement, rows in ((_INSERT_STEP, added), (_UPDATE_STEP, changed), (_INSERT_DECISION, decided),
                            (_INSERT_NOTE, notes)):
        if rows:  # several rows: one executemany (psycopg sends them in one pipeline)
            (defer or conn.execute)(statement, rows[0] if len(rows) == 1 else rows)
