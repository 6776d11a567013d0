"""Letter numbers: per unit/kind formats, allocated atomically from a counter row.

The counter is bumped in the caller's transaction, so a rolled-back transaction gives its number back
(no gap a user can see) and concurrent allocators queue on the row lock (no duplicates). The printed
number is also UNIQUE per scope in the documents table, as a second line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from eoffice.domain import BadInput, DocKind
from eoffice.services.auth import Actor, require_admin
from eoffice.services.resolve import OrgView
from eoffice.store.models import Document, NumberCounter, NumberFormat, Unit
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.numbering import KIND_CODES, counter_scope, format_number, tokens_of, validate_format

DEFAULT_FORMAT = "{kode}/{seq:04}/{unit}/{year}"
AGENCY_KINDS = {"dinas", "badan", "biro", "setda", "pemprov"}


def agency_of(uow: UnitOfWork, unit_id: int) -> Unit:
    """The Perangkat Daerah a unit belongs to (its number and kop are the agency's)."""
    org = OrgView(uow)
    for uid in org.unit_chain(unit_id):
        unit = uow.units.get(uid)
        if unit.kind in AGENCY_KINDS:
            return unit
    return uow.units.get(unit_id)


def format_for(uow: UnitOfWork, unit_id: int | None, kind: str) -> str:
    rows = {(r.unit_id, r.doc_kind): r.pattern for r in uow.session.scalars(select(NumberFormat))}
    for key in ((unit_id, kind), (unit_id, None), (None, kind), (None, None)):
        if key in rows:
            return rows[key]
    return DEFAULT_FORMAT


def set_format(uow: UnitOfWork, actor: Actor | None, pattern: str, *, unit_code: str | None = None,
               kind: str | None = None, bootstrap: bool = False) -> None:
    if not bootstrap:
        require_admin(actor)
    validate_format(pattern)
    if kind is not None:
        DocKind(kind)
    unit_id = uow.units.by_code(unit_code).id if unit_code else None
    row = uow.session.scalars(select(NumberFormat).where(NumberFormat.unit_id.is_(unit_id) if unit_id is None
                                                         else NumberFormat.unit_id == unit_id,
                                                         NumberFormat.doc_kind.is_(kind) if kind is None
                                                         else NumberFormat.doc_kind == kind)).first()
    if row is None:
        uow.session.add(NumberFormat(unit_id=unit_id, doc_kind=kind, pattern=pattern))
    else:
        row.pattern = pattern
    uow.flush()
    uow.audit("numbering.format", actor_id=actor.user_id if actor else None,
              data={"unit": unit_code, "kind": kind, "pattern": pattern})


@dataclass(frozen=True)
class FormatInfo:
    """One number format: unit None = every agency, kind None = every kind."""

    unit: str | None
    kind: str | None
    pattern: str


def list_formats(uow: UnitOfWork) -> list[FormatInfo]:
    """The configured formats, general ones first (letters without one use DEFAULT_FORMAT)."""
    codes = {u.id: u.code for u in uow.units.all()}
    out = [FormatInfo(codes.get(r.unit_id) if r.unit_id else None, r.doc_kind, r.pattern)
           for r in uow.session.scalars(select(NumberFormat))]
    return sorted(out, key=lambda f: (f.unit is not None, f.unit or "", f.kind is not None, f.kind or ""))


def check_numberable(uow: UnitOfWork, doc: Document) -> None:
    """Refuse early (at submit) what numbering would refuse late (at signing)."""
    agency = agency_of(uow, doc.unit_id)
    fmt = format_for(uow, agency.id, doc.kind)
    if "kode" in tokens_of(fmt) and not doc.kode_klasifikasi:
        raise BadInput("Kode klasifikasi arsip wajib diisi sebelum naskah diajukan (--kode, mis. 000.1.2.3)")


def next_seq(uow: UnitOfWork, scope: str) -> int:
    bump = (update(NumberCounter).where(NumberCounter.scope == scope)
            .values(last_value=NumberCounter.last_value + 1).returning(NumberCounter.last_value))
    value = uow.session.execute(bump).scalar()
    if value is None:
        from sqlalchemy.dialects import postgresql, sqlite  # the other back end's dialect: not on a read path

        insert = postgresql.insert if uow.dialect == "postgresql" else sqlite.insert
        uow.session.execute(insert(NumberCounter).values(scope=scope, last_value=0).on_conflict_do_nothing())
        value = uow.session.execute(bump).scalar_one()
    return int(value)


def allocate(uow: UnitOfWork, doc: Document, register: Unit | None = None) -> str:
    """Give the document its number (once; a numbered document keeps its number). ``register``: the unit
    whose series numbers it (the Kepala Daerah's letters: services/compose.py register_for); default the
    drafting agency."""
    if doc.number:
        return doc.number
    agency = register or agency_of(uow, doc.unit_id)
    fmt = format_for(uow, agency.id, doc.kind)
    now = uow.now()
    kind_code = KIND_CODES.get(DocKind(doc.kind), "")
    scope = counter_scope(fmt, agency.code, kind_code, now.year)
    seq = next_seq(uow, scope)
    doc.number = format_number(fmt, kode=doc.kode_klasifikasi, seq=seq, unit=agency.code, year=now.year,
                               month=now.month, kind_code=kind_code)
    doc.number_scope = scope
    uow.flush()
    return doc.number
