"""eoffice holiday add|list|remove: the calendar sifat deadlines count working days over (admin writes)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.cli import Result, assert_one_line_error, run


def _as(url: str, home: Path, user: str, *args: str) -> Result:
    return run(*args, db=url, home=home, user=user, password="demo")


def test_holiday_calendar_verbs(demo_url: str, home: Path) -> None:
    listed = _as(demo_url, home, "staf.kominfo", "holiday", "list", "--year", "2026", "--json").json()
    assert {"day": "2026-08-17", "name": "Hari Kemerdekaan Republik Indonesia", "kind": "nasional"} in listed
    assert _as(demo_url, home, "admin", "holiday", "add", "2026-11-27", "Pilkada serentak").code == 0
    denied = _as(demo_url, home, "staf.kominfo", "holiday", "add", "2026-11-30", "Libur")
    assert denied.code == 1
    bad = _as(demo_url, home, "admin", "holiday", "add", "2026-13-01", "Libur")
    assert_one_line_error(bad, 2)
    dup = _as(demo_url, home, "admin", "holiday", "add", "2026-11-27", "Lagi")
    assert_one_line_error(dup, 2)
    days = [h["day"] for h in _as(demo_url, home, "admin", "holiday", "list", "--json").json()]
    assert "2026-11-27" in days
    assert _as(demo_url, home, "admin", "holiday", "remove", "2026-11-27").code == 0
    days = [h["day"] for h in _as(demo_url, home, "admin", "holiday", "list", "--json").json()]
    assert "2026-11-27" not in days
