"""Repositories: the only place that knows how to find things. Services call these, never raw SQL."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from eoffice.domain import NotFound
from eoffice.store.models import ClassificationCode, Position, Unit, User


class Units:
    def __init__(self, session: Session) -> None:
        self.s = session

    def by_code(self, code: str) -> Unit:
        unit = self.s.scalars(select(Unit).where(func.upper(Unit.code) == code.upper())).first()
        if unit is None:
            raise NotFound(f"Unit tidak dikenal: {code}")
        return unit

    def find(self, code: str) -> Unit | None:
        return self.s.scalars(select(Unit).where(func.upper(Unit.code) == code.upper())).first()

    def get(self, unit_id: int) -> Unit:
        unit = self.s.get(Unit, unit_id)
        if unit is None:
            raise NotFound(f"Unit tidak dikenal: #{unit_id}")
        return unit

    def all(self) -> Sequence[Unit]:
        return self.s.scalars(select(Unit).order_by(Unit.id)).all()

    def children(self, unit_id: int) -> Sequence[Unit]:
        return self.s.scalars(select(Unit).where(Unit.parent_id == unit_id).order_by(Unit.id)).all()

    def ancestors(self, unit: Unit) -> list[Unit]:
        """The unit's chain up to the root, nearest first (the unit itself excluded)."""
        chain: list[Unit] = []
        current = unit
        while current.parent_id is not None:
            current = self.get(current.parent_id)
            chain.append(current)
        return chain


class Positions:
    def __init__(self, session: Session) -> None:
        self.s = session

    def by_code(self, code: str) -> Position:
        pos = self.find(code)
        if pos is None:
            raise NotFound(f"Jabatan tidak dikenal: {code}")
        return pos

    def find(self, code: str) -> Position | None:
        return self.s.scalars(select(Position).where(func.upper(Position.code) == code.upper())).first()

    def get(self, position_id: int) -> Position:
        pos = self.s.get(Position, position_id)
        if pos is None:
            raise NotFound(f"Jabatan tidak dikenal: #{position_id}")
        return pos

    def all(self) -> Sequence[Position]:
        return self.s.scalars(select(Position).order_by(Position.id)).all()

    def with_role(self, role: str) -> Sequence[Position]:
        candidates = self.s.scalars(select(Position).where(Position.roles.contains(role))).all()
        return [p for p in candidates if role in p.roles.split()]


class Users:
    def __init__(self, session: Session) -> None:
        self.s = session

    def find(self, login_or_nip: str) -> User | None:
        key = login_or_nip.strip()
        return self.s.scalars(select(User).where(or_(User.login == key.lower(), User.nip == key))).first()

    def by_login(self, login_or_nip: str) -> User:
        user = self.find(login_or_nip)
        if user is None:
            raise NotFound(f"Pengguna tidak dikenal: {login_or_nip}")
        return user

    def get(self, user_id: int) -> User:
        user = self.s.get(User, user_id)
        if user is None:
            raise NotFound(f"Pengguna tidak dikenal: #{user_id}")
        return user

    def all(self) -> Sequence[User]:
        return self.s.scalars(select(User).order_by(User.id)).all()

    def in_position(self, position_id: int) -> Sequence[User]:
        return self.s.scalars(
            select(User).where(User.position_id == position_id, User.active.is_(True)).order_by(User.id)
        ).all()

    def any_admin(self) -> bool:
        return self.s.scalars(select(User.id).where(User.is_admin.is_(True)).limit(1)).first() is not None


class Classifications:
    def __init__(self, session: Session) -> None:
        self.s = session

    def find(self, code: str) -> ClassificationCode | None:
        return self.s.get(ClassificationCode, code)

    def all(self) -> Sequence[ClassificationCode]:
        return self.s.scalars(select(ClassificationCode).order_by(ClassificationCode.code)).all()
