"""Search with filters on PostgreSQL as the user's own login role: the rows come through the database's
policies (the SQLite run of the same filters is tests/integration/test_search_filters.py)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from eoffice.services.search import Filters, search
from tests.integration.helpers import draft
from tests.integration.pgroles import Roles


@pytest.fixture
def backend() -> str:  # the database itself enforces access only on PostgreSQL
    return "postgresql"


def test_filters_under_the_database_row_rules(content_url: str, content_engine: Engine) -> None:
    mine = draft(content_engine, "staf.kominfo", subject="Pengadaan kerbau")
    roles = Roles(content_url)
    try:
        staff, outsider = roles.actor("staf.kominfo"), roles.actor("staf.bappeda")
        found = roles.run("staf.kominfo", lambda uow: search(uow, staff, "", Filters(unit="DISKOMINFO",
                                                                                       status="draft")))
        assert mine in {r.id for r in found} and {r.status for r in found} == {"draft"}
        assert mine not in {r.id for r in roles.run("staf.bappeda", lambda uow: search(
            uow, outsider, "kerbau", Filters(unit="DISKOMINFO")))}
    finally:
        roles.close()
