"""Organisation: units (tree), positions (jabatan) and users. Admin use cases plus directory reads."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from eoffice.domain import BadInput
from eoffice.services.auth import Actor, hash_password, require_admin
from eoffice.store.models import Position, Unit, User
from eoffice.store.uow import UnitOfWork
from eoffice.validate import check_line

UNIT_KINDS = ("pemprov", "setda", "asisten", "biro", "bagian", "dinas", "badan", "sekretariat", "bidang", "seksi", "subbagian")
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")
LOGIN_RE = re.compile(r"^[a-z][a-z0-9._-]{1,59}$")
NIP_RE = re.compile(r"^\d{18}$")


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    kind: str
    parent: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    nip: str
    name: str
    unit: str
    position: str | None
    title: str | None
    is_admin: bool
    active: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _code(value: str, what: str) -> str:
    code = value.strip().upper()
    if not CODE_RE.match(code):
        raise BadInput(f"Kode {what} tidak valid: {value!r} (huruf besar, angka, . _ -; maks. 40)")
    return code


def _text(value: str, what: str, limit: int = 200) -> str:
    cleaned = " ".join(check_line(value, what).split())
    if not cleaned:
        raise BadInput(f"{what} tidak boleh kosong")
    if len(cleaned) > limit:
        raise BadInput(f"{what} terlalu panjang (maks. {limit} karakter)")
    return cleaned


def validate_nip(nip: str) -> str:
    """NIP: 18 digits = birth date (8) + appointment (6) + sex (1: 1/2) + serial (3)."""
    nip = nip.strip().replace(" ", "")
    if not NIP_RE.match(nip):
        raise BadInput(f"NIP tidak valid: {nip!r} (harus 18 digit)")
    if nip[14] not in "12":
        raise BadInput(f"NIP tidak valid: {nip!r} (digit ke-15 harus 1 atau 2)")
    return nip


def add_unit(
    uow: UnitOfWork,
    actor: Actor | None,
    *,
    code: str,
    name: str,
    kind: str,
    parent_code: str | None = None,
    address: str = "",
    phone: str = "",
    email: str = "",
    website: str = "",
    place: str = "Samarinda",
) -> UnitInfo:
    _require_admin_unless_bootstrap(uow, actor)
    code = _code(code, "unit")
    if kind not in UNIT_KINDS:
        raise BadInput(f"Jenis unit tidak dikenal: {kind!r} (pilih: {', '.join(UNIT_KINDS)})")
    parent = uow.units.by_code(parent_code) if parent_code else None
    if uow.units.find(code) is not None:
        raise BadInput(f"Unit {code} sudah ada")
    unit = Unit(
        code=code,
        name=_text(name, "Nama unit"),
        kind=kind,
        parent_id=parent.id if parent else None,
        place=place,
        address=address,
        phone=phone,
        email=email,
        website=website,
        created_at=uow.now(),
    )
    uow.session.add(unit)
    uow.flush()
    uow.touched("unit", unit.id)
    uow.audit("unit.add", actor_id=actor.user_id if actor else None, data={"code": code, "name": unit.name})
    return UnitInfo(unit.id, unit.code, unit.name, unit.kind, parent.code if parent else None)


def add_position(
    uow: UnitOfWork,
    actor: Actor | None,
    *,
    code: str,
    title: str,
    unit_code: str,
    parent_code: str | None = None,
    roles: tuple[str, ...] = (),
) -> Position:
    _require_admin_unless_bootstrap(uow, actor)
    code = _code(code, "jabatan")
    unit = uow.units.by_code(unit_code)
    parent = uow.positions.by_code(parent_code) if parent_code else None
    if uow.positions.find(code) is not None:
        raise BadInput(f"Jabatan {code} sudah ada")
    for role in roles:
        if not LOGIN_RE.match(role):
            raise BadInput(f"Nama peran tidak valid: {role!r}")
    pos = Position(
        code=code,
        title=_text(title, "Nama jabatan"),
        unit_id=unit.id,
        parent_id=parent.id if parent else None,
        roles=" ".join(roles),
    )
    uow.session.add(pos)
    uow.flush()
    uow.touched("position", pos.id)
    uow.audit("position.add", actor_id=actor.user_id if actor else None, data={"code": code, "title": pos.title})
    return pos


def add_user(
    uow: UnitOfWork,
    actor: Actor | None,
    *,
    login: str,
    nip: str,
    name: str,
    unit_code: str,
    password: str,
    position_code: str | None = None,
    is_admin: bool = False,
    password_hash: str | None = None,
) -> UserInfo:
    _require_admin_unless_bootstrap(uow, actor)
    login = login.strip().lower()
    if not LOGIN_RE.match(login):
        raise BadInput(f"Login tidak valid: {login!r} (huruf kecil, angka, . _ -; diawali huruf)")
    nip = validate_nip(nip)
    unit = uow.units.by_code(unit_code)
    position = uow.positions.by_code(position_code) if position_code else None
    if uow.users.find(login) is not None:
        raise BadInput(f"Login {login} sudah dipakai")
    if uow.users.find(nip) is not None:
        raise BadInput(f"NIP {nip} sudah terdaftar")
    user = User(
        login=login,
        nip=nip,
        name=_text(name, "Nama"),
        unit_id=unit.id,
        position_id=position.id if position else None,
        password_hash=password_hash or hash_password(password),
        is_admin=is_admin,
        active=True,
        created_at=uow.now(),
    )
    uow.session.add(user)
    uow.flush()
    uow.touched("user", user.id)
    uow.audit(
        "user.add",
        actor_id=actor.user_id if actor else None,
        data={"login": login, "nip": nip, "unit": unit.code, "admin": is_admin},
    )
    return user_info(uow, user)


def set_password(uow: UnitOfWork, actor: Actor, *, login: str, password: str) -> None:
    user = uow.users.by_login(login)
    if actor.user_id != user.id:
        require_admin(actor)
    user.password_hash = hash_password(password)
    uow.touched("user", user.id)
    uow.audit("user.passwd", actor_id=actor.user_id, data={"login": user.login})


def user_info(uow: UnitOfWork, user: User) -> UserInfo:
    unit = uow.units.get(user.unit_id)
    pos = uow.positions.get(user.position_id) if user.position_id else None
    return UserInfo(
        user.id,
        user.login,
        user.nip,
        user.name,
        unit.code,
        pos.code if pos else None,
        pos.title if pos else None,
        user.is_admin,
        user.active,
    )


def list_users(uow: UnitOfWork, *, unit_code: str | None = None) -> list[UserInfo]:
    users = uow.users.all()
    if unit_code:
        unit = uow.units.by_code(unit_code)
        users = [u for u in users if u.unit_id == unit.id]
    units = {u.id: u.code for u in uow.units.all()}
    positions = {p.id: p for p in uow.positions.all()}
    result = []
    for u in users:
        pos = positions.get(u.position_id) if u.position_id else None
        result.append(
            UserInfo(u.id, u.login, u.nip, u.name, units[u.unit_id], pos.code if pos else None,
                     pos.title if pos else None, u.is_admin, u.active)
        )
    return result


def list_units(uow: UnitOfWork) -> list[UnitInfo]:
    units = uow.units.all()
    codes = {u.id: u.code for u in units}
    return [UnitInfo(u.id, u.code, u.name, u.kind, codes.get(u.parent_id) if u.parent_id else None) for u in units]


@dataclass(frozen=True)
class PositionInfo:
    code: str
    title: str
    unit: str
    parent: str | None
    roles: tuple[str, ...]


def position_info(uow: UnitOfWork, pos: Position) -> PositionInfo:
    parent = uow.positions.get(pos.parent_id) if pos.parent_id else None
    return PositionInfo(pos.code, pos.title, uow.units.get(pos.unit_id).code, parent.code if parent else None,
                        tuple(pos.roles.split()))


def list_positions(uow: UnitOfWork) -> list[PositionInfo]:
    units = {u.id: u.code for u in uow.units.all()}
    positions = list(uow.positions.all())
    codes = {p.id: p.code for p in positions}
    return [PositionInfo(p.code, p.title, units[p.unit_id], codes.get(p.parent_id) if p.parent_id else None,
                         tuple(p.roles.split())) for p in positions]


def _require_admin_unless_bootstrap(uow: UnitOfWork, actor: Actor | None) -> None:
    """A fresh database has no admin yet: anyone may set it up. After that, only admins."""
    if actor is None and not uow.users.any_admin():
        return
    require_admin(actor)
