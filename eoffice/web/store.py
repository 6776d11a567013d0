"""The page's only reads: the ``public_letters`` view (migration 0010). On PostgreSQL every connection
switches to the ``eoffice_web`` role, which may select from that view and nothing else, so even a bug here
cannot read a letter's content; on SQLite the connection is query-only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from eoffice.store.db import make_engine

WEB_ROLE = "eoffice_web"
_COLUMNS = ("id, number, letter_date, kind, subject, classification, status, signed_pdf_sha256, signer_name, "
            "signer_title, capacity, signed_at")


@dataclass(frozen=True)
class PublicLetter:
    id: str
    number: str | None
    letter_date: dt.datetime | None
    kind: str
    subject: str
    classification: str
    status: str
    signed_pdf_sha256: str
    signer_name: str
    signer_title: str
    capacity: str
    signed_at: dt.datetime | None


def _aware(value: Any) -> Any:
    if isinstance(value, str):  # SQLite returns the view's timestamps as text
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


class PublicLetters:
    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        base = make_engine(url, pool_size=pool_size)

        def restrict(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute(f"SET ROLE {WEB_ROLE}")
            cur.close()
            dbapi_conn.commit()

        if base.url.get_backend_name() == "postgresql":
            event.listen(base, "connect", restrict)
        self.engine: Engine = base.execution_options(eoffice_read_only=True)  # SQLite: query_only

    def _one(self, where: str, value: str) -> PublicLetter | None:
        with self.engine.connect() as conn:
            row = conn.execute(text(f"SELECT {_COLUMNS} FROM public_letters WHERE {where} = :v"), {"v": value}).first()
        if row is None:
            return None
        values = dict(row._mapping)
        for key in ("letter_date", "signed_at"):
            values[key] = _aware(values[key])
        return PublicLetter(**values)

    def by_id(self, doc_id: str) -> PublicLetter | None:
        return self._one("id", doc_id)

    def by_pdf(self, sha256: str) -> PublicLetter | None:
        return self._one("signed_pdf_sha256", sha256)

    def close(self) -> None:
        self.engine.dispose()
