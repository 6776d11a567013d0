"""Verbs: incoming register, dispose, disposition (tree|read|done).

What each verb does; the parser is in incoming.py."""

from __future__ import annotations

from eoffice.app import commands as c
from eoffice.app import queries as q
from eoffice.cli.context import Ctx, parse_date
from eoffice.domain import DISPOSITION_LABELS, INSTRUCTIONS, BadInput, Classification, Urgency
from eoffice.workflow.disposition import TreeNode


def cmd_register(ctx: Ctx) -> int:
    a = ctx.args
    ctx.require_actor()
    try:
        data = a.file.read_bytes()
    except OSError as exc:
        raise BadInput(f"{a.file}: tidak dapat dibaca ({exc.strerror})") from exc
    cmd = c.RegisterIncoming(sender=a.sender, number=a.number, subject=a.subject,
                             letter_date=parse_date(a.date, "Tanggal"), addressed_to=a.to,
                             urgency=Urgency(a.urgency).value, classification=Classification(a.classification).value,
                             scan=c.File(a.file.name, data))
    doc_id = ctx.execute(cmd)
    ctx.emit({"id": doc_id}, lambda: print(doc_id))
    return 0


def cmd_dispose(ctx: Ctx) -> int:
    a = ctx.args
    ctx.require_actor()
    deadline = parse_date(a.deadline, "Batas waktu") if a.deadline else None
    ids = ctx.execute(c.Dispose(document_id=a.id, to=tuple(a.to), instructions=tuple(a.instruct), note=a.note,
                                deadline=deadline))
    names = ctx.read(lambda uow: q.people_names(uow, set(a.to)))
    ctx.emit({"nodes": ids}, lambda: print(f"Disposisi dikirim kepada {'; '.join(names.get(t, t) for t in a.to)}"))
    return 0


def _tree_dict(t: TreeNode, names: dict[str, str]) -> dict[str, object]:
    n = t.node
    return {"id": n.id, "from": n.from_user, "to": n.to_user, "from_name": names.get(n.from_user, n.from_user),
            "to_name": names.get(n.to_user, n.to_user), "instructions": list(n.instructions),
            "note": n.note, "status": n.status.value, "report": n.report,
            "deadline": n.deadline.isoformat() if n.deadline else None,
            "children": [_tree_dict(c, names) for c in t.children]}


def _people(t: TreeNode) -> set[str]:
    return {t.node.from_user, t.node.to_user}.union(*(_people(c) for c in t.children))


def cmd_tree(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    roots = ctx.read(lambda uow: q.tree_of(uow, actor, ctx.args.id))
    names = ctx.read(lambda uow: q.people_names(uow, set().union(*map(_people, roots))))
    data = [_tree_dict(r, names) for r in roots]

    def show(nodes: list[dict[str, object]], depth: int) -> None:
        for n in nodes:
            asked = ", ".join(INSTRUCTIONS.get(i, i) for i in n["instructions"])  # type: ignore[attr-defined]
            print(f"{'  ' * depth}- {n['from_name']} -> {n['to_name']} "
                  f"[{DISPOSITION_LABELS.get(str(n['status']), n['status'])}] {asked}"
                  + (f" | laporan: {n['report']}" if n["report"] else ""))
            show(n["children"], depth + 1)  # type: ignore[arg-type]

    ctx.emit(data, lambda: show(data, 0))
    return 0


def cmd_done(ctx: Ctx) -> int:
    ctx.execute(c.ReportDone(document_id=ctx.args.id, report=ctx.args.report))
    ctx.emit({"id": ctx.args.id, "status": "done"}, lambda: print("Laporan tindak lanjut tersimpan"))
    return 0


def cmd_read(ctx: Ctx) -> int:
    ctx.execute(c.MarkRead(document_id=ctx.args.id))
    ctx.emit({"id": ctx.args.id, "status": "read"}, lambda: print("Disposisi ditandai dibaca"))
    return 0


def cmd_sheet(ctx: Ctx) -> int:
    from eoffice.cli.letters_verbs import write_file

    actor = ctx.require_actor()
    pdf = ctx.read(lambda uow: q.sheet(uow, actor, ctx.args.id))
    write_file(ctx.args.out, pdf)
    ctx.emit({"file": str(ctx.args.out)}, lambda: print(f"Lembar disposisi: {ctx.args.out}"))
    return 0
