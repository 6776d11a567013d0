"""TLS to the shared server: the test server runs with a certificate from a test CA made at its start
(tools/pg-throwaway.sh); a client verifies it (sslmode=verify-full) and one pinned to another CA refuses
to connect with a one-line message (exit 2)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from eoffice.signing.ca import cert_to_pem, init_ca
from eoffice.store.db import make_engine
from tests.dbs import Databases
from tests.e2e.cli import assert_one_line_error, run


@pytest.fixture
def pg_url(databases: Databases) -> Iterator[str]:
    url = databases.new("postgresql", seeded=True)
    yield url
    databases.drop(url)


@pytest.fixture
def other_ca(tmp_path: Path) -> Path:
    path = tmp_path / "other-ca.pem"
    path.write_bytes(cert_to_pem(init_ca("CA lain").root_cert))
    return path


def test_the_connection_is_tls_verified_against_the_servers_ca(pg_url: str, monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    monkeypatch.delenv("PGSSLMODE", raising=False)  # only the product's own setting
    monkeypatch.delenv("PGSSLROOTCERT", raising=False)
    monkeypatch.setenv("EOFFICE_DB_SSLROOTCERT", os.environ["EOFFICE_TEST_PG_CA"])
    engine = make_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) is True
            assert engine.dialect.name == "postgresql"
    finally:
        engine.dispose()


def test_a_client_pinned_to_another_ca_refuses_to_connect(pg_url: str, home: Path, other_ca: Path) -> None:
    ok = run("unit", "list", db=pg_url, home=home, env={"EOFFICE_DB_SSLROOTCERT": os.environ["EOFFICE_TEST_PG_CA"],
                                                        "PGSSLMODE": "disable"})
    assert ok.code == 0, ok.err
    refused = run("unit", "list", db=pg_url, home=home, env={"EOFFICE_DB_SSLROOTCERT": str(other_ca)})
    assert_one_line_error(refused, 2, "sertifikat TLS server database tidak diterbitkan CA yang dipercaya")
    in_url = f"{pg_url}?sslmode=verify-full&sslrootcert={other_ca}"
    assert_one_line_error(run("unit", "list", db=in_url, home=home), 2, "sertifikat TLS server")
    missing = run("unit", "list", db=pg_url, home=home, env={"EOFFICE_DB_SSLROOTCERT": str(home / "tidak-ada.pem")})
    assert_one_line_error(missing, 2, "EOFFICE_DB_SSLROOTCERT")
