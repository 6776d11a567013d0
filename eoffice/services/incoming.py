"""Naskah masuk: register an incoming letter (scan + metadata) and its disposisi tree."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select

from eoffice.documents.body import Body, body_to_obj
from eoffice.domain import BadInput, Classification, DocKind, DocStatus, NotAuthorized, Urgency
from eoffice.services import letters, numbering
from eoffice.services.access import conceal_hidden
from eoffice.services.auth import Actor
from eoffice.services.blobs import put_blob
from eoffice.services.resolve import OrgView
from eoffice.store.models import Attachment, Disposition, Document, DocumentVersion, Recipient, User
from eoffice.store.plans import fixed
from eoffice.store.routes import Logins
from eoffice.store.uow import UnitOfWork
from eoffice.validate import check_date, check_line, check_text
from eoffice.workflow import disposition as wf
from eoffice.workflow.disposition import DispositionNode, DispositionStatus

REGISTRY_ROLES = {"registry", "tu_pimpinan"}


MAX_NOTE = 4000


@dataclass(frozen=True)
class Incoming:
    sender: str
    number: str
    subject: str
    letter_date: dt.date
    addressed_to: str  # login of the leader the letter is for
    urgency: Urgency = Urgency.BIASA
    classification: Classification = Classification.BIASA


def _is_registrar(uow: UnitOfWork, actor: Actor) -> bool:
    if actor.position_id is None:
        return False
    return bool(set(uow.positions.get(actor.position_id).roles.split()) & REGISTRY_ROLES)


def may_receive(view: OrgView, position_id: int | None) -> bool:
    """Who an incoming letter may be addressed to: the holder of a top position (no parent) or of a
    Kepala/Sekretaris position (the one rule, for the CLI and the app's address list)."""
    pos = view.positions.get(position_id) if position_id is not None else None
    return pos is not None and (pos.parent_id is None or pos.title.startswith(("Kepala", "Sekretaris")))


def leaders(uow: UnitOfWork) -> list[tuple[str, str]]:
    """(login, title) of the active people an incoming letter may be addressed to."""
    view = OrgView(uow)
    return [(u.login, view.positions[u.position_id].title)
            for u in uow.session.scalars(select(User).where(User.active.is_(True)).order_by(User.login))
            if u.position_id is not None and may_receive(view, u.position_id)]


def can_register(uow: UnitOfWork, actor: Actor) -> bool:
    """Whether the actor may register incoming letters (the agenda / TU roles): the UI offers it only then."""
    return _is_registrar(uow, actor)


def register(uow: UnitOfWork, actor: Actor, data: Incoming, scan_name: str, scan: bytes, *,
             max_bytes: int = 50 * 1024 * 1024) -> str:
    from eoffice.documents.attachments import check_attachment  # pypdf, only when registering

    if not _is_registrar(uow, actor):
        raise NotAuthorized("Hanya petugas agenda (registry / TU) yang dapat mendaftarkan naskah masuk")
    info = check_attachment(scan_name, scan, max_bytes=max_bytes)
    if info.mime != "application/pdf":
        raise BadInput(f"Pindaian naskah masuk harus PDF, bukan {info.mime}")
    for label, value in (("Pengirim", data.sender), ("Nomor surat", data.number), ("Hal", data.subject)):
        if not check_line(value, label, max_len=500):
            raise BadInput(f"{label} wajib diisi")
    check_date(data.letter_date, "Tanggal surat")
    leader = uow.users.by_login(data.addressed_to)
    if not may_receive(OrgView(uow), leader.position_id):
        raise BadInput(f"{leader.name} bukan pimpinan: naskah masuk ditujukan kepada pimpinan "
                       "(Gubernur, Sekretaris, Kepala)")
    now = uow.now()
    if data.letter_date > now.date() + dt.timedelta(days=1):
        raise BadInput("Tanggal surat tidak boleh di masa depan")
    doc = Document(id=str(uuid.uuid4()), direction="in", kind=DocKind.NASKAH_MASUK.value,
                   subject=" ".join(data.subject.split()), urgency=Urgency(data.urgency).value,
                   classification=Classification(data.classification).value, status=DocStatus.REGISTERED.value,
                   unit_id=actor.unit_id, created_by=actor.user_id, number=data.number.strip(),
                   letter_date=dt.datetime.combine(data.letter_date, dt.time(), tzinfo=dt.UTC),
                   sender=data.sender.strip(), current_version=1, created_at=now, updated_at=now)
    uow.session.add(doc)
    uow.flush()
    agency = numbering.agency_of(uow, actor.unit_id)
    agenda = numbering.next_seq(uow, f"agenda|{agency.code}|{now.year}")
    fields: dict[str, Any] = {"agenda": f"{agenda:04d}/{agency.code}/{now.year}", "received_at": now.isoformat()}
    body = body_to_obj(Body())
    uow.session.add(DocumentVersion(document_id=doc.id, version=1, body=body, fields=fields, body_text="",
                                    content_sha256=info.sha256, created_by=actor.user_id, created_at=now))
    put_blob(uow, scan, info.mime)
    uow.session.add(Attachment(document_id=doc.id, name=info.name, sha256=info.sha256, size=info.size,
                               mime=info.mime, role="scan", added_by=actor.user_id, added_at=now))
    title = uow.positions.get(leader.position_id).title if leader.position_id else leader.name  # a jabatan
    uow.session.add(Recipient(document_id=doc.id, role="to", position=0, label=title, user_id=leader.id))
    uow.flush()
    uow.audit("incoming.register", actor_id=actor.user_id, document_id=doc.id,
              data={"sender": doc.sender, "number": doc.number, "agenda": fields["agenda"], "to": leader.login,
                    "scan_sha256": info.sha256})
    return doc.id


def _node(row: Disposition, logins: Logins) -> DispositionNode:
    return DispositionNode(row.id, row.document_id, row.parent_id, logins.login(row.from_user_id),
                           logins.login(row.to_user_id), tuple(row.instructions.get("items", [])), row.note,
                           row.deadline, DispositionStatus(row.status), row.report, row.created_at, row.read_at,
                           row.done_at)


def nodes(uow: UnitOfWork, doc: Document) -> list[DispositionNode]:
    logins = Logins(uow.session)
    rows = uow.session.scalars(select(Disposition).where(Disposition.document_id == doc.id)
                               .order_by(Disposition.created_at, Disposition.id))
    return [_node(r, logins) for r in rows]


@conceal_hidden
def dispose(uow: UnitOfWork, actor: Actor, document_id: str, *, to: Sequence[str], instructions: Sequence[str],
            note: str = "", deadline: dt.datetime | None = None) -> list[str]:
    doc = letters.get_document(uow, document_id)
    if doc.direction != "in":
        raise BadInput("Disposisi hanya untuk naskah masuk")
    note = check_text(note, "Catatan disposisi", max_len=MAX_NOTE)
    instructions = [check_line(i, "Instruksi disposisi", max_len=200) for i in instructions]
    if deadline is not None:
        check_date(deadline, "Batas waktu disposisi")
    logins = Logins(uow.session)
    org = OrgView(uow)
    addressed = {logins.login(r.user_id) for r in uow.session.scalars(
        select(Recipient).where(Recipient.document_id == doc.id, Recipient.role == "to")) if r.user_id}
    recipients = [uow.users.by_login(r).login for r in to]

    def is_subordinate(sender: str, recipient: str) -> bool:
        return org.is_below(uow.users.by_login(recipient).position_id, uow.users.by_login(sender).position_id)

    now = uow.now()
    if deadline is None:  # the processing time of the letter's sifat, in working days (docs/tata-naskah.md)
        from eoffice.services.holidays import deadline_for

        deadline = deadline_for(uow, doc.urgency, now)
    created, events = wf.dispose(nodes(uow, doc), letter_id=doc.id, sender=actor.login, recipients=recipients,
                                 instructions=list(instructions), note=note, deadline=deadline, now=now,
                                 root_holders=addressed, is_subordinate=is_subordinate,
                                 new_id=lambda: str(uuid.uuid4()))
    for n in created:
        uow.session.add(Disposition(id=n.id, document_id=doc.id, parent_id=n.parent_id,
                                    from_user_id=logins.id(n.from_user), to_user_id=logins.id(n.to_user),
                                    instructions={"items": list(n.instructions)}, note=n.note, deadline=n.deadline,
                                    status=n.status.value, report="", created_at=n.created_at))
    doc.updated_at = now
    uow.flush()
    uow.audit("disposition.send", actor_id=actor.user_id, document_id=doc.id,
              data={"events": [{"type": e.type, "node": e.step_id, **e.data} for e in events]})
    return [n.id for n in created]


def _my_node(uow: UnitOfWork, actor: Actor, doc: Document) -> Disposition:
    rows = uow.session.scalars(select(Disposition).where(
        Disposition.document_id == doc.id, Disposition.to_user_id == actor.user_id)
        .order_by(Disposition.created_at.desc())).all()
    if not rows:
        raise NotAuthorized("Tidak ada disposisi untuk Anda pada naskah ini")
    return rows[0]


@conceal_hidden
def mark_read(uow: UnitOfWork, actor: Actor, document_id: str) -> None:
    doc = letters.get_document(uow, document_id)
    row = _my_node(uow, actor, doc)
    new, events = wf.mark_read(_node(row, Logins(uow.session)), actor=actor.login, now=uow.now())
    if events:
        row.status, row.read_at = new.status.value, new.read_at
        uow.audit("disposition.read", actor_id=actor.user_id, document_id=doc.id, data={"node": row.id})


@conceal_hidden
def report_done(uow: UnitOfWork, actor: Actor, document_id: str, report: str) -> None:
    doc = letters.get_document(uow, document_id)
    row = _my_node(uow, actor, doc)
    report = check_text(report, "Laporan", max_len=MAX_NOTE)
    new, _ = wf.report_done(_node(row, Logins(uow.session)), actor=actor.login, report=report, now=uow.now())
    row.status, row.report, row.done_at, row.read_at = new.status.value, new.report, new.done_at, new.read_at
    uow.audit("disposition.done", actor_id=actor.user_id, document_id=doc.id,
              data={"node": row.id, "report": new.report})


@conceal_hidden
def tree_of(uow: UnitOfWork, actor: Actor, document_id: str) -> list[wf.TreeNode]:
    doc = letters.visible_document(uow, actor, document_id)
    return wf.tree(nodes(uow, doc))


def my_dispositions(uow: UnitOfWork, actor: Actor) -> list[tuple[Document, Disposition]]:
    rows = uow.session.execute(select(Document, Disposition).join(Disposition, Disposition.document_id == Document.id)
                               .where(Disposition.to_user_id == actor.user_id)
                               .order_by(Disposition.created_at.desc())).all()
    return list(rows)


def _undisposed(actor: Actor) -> tuple[ColumnElement[bool], ...]:
    """Registered letters addressed to the actor that they have not disposed yet (joined with Recipient)."""
    disposed = exists().where(Disposition.document_id == Document.id, Disposition.from_user_id == actor.user_id)
    return Document.direction == fixed("in"), Recipient.user_id == actor.user_id, ~disposed


def incoming_for(uow: UnitOfWork, actor: Actor) -> list[Document]:
    """Registered letters addressed to the actor that are not yet disposed by them."""
    return list(uow.session.scalars(select(Document).join(Recipient, Recipient.document_id == Document.id)
                                    .where(*_undisposed(actor))))


def disposisi_count(uow: UnitOfWork, actor: Actor) -> int:
    """The Disposisi badge in one statement: dispositions to the actor not done, and incoming_for."""
    open_ = (select(func.count()).select_from(Disposition).join(Document, Document.id == Disposition.document_id)
             .where(Disposition.to_user_id == actor.user_id, Disposition.status != fixed("done")))
    waiting = (select(func.count()).select_from(Document).join(Recipient, Recipient.document_id == Document.id)
               .where(*_undisposed(actor)))
    return int(uow.session.scalar(select(open_.scalar_subquery() + waiting.scalar_subquery())) or 0)


@conceal_hidden
def sheet(uow: UnitOfWork, actor: Actor, document_id: str) -> bytes:
    """The lembar disposisi PDF of an incoming letter."""
    from eoffice.services import compose  # ReportLab only when a sheet is wanted

    doc = letters.visible_document(uow, actor, document_id)
    if doc.direction != "in":
        raise BadInput("Lembar disposisi hanya untuk naskah masuk")
    return compose.disposition_sheet(uow, doc, nodes(uow, doc))
