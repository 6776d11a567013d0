"""The working PDF of a letter under review, and the reviewers' PDF signatures on it.

The first paraf/approve decision by a reviewer with a key renders the version once, with the number and
date as text form fields and every signature field of the round: one paraf box per paraf/approve step
(initials beside the signature block, the paraf koordinasi of the archive copy; beyond eight, invisible
fields), a text field per reviewer at the foot of every other page (the same initials, filled in the
revision their paraf signature covers: rule 9, docs/tata-naskah.md) and the signatory's TTE field. Each such decision adds a PAdES approval signature in its field, the
first one certifying (DocMDP: form filling allowed); the signatory's TTE fills the number and date and
signs last (signatures.sign_letter). All of it happens in the decision's transaction, under the route's
row lock, so parallel reviewers are serialised and a failure leaves neither the step nor the PDF.

The PDF is tied to what it was made from (``working_pdf_key``: the letter as it renders, the round and
its steps): a revised version, a new round, an added reviewer or a different signatory (a delegate
signing as Plh./a.n.) makes a fresh one, and the paraf signatures of the stale one stay only as the
reviewers' signed statements (the audit log records it: ``letter.paraf_pdf_reset``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from eoffice.documents.letter import SHORT_LIMITS, LetterData
from eoffice.documents.render import render_letter
from eoffice.domain import WITA, StageKind, stage_words
from eoffice.services import compose, numbering, settings
from eoffice.services.auth import Actor
from eoffice.services.blobs import drop_blob, get_blob, put_blob
from eoffice.services.signatures import SIGNATURE_FIELD
from eoffice.signing.footer import add_footer
from eoffice.signing.form import TextFieldSpec
from eoffice.signing.keystore import Identity
from eoffice.signing.pades import FieldSpec, prepare_fields, sign_pdf, text_field_names
from eoffice.signing.providers import BSRE_FOOTER, Provider, SignJob, paraf_job_id
from eoffice.signing.stamp import StampSpec, initials
from eoffice.signing.stamp_field import STAMP_FIELD
from eoffice.store.models import Document, DocumentVersion
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.state import Route, Step

PDF_STAGES = (StageKind.PARAF, StageKind.APPROVE)
MARK_FONT = 9.0  # the initials in the per-page marks
MAX_BOXES = 8  # paraf boxes that fit beside the signature block (LetterData); further fields are invisible


def reviewer_steps(route: Route) -> list[Step]:
    """The paraf/approve steps of the current round before its signature (none without a sign stage)."""
    sign = compose.sign_step(route)
    if sign is None:
        return []
    return [s for s in route.steps if s.round == route.round and s.kind in PDF_STAGES and s.order < sign.order]


def signs_pdf(route: Route, step: Step) -> bool:
    return any(s.id == step.id for s in reviewer_steps(route))


def party_field(index: int) -> str:
    """The TTE field of the ``index``-th earlier signatory of a berita acara (the last one signs in TTE)."""
    return f"TTE-{index + 1}"


def party_stamp_field(index: int) -> str:
    """A berita acara party's TTE area as a text field (group "stamp") when BSrE makes the signatures."""
    return f"stamp_{party_field(index)}"


def paraf_field(step: Step) -> str:
    return f"Paraf-{step.id}"


def mark_group(index: int) -> str:
    """The text fields of reviewer ``index``'s per-page paraf marks (form.fill_text_fields' group)."""
    return f"paraf{index + 1}"


