"""Read use cases for letters: lists, the detail view, history, previews and exports."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, func, or_, select

from eoffice.domain import (
    AUDIT_FALLBACK,
    AUDIT_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    STEP_LABELS,
    BadInput,
    DocKind,
    DocStatus,
    stage_words,
)
from eoffice.domain import LIST_LIMIT as LIST_LIMIT
from eoffice.services import audit_rows, letters, numbering, parts, routing
from eoffice.services.access import conceal_hidden, visible_clause
from eoffice.services.auth import Actor
from eoffice.services.blobs import get_blob
from eoffice.store.models import AuditEvent, Document, Position, User
from eoffice.store.plans import fixed, fixed_in
from eoffice.store.uow import UnitOfWork


@dataclass(frozen=True)
class LetterRow:
    id: str
    kind: str
    subject: str
    status: str
    number: str | None
    urgency: str
    direction: str
    updated_at: datetime
    drafter: str  # the login (for the CLI and scripts); a screen shows drafter_name
    drafter_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


DRAFT_STATUSES = frozenset({DocStatus.DRAFT.value, DocStatus.RETURNED.value})  # the drafter's to finish: Draf
Cursor = tuple[datetime, str]  # (updated_at, id) of the last row of a page: the next page starts after it


def _letters_filter(uow: UnitOfWork, actor: Actor, *, status: str | None, statuses: Collection[str] | None,
                    kind: str | None, direction: str | None, mine: bool) -> list[ColumnElement[bool]]:
    for s in ([status] if status is not None else []) + list(statuses or ()):
        if s not in STATUS_LABELS:
            raise BadInput(f"Status tidak dikenal: {s} (pilih: {', '.join(STATUS_LABELS)})")
    if kind is not None:
        try:
            DocKind(kind)
        except ValueError:
            raise BadInput(f"Jenis naskah tidak dikenal: {kind}") from None
    where = [visible_clause(uow, actor)]
    if direction is not None and direction not in ("in", "out"):
        raise BadInput(f"Arah naskah tidak dikenal: {direction} (pilih: in, out)")
    if status:
        where.append(Document.status == fixed(status))
    if statuses is not None:
        where.append(fixed_in(Document.status, statuses))
    if kind:
        where.append(Document.kind == fixed(kind))
    if direction:
        where.append(Document.direction == fixed(direction))
    if mine:
        where.append(Document.created_by == actor.user_id)
    return where


def list_letters(uow: UnitOfWork, actor: Actor, *, status: str | None = None, statuses: Collection[str] | None = None,
                 kind: str | None = None, direction: str | None = None, mine: bool = False, limit: int = LIST_LIMIT,
                 after: Cursor | None = None) -> list[LetterRow]:
    """The newest first; *after* (the last row's cursor) gives the next page. Ties on updated_at are ordered
    by id, so no letter is shown twice or skipped between pages."""
    where = _letters_filter(uow, actor, status=status, statuses=statuses, kind=kind, direction=direction, mine=mine)
    if after is not None:
        where.append(older_than(after))
    # the row's columns and the drafter's name in one statement: a page is 500 rows, and loading them as ORM
    # objects and naming them in a second query took twice the database's time
    q = (select(Document.id, Document.kind, Document.subject, Document.status, Document.number, Document.urgency,
                Document.direction, Document.updated_at, User.login, User.name, Position.title)
         .join(User, User.id == Document.created_by).outerjoin(Position, Position.id == User.position_id)
         .where(*where).order_by(Document.updated_at.desc(), Document.id.desc()).limit(fixed(limit)))
    rows: list[Any] = list(uow.session.execute(q))
    return [LetterRow(i, k, subject, st, number, urgency, direction, at, login, person_name(name, title))
            for i, k, subject, st, number, urgency, direction, at, login, name, title in rows]


def count_letters(uow: UnitOfWork, actor: Actor, *, status: str | None = None, statuses: Collection[str] | None = None,
                  kind: str | None = None, direction: str | None = None, mine: bool = False) -> int:
    """How many letters list_letters would show over all its pages."""
    where = _letters_filter(uow, actor, status=status, statuses=statuses, kind=kind, direction=direction, mine=mine)
    return int(uow.session.scalar(select(func.count()).select_from(Document).where(*where)) or 0)


def cursor(row: LetterRow) -> Cursor:
    return row.updated_at, row.id


def older_than(after: Cursor) -> ColumnElement[bool]:
    """The letters after *after* in the lists' order (updated_at, then id, both descending)."""
    at, last_id = after
    return or_(Document.updated_at < at, and_(Document.updated_at == at, Document.id < last_id))


@conceal_hidden
def submit_checked(uow: UnitOfWork, actor: Actor, document_id: str, route: str | None) -> routing.Outcome:
    doc = letters.get_document(uow, document_id)
    numbering.check_numberable(uow, doc)
    parts.check_complete(doc.kind, letters.current_version(uow, doc).fields)
    return routing.submit(uow, actor, document_id, template_name=route)


def people(uow: UnitOfWork, logins: set[str]) -> dict[str, tuple[str, str | None]]:
    """Each login's name and jabatan (None without a position)."""
    if not logins:
        return {}
    rows = uow.session.execute(select(User.login, User.name, Position.title)
                               .outerjoin(Position, Position.id == User.position_id)
                               .where(User.login.in_(logins))).all()
    return {login: (name, title) for login, name, title in rows}


def people_names(uow: UnitOfWork, logins: set[str]) -> dict[str, str]:
    """What a screen shows for a person: "Name (Jabatan)", never the login."""
    return {login: person_name(name, title) for login, (name, title) in people(uow, logins).items()}


def person_name(name: str, title: str | None) -> str:
    return f"{name} ({title})" if title else name


R = TypeVar("R")


def named(uow: UnitOfWork, rows: list[R], fields: tuple[str, ...] = ("drafter",)) -> list[R]:
    """List rows (dataclasses) with each login field's ``<field>_name`` filled in: a screen shows names."""
    names = people_names(uow, {getattr(r, f) for r in rows for f in fields if getattr(r, f)})
    return [dataclasses.replace(r, **{f"{f}_name": names.get(getattr(r, f), getattr(r, f))  # type: ignore[type-var]
                                      for f in fields if getattr(r, f)}) for r in rows]


@conceal_hidden
def letter_detail(uow: UnitOfWork, actor: Actor, document_id: str) -> dict[str, Any]:
    doc = letters.visible_document(uow, actor, document_id)
    to, cc = letters.recipients(uow, doc)
    route = routing.load(uow, doc.id)
    drafter = uow.users.get(doc.created_by)
    logins = {drafter.login} | {n.author for n in (route.notes if route else ())}
    logins |= {who for s in (route.steps if route else ()) for who in (s.assignee, s.decided_by) if who}
    names = people_names(uow, logins)
    known = people(uow, logins)
    steps = []
    if route is not None:
        for s in route.steps:
            who = s.decided_by or s.assignee
            title = known.get(s.assignee, (who, None))[1]
            steps.append({"id": s.id, "stage": s.stage_name, "kind": s.kind.value, "assignee": s.assignee,
                          "stage_words": stage_words(s.kind.value, title),
                          "who_name": names.get(who, who), "title": title,
                          "person": known.get(who, (who, None))[0],
                          "status": s.status.value, "round": s.round, "decided_by": s.decided_by,
                          "decided_at": s.decided_at.isoformat() if s.decided_at else None,
                          "capacity": s.capacity.value, "note": s.note,
                          "due_at": s.due_at.isoformat() if s.due_at else None})
    return {
        "id": doc.id, "kind": doc.kind, "kind_label": KIND_LABELS[DocKind(doc.kind)], "subject": doc.subject,
        "status": doc.status, "status_label": STATUS_LABELS.get(doc.status, doc.status), "number": doc.number,
        "urgency": doc.urgency, "classification": doc.classification, "kode": doc.kode_klasifikasi,
        "direction": doc.direction, "sender": doc.sender, "to": to, "cc": cc, "version": doc.current_version,
        "signed_version": doc.signed_version, "signed_pdf_sha256": doc.signed_pdf_sha256,
        "content_sha256": letters.current_version(uow, doc).content_sha256,
        "drafter": drafter.login, "drafter_name": names.get(drafter.login, drafter.login),
        "attachments": [{"name": a.name, "size": a.size, "sha256": a.sha256, "role": a.role}
                        for a in letters.attachments(uow, doc)],
        "route": None if route is None else {"template": route.template_name, "version": route.template_version,
                                             "status": route.status.value, "round": route.round},
        "steps": steps,
        "notes": [{"author": n.author, "author_name": names.get(n.author, n.author), "kind": n.kind, "text": n.text, "at": n.at.isoformat(), "round": n.round}
                  for n in (route.notes if route else ())],
    }


def format_detail(info: dict[str, Any]) -> str:
    """`eoffice letter show` in words: the route as it stands (the latest round, without the steps a return
    cancelled; earlier rounds are in `letter history`), each stage by what happens and the jabatan, each person
    by name."""
    lines = [f"{info['kind_label']}: {info['subject']}",
             f"  id       {info['id']}",
             f"  status   {info['status_label']}   nomor: {info['number'] or '-'}   versi: {info['version']}",
             f"  {'dicatat ' if info['direction'] == 'in' else 'pembuat '} {info['drafter_name']}",
             f"  kepada   {'; '.join(info['to']) or '-'}"]
    if info["cc"]:
        lines.append(f"  tembusan {'; '.join(info['cc'])}")
    current = max((s["round"] for s in info["steps"]), default=0)
    shown = [s for s in info["steps"] if s["round"] == current and s["status"] != "cancelled"]
    if shown:
        lines.append(f"  rute{f' (putaran {current})' if current > 1 else ''}:")
    for s in shown:
        other = s["decided_by"] not in (None, s["assignee"])  # decided by a delegate: name and jabatan
        who = s["who_name"] if other else s["person"]
        extra = f" ({s['capacity']})" if s["capacity"] else ""
        lines.append(f"    {STEP_LABELS.get(s['status'], s['status']):<12} {s['stage_words']} — {who}{extra}"
                     + (f"  \"{s['note']}\"" if s["note"] else ""))
    return "\n".join(lines)


@conceal_hidden
def history(uow: UnitOfWork, actor: Actor, document_id: str) -> list[dict[str, Any]]:
    """Each event of the letter: ``actor`` (a login), ``action`` (its type) and ``summary`` for scripts and the
    audit; ``actor_name``, ``action_label`` and ``details`` in the words a person reads."""
    doc = letters.visible_document(uow, actor, document_id)
    logins = dict(uow.session.execute(select(User.id, User.login)).all())
    events = list(audit_rows.read_events(uow, AuditEvent.document_id == doc.id))
    who = {logins[e.actor_id] for e in events if e.actor_id in logins} | audit_rows.people_in(events)
    names = people_names(uow, who)
    out = []
    for e in events:
        login = logins.get(e.actor_id or -1)
        out.append({"id": e.id, "at": e.at_text, "actor": login, "actor_name": names.get(login or "", login),
                    "action": e.action, "action_label": AUDIT_LABELS.get(e.action, AUDIT_FALLBACK),
                    "summary": audit_rows.summary(e)[:120], "details": audit_rows.details(e, names)[:300],
                    "signed": e.signature is not None, "hash": e.hash})
    return out


@conceal_hidden
def preview_pdf(uow: UnitOfWork, actor: Actor, document_id: str, version: int | None = None) -> bytes:
    doc = letters.visible_document(uow, actor, document_id)
    if doc.direction == "in":
        return scan_pdf(uow, doc)
    from eoffice.services import compose  # ReportLab only when a PDF is wanted

    ver = letters.current_version(uow, doc) if version is None else next(
        (v for v in letters.versions(uow, doc) if v.version == version), None)
    if ver is None:
        raise BadInput(f"Versi {version} tidak ada")
    route = routing.load(uow, doc.id)
    if route is None and doc.status == DocStatus.DRAFT.value:  # not submitted: signed as submitting would
        route = routing.default_route(uow, doc)
    return compose.render_version(uow, doc, ver, route).pdf


def scan_pdf(uow: UnitOfWork, doc: Document) -> bytes:
    scans = [a for a in letters.attachments(uow, doc) if a.role == "scan"]
    if not scans:
        raise BadInput("Naskah masuk ini tidak memiliki pindaian")
    return get_blob(uow, scans[0].sha256)


@conceal_hidden
def export_pdf(uow: UnitOfWork, actor: Actor, document_id: str) -> tuple[bytes, bool]:
    doc = letters.visible_document(uow, actor, document_id)
    if doc.signed_pdf_sha256:
        return get_blob(uow, doc.signed_pdf_sha256), True
    return preview_pdf(uow, actor, document_id), False


@conceal_hidden
def export_package(uow: UnitOfWork, actor: Actor, document_id: str) -> bytes:
    """The letter followed by its PDF attachments, as one file to read or print. The signed letter
    itself stays the separate signed file: merging rewrites the PDF, which ends its signature."""
    from eoffice.documents.attachments import merge_pdfs

    letter, _ = export_pdf(uow, actor, document_id)
    doc = letters.get_document(uow, document_id)
    parts = [get_blob(uow, a.sha256) for a in letters.attachments(uow, doc) if a.mime == "application/pdf"]
    return merge_pdfs([letter, *parts])


def counts(uow: UnitOfWork, actor: Actor, items: list[routing.InboxItem] | None = None) -> dict[str, int]:
    """Navigation badge counts; *items*: the actor's inbox when the caller has read it already."""
    from eoffice.domain import StageKind

    items = routing.inbox(uow, actor) if items is None else items
    return {
        "sign": sum(1 for i in items if i.stage_kind == StageKind.SIGN.value),
        "paraf": sum(1 for i in items if i.stage_kind in (StageKind.PARAF.value, StageKind.APPROVE.value)),
        "registry": sum(1 for i in items if i.stage_kind in (StageKind.NUMBER.value, StageKind.DISPATCH.value)),
        "drafts": count_letters(uow, actor, statuses=DRAFT_STATUSES, mine=True),  # as many as the Draf list
    }


@conceal_hidden
def version_diff(uow: UnitOfWork, actor: Actor, document_id: str, old: int | None = None,
                 new: int | None = None) -> dict[str, Any]:
    """What changed in the text between two versions (reviewers check a revision with this)."""
    from eoffice.documents.diff import render_inline, text_diff, unified_diff

    doc = letters.visible_document(uow, actor, document_id)
    by_number = {v.version: v for v in letters.versions(uow, doc)}
    new_v = new if new is not None else max(by_number)
    old_v = old if old is not None else max(new_v - 1, 1)
    if old_v not in by_number or new_v not in by_number:
        raise BadInput(f"Versi tidak ada (tersedia: {', '.join(map(str, sorted(by_number)))})")
    a, b = by_number[old_v], by_number[new_v]
    old_text, new_text = letters.version_text(uow, doc, a), letters.version_text(uow, doc, b)
    ops = text_diff(old_text, new_text)
    return {"old": old_v, "new": new_v, "ops": [list(op) for op in ops], "inline": render_inline(ops),
            "unified": unified_diff(old_text, new_text)}
