"""Organisation: units (tree), positions (jabatan) and users. Admin use cases plus directory reads."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from eoffice.domain import UNIT_KINDS as UNIT_KINDS
from eoffice.domain import BadInput
from eoffice.services.auth import Actor, hash_password, require_admin
from eoffice.store.dbroles import nik_of, niks, set_auditor, set_login
from eoffice.store.models import Position, Unit, User
from eoffice.store.uow import UnitOfWork
from eoffice.validate import check_line

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")
LOGIN_RE = re.compile(r"^[a-z][a-z0-9._-]{1,59}$")
NIP_RE = re.compile(r"^\d{18}$")
NIK_RE = re.compile(r"^\d{16}$")


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
    nik: str | None = None
    gelar_depan: str = ""
    gelar_belakang: str = ""
    pangkat: str = ""
    db_role: str | None = None  # the PostgreSQL login role (none on SQLite)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if self.db_role is None:
            del out["db_role"]
        return out


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
    login_verifier: str | None = None,
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
    set_login(uow, user, password, verifier=login_verifier)
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
    set_login(uow, user, password)
    uow.audit("user.passwd", actor_id=actor.user_id, data={"login": user.login})


def validate_nik(nik: str) -> str:
    """NIK (Nomor Induk Kependudukan): 16 digits; BSrE identifies a signer by it."""
    nik = nik.strip().replace(" ", "")
    if not NIK_RE.match(nik):
        raise BadInput(f"NIK tidak valid: {nik!r} (harus 16 digit)")
    return nik


@dataclass(frozen=True)
class UserEdit:
    """What an admin changes on a user; None leaves a field as it is, "" clears an optional one."""

    name: str | None = None
    nip: str | None = None
    unit_code: str | None = None
    nik: str | None = None
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    pangkat: str | None = None
    position_code: str | None = None
    title: str | None = None  # the title of the user's jabatan, as printed on letters
    active: bool | None = None
    auditor: bool | None = None  # in the auditor group (store/dbroles.py: set_auditor)


def edit_user(uow: UnitOfWork, actor: Actor, login: str, edit: UserEdit) -> UserInfo:
    require_admin(actor)
    user = uow.users.by_login(login)
    changed: dict[str, Any] = {}
    if edit.name is not None:
        user.name = changed["name"] = _text(edit.name, "Nama")
    if edit.nip is not None and validate_nip(edit.nip) != user.nip:
        nip = validate_nip(edit.nip)
        if uow.users.find(nip) is not None:
            raise BadInput(f"NIP {nip} sudah terdaftar")
        user.nip = changed["nip"] = nip
    if edit.unit_code is not None:
        user.unit_id = uow.units.by_code(edit.unit_code).id
        changed["unit"] = edit.unit_code
    if edit.nik is not None:
        nik = validate_nik(edit.nik) if edit.nik.strip() else None
        if nik and any(n == nik and who != user.id for who, n in niks(uow).items()):  # an admin reads them all
            raise BadInput("NIK itu sudah terdaftar untuk pengguna lain")
        user.nik = nik
        changed["nik"] = "diubah" if nik else "dihapus"  # personal data: the audit says that, not the number
    for field, limit in (("gelar_depan", 60), ("gelar_belakang", 100), ("pangkat", 100)):
        value = getattr(edit, field)
        if value is not None:
            cleaned = " ".join(value.split())
            if len(cleaned) > limit:
                raise BadInput(f"{field.replace('_', ' ').capitalize()} terlalu panjang (maks. {limit} karakter)")
            setattr(user, field, cleaned)
            changed[field] = cleaned
    if edit.position_code is not None:
        pos = uow.positions.by_code(edit.position_code) if edit.position_code.strip() else None
        user.position_id = pos.id if pos else None
        changed["position"] = pos.code if pos else None
    if edit.title is not None:
        if user.position_id is None:
            raise BadInput(f"{user.name} belum memegang jabatan; pilih jabatannya dulu")
        pos = uow.positions.get(user.position_id)
        pos.title = changed["title"] = _text(edit.title, "Nama jabatan")
    if edit.active is not None:
        if not edit.active and user.id == actor.user_id:
            raise BadInput("Anda tidak dapat menonaktifkan akun Anda sendiri")
        user.active = changed["active"] = edit.active
    if edit.auditor is not None:
        set_auditor(uow, user, edit.auditor)
        changed["auditor"] = edit.auditor
    if not changed:
        raise BadInput("Tidak ada yang diubah: sebutkan paling sedikit satu isian")
    uow.flush()
    uow.audit("user.edit", actor_id=actor.user_id, data={"login": user.login, **changed})
    return user_info(uow, user)


def user_info(uow: UnitOfWork, user: User) -> UserInfo:
    unit = uow.units.get(user.unit_id)
    pos = uow.positions.get(user.position_id) if user.position_id else None
    return _info(user, unit.code, pos, nik_of(uow, user.id))


def _info(u: User, unit_code: str, pos: Position | None, nik: str | None) -> UserInfo:
    """*nik*: None unless the acting user may read it (their own; an admin, everyone's)."""
    return UserInfo(u.id, u.login, u.nip, u.name, unit_code, pos.code if pos else None, pos.title if pos else None,
                    u.is_admin, u.active, nik, u.gelar_depan or "", u.gelar_belakang or "", u.pangkat or "",
                    u.db_role)


def list_users(uow: UnitOfWork, *, unit_code: str | None = None) -> list[UserInfo]:
    users = uow.users.all()
    if unit_code:
        unit = uow.units.by_code(unit_code)
        users = [u for u in users if u.unit_id == unit.id]
    units = {u.id: u.code for u in uow.units.all()}
    positions = {p.id: p for p in uow.positions.all()}
    readable = niks(uow)
    result = []
    for u in users:
        result.append(_info(u, units[u.unit_id], positions.get(u.position_id) if u.position_id else None,
                            readable.get(u.id)))
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
