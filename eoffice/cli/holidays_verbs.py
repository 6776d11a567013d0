"""Verbs: holiday add|list|remove. What each verb does; the parser is in holidays.py."""

from __future__ import annotations

import dataclasses

from eoffice.app import commands as c
from eoffice.app import queries as q
from eoffice.cli.context import Ctx, parse_date

KIND_WORDS = {"nasional": "Libur nasional", "cuti_bersama": "Cuti bersama"}  # as services/holidays.py KINDS


def cmd_add(ctx: Ctx) -> int:
    day = parse_date(ctx.args.day, "Tanggal")
    info = ctx.execute(c.AddHoliday(day=day, name=ctx.args.name, kind=ctx.args.kind))
    ctx.emit(dataclasses.asdict(info), lambda: print(f"Hari libur {info.day.isoformat()} ditambahkan: {info.name}"))
    return 0


def cmd_list(ctx: Ctx) -> int:
    ctx.require_actor()
    rows = ctx.read(lambda uow: q.holiday_list(uow, ctx.args.year))

    def human() -> None:
        for r in rows:
            print(f"{r.day.isoformat()}  {KIND_WORDS.get(r.kind, r.kind):<15} {r.name}")
        if not rows:
            print("Kalender hari libur kosong")

    ctx.emit([dataclasses.asdict(r) for r in rows], human)
    return 0


def cmd_remove(ctx: Ctx) -> int:
    day = parse_date(ctx.args.day, "Tanggal")
    ctx.execute(c.RemoveHoliday(day=day))
    ctx.emit({"removed": day.isoformat()}, lambda: print(f"Hari libur {day.isoformat()} dihapus"))
    return 0
