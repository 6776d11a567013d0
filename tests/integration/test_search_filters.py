"""Search with filters and no words (issue 14, "Missing"): the filters alone list what they keep, within what
the actor may see (on PostgreSQL through the database's own row rules); a misspelt filter is bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from eoffice.domain import BadInput
from eoffice.services.queries import list_letters
from eoffice.services.search import Filters, search
from tests.integration.helpers import actor, draft, run


def test_filters_without_words_list_what_they_keep(content_engine: Engine) -> None:
    staff, outsider = actor(content_engine, "staf.kominfo"), actor(content_engine, "staf.bappeda")
    mine = draft(content_engine, "staf.kominfo", subject="Pengadaan kerbau")
    drafts = run(content_engine, lambda uow: search(uow, staff, "", Filters(status="draft")))
    assert mine in {r.id for r in drafts} and {r.status for r in drafts} == {"draft"}
    seen = {r.id for r in run(content_engine, lambda uow: list_letters(uow, staff, limit=500))}
    assert {r.id for r in drafts} <= seen  # never more than the actor may see
    assert mine not in {r.id for r in run(content_engine, lambda uow: search(uow, outsider, "", Filters(
        status="draft")))}
    notas = run(content_engine, lambda uow: search(uow, staff, "", Filters(kind="nota_dinas", unit="DISKOMINFO")))
    assert notas and {r.kind for r in notas} == {"nota_dinas"}
    today = dt.datetime.now(dt.UTC).date()
    assert mine in {r.id for r in run(content_engine, lambda uow: search(uow, staff, "kerbau", Filters(
        date_from=today, date_to=today, classification="biasa")))}
    assert run(content_engine, lambda uow: search(uow, staff, "kerbau", Filters(classification="rahasia"))) == []


@pytest.mark.parametrize(("filters", "message"), [
    (Filters(), "kosong"),
    (Filters(kind="nota dinas"), "Jenis naskah tidak dikenal"),
    (Filters(status="selesai"), "Status tidak dikenal"),
    (Filters(classification="sangat rahasia"), "Sifat tidak dikenal"),
    (Filters(date_from=dt.date(2026, 12, 2), date_to=dt.date(2026, 12, 1)), "sesudah"),
])
def test_a_misspelt_filter_is_bad_input(content_engine: Engine, filters: Filters, message: str) -> None:
    staff = actor(content_engine, "staf.kominfo")
    with pytest.raises(BadInput, match=message):
        run(content_engine, lambda uow: search(uow, staff, " ", filters))

