"""`eoffice sync --once`: the real CLI fills the user's local cache, then brings only what changed."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.cli import assert_one_line_error, run


def sync(url: str, home: Path, user: str, *args: str) -> dict[str, object]:
    r = run("sync", "--once", "--json", *args, db=url, home=home, user=user, password="demo")
    assert r.code == 0, r.err
    out: dict[str, object] = r.json()
    return out


def test_sync_once_fills_the_cache_then_brings_changes_only(content_url: str, home: Path) -> None:
    first = sync(content_url, home, "kasi1.kominfo")
    assert first["first"] is True and int(str(first["letters"])) > 0
    assert Path(str(first["cache"])) == home / "cache" / "kasi1.kominfo.db" and Path(str(first["cache"])).exists()
    again = sync(content_url, home, "kasi1.kominfo")
    assert again["first"] is False and again["letters"] == 0 and again["checkpoint"] == first["checkpoint"]
    human = run("sync", "--once", db=content_url, home=home, user="kasi1.kominfo", password="demo")
    assert human.code == 0 and human.out.startswith("Sinkron: 0 naskah diperbarui")


def test_sync_refuses_bad_input_in_one_line(content_url: str, home: Path) -> None:
    assert_one_line_error(run("sync", "--once", "--interval", "1", db=content_url, home=home, user="kasi1.kominfo",
                              password="demo"), 2, "--interval minimal 5 detik")
    blocked = home / "cache"
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("not a directory")  # the cache cannot be made here
    assert_one_line_error(run("sync", "--once", db=content_url, home=home, user="kasi1.kominfo", password="demo"),
                          2, "Cache tidak dapat dibuka")
    assert_one_line_error(run("sync", "--once", db=content_url, home=home, user="kasi1.kominfo", password="salah"),
                          1, "Login gagal")
