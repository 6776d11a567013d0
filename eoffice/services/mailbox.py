"""Letters delivered to a user (dispatched, addressed to them or their unit) and whether they have read them.

Reading a delivered letter is recorded in the audit log ("letter.read", once per reader): who read an official
letter when is itself worth keeping, and the log is the one append-only record the database already guards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select

from eoffice.domain import DocStatus
from eoffice.services import letters
from eoffice.services.auth import Actor
from eoffice.services.queries import named
from eoffice.store.models import AuditEvent, Document, Recipient, User
from eoffice.store.uow import UnitOfWork

READ = "letter.read"
LIMIT = 200


@dataclass(frozen=True)
class Delivered:
    id: str
    kind: str
    subject: str
    number: str | None
    urgency: str
    drafter: str
    updated_at: datetime
    read: bool
    drafter_name: str = ""


def _addressed(actor: Actor) -> Select[Any]:
    return select(Recipient.document_id).where(
        or_(Recipient.user_id == actor.user_id, Recipient.unit_id == actor.unit_id))


def _read_ids(uow: UnitOfWork, actor: Actor) -> set[str]:
    return {d for d in uow.session.scalars(select(AuditEvent.document_id).where(
        AuditEvent.action == READ, AuditEvent.actor_id == actor.user_id)) if d}


def delivered(uow: UnitOfWork, actor: Actor, *, limit: int = LIMIT) -> list[Delivered]:
    """The newest dispatched letters addressed to the actor or the actor's unit (not their own)."""
    q = (select(Document, User.login).join(User, User.id == Document.created_by)
         .where(Document.id.in_(_addressed(actor)), Document.status == DocStatus.DISPATCHED.value,
                Document.created_by != actor.user_id)
         .order_by(Document.updated_at.desc(), Document.id.desc()).limit(limit))
    read = _read_ids(uow, actor)
    return named(uow, [Delivered(d.id, d.kind, d.subject, d.number, d.urgency, login, d.updated_at, d.id in read)
                       for d, login in uow.session.execute(q)])


def is_unread(uow: UnitOfWork, actor: Actor, document_id: str) -> bool:
    """A letter delivered to the actor that the actor has not opened yet."""
    doc = letters.get_document(uow, document_id)
    if doc.status != DocStatus.DISPATCHED.value or doc.created_by == actor.user_id:
        return False
    addressed = uow.session.scalar(_addressed(actor).where(Recipient.document_id == doc.id).limit(1))
    return addressed is not None and doc.id not in _read_ids(uow, actor)


def mark_read(uow: UnitOfWork, actor: Actor, document_id: str) -> bool:
    """Records that the actor opened a letter delivered to them; False when it was not theirs or read before."""
    if not is_unread(uow, actor, document_id):
        return False
    uow.audit(READ, actor_id=actor.user_id, document_id=document_id, data={})
    return True
