"""Verbs: incoming register, dispose, disposition (tree|read|done)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from eoffice.cli.context import Ctx, parse_date
from eoffice.domain import INSTRUCTIONS, BadInput, Classification, Urgency
from eoffice.services import incoming
from eoffice.workflow.disposition import TreeNode

WITA = dt.timezone(dt.timedelta(hours=8))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    inc = sub.add_parser("incoming", parents=[common], help="naskah masuk").add_subparsers(dest="action",
                                                                                         required=True)
    p = inc.add_parser("register", parents=[common], help="register a scanned incoming letter (PDF)")
    p.add_argument("file", type=Path)
    p.add_argument("--from", dest="sender", required=True, help="pengirim")
    p.add_argument("--number", required=True, help="the sender's letter number")
    p.add_argument("--subject", required=True)
    p.add_argument("--date", required=True, help="letter date YYYY-MM-DD")
    p.add_argument("--to", required=True, help="the leader it is addressed to (login or NIP)")
    p.add_argument("--urgency", default="biasa", choices=[u.value for u in Urgency])
    p.add_argument("--classification", default="biasa", choices=[c.value for c in Classification])
    p.set_defaults(func=cmd_register)
    p = sub.add_parser("dispose", parents=[common], help="write a disposisi to subordinates")
    p.add_argument("id")
    p.add_argument("--to", action="append", required=True)
    p.add_argument("--instruct", action="append", required=True, choices=sorted(INSTRUCTIONS))
    p.add_argument("--note", default="")
    p.add_argument("--deadline", help="YYYY-MM-DD")
    p.set_defaults(func=cmd_dispose)
    disp = sub.add_parser("disposition", parents=[common], help="disposisi").add_subparsers(dest="action",
                                                                                          required=True)
    p = disp.add_parser("tree", parents=[common], help="show the disposisi tree of a letter")
    p.add_argument("id")
    p.set_defaults(func=cmd_tree)
    p = disp.add_parser("sheet", parents=[common], help="write the lembar disposisi (PDF) of an incoming letter")
    p.add_argument("id")
    p.add_argument("out", type=Path)
    p.set_defaults(func=cmd_sheet)
    p = disp.add_parser("read", parents=[common], help="mark your disposisi read")
    p.add_argument("id")
    p.set_defaults(func=cmd_read)
    p = disp.add_parser("done", parents=[common], help="report your disposisi done")
    p.add_argument("id")
    p.add_argument("--report", required=True)
    p.set_defaults(func=cmd_done)


def cmd_register(ctx: Ctx) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    try:
        data = a.file.read_bytes()
    except OSError as exc:
        raise BadInput(f"{a.file}: tidak dapat dibaca ({exc.strerror})") from exc
    info = incoming.Incoming(sender=a.sender, number=a.number, subject=a.subject, letter_date=parse_date(a.date, "Tanggal"),
                             addressed_to=a.to, urgency=Urgency(a.urgency),
                             classification=Classification(a.classification))
    doc_id = ctx.run(lambda uow: incoming.register(uow, actor, info, a.file.name, data,
                                                   max_bytes=ctx.max_attachment))
    ctx.emit({"id": doc_id}, lambda: print(doc_id))
    return 0


def cmd_dispose(ctx: Ctx) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    deadline = None
    if a.deadline:
        deadline = dt.datetime.combine(parse_date(a.deadline, "Batas waktu") + dt.timedelta(days=1), dt.time(),
                                       tzinfo=WITA)
    ids = ctx.run(lambda uow: incoming.dispose(uow, actor, a.id, to=a.to, instructions=a.instruct, note=a.note,
                                               deadline=deadline))
    ctx.emit({"nodes": ids}, lambda: print(f"Disposisi dikirim kepada {', '.join(a.to)}"))
    return 0


def _tree_dict(t: TreeNode) -> dict[str, object]:
    n = t.node
    return {"id": n.id, "from": n.from_user, "to": n.to_user, "instructions": list(n.instructions),
            "note": n.note, "status": n.status.value, "report": n.report,
            "deadline": n.deadline.isoformat() if n.deadline else None,
            "children": [_tree_dict(c) for c in t.children]}


def cmd_tree(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    roots = ctx.run(lambda uow: incoming.tree_of(uow, actor, ctx.args.id))
    data = [_tree_dict(r) for r in roots]

    def show(nodes: list[dict[str, object]], depth: int) -> None:
        for n in nodes:
            print(f"{'  ' * depth}- {n['from']} -> {n['to']} [{n['status']}] {', '.join(n['instructions'])}"  # type: ignore[arg-type]
                  + (f" | laporan: {n['report']}" if n["report"] else ""))
            show(n["children"], depth + 1)  # type: ignore[arg-type]

    ctx.emit(data, lambda: show(data, 0))
    return 0


def cmd_done(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    ctx.run(lambda uow: incoming.report_done(uow, actor, ctx.args.id, ctx.args.report))
    ctx.emit({"id": ctx.args.id, "status": "done"}, lambda: print("Laporan tindak lanjut tersimpan"))
    return 0


def cmd_read(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    ctx.run(lambda uow: incoming.mark_read(uow, actor, ctx.args.id))
    ctx.emit({"id": ctx.args.id, "status": "read"}, lambda: print("Disposisi ditandai dibaca"))
    return 0


def cmd_sheet(ctx: Ctx) -> int:
    from eoffice.cli.letters import write_file

    actor = ctx.require_actor()
    pdf = ctx.run(lambda uow: incoming.sheet(uow, actor, ctx.args.id))
    write_file(ctx.args.out, pdf)
    ctx.emit({"file": str(ctx.args.out)}, lambda: print(f"Lembar disposisi: {ctx.args.out}"))
    return 0
