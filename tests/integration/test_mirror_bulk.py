"""The first pull's bulk path (eoffice/sync/mirror.py): the rows land in the cache exactly as the server has
them, whatever the batch and fetch sizes, and the pull leaves the cache's connections as it found them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import or_, select, text
from sqlalchemy.engine import Engine

from eoffice.store.models import Base
from eoffice.sync import mirror
from eoffice.sync.mirror import open_cache, pull
from tests.integration.helpers import actor

T = Base.metadata.tables


def _rows(engine: Engine, table: str, letters: list[str]) -> list[tuple[Any, ...]]:
    t = T[table]
    columns = [c for c in t.c if not (table == "blobs" and c.name == "data")]
    if table == "documents":
        where = t.c.id.in_(letters)
    elif table == "decisions":
        where = t.c.step_id.in_(select(T["steps"].c.id).where(T["steps"].c.document_id.in_(letters)))
    elif table == "blobs":  # the files the letters' rows name
        where = or_(*(t.c.sha256.in_(select(T[name].c[col]).where(T[name].c[key].in_(letters)))
                      for name, key in (("documents", "id"), ("document_versions", "document_id"),
                                        ("attachments", "document_id"))
                      for col in mirror.BLOB_COLUMNS[name]))
    else:
        where = t.c.document_id.in_(letters)
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(*columns).where(where).order_by(*t.primary_key.columns))]


@pytest.mark.parametrize("batch", [2, 1000])
def test_the_first_pull_copies_every_row_as_the_server_has_it(content_engine: Engine, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    monkeypatch.setattr(mirror, "LETTER_BATCH", batch)
    staff = actor(content_engine, "staf.kominfo")
    cache = open_cache(tmp_path / "staf.db")
    got = pull(content_engine, cache, staff, "server-a")
    with cache.connect() as conn:
        letters = sorted(conn.scalars(select(T["documents"].c.id)))
    assert got.letters == len(letters) > 2
    for table in ("documents", *mirror.LETTER_TABLES, "decisions", "blobs"):
        on_server = _rows(content_engine, table, letters)
        assert _rows(cache, table, letters) == on_server, table
        assert on_server or table in ("attachments", "route_notes", "dispositions"), table  # the demo has them


def test_the_pull_gives_back_its_connections_with_sqlites_own_page_cache(content_engine: Engine,
                                                                        tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "staf.db")
    pull(content_engine, cache, actor(content_engine, "staf.kominfo"), "server-a")
    with cache.connect() as conn:
        assert conn.execute(text("PRAGMA cache_size")).scalar_one() == mirror.SQLITE_CACHE_KIB
