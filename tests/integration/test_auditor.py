"""The auditor group (PostgreSQL): a user an admin names auditor reads the whole audit trail, every decision
and the steps and attachments they are about, so `audit verify` as their own role gives the owner's verdict;
an ordinary role's `audit verify` checks only the letters it sees and says so. Roles are cluster-wide: each
test takes the auditor role away again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from psycopg import errors
from sqlalchemy import text
from sqlalchemy.engine import Engine

from eoffice.services import audit, org
from eoffice.store.db import make_engine
from eoffice.store.uow import run_in_transaction
from tests.integration.pgroles import Roles, raw

AUDITOR = "kabid2.kominfo"


@pytest.fixture
def backend() -> str:
    return "postgresql"


@pytest.fixture
def owner(content_url: str) -> Iterator[Engine]:
    eng = make_engine(content_url)
    yield eng
    eng.dispose()


@pytest.fixture
def roles(content_url: str) -> Iterator[Roles]:
    r = Roles(content_url)
    yield r
    r.close()


@pytest.fixture
def auditor(roles: Roles) -> Iterator[str]:
    """AUDITOR made an auditor by the admin, through the admin's own use case (and unmade afterwards)."""
    admin = roles.actor("admin")

    def name(yes: bool) -> Any:
        return roles.run("admin", lambda uow: org.edit_user(uow, admin, AUDITOR, org.UserEdit(auditor=yes)))

    name(True)
    try:
        yield AUDITOR
    finally:
        name(False)


def count(owner: Engine, table: str) -> int:
    with owner.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_an_auditor_reads_the_trail_but_no_letter(owner: Engine, content_url: str, auditor: str) -> None:
    with raw(content_url, auditor) as psql:
        for table in ("audit_events", "decisions", "steps", "attachments"):
            assert psql.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count(owner, table), table
        # bodies and files stay with those who may read the letters: the server hashes the files for them
        assert psql.execute("SELECT count(*) FROM document_versions").fetchone()[0] < count(owner, "document_versions")
        assert psql.execute("SELECT count(*) FROM blobs").fetchone()[0] < count(owner, "blobs")
        hashed = psql.execute("SELECT count(*) FROM eoffice_audit_blobs('', 100000)").fetchone()[0]
        assert hashed == count(owner, "blobs")
        assert psql.execute("SELECT count(*) FROM eoffice_audit_letters()").fetchone()[0] == count(owner, "documents")
        before = count(owner, "decisions")
        with pytest.raises(errors.InsufficientPrivilege):
            psql.execute("DELETE FROM decisions")
        with pytest.raises(errors.InsufficientPrivilege):
            psql.execute("UPDATE audit_events SET action = 'x'")
        with pytest.raises(errors.InsufficientPrivilege):
            psql.execute("SELECT eoffice_set_auditor(eoffice_uid(), false)")  # an auditor is not an admin
    assert count(owner, "decisions") == before


def test_only_an_admin_names_auditors(content_url: str) -> None:
    with raw(content_url, "staf.kominfo") as psql:
        me = psql.execute("SELECT eoffice_uid()").fetchone()[0]
        with pytest.raises(errors.InsufficientPrivilege):
            psql.execute("SELECT eoffice_set_auditor(%s, true)", (me,))
        with pytest.raises(errors.InsufficientPrivilege):
            psql.execute("SELECT * FROM eoffice_audit_blobs('', 10)")
        with pytest.raises(errors.InsufficientPrivilege):
            psql.execute("SELECT * FROM eoffice_audit_letters()")


def test_audit_verify_as_an_auditor_is_the_owners_verdict(owner: Engine, roles: Roles, home: Path,
                                                         auditor: str) -> None:
    by_owner = run_in_transaction(owner, lambda uow: audit.verify(uow, home / "owner"))
    assert by_owner["ok"], by_owner
    by_auditor = roles.run(auditor, lambda uow: audit.verify(uow, home / "auditor"))
    assert by_auditor == by_owner
    # An ordinary role checks what it sees: no false failures, and it says so.
    staff = roles.run("staf.kominfo", lambda uow: audit.verify(uow, home / "staff"))
    assert staff["ok"] and staff["scope"] == audit.PARTIAL, "; ".join(f"{k}={v}" for k, v in staff.items())
    assert staff["signed_statements"] < by_owner["signed_statements"]
    assert staff["chain"].startswith("tidak diperiksa")
    admin = roles.run("admin", lambda uow: audit.verify(uow, home / "admin"))  # sees every event: the chain
    assert admin["ok"] and admin["chain"] == "utuh" and admin["scope"] == audit.PARTIAL, admin
