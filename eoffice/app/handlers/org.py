"""The organisation: users, units, positions, delegations."""

from __future__ import annotations

from typing import Any

from eoffice.app import commands as c
from eoffice.app.bus import Deps, handles
from eoffice.services import delegation, org
from eoffice.store.uow import UnitOfWork


@handles(c.AddUser)
def add_user(cmd: c.AddUser, uow: UnitOfWork, deps: Deps) -> org.UserInfo:
    return org.add_user(uow, deps.actor, login=cmd.login, nip=cmd.nip, name=cmd.name, unit_code=cmd.unit_code,
                        position_code=cmd.position_code, password=deps.secret or "",  # none: "too short"
                        is_admin=cmd.is_admin)


@handles(c.EditUser)
def edit_user(cmd: c.EditUser, uow: UnitOfWork, deps: Deps) -> org.UserInfo:
    edit = org.UserEdit(name=cmd.name, nip=cmd.nip, unit_code=cmd.unit_code, nik=cmd.nik, gelar_depan=cmd.gelar_depan, gelar_belakang=cmd.gelar_belakang,
                        pangkat=cmd.pangkat, position_code=cmd.position_code, title=cmd.title, active=cmd.active,
                        auditor=cmd.auditor)
    return org.edit_user(uow, deps.require_actor(), cmd.login, edit)


@handles(c.SetPassword)
def set_password(cmd: c.SetPassword, uow: UnitOfWork, deps: Deps) -> None:
    org.set_password(uow, deps.require_actor(), login=cmd.login, password=deps.secret or "")


@handles(c.AddUnit)
def add_unit(cmd: c.AddUnit, uow: UnitOfWork, deps: Deps) -> org.UnitInfo:
    return org.add_unit(uow, deps.actor, code=cmd.code, name=cmd.name, kind=cmd.kind, parent_code=cmd.parent_code,
                        address=cmd.address, phone=cmd.phone)


@handles(c.AddPosition)
def add_position(cmd: c.AddPosition, uow: UnitOfWork, deps: Deps) -> org.PositionInfo:
    return org.position_info(uow, org.add_position(uow, deps.require_actor(), code=cmd.code, title=cmd.title,
                                                   unit_code=cmd.unit_code, parent_code=cmd.parent_code,
                                                   roles=tuple(cmd.roles)))


@handles(c.Delegate)
def delegate(cmd: c.Delegate, uow: UnitOfWork, deps: Deps) -> dict[str, Any]:
    return delegation.delegate(uow, deps.require_actor(), cmd.to, cmd.capacity, cmd.starts, cmd.ends,
                               reason=cmd.reason)
