"""Verbs: holiday add|list|remove (the holiday calendar deadlines from sifat count working days over)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt

from eoffice.cli.context import Ctx
from eoffice.domain import BadInput


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"Tanggal tidak valid: {text!r} (format YYYY-MM-DD)") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("holiday", parents=[common], help="the holiday calendar (national holidays, cuti bersama)")
    verbs = p.add_subparsers(dest="holiday_cmd", required=True)
    a = verbs.add_parser("add", parents=[common], help="add a day off (admin)")
    a.add_argument("day", help="YYYY-MM-DD")
    a.add_argument("name")
    a.add_argument("--kind", default="nasional", choices=["nasional", "cuti_bersama"])
    a.set_defaults(func=cmd_add)
    ls = verbs.add_parser("list", parents=[common], help="list the days off")
    ls.add_argument("--year", type=int)
    ls.set_defaults(func=cmd_list)
    rm = verbs.add_parser("remove", parents=[common], help="remove a day off (admin)")
    rm.add_argument("day", help="YYYY-MM-DD")
    rm.set_defaults(func=cmd_remove)


def cmd_add(ctx: Ctx) -> int:
    from eoffice.services import holidays

    actor, day = ctx.require_actor(), _day(ctx.args.day)
    info = ctx.run(lambda uow: holidays.add(uow, actor, day, ctx.args.name, ctx.args.kind))
    ctx.emit(dataclasses.asdict(info), lambda: print(f"Hari libur {info.day.isoformat()} ditambahkan: {info.name}"))
    return 0


def cmd_list(ctx: Ctx) -> int:
    from eoffice.services import holidays

    ctx.require_actor()
    rows = ctx.run(lambda uow: holidays.listing(uow, ctx.args.year))

    def human() -> None:
        for r in rows:
            print(f"{r.day.isoformat()}  {holidays.KINDS[r.kind]:<15} {r.name}")
        if not rows:
            print("Kalender hari libur kosong")

    ctx.emit([dataclasses.asdict(r) for r in rows], human)
    return 0


def cmd_remove(ctx: Ctx) -> int:
    from eoffice.services import holidays

    actor, day = ctx.require_actor(), _day(ctx.args.day)
    ctx.run(lambda uow: holidays.remove(uow, actor, day))
    ctx.emit({"removed": day.isoformat()}, lambda: print(f"Hari libur {day.isoformat()} dihapus"))
    return 0
