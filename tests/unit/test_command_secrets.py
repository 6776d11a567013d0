"""A password never goes into a command: commands are canonical JSON, which an outbox row stores, a signed
statement covers (its digest) and a log may show. The password travels beside the command
(``Session.execute(..., secret=...)``), in memory only; admin writes are never queued offline."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from eoffice.app import commands as c
from eoffice.app.desktop import Desktop
from eoffice.app.offline import enqueue, queueable
from eoffice.domain import BadInput
from eoffice.services.auth import Actor
from eoffice.store.db import make_engine
from eoffice.sync import outbox

PASSWORD = "rahasia-sekali-42"
SECRET_WORDS = ("password", "passphrase", "secret", "sandi", "pin")
ADMIN = Actor(user_id=1, login="admin", name="Admin", is_admin=True, unit_id=1, position_id=None)


def test_no_command_has_a_field_for_a_secret() -> None:
    offenders = [f"{name}.{f.name}" for name, cls in c.COMMANDS.items() for f in dataclasses.fields(cls)
                 if any(word in f.name.lower() for word in SECRET_WORDS)]
    assert offenders == []


def test_a_payload_carrying_a_password_is_refused() -> None:
    with pytest.raises(BadInput, match="password"):
        c.Command.from_json({"type": "set_password", "payload": {"login": "x", "password": PASSWORD}})


def _captured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Desktop, list[tuple[c.Command, Any]]]:
    desktop = Desktop(f"sqlite:///{tmp_path / 'e.db'}", tmp_path / "home")  # no connection is made
    calls: list[tuple[c.Command, Any]] = []
    monkeypatch.setattr(desktop, "execute", lambda command, **kw: calls.append((command, kw)))
    return desktop, calls


def test_the_desktop_passes_a_new_users_password_beside_the_command(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    desktop, calls = _captured(tmp_path, monkeypatch)
    desktop.add_user(ADMIN, login="baru", nip="199001012020121001", name="Pegawai Baru", unit_code="SETDA",
                     password=PASSWORD)
    [(command, kw)] = calls
    assert isinstance(command, c.AddUser) and kw["secret"] == PASSWORD
    assert PASSWORD.encode() not in command.to_json()
    assert PASSWORD not in repr(command)


@pytest.mark.parametrize("command", [
    c.AddUser(login="baru", nip="199001012020121001", name="Pegawai Baru", unit_code="SETDA"),
    c.SetPassword(login="baru"),
])
def test_the_outbox_refuses_admin_writes(command: c.Command, tmp_path: Path) -> None:
    cache = make_engine(f"sqlite:///{tmp_path / 'cache.db'}")
    outbox.create(cache)
    assert not queueable(command)
    with pytest.raises(BadInput, match="tidak dapat diantrekan"):
        enqueue(cache, command, ADMIN, None)
    assert outbox.count(cache, ADMIN.login, outbox.STATUSES) == 0


def test_a_handlers_dependencies_do_not_show_the_secret(tmp_path: Path) -> None:
    from eoffice.app.bus import Deps

    deps = Deps(session=Desktop(f"sqlite:///{tmp_path / 'e.db'}", tmp_path / "home"), actor=ADMIN, secret=PASSWORD)
    assert deps.secret == PASSWORD and PASSWORD not in repr(deps)
