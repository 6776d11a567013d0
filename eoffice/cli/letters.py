"""Verbs: letter draft|list|submit|show|history|render|export|revise|withdraw, inbox, approve, return, reject,
workflow import|export|list, delegate."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from eoffice.cli.context import Ctx, letter_table, parse_date, table
from eoffice.cli.keys import identity_for
from eoffice.documents.body import parse_body_file
from eoffice.domain import BadInput, Classification, DocKind, Urgency
from eoffice.services import delegation, letters, queries, routing, signatures
from eoffice.signing.tsa import tsa_url
from eoffice.store.uow import UnitOfWork
from eoffice.validate import load_yaml, read_text
from eoffice.workflow.state import Decision
from eoffice.workflow.template import load_template, template_from_dict, template_to_dict


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    letter = sub.add_parser("letter", parents=[common], help="naskah dinas").add_subparsers(dest="action",
                                                                                        required=True)
    p = letter.add_parser("draft", parents=[common], help="write a new letter; prints its id")
    p.add_argument("--kind", required=True, choices=[k.value for k in DocKind if k != DocKind.NASKAH_MASUK])
    p.add_argument("--subject", required=True)
    p.add_argument("--body", required=True, type=Path, help="body file: .json (body format) or .md/.txt")
    p.add_argument("--to", action="append", required=True, help="recipient: unit code, login or free text")
    p.add_argument("--cc", action="append", default=[], help="tembusan")
    p.add_argument("--urgency", default="biasa", choices=[u.value for u in Urgency])
    p.add_argument("--classification", default="biasa", choices=[c.value for c in Classification])
    p.add_argument("--kode", default="", help="kode klasifikasi arsip, e.g. 000.1.2.3")
    p.add_argument("--fields", type=Path, help="YAML/JSON file with kind-specific parts (docs/letter-fields.md)")
    p.add_argument("--attach", action="append", default=[], type=Path)
    _event_options(p)
    p.set_defaults(func=cmd_draft)
    p = letter.add_parser("list", parents=[common], help="letters you can see")
    p.add_argument("--status")
    p.add_argument("--kind")
    p.add_argument("--limit", type=int, default=queries.LIST_LIMIT,
                   help=f"at most this many, newest first (default {queries.LIST_LIMIT})")
    p.set_defaults(func=cmd_list)
    p = letter.add_parser("submit", parents=[common], help="send a draft (or a returned letter) on its route")
    p.add_argument("id")
    p.add_argument("--route", help="route template name (default: the one for the kind and unit)")
    p.set_defaults(func=cmd_submit)
    p = letter.add_parser("revise", parents=[common], help="edit a draft or returned letter (new version)")
    p.add_argument("id")
    p.add_argument("--subject")
    p.add_argument("--body", type=Path)
    _event_options(p)
    p.set_defaults(func=cmd_revise)
    p = letter.add_parser("withdraw", parents=[common], help="withdraw your letter")
    p.add_argument("id")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_withdraw)
    for name, helptext in (("show", "details and route progress"), ("history", "audit history")):
        p = letter.add_parser(name, parents=[common], help=helptext)
        p.add_argument("id")
        p.set_defaults(func=cmd_show if name == "show" else cmd_history)
    p = letter.add_parser("render", parents=[common], help="render a preview PDF")
    p.add_argument("id")
    p.add_argument("out", type=Path)
    p.set_defaults(func=cmd_render)
    p = letter.add_parser("export", parents=[common], help="export the current PDF (the signed one once signed)")
    p.add_argument("id")
    p.add_argument("out", type=Path)
    p.add_argument("--package", action="store_true",
                   help="one PDF: the letter then its PDF attachments (for reading; the signed file is separate)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("inbox", parents=[common], help="steps waiting for you")
    p.set_defaults(func=cmd_inbox)
    for verb in ("approve", "return", "reject"):
        p = sub.add_parser(verb, parents=[common], help=f"{verb} your pending step")
        p.add_argument("id")
        p.add_argument("--note", default="", required=verb != "approve")
        if verb == "return":
            p.add_argument("--to-stage", help="earlier stage to restart from after revision")
        if verb == "approve":
            p.add_argument("--tsa", default=tsa_url(), help="RFC 3161 timestamp service URL for the paraf "
                           "signature on the PDF (env EOFFICE_TSA); unreachable: B-B, upgraded later")
        p.add_argument("--action-id", help="a UUID you made for this action: sent again, it is not applied twice")
        p.set_defaults(func=cmd_decide, decision=verb)

    wf = sub.add_parser("workflow", parents=[common], help="route templates").add_subparsers(dest="action",
                                                                                           required=True)
    p = wf.add_parser("import", parents=[common], help="import a route template (YAML/JSON)")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_wf_import)
    p = wf.add_parser("export", parents=[common], help="export a route template")
    p.add_argument("name")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_wf_export)
    p = wf.add_parser("list", parents=[common], help="list route templates")
    p.set_defaults(func=cmd_wf_list)

    p = sub.add_parser("delegate", parents=[common], help="delegate your authority (Plh./Plt./a.n.)")
    p.add_argument("to", help="the delegate (login or NIP)")
    p.add_argument("--capacity", required=True, choices=["Plh.", "Plt.", "a.n."])
    p.add_argument("--from", dest="starts", required=True, help="start date YYYY-MM-DD")
    p.add_argument("--until", dest="ends", required=True, help="end date YYYY-MM-DD (inclusive)")
    p.add_argument("--reason", default="")
    p.set_defaults(func=cmd_delegate)


def _event_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--event-date", metavar="YYYY-MM-DD",
                   help="berita acara: the day of the event it records (spelled out in 'Pada hari ini ...')")
    p.add_argument("--event-place", metavar="TEXT",
                   help="berita acara: where the event took place (default: the unit's city)")


def _with_event(a: argparse.Namespace, kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """--event-date/--event-place into fields["berita_acara"] (over what --fields or the version holds)."""
    if a.event_date is None and a.event_place is None:
        return fields
    if kind != DocKind.BERITA_ACARA.value:
        raise BadInput("--event-date dan --event-place hanya untuk berita acara (--kind berita_acara)")
    part = dict(fields.get("berita_acara") or {})
    if a.event_date is not None:
        part["tanggal"] = parse_date(a.event_date, "Tanggal kegiatan berita acara").isoformat()
    if a.event_place is not None:
        part["tempat"] = a.event_place.strip()
    return {**fields, "berita_acara": part}


def _iso_dates(value: Any) -> Any:
    """YAML reads 2026-12-03 as a date: stored fields are JSON, so back to the ISO text."""
    if isinstance(value, dict):
        return {k: _iso_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso_dates(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _read_fields(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    data = load_yaml(read_text(path), str(path))
    if not isinstance(data, dict):
        raise BadInput(f"{path}: harus berisi pemetaan (mapping)")
    return _iso_dates(data)  # type: ignore[no-any-return]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: tidak dapat dibaca ({exc.strerror})") from exc


def cmd_draft(ctx: Ctx) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    body = parse_body_file(a.body)
    draft = letters.Draft(kind=DocKind(a.kind), subject=a.subject, body=body, to=a.to, cc=a.cc,
                          urgency=Urgency(a.urgency), classification=Classification(a.classification),
                          kode_klasifikasi=a.kode, fields=_with_event(a, a.kind, _read_fields(a.fields)))
    files = [(p.name, _read(p)) for p in a.attach]

    def use_case(uow: UnitOfWork) -> str:
        doc_id = letters.draft(uow, actor, draft)
        for name, data in files:
            letters.attach(uow, actor, doc_id, name, data, max_bytes=ctx.max_attachment)
        return doc_id

    doc_id = ctx.run(use_case)
    ctx.emit({"id": doc_id}, lambda: print(doc_id))
    return 0


def cmd_list(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    limit = ctx.args.limit
    if limit < 1:
        raise BadInput(f"--limit harus 1 atau lebih, bukan {limit}")
    rows = ctx.run(lambda uow: queries.list_letters(uow, actor, status=ctx.args.status, kind=ctx.args.kind,
                                                    limit=limit))
    ctx.emit([r.to_dict() for r in rows], lambda: print(letter_table(rows)))
    if len(rows) >= limit:  # said on stderr, so --json output stays a clean list
        print(f"Catatan: hanya {limit} naskah terbaru yang ditampilkan; persempit dengan --status/--kind "
              f"atau naikkan --limit.", file=sys.stderr)
    return 0


def cmd_submit(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    out = ctx.run(lambda uow: queries.submit_checked(uow, actor, ctx.args.id, ctx.args.route))
    ctx.emit(out.__dict__, lambda: print(f"Naskah {out.document_id[:8]} diajukan: {out.status}"))
    return 0


def cmd_revise(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    body = parse_body_file(ctx.args.body) if ctx.args.body else None
    def use_case(uow: UnitOfWork) -> int:
        fields = None
        if ctx.args.event_date is not None or ctx.args.event_place is not None:
            doc = letters.get_document(uow, ctx.args.id)
            fields = _with_event(ctx.args, doc.kind, dict(letters.current_version(uow, doc).fields))
        return letters.revise(uow, actor, ctx.args.id, subject=ctx.args.subject, body=body, fields=fields)

    version = ctx.run(use_case)
    ctx.emit({"version": version}, lambda: print(f"Versi {version}"))
    return 0


def cmd_withdraw(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    out = ctx.run(lambda uow: routing.withdraw(uow, actor, ctx.args.id, note=ctx.args.note))
    ctx.emit(out.__dict__, lambda: print(f"Naskah {out.document_id[:8]} ditarik"))
    return 0


def cmd_show(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    info = ctx.run(lambda uow: queries.letter_detail(uow, actor, ctx.args.id))
    ctx.emit(info, lambda: print(queries.format_detail(info)))
    return 0


def cmd_history(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    events = ctx.run(lambda uow: queries.history(uow, actor, ctx.args.id))
    ctx.emit(events, lambda: print(table([[e["at"][:19], e["actor"] or "-", e["action"], e["summary"]]
                                          for e in events], ["WAKTU (UTC)", "OLEH", "AKSI", "KETERANGAN"])))
    return 0


def write_file(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)  # never a half-written PDF under the final name
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BadInput(f"{path}: tidak dapat ditulis ({exc.strerror})") from exc


def cmd_render(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    pdf = ctx.run(lambda uow: queries.preview_pdf(uow, actor, ctx.args.id))
    write_file(ctx.args.out, pdf)
    ctx.emit({"file": str(ctx.args.out), "bytes": len(pdf)}, lambda: print(f"Pratinjau: {ctx.args.out}"))
    return 0


def cmd_export(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    if ctx.args.package:
        package = ctx.run(lambda uow: queries.export_package(uow, actor, ctx.args.id))
        write_file(ctx.args.out, package)
        ctx.emit({"file": str(ctx.args.out), "package": True}, lambda: print(f"Paket naskah: {ctx.args.out}"))
        return 0
    pdf, signed = ctx.run(lambda uow: queries.export_pdf(uow, actor, ctx.args.id))
    write_file(ctx.args.out, pdf)
    ctx.emit({"file": str(ctx.args.out), "signed": signed},
             lambda: print(f"{'PDF bertanda tangan' if signed else 'Pratinjau (belum ditandatangani)'}: "
                           f"{ctx.args.out}"))
    return 0


def cmd_inbox(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    items = ctx.run(lambda uow: routing.inbox(uow, actor))
    ctx.emit([i.to_dict() for i in items], lambda: print(table(
        [[i.document_id[:8], i.stage_kind, i.urgency, i.due_at.strftime("%Y-%m-%d %H:%M") if i.due_at else "-",
          (f"(untuk {i.on_behalf_of}) " if i.on_behalf_of else "") + i.subject[:60]] for i in items],
        ["ID", "TAHAP", "SIFAT", "BATAS (UTC)", "HAL"])))
    return 0


def cmd_decide(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    identity = identity_for(ctx, actor.login)
    decision = {"approve": Decision.APPROVE, "return": Decision.RETURN, "reject": Decision.REJECT}[ctx.args.decision]
    out = ctx.run(lambda uow: signatures.decide_signed(uow, actor, identity, ctx.args.id, decision,
                                                       note=ctx.args.note,
                                                       return_to=getattr(ctx.args, "to_stage", None),
                                                       tsa_url=getattr(ctx.args, "tsa", None),
                                                       action_id=ctx.args.action_id))
    again = " (sudah diterapkan sebelumnya; tidak ada yang berubah)" if out.replayed else ""
    ctx.emit(out.__dict__, lambda: print(f"{out.stage}: {ctx.args.decision} -> status naskah {out.status}{again}"))
    return 0


def cmd_wf_import(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    template = load_template(ctx.args.file)
    version = ctx.run(lambda uow: routing.import_template(uow, actor, template_to_dict(template)))
    ctx.emit({"name": template.name, "version": version},
             lambda: print(f"Templat {template.name} versi {version}"))
    return 0


def cmd_wf_export(ctx: Ctx) -> int:
    from eoffice.workflow.template import dump_template

    row = ctx.run(lambda uow: routing.get_template(uow, ctx.args.name))
    dump_template(template_from_dict(row.definition), ctx.args.file)
    ctx.emit({"name": row.name, "version": row.version, "file": str(ctx.args.file)},
             lambda: print(f"Templat {row.name} versi {row.version} -> {ctx.args.file}"))
    return 0


def cmd_wf_list(ctx: Ctx) -> int:
    rows = ctx.run(routing.list_templates)
    data = [{"name": r.name, "version": r.version, "doc_kind": r.doc_kind, "unit": r.unit_code,
             "stages": [s["name"] for s in r.definition["stages"]]} for r in rows]
    ctx.emit(data, lambda: print(table([[r.name, str(r.version), r.doc_kind, r.unit_code or "semua",
                                         " > ".join(s["name"] for s in r.definition["stages"])] for r in rows],
                                       ["NAMA", "VERSI", "JENIS", "UNIT", "TAHAP"])))
    return 0


def cmd_delegate(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    a = ctx.args
    starts, ends = parse_date(a.starts, "Tanggal mulai"), parse_date(a.ends, "Tanggal selesai")
    info = ctx.run(lambda uow: delegation.delegate(uow, actor, a.to, a.capacity, starts, ends, reason=a.reason))
    ctx.emit(info, lambda: print(f"{info['capacity']} {info['delegator']} -> {info['delegate']} "
                                 f"({a.starts} s.d. {a.ends})"))
    return 0


def register_more(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("search", parents=[common], help="full-text search over the letters you can see")
    p.add_argument("query")
    p.add_argument("--kind")
    p.add_argument("--status")
    p.add_argument("--unit")
    p.add_argument("--classification", choices=[c.value for c in Classification])
    p.add_argument("--from", dest="date_from", help="created on or after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="created on or before YYYY-MM-DD")
    p.set_defaults(func=cmd_search)
    p = sub.add_parser("forward", parents=[common], help="add a reviewer to your stage (when the route allows)")
    p.add_argument("id")
    p.add_argument("--to", required=True, help="the added reviewer (login or NIP)")
    p.set_defaults(func=cmd_forward)
    p = sub.add_parser("comment", parents=[common], help="comment on a letter's route")
    p.add_argument("id")
    p.add_argument("text")
    p.set_defaults(func=cmd_comment)
    p = sub.add_parser("overdue", parents=[common], help="steps past their deadline that you can see")
    p.add_argument("--remind", action="store_true", help="leave a reminder on each (at most one a day per step)")
    p.set_defaults(func=cmd_overdue)
    num = sub.add_parser("numbering", parents=[common], help="letter number formats").add_subparsers(
        dest="action", required=True)
    p = num.add_parser("set", parents=[common], help="set a number format (admin)")
    p.add_argument("pattern", help="e.g. {kode}/{seq:04}/{unit}/{year}")
    p.add_argument("--unit")
    p.add_argument("--kind", choices=[k.value for k in DocKind])
    p.set_defaults(func=cmd_numbering_set)
    p = sub.add_parser("diff", parents=[common], help="text changes between two versions of a letter")
    p.add_argument("id")
    p.add_argument("--old", type=int, help="older version (default: the one before the newest)")
    p.add_argument("--new", type=int, help="newer version (default: the newest)")
    p.set_defaults(func=cmd_diff)


def cmd_search(ctx: Ctx) -> int:
    from eoffice.services.search import Filters, search

    actor = ctx.require_actor()
    a = ctx.args
    filters = Filters(kind=a.kind, status=a.status, unit=a.unit, classification=a.classification,
                      date_from=parse_date(a.date_from, "Tanggal awal") if a.date_from else None,
                      date_to=parse_date(a.date_to, "Tanggal akhir") if a.date_to else None)
    rows = ctx.run(lambda uow: search(uow, actor, a.query, filters))
    ctx.emit([r.to_dict() for r in rows], lambda: print(letter_table(rows)))
    return 0


def cmd_forward(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    out = ctx.run(lambda uow: routing.forward(uow, actor, ctx.args.id, ctx.args.to))
    ctx.emit(out.__dict__, lambda: print(f"{ctx.args.to} ditambahkan sebagai pemeriksa pada {out.stage}"))
    return 0


def cmd_comment(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    ctx.run(lambda uow: routing.comment(uow, actor, ctx.args.id, ctx.args.text))
    ctx.emit({"id": ctx.args.id}, lambda: print("Komentar tersimpan"))
    return 0


def cmd_overdue(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    rows = ctx.run(lambda uow: routing.remind_overdue(uow, actor) if ctx.args.remind else routing.overdue(uow, actor))
    ctx.emit([r.to_dict() for r in rows], lambda: print(table(
        [[r.document_id[:8], r.stage, r.on_behalf_of or "-", r.due_at.strftime("%Y-%m-%d %H:%M") if r.due_at else "-",
          r.subject[:50]] for r in rows], ["ID", "TAHAP", "PEMEGANG", "BATAS (UTC)", "HAL"])))
    return 0


def cmd_numbering_set(ctx: Ctx) -> int:
    from eoffice.services import numbering

    actor = ctx.require_actor()
    a = ctx.args
    ctx.run(lambda uow: numbering.set_format(uow, actor, a.pattern, unit_code=a.unit, kind=a.kind))
    ctx.emit({"pattern": a.pattern, "unit": a.unit, "kind": a.kind}, lambda: print(f"Format nomor: {a.pattern}"))
    return 0


def cmd_diff(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    result = ctx.run(lambda uow: queries.version_diff(uow, actor, ctx.args.id, ctx.args.old, ctx.args.new))
    ctx.emit(result, lambda: print(result["unified"] or "(tidak ada perubahan teks)"))
    return 0
