"""The real CLI in a subprocess, on both back ends: init, demo, user, unit, and every kind of bad input."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.dbs import Databases
from tests.e2e.cli import assert_one_line_error, run


@pytest.fixture
def fresh_url(databases: Databases, backend: str, tmp_path: Path) -> str:
    """An empty database with no schema at all: `eoffice init` must create it."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh' / 'eoffice.db'}"
    import tests.dbs as dbs

    name = f"{databases.prefix}_fresh_{tmp_path.name[-20:]}".replace("-", "_").lower()
    dbs._pg_exec(f'CREATE DATABASE "{name}"')
    databases._pg_created.append(name)
    return databases.pg_url(name)


def test_init_demo_then_list_users(fresh_url: str, home: Path) -> None:
    r = run("init", db=fresh_url, home=home)
    assert r.code == 0, r.err
    assert "skema" in r.out
    r = run("demo", db=fresh_url, home=home)
    assert r.code == 0, r.err
    assert "MODE DEMO" in r.out and "demo" in r.out and "gubernur" in r.out
    again = run("demo", "--json", db=fresh_url, home=home)
    assert again.json()["changed"] is False
    users = run("user", "list", "--json", db=fresh_url, home=home).json()
    by_login = {u["login"]: u for u in users}
    assert by_login["gubernur"]["title"] == "Gubernur Kalimantan Timur"
    assert all(len(u["nip"]) == 18 for u in users)
    assert len(users) >= 40
    units = run("unit", "list", "--json", db=fresh_url, home=home).json()
    assert {"PEMPROV", "DISKOMINFO", "DINKES"} <= {u["code"] for u in units}


def test_admin_adds_unit_and_user(demo_url: str, home: Path) -> None:
    r = run("unit", "add", "BPKAD", "--name", "Badan Pengelolaan Keuangan dan Aset Daerah", "--kind", "badan",
            "--parent", "PEMPROV", "--json", db=demo_url, home=home, user="admin", password="demo")
    assert r.code == 0, r.err
    assert r.json()["parent"] == "PEMPROV"
    r = run("user", "add", "rina", "--nip", "199001012015022001", "--name", "Rina Wati", "--unit", "BPKAD",
            db=demo_url, home=home, user="admin", password="demo", env={"EOFFICE_NEW_PASSWORD": "rahasia"})
    assert r.code == 0, r.err
    listed = run("user", "list", "--unit", "BPKAD", "--json", db=demo_url, home=home).json()
    assert [u["login"] for u in listed] == ["rina"]


def test_admin_edits_a_user(demo_url: str, home: Path) -> None:
    r = run("user", "edit", "kepala.kominfo", "--nik", "6472011203800001", "--gelar", "S.Kom., M.Si.",
            "--pangkat", "Pembina Utama Muda (IV/c)", "--json", db=demo_url, home=home, user="admin", password="demo")
    assert r.code == 0, r.err
    assert (r.json()["nik"], r.json()["pangkat"]) == ("6472011203800001", "Pembina Utama Muda (IV/c)")
    r = run("user", "edit", "staf.kominfo", "--active", "no", db=demo_url, home=home, user="admin", password="demo")
    assert r.code == 0 and "diubah" in r.out
    listed = {u["login"]: u for u in run("user", "list", "--json", db=demo_url, home=home).json()}
    assert listed["staf.kominfo"]["active"] is False and listed["kepala.kominfo"]["gelar_belakang"] == "S.Kom., M.Si."
    assert_one_line_error(run("user", "edit", "kasi1.kominfo", "--nik", "12", db=demo_url, home=home, user="admin",
                              password="demo"), 2, "NIK tidak valid")
    assert_one_line_error(run("user", "edit", "kasi1.kominfo", "--active", "maybe", db=demo_url, home=home), 2)
    r = run("user", "edit", "kasi1.kominfo", "--unit", "DISKOMINFO-B2-S1", "--nip", "198809092013052099", "--json",
            db=demo_url, home=home, user="admin", password="demo")
    assert r.code == 0, r.err
    assert (r.json()["unit"], r.json()["nip"]) == ("DISKOMINFO-B2-S1", "198809092013052099")
    assert_one_line_error(run("user", "edit", "kasi1.kominfo", "--unit", "NOPE", db=demo_url, home=home, user="admin",
                              password="demo"), 2, "Unit tidak dikenal")


def test_bad_input_gives_one_line_and_exit_2(demo_url: str, home: Path) -> None:
    admin = {"user": "admin", "password": "demo", "env": {"EOFFICE_NEW_PASSWORD": "rahasia"}}
    r = run("user", "add", "rina", "--nip", "199001012015022001", "--name", "Rina", "--unit", "NOPE",
            db=demo_url, home=home, **admin)  # type: ignore[arg-type]
    assert_one_line_error(r, 2, "Unit tidak dikenal: NOPE")
    existing = run("user", "list", "--json", db=demo_url, home=home).json()[1]["nip"]
    r = run("user", "add", "rina", "--nip", existing, "--name", "Rina", "--unit", "SETDA", db=demo_url,
            home=home, **admin)  # type: ignore[arg-type]
    assert_one_line_error(r, 2, "sudah terdaftar")
    r = run("unit", "add", "X", "--name", "X", "--kind", "planet", db=demo_url, home=home)
    assert_one_line_error(r, 2, "invalid choice")
    r = run("user", "frobnicate", db=demo_url, home=home)
    assert_one_line_error(r, 2)
    r = run("unit", "add", "X", "--name", "X", "--kind", "dinas", db=demo_url, home=home, user="admin",
            password="salah")
    assert_one_line_error(r, 1, "Login gagal")
    r = run("unit", "add", "X", "--name", "X", "--kind", "dinas", db=demo_url, home=home, user="staf.kominfo",
            password="demo")
    assert_one_line_error(r, 1, "Hanya admin")


@pytest.mark.parametrize("url", ["not a url", "mysql://u@h/db", "postgresql+psycopg://u@127.0.0.1:1"])
def test_malformed_database_url(url: str, home: Path) -> None:
    assert_one_line_error(run("user", "list", db=url, home=home), 2, "URL database tidak valid")


def test_unreachable_server(home: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    r = run("user", "list", db=f"postgresql+psycopg://eoffice@127.0.0.1:{port}/eoffice", home=home)
    assert_one_line_error(r, 2, "tidak dapat dihubungi")


def test_uninitialised_database_is_a_clear_error(tmp_path: Path, home: Path) -> None:
    r = run("user", "list", db=f"sqlite:///{tmp_path / 'empty.db'}", home=home)
    assert_one_line_error(r, 2, "eoffice init")


def test_version() -> None:
    r = run("--version", db=None, home=Path("/tmp"))
    assert r.code == 0 and r.out.startswith("eoffice ")
