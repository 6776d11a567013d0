"""Under row-level security, planning a statement's policies costs more than running it (1-2 ms against
0.2-0.5), so the reads a screen repeats must keep reusing PostgreSQL's generic plan. A constant bound as a
parameter (a status, a direction, a page's LIMIT) makes the server plan the statement at every call instead
(store/plans.py). The test database is too small for the server to prefer a custom plan, so the test also
checks the cause: no status, kind, direction or LIMIT is bound as a parameter of these reads."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from eoffice.app import queries as app_queries
from eoffice.domain import Classification, DocKind, DocStatus, StageKind, Urgency
from eoffice.services import queries, routing
from eoffice.workflow.state import StepStatus
from tests.integration.helpers import draft
from tests.integration.pgroles import Roles

CALLS = 16  # psycopg prepares a statement after 5 runs; the server's plan cache decides after 5 custom plans


@pytest.fixture
def backend() -> str:  # the plan cache is PostgreSQL's
    return "postgresql"


@pytest.mark.parametrize("login", ["staf.kominfo", "kepala.kominfo", "gubernur"])
def test_the_hot_reads_reuse_one_plan_as_the_users_role(content_url: str, content_engine: Engine,
                                                        login: str) -> None:
    draft(content_engine, "staf.kominfo", subject="Rencana kerja")
    roles = Roles(content_url)
    try:
        actor = roles.actor(login)
        hot = {"counts": lambda uow: app_queries.counts(uow, actor),
               "inbox": lambda uow: routing.inbox(uow, actor),
               "list page": lambda uow: queries.list_letters(uow, actor, limit=500),
               "Draf list": lambda uow: queries.list_letters(uow, actor, statuses={"draft", "returned"},
                                                             mine=True, limit=500)}
        bound: list[tuple[str, Any]] = []
        event.listen(roles.engine(login), "before_cursor_execute",
                     lambda _c, _cur, statement, params, _ctx, _many: bound.extend(
                         (" ".join(statement.split())[:120], v) for v in (params or {}).values()))
        for _ in range(CALLS):
            for use_case in hot.values():
                roles.run(login, use_case)
        plans = roles.run(login, lambda uow: uow.session.execute(text(
            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")).all())
    finally:
        roles.close()
    constants = {*(v.value for e in (DocKind, DocStatus, Classification, Urgency, StageKind, StepStatus) for v in e),
                 "in", "out", "done", "reminder", 500}
    assert not [(statement, v) for statement, v in bound if v in constants]
    repeated = [(s, g, c) for s, g, c in plans if g + c >= CALLS - 5]
    assert len(repeated) >= 5, plans  # the counts' statements, the inbox's, the two list pages
    replanned = [" ".join(s.split())[:160] for s, g, c in repeated if c > 5]
    assert not replanned, replanned
