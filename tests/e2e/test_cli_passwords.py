"""Passwords never in error messages, and a warning when one is given in process arguments (where every user
of the machine can read it: /proc/PID/cmdline)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eoffice.store.db import first_line, scrub
from tests.e2e.cli import run

SECRET = "S3cr3t-pw"


def _raw(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI exactly as typed (tests/e2e/cli.run would move the password out of --db)."""
    import os

    full = {k: v for k, v in os.environ.items() if not k.startswith("EOFFICE_")} | {"EOFFICE_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "eoffice", *args], capture_output=True, text=True,
                          env=full | (env or {}), timeout=120, check=False)


@pytest.mark.parametrize("url", [
    f"postgresql+psycopg://kasi:{SECRET}@127.0.0.1:notaport/eoffice",  # does not parse
    f"postgresql+psycopg://kasi:{SECRET}@127.0.0.1:1/eoffice",  # nothing listens there
    f"postgresql+psycopg://kasi:{SECRET}@127.0.0.1/",  # no database name
])
def test_a_password_in_db_is_warned_about_and_never_printed(home: Path, url: str) -> None:
    r = _raw(home, "unit", "list", "--db", url)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert SECRET not in r.stderr + r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2 and "peringatan: kata sandi di --db" in lines[0], r.stderr
    r = _raw(home, "unit", "list", env={"EOFFICE_DB": url})  # from the environment: no warning, no leak
    assert r.returncode == 2 and SECRET not in r.stderr + r.stdout and len(r.stderr.strip().splitlines()) == 1


def test_the_password_of_a_real_server_is_not_echoed(home: Path) -> None:
    import os

    from sqlalchemy.engine import make_url

    url = make_url(os.environ["EOFFICE_TEST_PG"]).set(username="nobody", password=SECRET, database="no_such_db")
    r = run("unit", "list", db=url.render_as_string(hide_password=False), home=home,
            env={"EOFFICE_PASSWORD": SECRET})
    assert r.code == 2 and SECRET not in r.err + r.out


def test_scrub_removes_passwords_from_driver_messages() -> None:
    assert scrub(f'invalid dsn: "host=x password={SECRET} dbname=y"') == 'invalid dsn: "host=x password=*** dbname=y"'
    assert SECRET not in scrub(f"postgresql://u:{SECRET}@host/db")
    assert SECRET not in scrub(f"postgresql://u:pa@{SECRET}@host/db")
    assert scrub(f"x {SECRET} y", SECRET) == "x *** y"
    assert SECRET not in first_line(ValueError(f"missing '=' after 'password={SECRET}'"))


def test_a_new_users_password_is_stored_nowhere_but_as_its_hash(demo_url: str, home: Path) -> None:
    """`user add` and `user passwd` pass the password beside their command (eoffice/app/commands.py), so no
    audit event, outbox, log or output holds it; the user can log in with it (the hash is right)."""
    from sqlalchemy import create_engine, text

    from eoffice.store.models import Base

    first, second = "Pw-baru-1234", "Pw-kedua-5678"
    r = run("user", "add", "pegawai.baru", "--nip", "199001012020121001", "--name", "Pegawai Baru", "--unit",
            "SETDA", "--json", db=demo_url, home=home, user="admin", password="demo",
            env={"EOFFICE_NEW_PASSWORD": first})
    assert r.code == 0, r.err
    r2 = run("user", "passwd", "pegawai.baru", "--json", db=demo_url, home=home, user="admin", password="demo",
             env={"EOFFICE_NEW_PASSWORD": second})
    assert r2.code == 0, r2.err
    assert run("inbox", "--json", db=demo_url, home=home, user="pegawai.baru", password=second).code == 0
    engine = create_engine(demo_url)
    try:
        with engine.connect() as conn:
            stored = " ".join(str(row) for table in Base.metadata.sorted_tables
                              for row in conn.execute(text(f'SELECT * FROM "{table.name}"')))
    finally:
        engine.dispose()
    assert "user.passwd" in stored or "pegawai.baru" in stored  # the rows were read
    logs = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in home.rglob("*") if p.is_file()
                    and p.suffix in {".log", ".jsonl", ".db", ""})
    for pw in (first, second):
        assert pw not in stored and pw not in logs and pw not in r.out + r.err + r2.out + r2.err
