"""Delegation of authority (Plh./Plt./a.n./u.b.) for a date range."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from eoffice.domain import WITA, BadInput, Capacity, end_of_day
from eoffice.services.auth import Actor
from eoffice.store.models import Delegation as DelegationRow
from eoffice.store.uow import UnitOfWork
from eoffice.validate import check_date, check_text
from eoffice.workflow.delegation import Delegation, overlaps, validate_delegation
from eoffice.workflow.tata_naskah import check_level


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
        raise BadInput(f"Kapasitas tidak dikenal: {capacity} (Plh., Plt., a.n. atau u.b.)") from None
    if cap in (Capacity.AN, Capacity.UB):
        check_level(cap, levels_below(uow, uow.users.get(actor.user_id).position_id, target.position_id))
    begin = dt.datetime.combine(starts, dt.time(), tzinfo=WITA)
    end = end_of_day(ends)
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
    uow.audit("delegation.add", actor_id=actor.user_id,
              data={"to": target.login, "capacity": cap.value, "from": begin.isoformat(), "until": end.isoformat()})
    return {"id": row.id, "delegator": actor.login, "delegate": target.login, "capacity": cap.value,
            "starts_at": begin.isoformat(), "ends_at": end.isoformat()}


def levels_below(uow: UnitOfWork, principal_position: int | None, position: int | None) -> int | None:
    """How many steps up the position tree from ``position`` reach ``principal_position`` (None: never)."""
    depth, current = 0, position
    while current is not None and principal_position is not None and depth <= 10:
        if current == principal_position:
            return depth
        current, depth = uow.positions.get(current).parent_id, depth + 1
    return None
