"""Verbs: init, demo, user, unit."""

from __future__ import annotations

import argparse
import os

from eoffice.cli.context import Ctx, table
from eoffice.domain import BadInput
from eoffice.services import org
from eoffice.store.db import describe
from eoffice.store.uow import UnitOfWork


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create or upgrade the database schema")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", parents=[common], help="seed the demo organisation (idempotent)")
    p.set_defaults(func=cmd_demo)

    user = sub.add_parser("user", parents=[common], help="manage users").add_subparsers(dest="action", required=True)
    p = user.add_parser("add", parents=[common], help="add a user")
    p.add_argument("login")
    p.add_argument("--nip", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--unit", required=True, help="unit code")
    p.add_argument("--position", help="position (jabatan) code")
    p.add_argument("--admin", action="store_true", help="make the user an admin")
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("list", parents=[common], help="list users")
    p.add_argument("--unit", help="only this unit")
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("edit", parents=[common], help="change a user's profile, jabatan or active state")
    p.add_argument("login")
    p.add_argument("--name")
    p.add_argument("--nik", help="NIK, 16 digits (BSrE signing); '' clears it")
    p.add_argument("--gelar", help="academic titles after the name, e.g. 'S.T., M.Si.'")
    p.add_argument("--gelar-depan", help="titles before the name, e.g. 'Dr. H.'")
    p.add_argument("--pangkat", help="pangkat/golongan, e.g. 'Pembina (IV/a)'")
    p.add_argument("--position", help="position (jabatan) code; '' removes the jabatan")
    p.add_argument("--title", help="the title of the user's jabatan as printed on letters")
    p.add_argument("--active", choices=("yes", "no"))
    p.set_defaults(func=cmd_user_edit)
    p = user.add_parser("passwd", parents=[common], help="set a user's password (EOFFICE_NEW_PASSWORD)")
    p.add_argument("login")
    p.set_defaults(func=cmd_user_passwd)

    unit = sub.add_parser("unit", parents=[common], help="manage units").add_subparsers(dest="action", required=True)
    p = unit.add_parser("add", parents=[common], help="add an organisation unit")
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.add_argument("--kind", required=True, choices=org.UNIT_KINDS)
    p.add_argument("--parent", help="parent unit code")
    p.add_argument("--address", default="")
    p.add_argument("--phone", default="")
    p.set_defaults(func=cmd_unit_add)
    p = unit.add_parser("list", parents=[common], help="list units")
    p.set_defaults(func=cmd_unit_list)


def cmd_init(ctx: Ctx) -> int:
    from eoffice.store import migrate

    migrate.upgrade(ctx.raw_engine)
    rev = migrate.current_revision(ctx.raw_engine)
    ctx.emit({"database": describe(ctx.raw_engine), "revision": rev},
             lambda: print(f"Database siap: {describe(ctx.raw_engine)} (skema {rev})"))
    return 0


def cmd_demo(ctx: Ctx) -> int:
    from eoffice.services import demo

    result = ctx.run(demo.seed)
    demo.seed_content(ctx.run, ctx.home, result)

    def human() -> None:
        print("MODE DEMO: Pemerintah Provinsi Kalimantan Timur (data contoh)")
        print(("Data demo dibuat." if result.changed else "Data demo sudah ada; tidak ada yang diubah.")
              + f" Kata sandi semua pengguna demo: {demo.DEMO_PASSWORD}")
        print(table([[login, name, title] for login, name, title in result.logins], ["LOGIN", "NAMA", "JABATAN"]))

    ctx.emit({"changed": result.changed, "password": demo.DEMO_PASSWORD,
              "logins": [{"login": lg, "name": n, "title": t} for lg, n, t in result.logins]}, human)
    return 0


def cmd_user_add(ctx: Ctx) -> int:
    actor = ctx.actor(required=False)
    password = os.environ.get("EOFFICE_NEW_PASSWORD") or os.environ.get("EOFFICE_PASSWORD")
    if not password:
        raise BadInput("Kata sandi pengguna baru: set EOFFICE_NEW_PASSWORD")
    a = ctx.args
    info = ctx.run(lambda uow: org.add_user(uow, actor, login=a.login, nip=a.nip, name=a.name, unit_code=a.unit,
                                            position_code=a.position, password=password, is_admin=a.admin))
    ctx.emit(info.to_dict(), lambda: print(f"Pengguna {info.login} ({info.nip}) ditambahkan ke {info.unit}"))
    return 0


def cmd_user_edit(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    a = ctx.args
    edit = org.UserEdit(name=a.name, nik=a.nik, gelar_depan=a.gelar_depan, gelar_belakang=a.gelar,
                        pangkat=a.pangkat, position_code=a.position, title=a.title,
                        active=None if a.active is None else a.active == "yes")
    info = ctx.run(lambda uow: org.edit_user(uow, actor, a.login, edit))
    ctx.emit(info.to_dict(), lambda: print(f"Pengguna {info.login} ({info.name}) diubah"))
    return 0


def cmd_user_list(ctx: Ctx) -> int:

    def use_case(uow: UnitOfWork) -> list[org.UserInfo]:
        return org.list_users(uow, unit_code=ctx.args.unit)

    users = ctx.run(use_case)
    ctx.emit([u.to_dict() for u in users], lambda: print(table(
        [[u.login, u.nip, u.name, u.unit, u.title or "-"] for u in users], ["LOGIN", "NIP", "NAMA", "UNIT", "JABATAN"])))
    return 0


def cmd_user_passwd(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    password = os.environ.get("EOFFICE_NEW_PASSWORD")
    if not password:
        raise BadInput("Kata sandi baru: set EOFFICE_NEW_PASSWORD")
    ctx.run(lambda uow: org.set_password(uow, actor, login=ctx.args.login, password=password))
    ctx.emit({"login": ctx.args.login}, lambda: print(f"Kata sandi {ctx.args.login} diganti"))
    return 0


def cmd_unit_add(ctx: Ctx) -> int:
    actor = ctx.actor(required=False)
    a = ctx.args
    info = ctx.run(lambda uow: org.add_unit(uow, actor, code=a.code, name=a.name, kind=a.kind, parent_code=a.parent,
                                            address=a.address, phone=a.phone))
    ctx.emit(info.to_dict(), lambda: print(f"Unit {info.code} ditambahkan"))
    return 0


def cmd_unit_list(ctx: Ctx) -> int:
    units = ctx.run(org.list_units)
    ctx.emit([u.to_dict() for u in units], lambda: print(table(
        [[u.code, u.name, u.kind, u.parent or "-"] for u in units], ["KODE", "NAMA", "JENIS", "INDUK"])))
    return 0
