"""The CLI on a shared PostgreSQL with a URL without a user: it connects as the acting user's own role
(password from EOFFICE_PASSWORD, never an argument), and the database decides what that user may do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli import assert_one_line_error, run
from tests.integration.pgroles import userless


@pytest.fixture
def backend() -> str:
    return "postgresql"


def test_user_list_as_own_role_shows_db_roles(demo_url: str, home: Path) -> None:
    url = userless(demo_url)
    listed = run("user", "list", "--json", db=url, home=home, user="staf.kominfo", password="demo")
    assert listed.code == 0, listed.err
    roles = {u["login"]: u["db_role"] for u in listed.json()}
    assert roles["staf.kominfo"] == "eo_staf.kominfo" and roles["gubernur"] == "eo_gubernur"


def test_a_wrong_password_or_unknown_user_is_one_message(demo_url: str, home: Path) -> None:
    url = userless(demo_url)
    wrong = run("letter", "list", db=url, home=home, user="staf.kominfo", password="sandi-keliru-123")
    assert_one_line_error(wrong, 1, "Login gagal")
    unknown = run("letter", "list", db=url, home=home, user="tidak.ada", password="demo")
    assert_one_line_error(unknown, 1, "Login gagal")
    assert "sandi-keliru-123" not in wrong.err


def test_staff_cannot_add_users_even_by_calling_the_cli(demo_url: str, home: Path) -> None:
    url = userless(demo_url)
    added = run("user", "add", "maling", "--nip", "199001012020121077", "--name", "Maling", "--unit", "DISKOMINFO",
                db=url, home=home, user="staf.kominfo", password="demo", env={"EOFFICE_NEW_PASSWORD": "abcd1234"})
    assert added.code != 0 and "Traceback" not in added.err
    ok = run("user", "add", "pegawai.cli", "--nip", "199001012020121078", "--name", "Pegawai CLI", "--unit",
             "DISKOMINFO", db=url, home=home, user="admin", password="demo", env={"EOFFICE_NEW_PASSWORD": "abcd1234"})
    assert ok.code == 0, ok.err
    mine = run("letter", "list", db=url, home=home, user="pegawai.cli", password="abcd1234")
    assert mine.code == 0, mine.err


def test_a_nik_shows_to_admins_and_its_user_only(demo_url: str, home: Path) -> None:
    url = userless(demo_url)
    nik = "6472010101700001"
    edited = run("user", "edit", "gubernur", "--nik", nik, db=url, home=home, user="admin", password="demo")
    assert edited.code == 0, edited.err
    seen = {}
    for who in ("admin", "gubernur", "staf.kominfo"):
        listed = run("user", "list", "--json", db=url, home=home, user=who, password="demo")
        assert listed.code == 0, listed.err
        seen[who] = {u["login"]: u["nik"] for u in listed.json()}["gubernur"]
    assert seen == {"admin": nik, "gubernur": nik, "staf.kominfo": None}


def test_audit_verify_as_an_auditor_matches_the_owner(content_url: str, home: Path, tmp_path: Path) -> None:
    url = userless(content_url)
    plain = run("audit", "verify", db=url, home=home, user="kasi2.kominfo", password="demo")
    assert plain.code == 0, plain.err  # what it may see is whole; and it says that is all it checked
    assert "Catatan: hanya naskah yang dapat Anda lihat yang diperiksa" in plain.out
    named = run("user", "edit", "kasi2.kominfo", "--auditor", "yes", db=url, home=home, user="admin",
                password="demo")
    assert named.code == 0, named.err
    try:
        by_owner = run("audit", "verify", "--json", db=content_url, home=tmp_path / "owner")
        assert by_owner.code == 0, by_owner.err
        audited = run("audit", "verify", "--json", db=url, home=tmp_path / "auditor", user="kasi2.kominfo",
                      password="demo")
        assert audited.code == 0, audited.err
        verdict = {k: v for k, v in audited.json().items() if k != "checkpoints"}  # its login kept one
        assert verdict == {k: v for k, v in by_owner.json().items() if k != "checkpoints"}
        assert "Catatan" not in audited.out
        refused = run("user", "edit", "staf.kominfo", "--auditor", "yes", db=url, home=home,
                      user="kasi2.kominfo", password="demo")
        assert_one_line_error(refused, 1, "admin")
    finally:
        run("user", "edit", "kasi2.kominfo", "--auditor", "no", db=url, home=home, user="admin", password="demo")
