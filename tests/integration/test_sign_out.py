"""Keluar / Ganti Pengguna (issue 14): the session forgets the person it held, on both back ends; with
per-user PostgreSQL roles the connection made with their password goes too, and the next person's reads are
their own."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from eoffice.app.session import Session
from eoffice.services.queries import list_letters
from eoffice.store.dbroles import role_name
from tests.integration.pgroles import userless


def test_sign_out_forgets_the_person_and_the_next_login_reads_as_the_next(content_url: str, home: Path,
                                                                          backend: str) -> None:
    url = userless(content_url) if backend == "postgresql" else content_url
    session = Session(url, home)
    try:
        first = session.login("staf.kominfo", "demo")
        mine = {r.id for r in session.read(lambda uow: list_letters(uow, first, mine=True))}
        assert mine
        session.unlocked["staf.kominfo"] = object()  # type: ignore[assignment]  # a key kept for the outbox
        if backend == "postgresql":
            assert make_url(str(session.engine.url)).username == role_name("staf.kominfo")
        session.sign_out()
        assert session.actor is None and session.unlocked == {} and session.cache is None
        if backend == "postgresql":  # the role's connection, made with the password, is gone
            assert session.per_user and make_url(str(session.engine.url)).username is None
        second = session.login("gubernur", "demo")
        theirs = {r.id for r in session.read(lambda uow: list_letters(uow, second, mine=True))}
        assert session.actor == second and not (theirs & mine)
    finally:
        session.close()
