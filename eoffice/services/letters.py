"""Letters (naskah dinas): draft, edit (versions after submission), recipients, attachments, reads."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from eoffice.canonical import canonical_json
from eoffice.documents.body import Body, body_to_obj, body_to_plain_text, parse_body_json
from eoffice.documents.body_limits import check_renderable
from eoffice.domain import (
    STATUS_LABELS,
    BadInput,
    Classification,
    DocKind,
    DocStatus,
    InvalidTransition,
    NotAuthorized,
    NotFound,
    Urgency,
    search_text_of,
)
from eoffice.services.access import conceal_hidden, letter_not_found, require_visible
from eoffice.services.auth import Actor
from eoffice.services.blobs import get_blob, put_blob
from eoffice.store.models import Attachment, Document, DocumentVersion, Position, Recipient, User
from eoffice.store.uow import UnitOfWork
from eoffice.validate import check_line

EDITABLE = {DocStatus.DRAFT.value, DocStatus.RETURNED.value}
MAX_SUBJECT = 500


@dataclass(frozen=True)
class Draft:
    """What a drafter writes. ``fields`` holds kind-specific parts (lampiran, undangan, SK parts...)."""

    kind: DocKind
    subject: str
    body: Body
    to: Sequence[str]
    cc: Sequence[str] = ()
    urgency: Urgency = Urgency.BIASA
    classification: Classification = Classification.BIASA
    kode_klasifikasi: str = ""
    fields: Mapping[str, Any] = field(default_factory=dict)


def _clean_subject(subject: str) -> str:
    s = " ".join(check_line(subject, "Hal").split())
    if not s:
        raise BadInput("Hal (perihal) tidak boleh kosong")
    if len(s) > MAX_SUBJECT:
        raise BadInput(f"Hal terlalu panjang (maks. {MAX_SUBJECT} karakter)")
    return s


def content_hash(subject: str, body: Mapping[str, Any], fields: Mapping[str, Any], to: Sequence[str],
                 cc: Sequence[str]) -> str:
    """What approvers approve: the hash of the version's content (signed in their statements)."""
    return hashlib.sha256(canonical_json({"subject": subject, "body": dict(body), "fields": dict(fields),
                                          "to": list(to), "cc": list(cc)})).hexdigest()


HEAD = "_kepala"  # in a version's fields: its head as written (recipients and sifat otherwise live on the letter)


def head_of(subject: str, to: Sequence[str], cc: Sequence[str], urgency: str, classification: str,
            kode: str) -> dict[str, Any]:
    return {"hal": subject, "yth": list(to), "tembusan": list(cc), "sifat": urgency,
            "klasifikasi": classification, "kode": kode}


