"""Build the renderer's LetterData from stored rows: kop, number, recipients, body, signatory block."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from eoffice.documents.body import parse_body_json
from eoffice.documents.letter import LetterData, Letterhead, Signatory
from eoffice.documents.letterheads import governor_letterhead, unit_letterhead
from eoffice.documents.render import RenderResult, render_letter
from eoffice.domain import WITA, Capacity, Classification, DocKind, StageKind, Urgency
from eoffice.services import letters
from eoffice.services.numbering import agency_of
from eoffice.services.parts import kind_parts
from eoffice.store.models import Delegation as DelegationRow
from eoffice.store.models import Document, DocumentVersion, Position, Unit
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.disposition import DispositionNode
from eoffice.workflow.state import Route, Step
from eoffice.workflow.tata_naskah import full_name, signs_bare

GOVERNOR_KINDS = {DocKind.SURAT_KEPUTUSAN.value, DocKind.SURAT_EDARAN.value}


LETTERHEADS = Path(__file__).resolve().parents[2] / "resources" / "letterheads"


def logo_for(code: str) -> Path | None:
    """An admin-supplied emblem: resources/letterheads/<UNIT CODE>.png (or .jpg); else the drawn placeholder."""
    for ext in ("png", "jpg"):
        path = LETTERHEADS / f"{code}.{ext}"
        if path.is_file():
            return path
    return None


def letterhead_for(uow: UnitOfWork, doc: Document, signer_position_code: str | None) -> Letterhead:
    if signer_position_code == "GUBERNUR" or (signer_position_code is None and doc.kind in GOVERNOR_KINDS):
        return governor_letterhead(logo_for("GUBERNUR"))
    agency = agency_of(uow, doc.unit_id)
    name = agency.name.upper() if agency.kind != "pemprov" else "SEKRETARIAT DAERAH"
    return unit_letterhead(name, agency.address or "Samarinda", agency.phone, agency.email, agency.website,
                           logo_for(agency.code) or logo_for("PEMPROV"))


def expected_signer(uow: UnitOfWork, step: Step) -> tuple[str, str | None, Capacity]:
    """Who signs the sign step, for whom, in what capacity: the decision once made; before it, the delegate
    of an active delegation of the assignee (so the working PDF the reviewers paraf already names the
    Plh./Plt./a.n. signer, and their paraf signatures stay when the delegate signs), else the assignee."""
    if step.decided_by:
        return step.decided_by, step.on_behalf_of, step.capacity
    owner = uow.users.by_login(step.assignee)
    now = uow.now()
    row = uow.session.scalars(select(DelegationRow).where(
        DelegationRow.delegator_id == owner.id, DelegationRow.revoked.is_(False),
        DelegationRow.starts_at <= now, DelegationRow.ends_at > now).order_by(DelegationRow.starts_at)).first()
    if row is None:
        return step.assignee, None, Capacity.SELF
    return uow.users.get(row.delegate_id).login, step.assignee, Capacity(row.capacity)


def _roles(pos: Position | None) -> set[str]:
    return set(pos.roles.split()) if pos is not None else set()


def signatory_for(uow: UnitOfWork, step: Step | None, kind: str | None = None
                  ) -> tuple[Signatory | None, str | None]:
    """The signature block of the sign step: who signs, in what capacity (Plh./Plt./a.n./u.b. from
    delegation), and the position code whose kop the letter carries. Pasal 44: gelar, NIP and pangkat for
    every official but the Kepala Daerah, Wakil, Sekda and the Plt./Plh. Kepala Daerah or Sekda; no gelar on
    pengaturan/penetapan (a keputusan)."""
    if step is None:
        return None, None
    login, on_behalf_of, capacity = expected_signer(uow, step)
    signer = uow.users.by_login(login)
    position = uow.positions.get(signer.position_id) if signer.position_id else None
    code = position.code if position else None
    principal, via, owner_pos = "", "", None
    if on_behalf_of:
        owner = uow.users.by_login(on_behalf_of)
        owner_pos = uow.positions.get(owner.position_id) if owner.position_id else None
        code = owner_pos.code if owner_pos else code
        principal = owner_pos.title if owner_pos else ""
        if capacity == Capacity.UB and position is not None and position.parent_id is not None:
            via = uow.positions.get(position.parent_id).title
    bare = signs_bare(_roles(position), capacity, _roles(owner_pos))
    gelar = not bare and kind != DocKind.SURAT_KEPUTUSAN.value
    name = full_name(signer.name, signer.gelar_depan, signer.gelar_belakang) if gelar else signer.name
    return Signatory(title=position.title if position else "", name=name, nip="" if bare else signer.nip,
                     rank="" if bare else signer.pangkat, capacity=capacity, principal_title=principal,
                     via_title=via), code


def register_for(uow: UnitOfWork, route: Route | None) -> Unit | None:
    """The register numbering a letter signed by (or for) the Kepala Daerah: the administering unit of the
    page profile (``head_register``, default SETDA), not the drafting agency's series. None: the agency's."""
    step = sign_step(route)
    if step is None:
        return None
    login, on_behalf_of, _ = expected_signer(uow, step)
    user = uow.users.by_login(on_behalf_of or login)
    pos = uow.positions.get(user.position_id) if user.position_id else None
    if not ({"gubernur", "kepala_daerah"} & _roles(pos)):
        return None
    from eoffice.documents.page import load_profile

    return uow.units.find(load_profile().head_register)


def sign_steps(route: Route | None) -> list[Step]:
    """The current round's TTE steps in signing order: one, or the parties of a berita acara in turn."""
    if route is None:
        return []
    return sorted((s for s in route.steps if s.kind == StageKind.SIGN and s.round == route.round),
                  key=lambda s: s.order)


