"""Who sees which letter. One rule, used for single reads, lists and search alike.

A user sees a letter they drafted or registered, one routed through them (or through someone they
currently stand in for), one disposed to or by them, one addressed to them or to their unit once sent,
and non-secret letters drafted by their subordinates. On PostgreSQL the row-level security policies
(store/security.py) are the same rule in the database; connected as the user's own role, the database applies
it and this clause steps aside (tests/integration/test_rls_agrees.py proves the two agree).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select, true

from eoffice.domain import Classification, DocStatus, NotAuthorized
from eoffice.services.auth import Actor
from eoffice.store.dbroles import enforced
from eoffice.store.models import Delegation, Disposition, Document, Position, Recipient, StepRow, User
from eoffice.store.uow import UnitOfWork


def subordinate_user_ids(uow: UnitOfWork, actor: Actor) -> set[int]:
    """Users whose position sits below the actor's position in the hierarchy."""
    if actor.position_id is None:
        return set()
    children: dict[int, list[int]] = {}
    for pos_id, parent_id in uow.session.execute(select(Position.id, Position.parent_id)):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pos_id)
    below: set[int] = set()
    todo = list(children.get(actor.position_id, []))
    while todo:
        pid = todo.pop()
        if pid not in below:
            below.add(pid)
            todo += children.get(pid, [])
    if not below:
        return set()
    return set(uow.session.scalars(select(User.id).where(User.position_id.in_(below))))


def acting_for(uow: UnitOfWork, actor: Actor, now: datetime) -> set[int]:
    """The users the actor currently stands in for (Plh./Plt./a.n.), plus the actor."""
    rows = uow.session.scalars(select(Delegation.delegator_id).where(
        Delegation.delegate_id == actor.user_id, Delegation.revoked.is_(False),
        Delegation.starts_at <= now, Delegation.ends_at > now))
    return {actor.user_id, *rows}


def visible_clause(uow: UnitOfWork, actor: Actor) -> ColumnElement[bool]:
    if enforced(uow.engine):  # connected as the actor's own role: the documents policy is this rule, in SQL
        return true()
    people = acting_for(uow, actor, uow.now())
    subs = subordinate_user_ids(uow, actor)
    routed = select(StepRow.document_id).where(StepRow.assignee_id.in_(people))
    disposed = select(Disposition.document_id).where(
        or_(Disposition.to_user_id.in_(people), Disposition.from_user_id.in_(people)))
    addressed = select(Recipient.document_id).where(
        or_(Recipient.user_id == actor.user_id, Recipient.unit_id == actor.unit_id))
    clauses = [
        Document.created_by.in_(people),
        Document.id.in_(routed),
        Document.id.in_(disposed),
        and_(Document.id.in_(addressed), Document.status == DocStatus.DISPATCHED.value),
    ]
    if subs:
        clauses.append(and_(Document.created_by.in_(subs),
                            Document.classification != Classification.RAHASIA.value))
    return or_(*clauses)


def require_visible(uow: UnitOfWork, actor: Actor, doc: Document) -> None:
    found = uow.session.scalar(select(Document.id).where(Document.id == doc.id, visible_clause(uow, actor)))
    if found is None:
        raise NotAuthorized("Anda tidak berhak melihat naskah ini")