def parts_of(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The kind-specific parts of a version's fields, without its head."""
    return {k: v for k, v in fields.items() if k != HEAD}


def _with_head(fields: Mapping[str, Any], head: dict[str, Any]) -> dict[str, Any]:
    return {**parts_of(fields), HEAD: head}


Addressee = tuple[str, str, int | None, int | None]  # role (to | cc), label as printed, unit id, user id


def _resolve(uow: UnitOfWork, to: Sequence[str], cc: Sequence[str]) -> list[Addressee]:
    """Tata Naskah Dinas: a letter is addressed to a jabatan, never to a person's name or an internal code.
    A position code prints its title, a user (login or NIP) their jabatan, a unit code its head's jabatan;
    other text (e.g. "Kepala Perangkat Daerah se-Provinsi ...") is printed as typed."""
    if not [t for t in to if t.strip()]:
        raise BadInput("Tujuan (Yth.) wajib diisi: pilih jabatan yang dituju")
    return [(role, *addressee(uow, raw.strip()))
            for role, labels in (("to", to), ("cc", cc))
            for raw in (check_line(x, "Penerima", max_len=300) for x in labels if x.strip())]


def printed(uow: UnitOfWork, to: Sequence[str], cc: Sequence[str]) -> tuple[list[str], list[str]]:
    """The Yth. and Tembusan lines a letter with these addressees prints (the editor's live preview)."""
    return _labels(_resolve(uow, to, cc))


def _labels(rows: Sequence[Addressee]) -> tuple[list[str], list[str]]:
    return [r[1] for r in rows if r[0] == "to"], [r[1] for r in rows if r[0] == "cc"]


def _store(uow: UnitOfWork, doc: Document, rows: Sequence[Addressee]) -> tuple[list[str], list[str]]:
    """Write the letter's recipients; returns the labels as printed (to, cc)."""
    count = {"to": 0, "cc": 0}
    for role, label, unit_id, user_id in rows:
        uow.session.add(Recipient(document_id=doc.id, role=role, position=count[role], label=label,
                                  unit_id=unit_id, user_id=user_id))
        count[role] += 1
    return _labels(rows)


def _stored(uow: UnitOfWork, doc: Document) -> list[Recipient]:
    return list(uow.session.scalars(select(Recipient).where(Recipient.document_id == doc.id)
                                    .order_by(Recipient.role.desc(), Recipient.position)))


def addressee(uow: UnitOfWork, raw: str) -> tuple[str, int | None, int | None]:
    """(jabatan as printed, unit id, user id) of one ``--to``/``--cc`` entry (see _resolve)."""
    if " " in raw:  # a jabatan by its title goes to its holder; other free text is printed as typed
        same = uow.session.scalars(select(Position).where(func.lower(Position.title) == raw.lower())
                                   .order_by(Position.id).limit(2)).all()
        if not same:
            return raw, None, None
        if len(same) > 1:  # routing to whichever comes first would deliver to the wrong office
            raise BadInput(f"Jabatan {same[0].title!r} ada di beberapa unit: pilih jabatan dari daftar "
                           "organisasi (atau kode jabatannya)")
        titled = same[0]
        holder = _holder(uow, titled.id)
        return titled.title, None, holder.id if holder else None
    pos = uow.positions.find(raw)
    unit = uow.units.find(raw) if pos is None else None
    user = uow.users.find(raw) if pos is None and unit is None else None
    if user is not None:
        if user.position_id is None:
            raise BadInput(f"{user.name} tidak memiliki jabatan: naskah dialamatkan kepada jabatan")
        return uow.positions.get(user.position_id).title, None, user.id
    if unit is not None:
        head = _head_of(uow, unit.id)
        holder = _holder(uow, head.id) if head is not None else None
        return (head.title if head else unit.name), unit.id, holder.id if holder else None
    if pos is not None:
        holder = _holder(uow, pos.id)
        return pos.title, None, holder.id if holder else None
    if len(raw) < 3 or raw.isupper() or "-" in raw or "." in raw:
        raise BadInput(f"Penerima tidak dikenal: {raw!r} (pilih jabatan dari daftar organisasi, atau tulis nama "
                       "jabatannya)")
    return raw, None, None


def _head_of(uow: UnitOfWork, unit_id: int) -> Position | None:
    """The unit's head: its position whose superior sits outside the unit."""
    rows = uow.session.scalars(select(Position).where(Position.unit_id == unit_id).order_by(Position.id)).all()
    inside = {p.id for p in rows}
    return next((p for p in rows if p.parent_id not in inside), None)


def _holder(uow: UnitOfWork, position_id: int) -> User | None:
    return uow.session.scalars(select(User).where(User.position_id == position_id, User.active.is_(True))
                               .order_by(User.id)).first()


def _check_kode(uow: UnitOfWork, kode: str) -> str:
    kode = check_line(kode, "Kode klasifikasi", max_len=60)
    if kode and uow.classifications.find(kode) is None:
        raise BadInput(f"Kode klasifikasi arsip tidak dikenal: {kode}")
    return kode


def _check_parts(kind: str, fields: Mapping[str, Any]) -> None:
    """Kind-specific parts that do not parse (an invalid date...) are refused when written, not at render."""
    from eoffice.services.parts import check_parts  # parts builds on the documents package only

    check_parts(kind, fields)


def draft(uow: UnitOfWork, actor: Actor, d: Draft) -> str:
    if d.kind == DocKind.NASKAH_MASUK:
        raise BadInput("Naskah masuk didaftarkan dengan 'incoming register', bukan dibuat sebagai draf")
    subject = _clean_subject(d.subject)
    _check_parts(d.kind.value, d.fields)
    now = uow.now()
    doc = Document(id=str(uuid.uuid4()), direction="out", kind=d.kind.value, subject=subject,
                   urgency=Urgency(d.urgency).value, classification=Classification(d.classification).value,
                   kode_klasifikasi=_check_kode(uow, d.kode_klasifikasi), status=DocStatus.DRAFT.value,
                   unit_id=actor.unit_id, created_by=actor.user_id, current_version=1, created_at=now,
                   updated_at=now)
    uow.session.add(doc)
    uow.flush()
    to, cc = _store(uow, doc, _resolve(uow, d.to, d.cc))
    body = body_to_obj(check_renderable(d.body))
    fields = _with_head(d.fields, head_of(subject, to, cc, doc.urgency, doc.classification, doc.kode_klasifikasi))
    uow.session.add(DocumentVersion(
        document_id=doc.id, version=1, body=body, fields=fields, body_text=body_to_plain_text(d.body),
        content_sha256=content_hash(subject, body, fields, to, cc), created_by=actor.user_id,
        created_at=now))
    uow.flush()
    uow.audit("letter.draft", actor_id=actor.user_id, document_id=doc.id,
              data={"kind": doc.kind, "subject": subject})
    return doc.id


def status_words(doc: Document) -> str:
    """The letter's status as a refusal says it ("Dalam review"), never its code."""
    return STATUS_LABELS.get(doc.status, doc.status)


def get_document(uow: UnitOfWork, document_id: str) -> Document:
    doc = uow.session.get(Document, document_id.strip())
    if doc is None:
        matches = uow.session.scalars(select(Document).where(Document.id.startswith(document_id.strip()))
                                      .limit(2)).all() if len(document_id.strip()) >= 6 else []
        if len(matches) == 1:
            return matches[0]
        raise letter_not_found(document_id)
    return doc


# Built once: the hot path of a decision runs these every time (building a statement costs more than
# running a cached one).
_DOCUMENT_AND_HASH = (
    select(Document, DocumentVersion.content_sha256)
    .join(DocumentVersion, (DocumentVersion.document_id == Document.id)
          & (DocumentVersion.version == Document.current_version))
    .where(Document.id == bindparam("document_id")))
_SET_STATUS = (update(Document).where(Document.id == bindparam("document_id"))
               .values(status=bindparam("status"), updated_at=bindparam("updated_at")))


def get_document_and_hash(uow: UnitOfWork, document_id: str) -> tuple[Document, str]:
    """The document and its current version's content hash in one query (the hot path of a decision)."""
    row = uow.session.execute(_DOCUMENT_AND_HASH, {"document_id": document_id.strip()}).first()
    if row is None:
        doc = get_document(uow, document_id)
        return doc, current_version_hash(uow, doc)
    doc, digest = row
    uow.memo[("version_hash", doc.id, doc.current_version)] = digest
    return doc, digest


def current_version_hash(uow: UnitOfWork, doc: Document) -> str:
    """content_sha256 of the current version, read once per transaction."""
    key = ("version_hash", doc.id, doc.current_version)
    if key not in uow.memo:
        uow.memo[key] = uow.session.scalars(select(DocumentVersion.content_sha256).where(
            DocumentVersion.document_id == doc.id, DocumentVersion.version == doc.current_version)).one()
    digest: str = uow.memo[key]
    return digest


def current_version(uow: UnitOfWork, doc: Document) -> DocumentVersion:
    """Read once per read-only transaction (a letter's view asks several times; the memo also keeps the
    object alive, which the session's weak identity map would not)."""
    key = ("version", doc.id, doc.current_version)
    if uow.read_only and key in uow.memo:
        found: DocumentVersion = uow.memo[key]
        return found
    version = uow.session.scalars(select(DocumentVersion).where(
        DocumentVersion.document_id == doc.id, DocumentVersion.version == doc.current_version)).one()
    if uow.read_only:
        uow.memo[key] = version
    return version


def versions(uow: UnitOfWork, doc: Document) -> Sequence[DocumentVersion]:
    return uow.session.scalars(select(DocumentVersion).where(DocumentVersion.document_id == doc.id)
                               .order_by(DocumentVersion.version)).all()


def version_text(uow: UnitOfWork, doc: Document, version: DocumentVersion) -> str:
    """A version as reviewers compare it: its head (hal, addressees, sifat, kode) above the body text. A version
    written before heads were kept shows the letter's head as it is now."""
    from eoffice.documents.letter import CLASSIFICATION_LABELS, URGENCY_LABELS

    h = version.fields.get(HEAD) or head_of(doc.subject, *recipients(uow, doc), doc.urgency, doc.classification,
                                            doc.kode_klasifikasi)
    lines = [f"Hal: {h['hal']}", f"Yth.: {'; '.join(h['yth'])}"]
    if h["tembusan"]:
        lines.append(f"Tembusan: {'; '.join(h['tembusan'])}")
    lines += [f"Sifat: {URGENCY_LABELS[Urgency(h['sifat'])]}",
              f"Klasifikasi: {CLASSIFICATION_LABELS[Classification(h['klasifikasi'])]}"]
    if h["kode"]:
        lines.append(f"Kode klasifikasi: {h['kode']}")
    return "\n".join(lines) + "\n\n" + version.body_text


def recipients(uow: UnitOfWork, doc: Document) -> tuple[list[str], list[str]]:
    rows = uow.session.scalars(select(Recipient).where(Recipient.document_id == doc.id)
                               .order_by(Recipient.role, Recipient.position)).all()
    return [r.label for r in rows if r.role == "to"], [r.label for r in rows if r.role == "cc"]


@dataclass(frozen=True)
class Head:
    """What a revision may change besides the subject, body and parts: None keeps it as it is."""

    to: Sequence[str] | None = None
    cc: Sequence[str] | None = None
    urgency: str | None = None
    classification: str | None = None
    kode_klasifikasi: str | None = None


@conceal_hidden
def revise(uow: UnitOfWork, actor: Actor, document_id: str, *, subject: str | None = None,
           body: Body | None = None, fields: Mapping[str, Any] | None = None, head: Head | None = None) -> int:
    """Edit a draft or a returned letter: the text, the parts, and the head (addressees, sifat, kode) the
    reviewers may have asked to fix. Once submitted, every edit is a new version (reviewers diff them)."""
    head = head or Head()
    doc = get_document(uow, document_id)
    if doc.created_by != actor.user_id:
        raise NotAuthorized("Hanya pembuat naskah yang dapat mengubahnya")
    if doc.status not in EDITABLE:
        raise InvalidTransition(f"Naskah berstatus {status_words(doc)} tidak dapat diubah")
    cur = current_version(uow, doc)
    new_subject = _clean_subject(subject) if subject is not None else doc.subject
    new_body = body_to_obj(check_renderable(body)) if body is not None else cur.body
    if fields is not None:
        _check_parts(doc.kind, parts_of(fields))
    text = body_to_plain_text(body) if body is not None else cur.body_text
    to, cc = recipients_before = recipients(uow, doc)
    if head.to is not None or head.cc is not None:
        rows = _resolve(uow, to if head.to is None else head.to, cc if head.cc is None else head.cc)
        stored = _stored(uow, doc)
        if rows != [(r.role, r.label, r.unit_id, r.user_id) for r in stored]:
            for r in stored:
                uow.session.delete(r)  # through the ORM: the change feed notes the letter
            uow.flush()
            to, cc = _store(uow, doc, rows)
    before = (doc.urgency, doc.classification, doc.kode_klasifikasi)
    if head.urgency is not None:
        doc.urgency = Urgency(head.urgency).value
    if head.classification is not None:
        doc.classification = Classification(head.classification).value
    if head.kode_klasifikasi is not None:
        doc.kode_klasifikasi = _check_kode(uow, head.kode_klasifikasi)
    new_fields = _with_head(cur.fields if fields is None else fields, head_of(
        new_subject, to, cc, doc.urgency, doc.classification, doc.kode_klasifikasi))
    digest = content_hash(new_subject, new_body, new_fields, to, cc)
    old_head = cur.fields.get(HEAD) or head_of(doc.subject, *recipients_before, *before)
    if (new_subject, new_body, parts_of(new_fields), new_fields[HEAD]) == (
            doc.subject, cur.body, parts_of(cur.fields), old_head):
        return doc.current_version  # nothing changed (a version written before heads were kept has none)
    now = uow.now()
    if doc.status == DocStatus.DRAFT.value and not _ever_submitted(uow, doc):
        cur.body, cur.fields, cur.body_text, cur.content_sha256 = new_body, new_fields, text, digest
    else:
        doc.current_version += 1
        uow.session.add(DocumentVersion(document_id=doc.id, version=doc.current_version, body=new_body,
                                        fields=new_fields, body_text=text, content_sha256=digest,
                                        created_by=actor.user_id, created_at=now))
    doc.subject, doc.updated_at = new_subject, now
    uow.flush()
    uow.audit("letter.revise", actor_id=actor.user_id, document_id=doc.id,
              data={"version": doc.current_version, "content_sha256": digest})
    return doc.current_version


def _ever_submitted(uow: UnitOfWork, doc: Document) -> bool:
    from eoffice.store.models import RouteRow

    return uow.session.get(RouteRow, doc.id) is not None


@conceal_hidden
def attach(uow: UnitOfWork, actor: Actor, document_id: str, name: str, data: bytes, *, max_bytes: int) -> str:
    from eoffice.documents.attachments import check_attachment

    doc = get_document(uow, document_id)
    if doc.created_by != actor.user_id:
        raise NotAuthorized("Hanya pembuat naskah yang dapat menambah lampiran")
    if doc.status not in EDITABLE:
        raise InvalidTransition(f"Naskah berstatus {status_words(doc)} tidak dapat diberi lampiran")
    info = check_attachment(name, data, max_bytes=max_bytes)
    put_blob(uow, data, info.mime)
    uow.session.add(Attachment(document_id=doc.id, name=info.name, sha256=info.sha256, size=info.size,
                               mime=info.mime, added_by=actor.user_id, added_at=uow.now()))
    uow.flush()
    uow.audit("letter.attach", actor_id=actor.user_id, document_id=doc.id,
              data={"name": info.name, "sha256": info.sha256, "size": info.size})
    return info.sha256


def _editable_by(doc: Document, actor: Actor, what: str) -> None:
    if doc.created_by != actor.user_id:
        raise NotAuthorized(f"Hanya pembuat naskah yang dapat {what}")
    if doc.status not in EDITABLE:
        raise InvalidTransition(f"Naskah berstatus {status_words(doc)} tidak dapat diubah lampirannya")


def _attachment(uow: UnitOfWork, doc: Document, sha256: str) -> Attachment:
    found = next((a for a in attachments(uow, doc) if a.sha256 == sha256), None)
    if found is None:
        raise NotFound("Lampiran tidak ditemukan")
    return found


def attachment_file(uow: UnitOfWork, actor: Actor, document_id: str, sha256: str) -> tuple[str, str, bytes]:
    """(name, mime, content) of one attachment of a letter the actor may see."""
    att = _attachment(uow, visible_document(uow, actor, document_id), sha256)
    return att.name, att.mime, get_blob(uow, att.sha256)


def detach(uow: UnitOfWork, actor: Actor, document_id: str, sha256: str) -> None:
    """Removes an attachment from the drafter's draft or returned letter (the blob stays: others may share it)."""
    doc = get_document(uow, document_id)
    _editable_by(doc, actor, "menghapus lampiran")
    att = _attachment(uow, doc, sha256)
    uow.session.delete(att)
    uow.flush()
    uow.audit("letter.detach", actor_id=actor.user_id, document_id=doc.id, data={"name": att.name, "sha256": sha256})


def attachments(uow: UnitOfWork, doc: Document) -> Sequence[Attachment]:
    return uow.session.scalars(select(Attachment).where(Attachment.document_id == doc.id)
                               .order_by(Attachment.id)).all()


def visible_document(uow: UnitOfWork, actor: Actor, document_id: str) -> Document:
    doc = get_document(uow, document_id)
    require_visible(uow, actor, doc)
    return doc


def body_of(version: DocumentVersion) -> Body:
    return parse_body_json(version.body)


def set_status(uow: UnitOfWork, doc: Document, status: str) -> None:
    """A route action's status change, as a deferred Core UPDATE (UnitOfWork.defer) rather than an ORM flush:
    on PostgreSQL it then travels with the commit. The loaded object shows the new values."""
    at = uow.now()
    uow.defer(_SET_STATUS, {"document_id": doc.id, "status": status, "updated_at": at})
    uow.touched("document", doc.id)  # a Core write: the ORM's change tracking does not see it
    set_committed_value(doc, "status", status)
    set_committed_value(doc, "updated_at", at)


def refresh_search_text(uow: UnitOfWork, document_ids: list[str]) -> None:
    """What search sees of each letter (documents.search_text), refreshed at commit for the letters whose
    searchable rows changed (UnitOfWork notes them itself: no service has to remember to call this)."""
    for doc_id in document_ids:
        doc = uow.session.get(Document, doc_id)
        if doc is None:
            continue
        version = uow.session.scalars(select(DocumentVersion).where(
            DocumentVersion.document_id == doc.id, DocumentVersion.version == doc.current_version)).first()
        if version is None:  # a letter row written before its first version (not by these services)
            continue
        to, cc = recipients(uow, doc)
        doc.search_text = search_text_of(subject=doc.subject, number=doc.number, sender=doc.sender, kind=doc.kind,
                                         to=to, cc=cc, body_text=version.body_text,
                                         attachment_names=[a.name for a in attachments(uow, doc)])


UnitOfWork.reindexer = refresh_search_text
