"""Delegation of authority (Plh./Plt./a.n.) for a date range."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from eoffice.domain import BadInput, Capacity
from eoffice.services.auth import Actor
from eoffice.store.models import Delegation as DelegationRow
from eoffice.store.uow import UnitOfWork
from eoffice.validate import check_date, check_text
from eoffice.workflow.delegation import Delegation, overlaps, validate_delegation

WITA = dt.timezone(dt.timedelta(hours=8))


def delegate(uow: UnitOfWork, actor: Actor, to: str, capacity: str, starts: dt.date, ends: dt.date, *,
             reason: str = "") -> dict[str, Any]:
    """The actor hands their authority to ``to`` from the start of ``starts`` to the end of ``ends`` (WITA)."""
    check_date(starts, "Tanggal mulai")
    check_date(ends, "Tanggal selesai")
    reason = check_text(reason, "Alasan", max_len=1000)
    target = uow.users.by_login(to)
    try:
        cap = Capacity(capacity)
    except ValueError:
        raise BadInput(f"Kapasitas tidak dikenal: {capacity} (Plh., Plt. atau a.n.)") from None
    begin = dt.datetime.combine(starts, dt.time(), tzinfo=WITA)
    end = dt.datetime.combine(ends + dt.timedelta(days=1), dt.time(), tzinfo=WITA)
    if end <= uow.now():
        raise BadInput("Delegasi sudah berakhir sebelum dimulai: periksa tanggalnya")
    new = Delegation(actor.login, target.login, begin, end, cap)
    validate_delegation(new)
    for row in uow.session.scalars(select(DelegationRow).where(DelegationRow.delegator_id == actor.user_id,
                                                               DelegationRow.revoked.is_(False))):
        other = Delegation(actor.login, "-", row.starts_at, row.ends_at, Capacity(row.capacity))
        if overlaps(new, other):
            raise BadInput("Sudah ada delegasi Anda yang tumpang tindih dengan rentang tanggal ini")
    row = DelegationRow(delegator_id=actor.user_id, delegate_id=target.id, capacity=cap.value, starts_at=begin,
                        ends_at=end, reason=reason.strip(), revoked=False, created_at=uow.now())
    uow.session.add(row)
    uow.flush()
    uow.touched("delegation", row.id)
    uow.audit("delegation.add", actor_id=actor.user_id,
              data={"to": target.login, "capacity": cap.value, "from": begin.isoformat(), "until": end.isoformat()})
    return {"id": row.id, "delegator": actor.login, "delegate": target.login, "capacity": cap.value,
            "starts_at": begin.isoformat(), "ends_at": end.isoformat()}
