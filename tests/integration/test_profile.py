"""The profile and the local cache are private to their user (directories 0700, files 0600), and a password
changed on the server takes effect in the offline login from the next online login; on both back ends."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from eoffice.app.desktop import Desktop as Backend
from eoffice.domain import NotAuthorized
from eoffice.services import audit, org
from eoffice.sync.mirror import cache_path
from tests.integration.helpers import actor, run
from tests.ui.test_offline import DEAD


def test_every_profile_path_is_private(content_url: str, home: Path) -> None:
    os.umask(0o022)  # the usual umask: the modes must not depend on it
    b = Backend(content_url, home)
    try:
        kasi, _ = b.login_and_load("kasi1.kominfo", "demo", lambda a: None)
        b.sync(kasi)
        run(b.engine, lambda uow: audit.verify(uow, home))
    finally:
        b.close()
    assert cache_path(home, "kasi1.kominfo").exists() and (home / "audit_head.json").exists()
    assert (home / "trust" / "roots.pem").exists() and (home / "ca").is_dir() and (home / "keys").is_dir()
    paths = [home, *home.rglob("*")]
    wrong = [f"{p.relative_to(home)} {stat.filemode(p.stat().st_mode)}" for p in paths
             if stat.S_IMODE(p.stat().st_mode) != (0o700 if p.is_dir() else 0o600)]
    assert wrong == []


def test_a_changed_password_takes_effect_offline_at_the_next_online_login(content_url: str, home: Path) -> None:
    b = Backend(content_url, home)
    try:
        kasi, _ = b.login_and_load("kasi1.kominfo", "demo", lambda a: None)
        b.sync(kasi)  # worked here: the cache (with this user's hash) is on this machine
        admin = actor(b.engine, "admin")
        run(b.engine, lambda uow: org.set_password(uow, admin, login="kasi1.kominfo", password="baru-sekali"))
        b.login_and_load("kasi1.kominfo", "baru-sekali", lambda a: None)  # online once, no pull
    finally:
        b.close()
    away = Backend(DEAD, home)
    try:
        with pytest.raises(NotAuthorized):
            away.login_and_load("kasi1.kominfo", "demo", lambda a: None)
        who, _ = away.login_and_load("kasi1.kominfo", "baru-sekali", lambda a: None)
        assert who.login == "kasi1.kominfo" and away.offline
    finally:
        away.close()


def test_a_file_written_into_a_shared_directory_leaves_the_directory_alone(tmp_path: Path) -> None:
    """A sticky, world-writable directory (like /tmp) is never made private: a 0700 /tmp locks every other
    user, a database server's sockets included, out of it. The file itself is still 0600."""
    from eoffice.profile import private_dir, write_private
    from eoffice.sync.mirror import open_cache

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    written = write_private(shared / "kunci.pem", b"x")
    open_cache(shared / "sub" / "c.db").dispose()  # a cache beside the profile's: its own directory only
    private_dir(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE((shared / "sub").stat().st_mode) == 0o700