def sign_step(route: Route | None) -> Step | None:
    """The last TTE: the one that numbers and dates the letter."""
    steps = sign_steps(route)
    return steps[-1] if steps else None


def letter_data(uow: UnitOfWork, doc: Document, version: DocumentVersion, route: Route | None,
                *, signed_on: dt.date | None = None, form: bool = False) -> LetterData:
    """``form``: the number and date left as form fields (the working PDF, services/paraf.py)."""
    step = sign_step(route)
    signatory, signer_code = signatory_for(uow, step, doc.kind)
    parties = [signatory_for(uow, s, doc.kind) for s in sign_steps(route)[:-1]]  # berita acara (rule 7)
    if parties:
        signer_code = parties[0][1]  # the kop of PIHAK PERTAMA, the agency that holds the record
    to, cc = letters.recipients(uow, doc)
    fields = version.fields
    sender = ""
    if doc.kind in (DocKind.NOTA_DINAS.value, DocKind.MEMO.value):
        sender = signatory.title if signatory is not None else agency_head_title(uow, doc.unit_id)
    unit = agency_of(uow, doc.unit_id)
    return LetterData(
        kind=DocKind(doc.kind), letterhead=letterhead_for(uow, doc, signer_code), subject=doc.subject,
        body=parse_body_json(version.body), number="" if form else doc.number or "",
        place=unit.place or "Samarinda", date=None if form else signed_on, form_fields=form, urgency=Urgency(doc.urgency), classification=Classification(doc.classification),
        attachment_note=str(fields.get("lampiran", "")), recipients=tuple(to),
        recipient_place=str(fields.get("di", "")), sender=sender, signatory=signatory, tembusan=tuple(cc),
        co_signatories=tuple(p for p, _ in parties if p is not None),
        closing=str(fields.get("penutup", "")), **kind_parts(fields))


def agency_head_title(uow: UnitOfWork, unit_id: int) -> str:
    """The jabatan heading the drafter's Perangkat Daerah (its position whose superior is outside it): the
    "Dari" of a nota dinas whose signer no route names yet; the head of the unit signs it (docs/tata-naskah.md).
    "" when the agency has no position."""
    agency = agency_of(uow, unit_id)
    rows = list(uow.session.scalars(select(Position).where(Position.unit_id == agency.id).order_by(Position.id)))
    inside = {p.id for p in rows}
    return next((p.title for p in rows if p.parent_id not in inside), "")


def render_version(uow: UnitOfWork, doc: Document, version: DocumentVersion, route: Route | None,
                   *, signed_at: dt.datetime | None = None) -> RenderResult:
    signed_on = signed_at.astimezone(WITA).date() if signed_at else None
    data = letter_data(uow, doc, version, route, signed_on=signed_on)
    created = signed_at.astimezone(WITA) if signed_at else None
    return render_letter(data, created=created)


def disposition_sheet(uow: UnitOfWork, doc: Document, nodes: Sequence[DispositionNode]) -> bytes:
    """The lembar disposisi of an incoming letter: the first level of its disposisi tree, as a form."""
    from eoffice.documents.letter import Disposition
    from eoffice.domain import INSTRUCTIONS

    version = letters.current_version(uow, doc)
    first = [n for n in nodes if n.parent_id is None]
    titles = []
    for n in first:
        user = uow.users.by_login(n.to_user)
        titles.append(uow.positions.get(user.position_id).title if user.position_id else user.name)
    received = version.fields.get("received_at")
    deadlines = [n.deadline for n in first if n.deadline]
    data = LetterData(
        kind=DocKind.NASKAH_MASUK,
        letterhead=governor_letterhead(logo_for("GUBERNUR")) if _title_of(uow, doc).startswith("Gubernur")
        else letterhead_for(uow, doc, None),
        disposition=Disposition(
            sender=doc.sender, letter_number=doc.number or "",
            letter_date=doc.letter_date.date() if doc.letter_date else None, subject=doc.subject,
            received_date=dt.datetime.fromisoformat(received).astimezone(WITA).date() if received else None,
            agenda_number=str(version.fields.get("agenda", "")), urgency=Urgency(doc.urgency),
            classification=Classification(doc.classification), recipients=tuple(titles),
            instructions=tuple(dict.fromkeys(INSTRUCTIONS[i] for n in first for i in n.instructions)),
            note=" ".join(dict.fromkeys(n.note for n in first if n.note)),
            deadline=min(deadlines).astimezone(WITA).date() if deadlines else None))
    return render_letter(data).pdf


def _title_of(uow: UnitOfWork, doc: Document) -> str:
    """The title of the leader an incoming letter is addressed to."""
    from sqlalchemy import select

    from eoffice.store.models import Recipient

    rec = uow.session.scalars(select(Recipient).where(Recipient.document_id == doc.id, Recipient.role == "to")).first()
    if rec is None or rec.user_id is None:
        return ""
    user = uow.users.get(rec.user_id)
    return uow.positions.get(user.position_id).title if user.position_id else ""
