"""One search, two places: on the demo organisation plus generated letters (every kind, status, sifat,
classification, routed, addressed and disposed over the demo's people), the page that the service-layer rule
gives on SQLite and the page that eoffice_search gives under the policies on PostgreSQL (each user connected as
their own role; and as the owner, with the service-layer rule) hold the same letters in the same order, page
after page, with words, filters, both and a keyset."""

from __future__ import annotations

import datetime as dt
import functools
import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from eoffice.domain import Classification, DocKind, DocStatus, Urgency
from eoffice.services.auth import Actor
from eoffice.services.queries import Cursor, LetterRow, cursor
from eoffice.services.search import Filters, search
from eoffice.store.db import make_engine
from eoffice.store.models import Base, Document, Unit, User
from eoffice.store.uow import UnitOfWork
from tests.dbs import Databases
from tests.integration.helpers import actor, run
from tests.integration.pgroles import Roles

T = Base.metadata.tables
Reader = Callable[[Callable[[UnitOfWork], list[LetterRow]]], list[LetterRow]]
USERS = ["staf.kominfo", "staf.bappeda", "kepala.kominfo", "sekda", "gubernur"]
WORDS = ["jaringan", "anggaran", "rapat", "laporan", "server", "data", "aplikasi"]
START = dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)
SEARCHES = [("jaringan", Filters()), ("rapat anggaran", Filters()), ("serv", Filters()),
            ("", Filters(status=DocStatus.DISPATCHED.value)), ("", Filters(unit="DISKOMINFO")),
            ("data", Filters(kind=DocKind.NOTA_DINAS.value, date_from=dt.date(2026, 1, 3))),
            ("", Filters(classification=Classification.RAHASIA.value)),
            ("laporan", Filters(urgency=Urgency.SEGERA.value, date_to=dt.date(2026, 1, 4)))]


def letters(engine: Engine, n: int = 240, seed: int = 11) -> dict[str, list[dict[str, Any]]]:
    """The same letters for any database of the demo (people and units by login and code)."""
    rng = random.Random(seed)
    with engine.connect() as conn:
        people = sorted(conn.execute(select(User.login, User.id, User.unit_id)).all())
        ids = [unit for _code, unit in sorted(conn.execute(select(Unit.code, Unit.id)).all())]
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in ("documents", "steps", "recipients", "dispositions")}
    for k in range(n):
        _login, by, unit = rng.choice(people)
        doc = str(uuid.UUID(int=rng.getrandbits(128)))
        at = START + dt.timedelta(hours=k // 3)  # three letters an hour: ties on updated_at are ordered by id
        subject = " ".join(rng.sample(WORDS, 3)).capitalize()
        out["documents"].append({
            "id": doc, "direction": "out", "kind": rng.choice(list(DocKind)).value, "subject": subject,
            "urgency": rng.choice(list(Urgency)).value, "classification": rng.choice(list(Classification)).value,
            "status": rng.choice(list(DocStatus)).value, "unit_id": unit, "created_by": by, "search_text": subject,
            "created_at": at, "updated_at": at + dt.timedelta(minutes=rng.choice([0, 0, 5]))})
        for s in range(rng.randint(0, 2)):
            out["steps"].append({"id": f"{doc}-{s}", "document_id": doc, "round": 1, "stage_name": "st",
                                 "stage_order": s, "kind": "paraf", "assignee_id": rng.choice(people)[1],
                                 "status": "waiting", "seq": s})
        out["recipients"].append({"document_id": doc, "role": "to", "label": "x", "unit_id": rng.choice(ids),
                                  "user_id": None})
        if rng.random() < 0.2:
            out["recipients"].append({"document_id": doc, "role": "to", "label": "x", "unit_id": None,
                                      "user_id": rng.choice(people)[1]})
        if rng.random() < 0.1:
            out["dispositions"].append({"id": str(uuid.UUID(int=rng.getrandbits(128))), "document_id": doc, "from_user_id": rng.choice(people)[1],
                                        "to_user_id": rng.choice(people)[1], "instructions": {"items": []},
                                        "created_at": at})
    return out


@pytest.fixture
def pair(databases: Databases) -> Iterator[tuple[Engine, Engine, str]]:
    urls = databases.new("sqlite", seeded=True), databases.new("postgresql", seeded=True)
    engines = [make_engine(u) for u in urls]
    for engine in engines:
        data = letters(engine)
        with engine.begin() as conn:
            for table in ("documents", "steps", "recipients", "dispositions"):
                conn.execute(insert(T[table]), data[table])
    yield engines[0], engines[1], urls[1]
    for engine in engines:
        engine.dispose()
    for url in urls:
        databases.drop(url)


def one(read: Reader, who: Actor, query: str, filters: Filters, size: int, after: Cursor | None = None
        ) -> list[LetterRow]:
    return read(lambda uow: search(uow, who, query, filters, limit=size, after=after))


def pages(read: Reader, who: Actor, query: str, filters: Filters, size: int) -> list[list[LetterRow]]:
    """Every page of a search, each after the last row of the one before."""
    out: list[list[LetterRow]] = []
    after = None
    while page := one(read, who, query, filters, size, after):
        out.append(page)
        after = cursor(page[-1])
        assert len(out) < 100, "the pages do not move on"
    return out


def shown(rows: list[LetterRow]) -> list[tuple[Any, ...]]:
    return [(r.id, r.subject, r.status, r.updated_at, r.drafter, r.drafter_name) for r in rows]


def test_the_search_pages_agree_on_both_back_ends(pair: tuple[Engine, Engine, str]) -> None:
    sqlite, owner, pg_url = pair
    roles = Roles(pg_url)
    try:
        found = 0
        for login in USERS:
            readers: dict[str, tuple[Reader, Actor]] = {
                "sqlite": (functools.partial(run, sqlite), actor(sqlite, login)),
                "owner": (functools.partial(run, owner), actor(owner, login)),
                "role": (functools.partial(roles.run, login), roles.actor(login))}
            for query, filters in SEARCHES:
                what = (login, query, filters)
                whole = shown(one(*readers["sqlite"], query, filters, 1000))
                for name, (read, who) in readers.items():
                    assert shown(one(read, who, query, filters, 1000)) == whole, (name, what)
                    got = pages(read, who, query, filters, 7)
                    assert shown([r for page in got for r in page]) == whole, (name, what)
                    assert all(len(page) == 7 for page in got[:-1]), (name, what)
                found += len(whole)
                if login == "staf.bappeda" and not filters:  # the rule hides some of what the words match
                    assert len(whole) < _matching(sqlite, query), what
        assert found > 200  # the searches find letters, not only nothing
    finally:
        roles.close()


def _matching(engine: Engine, query: str) -> int:
    """Letters whose subject holds the query's words (as prefixes), seen or not."""
    with engine.connect() as conn:
        subjects = conn.execute(select(Document.subject)).scalars().all()
    return sum(all(any(w.startswith(q) for w in s.lower().split()) for q in query.split()) for s in subjects)
