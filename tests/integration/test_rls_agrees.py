"""One rule, two places: on generated organisations with letters of every classification and status, the
service-layer rule (services/access.py: visible_clause, on SQLite) and the row-level security policies
(store/security.py, each user connected as their own PostgreSQL role) let every user see the same letters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, text
from sqlalchemy.engine import Engine

from eoffice.domain import Classification, DocStatus
from eoffice.services.access import visible_clause
from eoffice.services.auth import actor_of
from eoffice.store.db import make_engine
from eoffice.store.models import Base, Document, User
from eoffice.store.uow import UnitOfWork
from tests.dbs import Databases
from tests.integration.pgroles import raw

T = Base.metadata.tables
NOW = dt.datetime.now(dt.UTC)
PASSWORD = "hx-sandi"
ORDER = ["units", "positions", "users", "delegations", "documents", "steps", "dispositions", "recipients"]
WINDOWS = {"active": (-1, 1), "expired": (-3, -1), "future": (1, 2), "revoked": (-1, 1)}


@dataclass
class Org:
    units: int
    position_parents: list[int | None]  # index of an earlier position, or None
    position_units: list[int]
    users: list[tuple[int | None, int]]  # (position index or None, unit index)
    delegations: list[tuple[int, int, str]]  # (delegator, delegate, window)
    letters: list[dict[str, Any]]


@st.composite
def orgs(draw: st.DrawFn) -> Org:
    units = draw(st.integers(1, 3))
    n_pos = draw(st.integers(1, 5))
    parents = [draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None for i in range(n_pos)]
    pos_units = [draw(st.integers(0, units - 1)) for _ in range(n_pos)]
    n_users = draw(st.integers(2, 5))
    users = [(draw(st.one_of(st.none(), st.integers(0, n_pos - 1))), draw(st.integers(0, units - 1)))
             for _ in range(n_users)]
    person = st.integers(0, n_users - 1)
    delegations = draw(st.lists(st.tuples(person, person, st.sampled_from(sorted(WINDOWS))), max_size=3))
    letter = st.fixed_dictionaries({
        "by": person, "classification": st.sampled_from(list(Classification)), "status": st.sampled_from(list(DocStatus)),
        "steps": st.lists(person, max_size=3), "dispositions": st.lists(st.tuples(person, person), max_size=2),
        "to_users": st.lists(person, max_size=2), "to_units": st.lists(st.integers(0, units - 1), max_size=2)})
    return Org(units, parents, pos_units, users, delegations, draw(st.lists(letter, max_size=10)))


def rows(org: Org) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in ORDER}
    for u in range(org.units):
        out["units"].append({"id": u + 1, "code": f"U{u}", "name": f"Unit {u}", "kind": "dinas",
                             "parent_id": 1 if u else None, "created_at": NOW})
    for p, (parent, unit) in enumerate(zip(org.position_parents, org.position_units, strict=True)):
        out["positions"].append({"id": p + 1, "code": f"P{p}", "title": f"Jabatan {p}", "unit_id": unit + 1,
                                 "parent_id": None if parent is None else parent + 1})
    for i, (pos, unit) in enumerate(org.users):
        out["users"].append({"id": i + 1, "login": f"hx{i}", "nip": f"{i:018d}", "name": f"Orang {i}",
                             "unit_id": unit + 1, "position_id": None if pos is None else pos + 1,
                             "password_hash": "-", "is_admin": False, "active": True, "created_at": NOW})
    for k, (frm, to, window) in enumerate(org.delegations):
        start, end = WINDOWS[window]
        out["delegations"].append({"id": k + 1, "delegator_id": frm + 1, "delegate_id": to + 1, "capacity": "plh",
                                   "starts_at": NOW + dt.timedelta(days=start), "ends_at": NOW + dt.timedelta(days=end),
                                   "revoked": window == "revoked", "created_at": NOW})
    for n, letter in enumerate(org.letters):
        doc = f"doc-{n}"
        out["documents"].append({"id": doc, "direction": "out", "kind": "nota_dinas", "subject": f"Hal {n}",
                                 "classification": letter["classification"].value, "status": letter["status"].value,
                                 "unit_id": 1, "created_by": letter["by"] + 1, "created_at": NOW, "updated_at": NOW})
        for s, who in enumerate(letter["steps"]):
            out["steps"].append({"id": f"{doc}-s{s}", "document_id": doc, "round": 1, "stage_name": "st",
                                 "stage_order": s, "kind": "paraf", "assignee_id": who + 1, "status": "waiting",
                                 "seq": s})
        for s, (frm, to) in enumerate(letter["dispositions"]):
            out["dispositions"].append({"id": f"{doc}-d{s}", "document_id": doc, "from_user_id": frm + 1,
                                        "to_user_id": to + 1, "instructions": {"items": []}, "created_at": NOW})
        for who in letter["to_users"]:
            out["recipients"].append({"document_id": doc, "role": "to", "label": "x", "user_id": who + 1,
                                      "unit_id": None})
        for unit in letter["to_units"]:
            out["recipients"].append({"document_id": doc, "role": "to", "label": "x", "user_id": None,
                                      "unit_id": unit + 1})
    return out


def load(engine: Engine, data: dict[str, list[dict[str, Any]]]) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(ORDER)} CASCADE"))
        else:
            for name in reversed(ORDER):
                conn.execute(T[name].delete())
        for name in ORDER:
            if data[name]:
                conn.execute(insert(T[name]), data[name])


@pytest.fixture
def pair(databases: Databases) -> Any:
    urls = databases.new("sqlite", seeded=False), databases.new("postgresql", seeded=False)
    engines = [make_engine(u) for u in urls]
    with engines[1].connect() as conn:
        raw_conn: Any = conn.connection.dbapi_connection
        verifier = raw_conn.pgconn.encrypt_password(PASSWORD.encode(), b"", b"scram-sha-256").decode()
    yield engines, urls[1], verifier
    for engine in engines:
        engine.dispose()
    for url in urls:
        databases.drop(url)


def both(pair: Any, org: Org) -> dict[str, tuple[set[str], set[str]]]:
    """login -> (letters by the service rule on SQLite, letters by the policies as the user's own role)."""
    (sqlite, pg), pg_url, verifier = pair
    data = rows(org)
    load(sqlite, data)
    load(pg, data)
    with pg.begin() as conn:
        for user in data["users"]:
            conn.execute(text("SELECT eoffice_set_login(:id, :v)"), {"id": user["id"], "v": verifier})
    out = {}
    for user in data["users"]:
        with UnitOfWork(sqlite, read_only=True) as uow:
            actor = actor_of(uow.session.get_one(User, user["id"]))
            by_service = set(uow.session.scalars(select(Document.id).where(visible_clause(uow, actor))))
        conn_: psycopg.Connection[Any]
        with raw(pg_url, user["login"], PASSWORD) as conn_:
            by_policy = {r[0] for r in conn_.execute("SELECT id FROM documents")}
            steps = {r[0] for r in conn_.execute("SELECT DISTINCT document_id FROM steps")}
        assert steps <= by_policy  # a child row only of a visible letter
        out[user["login"]] = (by_service, by_policy)
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(org=orgs())
def test_the_policies_and_the_service_rule_show_every_user_the_same_letters(pair: Any, org: Org) -> None:
    for login, (by_service, by_policy) in both(pair, org).items():
        assert by_policy == by_service, login


def test_a_known_organisation_sees_what_the_rule_says(pair: Any) -> None:
    """hx0 heads hx1 and stands in for no one; hx2 (no position) stands in for hx0 and has a step on doc-3."""
    letter = {"steps": [], "dispositions": [], "to_users": [], "to_units": []}
    org = Org(units=2, position_parents=[None, 0], position_units=[0, 0], users=[(0, 0), (1, 0), (None, 1)],
              delegations=[(0, 2, "active"), (1, 2, "expired")], letters=[
                  {**letter, "by": 1, "classification": Classification.BIASA, "status": DocStatus.DRAFT},
                  {**letter, "by": 1, "classification": Classification.RAHASIA, "status": DocStatus.DRAFT},
                  {**letter, "by": 2, "classification": Classification.BIASA, "status": DocStatus.DISPATCHED,
                   "to_units": [0]},
                  {**letter, "by": 1, "classification": Classification.RAHASIA, "status": DocStatus.IN_REVIEW,
                   "steps": [2]},
                  {**letter, "by": 0, "classification": Classification.RAHASIA, "status": DocStatus.DRAFT}])
    seen = both(pair, org)
    assert seen["hx0"][1] == {"doc-0", "doc-2", "doc-4"}
    assert seen["hx1"][1] == {"doc-0", "doc-1", "doc-2", "doc-3"}
    assert seen["hx2"][1] == {"doc-2", "doc-3", "doc-4"}
    for login, (by_service, by_policy) in seen.items():
        assert by_policy == by_service, login
