"""Acting as demo users through their own PostgreSQL login roles (password "demo", SCRAM over TCP)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from sqlalchemy.engine import URL, Engine, make_url

from eoffice.services import auth
from eoffice.services.auth import Actor
from eoffice.store.dbroles import connect_as, role_name
from eoffice.store.uow import UnitOfWork, run_in_transaction

T = TypeVar("T")


def userless(url: str) -> str:
    """The database URL without user and password: what a client machine holds."""
    u = make_url(url)
    return URL.create(u.drivername, host=u.host, port=u.port, database=u.database).render_as_string()


class Roles:
    """One engine per login, each connected as that user's own role."""

    def __init__(self, url: str) -> None:
        self.url = userless(url)
        self.engines: dict[str, Engine] = {}

    def engine(self, login: str, password: str = "demo") -> Engine:
        if login not in self.engines:
            self.engines[login] = connect_as(self.url, login, password)
        return self.engines[login]

    def run(self, login: str, use_case: Callable[[UnitOfWork], T]) -> T:
        return run_in_transaction(self.engine(login), use_case)

    def actor(self, login: str) -> Actor:
        return self.run(login, lambda uow: auth.login(uow, login, "demo"))

    def close(self) -> None:
        for engine in self.engines.values():
            engine.dispose()


@contextmanager
def raw(url: str, login: str, password: str = "demo") -> Iterator[psycopg.Connection[Any]]:
    """A plain psycopg session as *login*'s role, autocommit: what an attacker with psql has."""
    u = make_url(url)
    conn = psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=role_name(login), password=password,
                           autocommit=True)
    try:
        yield conn
    finally:
        conn.close()
