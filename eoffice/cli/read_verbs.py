"""Verbs that only read: letter list|show|history, inbox, search. Apart from the other verbs so a read loads
what it needs (SQLAlchemy, the read models, the password check) and no command, handler or signing code
(tests/unit/test_cli_imports.py; bench/bench_cli_startup.py)."""

from __future__ import annotations

import sys

from eoffice.app import queries as q
from eoffice.cli.context import Ctx, letter_table, parse_date, table, urgency_words
from eoffice.domain import BadInput, stage_words


def cmd_list(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    limit = ctx.args.limit
    if limit < 1:
        raise BadInput(f"--limit harus 1 atau lebih, bukan {limit}")
    rows = ctx.read(lambda uow: q.list_letters(uow, actor, status=ctx.args.status, kind=ctx.args.kind,
                                               limit=limit))
    ctx.emit([r.to_dict() for r in rows], lambda: print(letter_table(rows)))
    if len(rows) >= limit:  # said on stderr, so --json output stays a clean list
        print(f"Catatan: hanya {limit} naskah terbaru yang ditampilkan; persempit dengan --status/--kind "
              f"atau naikkan --limit.", file=sys.stderr)
    return 0


def cmd_show(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    info = ctx.read(lambda uow: q.letter_detail(uow, actor, ctx.args.id))
    ctx.emit(info, lambda: print(q.format_detail(info)))
    return 0


def cmd_history(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    events = ctx.read(lambda uow: q.history(uow, actor, ctx.args.id))
    ctx.emit(events, lambda: print(table([[e["at"][:19], e["actor_name"] or "-", e["action_label"], e["details"]]
                                          for e in events], ["WAKTU (UTC)", "OLEH", "PERISTIWA", "KETERANGAN"])))
    return 0


def cmd_inbox(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    items = ctx.read(lambda uow: q.inbox(uow, actor))
    ctx.emit([i.to_dict() for i in items], lambda: print(table(
        [[i.document_id[:8], stage_words(i.stage_kind, None), urgency_words(i.urgency),
          i.due_at.strftime("%Y-%m-%d %H:%M") if i.due_at else "-",
          (f"(untuk {i.on_behalf_of_name}) " if i.on_behalf_of else "") + i.subject[:60]] for i in items],
        ["ID", "TAHAP", "SIFAT", "BATAS (UTC)", "HAL"])))
    return 0


def cmd_search(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    a = ctx.args
    filters = q.Filters(kind=a.kind, status=a.status, unit=a.unit, classification=a.classification, urgency=a.urgency,
                      date_from=parse_date(a.date_from, "Tanggal awal") if a.date_from else None,
                      date_to=parse_date(a.date_to, "Tanggal akhir") if a.date_to else None)
    rows = ctx.read(lambda uow: q.search(uow, actor, a.query, filters))
    ctx.emit([r.to_dict() for r in rows], lambda: print(letter_table(rows)))
    return 0
