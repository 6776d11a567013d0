"""Who sees which letter. One rule, used for single reads, lists and search alike.

A user sees a letter they drafted or registered, one routed through them (or through someone they
currently stand in for), one disposed to or by them, one addressed to them or to their unit once sent,
and non-secret letters drafted by their subordinates. On PostgreSQL the row-level security policies
(store/security.py) are the same rule in the database; connected as the user's own role, the database applies
it and this clause steps aside (tests/integration/test_rls_agrees.py proves the two agree).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.exc import DBAPIError

from eoffice.domain import Classification, DocStatus, EofficeError, NotFound
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


F = TypeVar("F", bound=Callable[..., Any])


def letter_not_found(document_id: str) -> NotFound:
    """The one answer for a letter that does not exist and for one the user may not see: neither its
    existence nor its creator shows."""
    shown = " ".join(str(document_id).split())[:40]
    return NotFound(f"Naskah tidak ditemukan: {shown}")


def require_visible(uow: UnitOfWork, actor: Actor, doc: Document) -> None:
    if not is_visible(uow, actor, doc.id):
        raise letter_not_found(doc.id)


def is_visible(uow: UnitOfWork, actor: Actor, document_id: str) -> bool:
    """Asked once per read-only transaction (a letter's view is several use cases, each checking)."""
    key = ("visible", actor.user_id, document_id)
    if uow.read_only and key in uow.memo:
        return bool(uow.memo[key])
    seen = uow.session.scalar(select(Document.id).where(Document.id == document_id,
                                                        visible_clause(uow, actor))) is not None
    if uow.read_only:
        uow.memo[key] = seen
    return seen


def conceal_hidden(use_case: F) -> F:
    """For a use case with ``uow``, ``actor`` and ``document_id`` parameters: when it refuses a letter the
    actor may not see, the refusal becomes "not found" (a refusal would tell the letter's state, step or
    creator). The rule is evaluated only on refusal: whoever succeeds could see the letter anyway."""
    names = list(inspect.signature(use_case).parameters)
    where = {name: names.index(name) for name in ("uow", "actor", "document_id")}

    def arg(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return args[where[name]] if len(args) > where[name] else kwargs[name]

    @functools.wraps(use_case)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return use_case(*args, **kwargs)
        except EofficeError as refusal:
            uow, actor, document_id = (arg(n, args, kwargs) for n in ("uow", "actor", "document_id"))
            try:
                resolved = _resolve_id(uow, document_id)
                hidden = resolved is None or not is_visible(uow, actor, resolved)
            except DBAPIError:  # the transaction is unusable: the refusal as it was (the caller rolls back)
                raise refusal from None
            if hidden:
                raise letter_not_found(document_id) from None
            raise

    return guarded  # type: ignore[return-value]


def _resolve_id(uow: UnitOfWork, document_id: str) -> str | None:
    """The id ``letters.get_document`` would resolve (exact, or a unique prefix of 6+ characters)."""
    wanted = str(document_id).strip()
    if uow.session.get(Document, wanted) is not None:
        return wanted
    if len(wanted) < 6:
        return None
    ids = uow.session.scalars(select(Document.id).where(Document.id.startswith(wanted)).limit(2)).all()
    return ids[0] if len(ids) == 1 else None
