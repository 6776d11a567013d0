"""Turn route addresses (position / role / user) into people, and the org tree questions around it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import select

from eoffice.store.models import Position, Unit, User
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.template import Assignee


class OrgView:
    """A snapshot of units and positions for one transaction (small: hundreds of rows)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.unit_parent = dict(uow.session.execute(select(Unit.id, Unit.parent_id)).all())
        self.unit_code = dict(uow.session.execute(select(Unit.id, Unit.code)).all())
        self.positions = {p.id: p for p in uow.session.scalars(select(Position))}

    def unit_chain(self, unit_id: int) -> list[int]:
        """The unit and its ancestors, nearest first."""
        chain = [unit_id]
        while (parent := self.unit_parent.get(chain[-1])) is not None:
            chain.append(parent)
        return chain

    def position_chain(self, position_id: int) -> list[int]:
        chain = [position_id]
        while (parent := self.positions[chain[-1]].parent_id) is not None:
            chain.append(parent)
        return chain

    def is_below(self, lower_position: int | None, upper_position: int | None) -> bool:
        if lower_position is None or upper_position is None or lower_position == upper_position:
            return False
        return upper_position in self.position_chain(lower_position)

    def holders(self, position_ids: Sequence[int]) -> list[str]:
        if not position_ids:
            return []
        rows = self.uow.session.scalars(select(User.login).where(
            User.position_id.in_(position_ids), User.active.is_(True)).order_by(User.id))
        return list(rows)

    def nearest_with_role(self, role: str, unit_id: int) -> list[int]:
        """Positions holding ``role`` nearest up the tree from ``unit_id``: a kasi's own kabid,
        the drafter's own sekretaris, and the province-wide holder (e.g. sekda) only when none is closer."""
        candidates = [p for p in self.positions.values() if role in p.roles.split()]
        for level in self.unit_chain(unit_id):
            found = [p.id for p in candidates if level in self.unit_chain(p.unit_id)]
            if found:
                return found
        return []


def resolver(org: OrgView, drafter_unit_id: int) -> Callable[[Assignee], Sequence[str]]:
    def resolve(a: Assignee) -> Sequence[str]:
        if a.kind == "user":
            user = org.uow.users.find(a.ref)
            return [user.login] if user is not None and user.active else []
        if a.kind == "position":
            pos = org.uow.positions.find(a.ref)
            return org.holders([pos.id]) if pos is not None else []
        return org.holders(org.nearest_with_role(a.ref, drafter_unit_id))

    return resolve
