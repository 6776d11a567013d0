"""Full-text search over letters the actor may see, with filters (kind, status, unit, sifat, urgency, a date
range); with a filter the words may be left out: every letter the filters keep, newest first.

PostgreSQL: the Indonesian snowball stemmer over a GIN-indexed tsvector (table documents_fts). SQLite: FTS5 (unicode61,
diacritics folded, no stemming). Both match every word of the query as a prefix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select, text

from eoffice.domain import STATUS_LABELS, BadInput, Classification, DocKind, Urgency
from eoffice.services.access import visible_clause
from eoffice.services.auth import Actor
from eoffice.services.queries import LetterRow, named
from eoffice.store.models import Document, Unit, User
from eoffice.store.uow import UnitOfWork

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def _terms(query: str, filtered: bool) -> list[str]:
    terms: list[str] = WORD.findall(query.lower())[:MAX_TERMS]
    if not terms and not filtered:
        raise BadInput("Kata kunci pencarian kosong")
    return terms


def _match(uow: UnitOfWork, terms: list[str]) -> ColumnElement[bool]:
    if uow.dialect == "postgresql":
        tsquery = " & ".join(f"{t}:*" for t in terms)
        # documents_fts(document_id, search_tsv): to_tsvector('indonesian', search_text), kept by triggers
        # (migration 0005), GIN-indexed, off the documents row so status changes never touch it.
        # On PostgreSQL through eoffice_search (store/security.py): the index first, then the access rule.
        found: Select[Any] = select(func.eoffice_search(func.to_tsquery("indonesian", tsquery)))
        return Document.id.in_(found)
    fts = " ".join('"' + t.replace('"', '""') + '"*' for t in terms)
    matching: Select[Any] = (select(literal_column("rowid")).select_from(text("documents_fts"))
                .where(text("documents_fts MATCH :q").bindparams(q=fts)))
    return literal_column("documents.rowid").in_(matching)


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    status: str | None = None
    unit: str | None = None
    classification: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    urgency: str | None = None

    def __bool__(self) -> bool:
        return any(v is not None and v != "" for v in vars(self).values())

    def check(self) -> None:
        """A filter that can match nothing by its spelling is a mistake, not an empty result."""
        for value, known, what in ((self.kind, {k.value for k in DocKind}, "Jenis naskah"),
                                   (self.status, set(STATUS_LABELS), "Status"),
                                   (self.classification, {c.value for c in Classification}, "Sifat"),
                                   (self.urgency, {u.value for u in Urgency}, "Sifat kesegeraan")):
            if value and value not in known:
                raise BadInput(f"{what} tidak dikenal: {value[:40]} (pilihan: {', '.join(sorted(known))})")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadInput("Tanggal awal sesudah tanggal akhir")



def _unit_and_below(uow: UnitOfWork, top: int) -> set[int]:
    """A unit and every unit under it: "Dinas Kominfo" finds the letters of its bidang and seksi too."""
    children: dict[int | None, list[int]] = {}
    for unit_id, parent_id in uow.session.execute(select(Unit.id, Unit.parent_id)):
        children.setdefault(parent_id, []).append(unit_id)
    found, todo = set(), [top]
    while todo:
        unit_id = todo.pop()
        if unit_id not in found:
            found.add(unit_id)
            todo += children.get(unit_id, [])
    return found


def search(uow: UnitOfWork, actor: Actor, query: str, filters: Filters = Filters(), *, limit: int = 200
           ) -> list[LetterRow]:
    filters.check()
    terms = _terms(query, bool(filters))
    q = (select(Document, User.login).join(User, User.id == Document.created_by)
         .where(visible_clause(uow, actor)).order_by(Document.updated_at.desc()).limit(limit))
    if terms:
        q = q.where(_match(uow, terms))
    if filters.kind:
        q = q.where(Document.kind == filters.kind)
    if filters.status:
        q = q.where(Document.status == filters.status)
    if filters.classification:
        q = q.where(Document.classification == filters.classification)
    if filters.urgency:
        q = q.where(Document.urgency == filters.urgency)
    if filters.unit:
        q = q.where(Document.unit_id.in_(_unit_and_below(uow, uow.units.by_code(filters.unit).id)))
    if filters.date_from:
        q = q.where(Document.created_at >= dt.datetime.combine(filters.date_from, dt.time(), tzinfo=dt.UTC))
    if filters.date_to:
        end = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        q = q.where(Document.created_at < end)
    return named(uow, [LetterRow(d.id, d.kind, d.subject, d.status, d.number, d.urgency, d.direction, d.updated_at,
                                 login) for d, login in uow.session.execute(q)])
