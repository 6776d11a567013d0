"""Verbs: init, demo, user, unit.

What each verb does; the parser is in admin.py."""

from __future__ import annotations

import os

from eoffice.app import commands as c
from eoffice.app import queries as q
from eoffice.app import setup
from eoffice.cli.context import Ctx, table
from eoffice.domain import BadInput


def cmd_init(ctx: Ctx) -> int:
    session = ctx.raw_session
    rev = setup.init_database(session)
    ctx.emit({"database": session.label, "revision": rev},
             lambda: print(f"Database siap: {session.label} (skema {rev})"))
    return 0


def cmd_demo(ctx: Ctx) -> int:
    from eoffice.services.demo import DEMO_PASSWORD

    result = setup.seed_demo(ctx.session)

    def human() -> None:
        print("MODE DEMO: Pemerintah Provinsi Kalimantan Timur (data contoh)")
        print(("Data demo dibuat." if result.changed else "Data demo sudah ada; tidak ada yang diubah.")
              + f" Kata sandi semua pengguna demo: {DEMO_PASSWORD}")
        print(table([[login, name, title] for login, name, title in result.logins], ["LOGIN", "NAMA", "JABATAN"]))

    ctx.emit({"changed": result.changed, "password": DEMO_PASSWORD,
              "logins": [{"login": lg, "name": n, "title": t} for lg, n, t in result.logins]}, human)
    return 0


def cmd_user_add(ctx: Ctx) -> int:
    ctx.actor(required=False)
    password = os.environ.get("EOFFICE_NEW_PASSWORD") or os.environ.get("EOFFICE_PASSWORD")
    if not password:
        raise BadInput("Kata sandi pengguna baru: set EOFFICE_NEW_PASSWORD")
    a = ctx.args
    info = ctx.execute(c.AddUser(login=a.login, nip=a.nip, name=a.name, unit_code=a.unit, position_code=a.position,
                                 is_admin=a.admin), secret=password, actor_required=False)
    ctx.emit(info.to_dict(), lambda: print(f"Pengguna {info.login} ({info.nip}) ditambahkan ke {info.unit}"))
    return 0


def cmd_user_list(ctx: Ctx) -> int:
    users = ctx.read(lambda uow: q.list_users(uow, unit_code=ctx.args.unit))
    ctx.emit([u.to_dict() for u in users], lambda: print(table(
        [[u.login, u.nip, u.name, u.unit, u.title or "-"] for u in users], ["LOGIN", "NIP", "NAMA", "UNIT", "JABATAN"])))
    return 0


def cmd_user_edit(ctx: Ctx) -> int:
    ctx.require_actor()
    a = ctx.args
    info = ctx.execute(c.EditUser(login=a.login, name=a.name, nip=a.nip, unit_code=a.unit, nik=a.nik, gelar_depan=a.gelar_depan,
                                  gelar_belakang=a.gelar, pangkat=a.pangkat, position_code=a.position, title=a.title,
                                  active=None if a.active is None else a.active == "yes",
                                  auditor=None if a.auditor is None else a.auditor == "yes"))
    ctx.emit(info.to_dict(), lambda: print(f"Pengguna {info.login} ({info.name}) diubah"))
    return 0


def cmd_user_passwd(ctx: Ctx) -> int:
    ctx.require_actor()
    password = os.environ.get("EOFFICE_NEW_PASSWORD")
    if not password:
        raise BadInput("Kata sandi baru: set EOFFICE_NEW_PASSWORD")
    ctx.execute(c.SetPassword(login=ctx.args.login), secret=password)
    ctx.emit({"login": ctx.args.login}, lambda: print(f"Kata sandi {ctx.args.login} diganti"))
    return 0


def cmd_unit_add(ctx: Ctx) -> int:
    ctx.actor(required=False)
    a = ctx.args
    info = ctx.execute(c.AddUnit(code=a.code, name=a.name, kind=a.kind, parent_code=a.parent, address=a.address,
                                 phone=a.phone), actor_required=False)
    ctx.emit(info.to_dict(), lambda: print(f"Unit {info.code} ditambahkan"))
    return 0


def cmd_unit_list(ctx: Ctx) -> int:
    units = ctx.read(q.list_units)
    ctx.emit([u.to_dict() for u in units], lambda: print(table(
        [[u.code, u.name, u.kind, u.parent or "-"] for u in units], ["KODE", "NAMA", "JENIS", "INDUK"])))
    return 0
