"""Full-text search over letters the actor may see, with filters (kind, status, unit, sifat, urgency, a date
range); with a filter the words may be left out: every letter the filters keep, newest first.

PostgreSQL: the Indonesian snowball stemmer over a GIN-indexed tsvector (table documents_fts). SQLite: FTS5 (unicode61,
diacritics folded, no stemming). Both match every word of the query as a prefix.

Connected as the user's own role (PostgreSQL), one call of eoffice_search (store/security.py) returns the page:
the index, the filters, the documents policy's rule and the order in one pass. Otherwise (SQLite; PostgreSQL as
the owner) the same page comes from one query under the service-layer rule (access.visible_clause).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)

from eoffice.domain import STATUS_LABELS, BadInput, Classification, DocKind, Urgency
from eoffice.services.access import visible_clause
from eoffice.services.auth import Actor
from eoffice.services.queries import Cursor, LetterRow, named, older_than
from eoffice.store.dbroles import enforced
from eoffice.store.models import Document, Unit, User, UTCDateTime
from eoffice.store.uow import UnitOfWork

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def _terms(query: str, filtered: bool) -> list[str]:
    terms: list[str] = WORD.findall(query.lower())[:MAX_TERMS]
    if not terms and not filtered:
        raise BadInput("Kata kunci pencarian kosong")
    return terms


def _tsquery(terms: list[str]) -> ColumnElement[Any]:
    # The words and the configuration inline, not parameters: psycopg prepares a statement run often, and
    # PostgreSQL's generic plan for it then guesses the matches without the query (measured on the owner's
    # path: 35 ms became 410 ms from the 11th search on).
    words = bindparam("words", " & ".join(f"{t}:*" for t in terms), String, literal_execute=True)
    return func.to_tsquery(literal_column("'indonesian'::regconfig"), words)


def _match(uow: UnitOfWork, terms: list[str]) -> ColumnElement[bool]:
    """Letters whose search text holds every term, as a prefix: the service-layer path (SQLite; PostgreSQL as
    the owner). As a user's own role the database matches them itself, in eoffice_search."""
    if uow.dialect == "postgresql":
        # documents_fts(document_id, search_tsv): to_tsvector('indonesian', search_text), kept by triggers
        # (migration 0005), GIN-indexed, off the documents row so status changes never touch it.
        fts = table("documents_fts", column("document_id"), column("search_tsv"))
        return Document.id.in_(select(fts.c.document_id).where(fts.c.search_tsv.op("@@")(_tsquery(terms))))
    fts5 = " ".join('"' + t.replace('"', '""') + '"*' for t in terms)
    matching: Select[Any] = (select(literal_column("rowid")).select_from(text("documents_fts"))
                .where(text("documents_fts MATCH :q").bindparams(q=fts5)))
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


def search(uow: UnitOfWork, actor: Actor, query: str, filters: Filters = Filters(), *, limit: int = 200,
           after: Cursor | None = None) -> list[LetterRow]:
    """The newest letters (updated_at, then id) that match, *limit* at most; *after* (queries.cursor of the
    last row) gives the next page."""
    filters.check()
    terms = _terms(query, bool(filters))
    units = sorted(_unit_and_below(uow, uow.units.by_code(filters.unit).id)) if filters.unit else None
    since = dt.datetime.combine(filters.date_from, dt.time(), tzinfo=dt.UTC) if filters.date_from else None
    until = (dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
             if filters.date_to else None)
    if enforced(uow.engine):  # the database applies the rule: one call returns the page
        page = func.eoffice_search(
            _tsquery(terms) if terms else literal_column("NULL::tsquery"),
            *[bindparam(None, v or None, String) for v in (filters.kind, filters.status, filters.classification,
                                                           filters.urgency)],
            bindparam(None, units, ARRAY(Integer)), bindparam(None, since, UTCDateTime),
            bindparam(None, until, UTCDateTime), bindparam(None, after[0] if after else None, UTCDateTime),
            bindparam(None, after[1] if after else None, String), bindparam(None, limit, Integer),
        ).table_valued("id", "kind", "subject", "status", "number", "urgency", "direction",
                       column("updated_at", UTCDateTime), "drafter")
        rows = [LetterRow(**r._mapping) for r in uow.session.execute(select(*page.c))]
        return named(uow, rows)
    where = [visible_clause(uow, actor)]
    if terms:
        where.append(_match(uow, terms))
    for col, value in ((Document.kind, filters.kind), (Document.status, filters.status),
                       (Document.classification, filters.classification), (Document.urgency, filters.urgency)):
        if value:
            where.append(col == value)
    if units is not None:
        where.append(Document.unit_id.in_(units))
    if since is not None:
        where.append(Document.created_at >= since)
    if until is not None:
        where.append(Document.created_at < until)
    if after is not None:
        where.append(older_than(after))
    q = (select(Document.id, Document.kind, Document.subject, Document.status, Document.number, Document.urgency,
                Document.direction, Document.updated_at, User.login).join(User, User.id == Document.created_by)
         .where(*where).order_by(Document.updated_at.desc(), Document.id.desc()).limit(limit))
    return named(uow, [LetterRow(*r) for r in uow.session.execute(q)])
