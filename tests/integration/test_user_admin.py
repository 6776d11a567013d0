"""An admin manages users through the desktop's front door (the commands the Pengguna tab sends), on both back
ends; on PostgreSQL as the admin's own login role, and deactivation disables the user's role (a raw connection
is refused) until reactivation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import select

from eoffice.domain import EofficeError
from tests.integration.pgroles import raw, userless


def _refused(url: str, login: str, password: str) -> None:
    with pytest.raises(psycopg.OperationalError), raw(url, login, password):
        pass


def _accepted(url: str, login: str, password: str) -> None:
    with raw(url, login, password) as conn:
        assert conn.execute("SELECT session_user").fetchone() == (f"eo_{login}",)


@pytest.fixture
def desks(demo_url: str, backend: str, home: Path) -> Iterator[tuple[Any, Any]]:
    """(the admin's desktop session, another machine's for logging in as others)."""
    from eoffice.app.desktop import Desktop

    url = userless(demo_url) if backend == "postgresql" else demo_url
    mine, theirs = Desktop(url, home / "admin"), Desktop(url, home / "other")
    yield mine, theirs
    mine.close()
    theirs.close()


def test_admin_edits_deactivates_reactivates_and_resets_a_user(desks: tuple[Any, Any], demo_url: str,
                                                               backend: str) -> None:
    from eoffice.store.db import make_engine
    from eoffice.store.models import AuditEvent

    d, other = desks
    admin = d.login("admin", "demo")
    info = d.edit_user(admin, "staf.kominfo", unit_code="DISKOMINFO-B2-S1", position_code="KASI-DISKOMINFO-2",
                       nip="199203042019031002", pangkat="Penata (III/c)", gelar_belakang="S.Kom.")
    assert (info.unit, info.position, info.nip, info.pangkat, info.gelar_belakang) == (
        "DISKOMINFO-B2-S1", "KASI-DISKOMINFO-2", "199203042019031002", "Penata (III/c)", "S.Kom.")
    assert info.title == "Kepala Seksi Pengelolaan Informasi Publik"
    taken = next(u.nip for u in d.users() if u.login == "kasi1.kominfo")
    with pytest.raises(EofficeError, match="sudah terdaftar"):
        d.edit_user(admin, "staf.kominfo", nip=taken)
    with pytest.raises(EofficeError, match="Unit"):
        d.edit_user(admin, "staf.kominfo", unit_code="TIDAK-ADA")

    d.edit_user(admin, "staf.kominfo", active=False)
    with pytest.raises(EofficeError):
        other.login("staf.kominfo", "demo")
    if backend == "postgresql":
        _refused(demo_url, "staf.kominfo", "demo")  # the role itself, not only the app's check
    d.edit_user(admin, "staf.kominfo", active=True)
    assert other.login("staf.kominfo", "demo").login == "staf.kominfo"
    if backend == "postgresql":
        _accepted(demo_url, "staf.kominfo", "demo")

    d.set_password(admin, "staf.kominfo", "sandi-baru-uji")
    assert other.login("staf.kominfo", "sandi-baru-uji").login == "staf.kominfo"
    with pytest.raises(EofficeError):
        other.login("staf.kominfo", "demo")
    if backend == "postgresql":
        _refused(demo_url, "staf.kominfo", "demo")
        _accepted(demo_url, "staf.kominfo", "sandi-baru-uji")
    engine = make_engine(demo_url)
    try:
        with engine.connect() as conn:
            events = conn.execute(select(AuditEvent.action, AuditEvent.data).order_by(AuditEvent.id)).all()
    finally:
        engine.dispose()
    actions = [a for a, _ in events]
    assert actions.count("user.edit") == 3 and actions.count("user.passwd") == 1
    assert not any("sandi-baru-uji" in str(data) for _, data in events)  # the password is never recorded
