"""Verbs: letter draft|submit|render|export|revise|withdraw, approve, return, reject,
workflow import|export|list, delegate, forward, comment, overdue, numbering set, diff.

What each verb does; the parser is in letters.py."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from eoffice.app import commands as c
from eoffice.app import queries as q
from eoffice.app.handlers.letters import with_event
from eoffice.cli.context import Ctx, parse_date, table
from eoffice.cli.keys_verbs import identity_for
from eoffice.documents.body import body_to_obj, parse_body_file
from eoffice.domain import AUDIT_LABELS, KIND_LABELS, STATUS_LABELS, BadInput, DocKind, stage_words
from eoffice.workflow.template import load_template, template_from_dict, template_to_dict


def _event_date(a: argparse.Namespace) -> dt.date | None:
    return parse_date(a.event_date, "Tanggal kegiatan berita acara") if a.event_date is not None else None


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
    from eoffice.validate import load_yaml, read_text

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
    ctx.require_actor()
    body = parse_body_file(a.body)
    kind = DocKind(a.kind).value
    fields = with_event(kind, _read_fields(a.fields), _event_date(a), a.event_place)
    files = tuple(c.File(p.name, _read(p)) for p in a.attach)
    doc_id = ctx.execute(c.DraftLetter(doc_kind=kind, subject=a.subject, body=body_to_obj(body), to=tuple(a.to),
                                       cc=tuple(a.cc), urgency=a.urgency, classification=a.classification,
                                       kode_klasifikasi=a.kode, fields=fields, files=files))
    ctx.emit({"id": doc_id}, lambda: print(doc_id))
    return 0


def cmd_submit(ctx: Ctx) -> int:
    out = ctx.execute(c.SubmitLetter(document_id=ctx.args.id, route=ctx.args.route))
    ctx.emit(out.__dict__, lambda: print(f"Naskah {out.document_id[:8]} diajukan: "
                                         f"{STATUS_LABELS.get(out.status, out.status)}"))
    if out.warning:
        print(f"Peringatan: {out.warning}", file=sys.stderr)
    return 0


def cmd_revise(ctx: Ctx) -> int:
    ctx.require_actor()
    body = parse_body_file(ctx.args.body) if ctx.args.body else None
    a = ctx.args
    version = ctx.execute(c.ReviseLetter(document_id=a.id, subject=a.subject,
                                         body=body_to_obj(body) if body is not None else None,
                                         event_date=_event_date(a), event_place=a.event_place,
                                         to=None if a.to is None else tuple(a.to),
                                         cc=None if a.cc is None else tuple(a.cc), urgency=a.urgency,
                                         classification=a.classification, kode_klasifikasi=a.kode,
                                         files=tuple(c.File(p.name, _read(p)) for p in a.attach)))
    ctx.emit({"version": version}, lambda: print(f"Versi {version}"))
    return 0


def cmd_withdraw(ctx: Ctx) -> int:
    out = ctx.execute(c.WithdrawLetter(document_id=ctx.args.id, note=ctx.args.note))
    ctx.emit(out.__dict__, lambda: print(f"Naskah {out.document_id[:8]} ditarik"))
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
    pdf = ctx.read(lambda uow: q.preview_pdf(uow, actor, ctx.args.id))
    write_file(ctx.args.out, pdf)
    ctx.emit({"file": str(ctx.args.out), "bytes": len(pdf)}, lambda: print(f"Pratinjau: {ctx.args.out}"))
    return 0


def cmd_export(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    if ctx.args.package:
        package = ctx.read(lambda uow: q.export_package(uow, actor, ctx.args.id))
        write_file(ctx.args.out, package)
        ctx.emit({"file": str(ctx.args.out), "package": True}, lambda: print(f"Paket naskah: {ctx.args.out}"))
        return 0
    pdf, signed = ctx.read(lambda uow: q.export_pdf(uow, actor, ctx.args.id))
    write_file(ctx.args.out, pdf)
    ctx.emit({"file": str(ctx.args.out), "signed": signed},
             lambda: print(f"{'PDF bertanda tangan' if signed else 'Pratinjau (belum ditandatangani)'}: "
                           f"{ctx.args.out}"))
    return 0


def cmd_decide(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    identity = identity_for(ctx, actor.login)
    ctx.session.tsa_url = getattr(ctx.args, "tsa", None)  # --tsa on approve; return and reject sign no PDF
    action_id = c.parse_action_id(ctx.args.action_id)
    provider = None
    if ctx.args.decision == "approve" and not ctx.session.offline:
        from eoffice.app.providers import bsre_provider, paraf_by_bsre
        from eoffice.cli.signing import bsre_passphrase

        if paraf_by_bsre(ctx.session, actor, ctx.args.id):  # the paraf on the PDF through BSrE
            provider = bsre_provider(ctx.session, actor, bsre_passphrase(), resend=ctx.args.resend)
    out = ctx.execute(c.Decide(action_id=action_id, document_id=ctx.args.id, decision=ctx.args.decision,
                               note=ctx.args.note, return_to=getattr(ctx.args, "to_stage", None)),
                      identity=identity, provider=provider)
    if provider is not None:
        from eoffice.app.providers import paraf_settled

        paraf_settled(provider, out.document_id)
    again = " (sudah diterapkan sebelumnya; tidak ada yang berubah)" if out.replayed else ""
    ctx.emit(out.__dict__, lambda: print(f"{AUDIT_LABELS[f'route.{ctx.args.decision}']}; status naskah: "
                                         f"{STATUS_LABELS.get(out.status, out.status)}{again}"))
    return 0


def cmd_wf_import(ctx: Ctx) -> int:
    ctx.require_actor()
    template = load_template(ctx.args.file)
    name, version = ctx.execute(c.ImportTemplate(definition=template_to_dict(template)))
    ctx.emit({"name": name, "version": version}, lambda: print(f"Templat {name} versi {version}"))
    return 0


def cmd_wf_export(ctx: Ctx) -> int:
    from eoffice.workflow.template import dump_template

    row = ctx.read(lambda uow: q.get_template(uow, ctx.args.name))
    dump_template(template_from_dict(row.definition), ctx.args.file)
    ctx.emit({"name": row.name, "version": row.version, "file": str(ctx.args.file)},
             lambda: print(f"Templat {row.name} versi {row.version} -> {ctx.args.file}"))
    return 0


def cmd_wf_list(ctx: Ctx) -> int:
    rows = ctx.read(q.list_templates)
    data = [{"name": r.name, "version": r.version, "doc_kind": r.doc_kind, "unit": r.unit_code,
             "stages": [s["name"] for s in r.definition["stages"]]} for r in rows]
    ctx.emit(data, lambda: print(table([[r.name, str(r.version), KIND_LABELS[DocKind(r.doc_kind)],
                                         r.unit_code or "semua", " > ".join(s["name"] for s in r.definition["stages"])]
                                        for r in rows], ["NAMA", "VERSI", "JENIS", "UNIT", "TAHAP"])))
    return 0


def cmd_delegate(ctx: Ctx) -> int:
    ctx.require_actor()
    a = ctx.args
    starts, ends = parse_date(a.starts, "Tanggal mulai"), parse_date(a.ends, "Tanggal selesai")
    info = ctx.execute(c.Delegate(to=a.to, capacity=a.capacity, starts=starts, ends=ends, reason=a.reason))
    names = ctx.read(lambda uow: q.people_names(uow, {info["delegator"], info["delegate"]}))
    info |= {"delegator_name": names.get(info["delegator"]), "delegate_name": names.get(info["delegate"])}
    ctx.emit(info, lambda: print(f"{info['capacity']} {info['delegate_name']} untuk {info['delegator_name']} "
                                 f"({a.starts} s.d. {a.ends})"))
    return 0


def cmd_forward(ctx: Ctx) -> int:
    out = ctx.execute(c.Forward(document_id=ctx.args.id, to=ctx.args.to))
    name = ctx.read(lambda uow: q.people_names(uow, {ctx.args.to})).get(ctx.args.to, ctx.args.to)
    ctx.emit(out.__dict__, lambda: print(f"{name} ditambahkan sebagai pemeriksa pada tahap Anda"))
    return 0


def cmd_comment(ctx: Ctx) -> int:
    ctx.execute(c.Comment(document_id=ctx.args.id, text=ctx.args.text))
    ctx.emit({"id": ctx.args.id}, lambda: print("Komentar tersimpan"))
    return 0


def cmd_overdue(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    rows = ctx.execute(c.RemindOverdue()) if ctx.args.remind else ctx.read(lambda uow: q.overdue(uow, actor))
    ctx.emit([r.to_dict() for r in rows], lambda: print(table(
        [[r.document_id[:8], stage_words(r.stage_kind, None), r.on_behalf_of_name or "-",
          r.due_at.strftime("%Y-%m-%d %H:%M") if r.due_at else "-", r.subject[:50]] for r in rows],
        ["ID", "TAHAP", "PEMEGANG", "BATAS (UTC)", "HAL"])))
    return 0


def cmd_numbering_set(ctx: Ctx) -> int:
    ctx.require_actor()
    a = ctx.args
    ctx.execute(c.SetNumberFormat(pattern=a.pattern, unit_code=a.unit, doc_kind=a.kind))
    ctx.emit({"pattern": a.pattern, "unit": a.unit, "kind": a.kind}, lambda: print(f"Format nomor: {a.pattern}"))
    return 0


def cmd_diff(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    result = ctx.read(lambda uow: q.version_diff(uow, actor, ctx.args.id, ctx.args.old, ctx.args.new))
    ctx.emit(result, lambda: print(result["unified"] or "(tidak ada perubahan teks)"))
    return 0