def label_text(title: str, limit: int = SHORT_LIMITS["paraf_labels"]) -> str:
    """The reviewer's full jabatan; one longer than the box's limit loses whole words at the end, never
    half a name ("... Provinsi Kalimantan Timur" stays whole up to 120 characters)."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 4].rsplit(" ", 1)[0].rstrip(" ,;")
    return f"{cut} ..."


def _label(uow: UnitOfWork, step: Step) -> str:
    user = uow.users.by_login(step.assignee)
    return label_text(uow.positions.get(user.position_id).title if user.position_id else user.name)


def _letter(uow: UnitOfWork, doc: Document, version: DocumentVersion, route: Route) -> LetterData:
    data = compose.letter_data(uow, doc, version, route, form=True)
    labels = tuple(_label(uow, s) for s in reviewer_steps(route)[:MAX_BOXES])
    return dataclasses.replace(data, paraf_labels=labels)


def paraf_stamp_field(step: Step) -> str:
    """The paraf box as a text field (group "stamp") when BSrE makes the paraf signature (see _render)."""
    return f"stamp_{paraf_field(step)}"


def _certifies(uow: UnitOfWork, provider: str) -> bool:
    """Whether the first local paraf certifies (DocMDP). Not when BSrE's VISIBLE mode will add the TTE's
    visible signature field: validators refuse a new annotation after a certification, not after approvals
    (pyHanko's difference analysis still judges every later change, see signing/verify.py)."""
    return not (provider == "bsre" and settings.bsre_visible(uow))


def _key(data: LetterData, route: Route, provider: str, paraf_by: str, certifies: bool) -> str:
    made_of: tuple[Any, ...] = (data, route.round, [paraf_field(s) for s in reviewer_steps(route)])
    if provider != "local":  # (keeps the keys of working PDFs made before providers existed)
        made_of += (provider,)
    if not certifies:
        made_of += ("no-certification",)
    if paraf_by != "local":
        made_of += ("paraf", paraf_by)
    # (without parties, the key of a working PDF made before berita acara parties existed: its paraf stay)
    text = repr(made_of).replace(", co_signatories=()", "")
    return hashlib.sha256(text.encode()).hexdigest()


def _box(rect: Any) -> tuple[int, int, int, int]:
    return int(rect.x1), int(rect.y1), int(rect.x2), int(rect.y2)


def _render(data: LetterData, route: Route, uow: UnitOfWork, provider: str, paraf_by: str) -> bytes:
    """The letter with every field of the round. For BSrE the TTE is a stamp text field (the service adds
    its own invisible signature field: see signing/stamp_field.py) and the pages carry the BSrE notice; so
    are the paraf boxes when BSrE makes the paraf signatures too (*paraf_by*)."""
    rendered = render_letter(data, created=uow.now().astimezone(WITA))
    rect = rendered.signature_rect
    assert rect is not None  # a route with a sign stage has a signatory block
    steps = reviewer_steps(route)
    texts = [TextFieldSpec(t.name, t.rect.page, (t.rect.x1, t.rect.y1, t.rect.x2, t.rect.y2), t.prefix,
                           t.placeholder, t.align, t.font_size) for t in rendered.text_slots]
    boxed = list(zip(steps, rendered.paraf_rects, strict=False))
    specs: list[FieldSpec]
    if paraf_by == "bsre":  # beyond the boxes, BSrE's invisible signature needs no field of ours
        specs = []
        texts += [TextFieldSpec(paraf_stamp_field(s), r.page, _box(r), "", "", 0, 6.0) for s, r in boxed]
    else:
        specs = [FieldSpec(paraf_field(s), r.page, _box(r)) for s, r in boxed]
        specs += [FieldSpec(paraf_field(s)) for s in steps[len(rendered.paraf_rects):]]
    texts += [TextFieldSpec(f"{mark_group(i)}_{r.page + 1}", r.page, (r.x1, r.y1, r.x2, r.y2), "", "", 1,
                            MARK_FONT) for i, r in rendered.paraf_marks]
    pdf = rendered.pdf
    if provider == "bsre":  # each party's stamp drawn by the app, each signature BSrE's invisible one
        texts += [TextFieldSpec(party_stamp_field(i), r.page, _box(r), "", "", 0, 8.0)
                  for i, r in enumerate(rendered.co_signature_rects)]
    else:
        specs += [FieldSpec(party_field(i), r.page, _box(r)) for i, r in enumerate(rendered.co_signature_rects)]
    if provider == "bsre":
        texts.append(TextFieldSpec(STAMP_FIELD, rect.page, _box(rect), "", "", 0, 8.0))
        pdf = add_footer(pdf, BSRE_FOOTER)
    else:
        specs.append(FieldSpec(SIGNATURE_FIELD, rect.page, _box(rect)))
    return prepare_fields(pdf, specs, texts)


def _store(uow: UnitOfWork, version: DocumentVersion, pdf: bytes, key: str) -> str:
    old, digest = version.working_pdf_sha256, put_blob(uow, pdf, "application/pdf")
    version.working_pdf_sha256, version.working_pdf_key = digest, key
    if old and old != digest:  # its revisions are inside the new one, or it is stale
        drop_blob(uow, old)
    return digest


def working_pdf(uow: UnitOfWork, doc: Document, version: DocumentVersion, route: Route, *,
                provider: str | None = None) -> bytes:
    """The version's working PDF for the route's current round, signatory and signing providers of TTE and
    paraf (default: the organisation's): the stored one, or a fresh one."""
    provider = provider or settings.sign_provider(uow)
    paraf_by = settings.paraf_provider(uow)
    data = _letter(uow, doc, version, route)
    key = _key(data, route, provider, paraf_by, _certifies(uow, provider))
    if version.working_pdf_sha256 and version.working_pdf_key == key:
        return get_blob(uow, version.working_pdf_sha256)
    if version.working_pdf_sha256:  # stale: its paraf signatures now live on only as signed statements
        uow.audit("letter.paraf_pdf_reset", actor_id=None, document_id=doc.id,
                  data={"version": version.version, "round": route.round,
                        "dropped_pdf_sha256": version.working_pdf_sha256})
    pdf = _render(data, route, uow, provider, paraf_by)
    _store(uow, version, pdf, key)
    return pdf


def sign_paraf(uow: UnitOfWork, actor: Actor, identity: Identity | None, doc: Document, version: DocumentVersion,
               route: Route, step: Step, *, tsa_url: str | None = None, provider: Provider | None = None) -> str:
    """The reviewer's PAdES approval signature (certifying when it is the first and local); returns the new
    working PDF's digest. The visible box shows their initials and the date, and the same revision fills their
    initials into the marks at the foot of the other pages. *provider* (BSrE, when the organisation's paraf
    provider is bsre) draws the box into its text field and has BSrE sign; else the local key *identity* signs
    in the prepared signature field."""
    pdf = working_pdf(uow, doc, version, route)
    index = [s.id for s in reviewer_steps(route)].index(step.id)
    visible = index < MAX_BOXES
    user = uow.users.get(actor.user_id)
    name = user.name
    # the initials at the foot of every other page, in the same revision the signature covers (rule 9)
    marks = {mark_group(index): initials(name)} if visible and has_marks(pdf, index) else None
    stamp = StampSpec(name=name) if visible else None
    title = uow.positions.get(user.position_id).title if user.position_id else None
    when, reason = uow.now().astimezone(WITA), stage_words(step.kind.value, title)[:120]  # "Paraf Kepala Seksi ..."

    if provider is not None:
        job = SignJob(paraf_job_id(doc.id), pdf, paraf_stamp_field(step), stamp, marks or {}, reason=reason,
                      location=numbering.agency_of(uow, doc.unit_id).place, signing_time=when, tsa_url=tsa_url)
        signed = provider.sign(job).pdf
    else:
        assert identity is not None
        certify = None if _certifies(uow, settings.sign_provider(uow)) else False
        signed = sign_pdf(pdf, identity, field_name=paraf_field(step), certify=certify, stamp=stamp,
                          reason=reason, signing_time=when, timestamper_url=tsa_url, fill=marks).pdf
    return _store(uow, version, signed, version.working_pdf_key or "")


def keep_signed(uow: UnitOfWork, version: DocumentVersion, pdf: bytes) -> str:
    """A berita acara party's TTE: the working PDF with it, for the next signatory."""
    return _store(uow, version, pdf, version.working_pdf_key or "")


def has_marks(pdf: bytes, index: int) -> bool:
    """The working PDF has per-page marks for reviewer ``index`` (a one-page letter has none; a working PDF
    made before rule 9 neither)."""
    group = mark_group(index)
    return any(n.split("_")[0] == group for n in text_field_names(pdf))


def finish(uow: UnitOfWork, version: DocumentVersion) -> None:
    """The letter is signed: the working PDF lives on as the earlier revisions of the signed PDF."""
    old = version.working_pdf_sha256
    version.working_pdf_sha256 = version.working_pdf_key = None
    if old:
        drop_blob(uow, old)
