"""The legitimate flows, each step run as the acting user's own PostgreSQL role (row-level security and the
narrow write paths of store/security.py in force): draft, submit, paraf/approve, return, reject, withdraw,
sign with numbering, register incoming, dispose, search, sync pull, admin writes, key request + issue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from eoffice.documents.body import parse_markdown
from eoffice.domain import DocKind, NotAuthorized
from eoffice.services import audit, auth, incoming, letters, numbering, org, routing, search, signatures
from eoffice.services.demo_letters import DEMO_SECRET, _scan_pdf
from eoffice.store.db import make_engine
from eoffice.store.dbroles import connect_as, enforced
from eoffice.store.uow import run_in_transaction
from eoffice.sync.mirror import open_cache, pull
from eoffice.workflow.state import Decision
from tests.integration.helpers import identity
from tests.integration.pgroles import Roles


@pytest.fixture
def backend() -> str:  # the database itself enforces access only on PostgreSQL
    return "postgresql"


@pytest.fixture
def roles(content_url: str) -> Iterator[Roles]:
    r = Roles(content_url)
    yield r
    r.close()


def _draft(roles: Roles, login: str, subject: str) -> str:
    who = roles.actor(login)
    d = letters.Draft(kind=DocKind.NOTA_DINAS, subject=subject, body=parse_markdown("Isi naskah **uji**."),
                      to=["KEPALA-DISKOMINFO"], kode_klasifikasi="000.1.2.3")
    doc = roles.run(login, lambda uow: letters.draft(uow, who, d))
    roles.run(login, lambda uow: routing.submit(uow, who, doc))
    return doc


def _pending(roles: Roles, login: str, doc: str) -> list[tuple[str, str]]:
    route = roles.run(login, lambda uow: routing.load(uow, doc))
    assert route is not None
    return [(s.kind.value, s.assignee) for s in route.steps if s.status.value == "pending"]


def _step(roles: Roles, home: Path, kind: str, login: str, doc: str, decision: Decision = Decision.APPROVE) -> None:
    who, ident = roles.actor(login), identity(home, login)
    if kind == "sign":
        roles.run(login, lambda uow: signatures.sign_letter(uow, who, ident, doc))
    else:
        roles.run(login, lambda uow: signatures.decide_signed(uow, who, ident, doc, decision, note="Catatan uji."))


def test_a_letter_goes_from_draft_to_dispatched_with_every_step_as_its_own_role(roles: Roles, home: Path,
                                                                              content_url: str) -> None:
    assert enforced(roles.engine("staf.kominfo"))
    doc = _draft(roles, "staf.kominfo", "Alur lengkap per peran")
    seen = []
    for _ in range(12):
        pending = _pending(roles, "staf.kominfo", doc)
        if not pending:
            break
        kind, login = pending[0]
        seen.append(kind)
        _step(roles, home, kind, login, doc)
    assert "sign" in seen and "paraf" in seen
    final = roles.run("staf.kominfo", lambda uow: letters.get_document(uow, doc))
    assert final.status == "dispatched" and final.number and final.signed_pdf_sha256
    hits = roles.run("staf.kominfo", lambda uow: search.search(uow, roles.actor("staf.kominfo"), "peran"))
    assert doc in [h.id for h in hits]
    # The addressee's unit sees it once dispatched; the chain is whole.
    roles.run("kepala.kominfo", lambda uow: letters.get_document(uow, doc))
    # audit verify reads every decision: the owner (an auditor's connection), not an ordinary role, whom row-level
    # security shows only their own letters' decisions.
    owner = make_engine(content_url)
    try:
        checked = run_in_transaction(owner, lambda uow: audit.verify(uow, home))
    finally:
        owner.dispose()
    assert checked["ok"], "; ".join(f"{k}={v}" for k, v in checked.items())


def test_return_revise_resubmit_reject_and_withdraw_as_own_roles(roles: Roles, home: Path) -> None:
    doc = _draft(roles, "staf.kominfo", "Dikembalikan lalu diajukan lagi")
    kind, reviewer = _pending(roles, "staf.kominfo", doc)[0]
    _step(roles, home, kind, reviewer, doc, Decision.RETURN)
    staf = roles.actor("staf.kominfo")
    roles.run("staf.kominfo", lambda uow: letters.revise(uow, staf, doc, subject="Sudah diperbaiki"))
    roles.run("staf.kominfo", lambda uow: routing.submit(uow, staf, doc))
    kind, reviewer = _pending(roles, "staf.kominfo", doc)[0]
    _step(roles, home, kind, reviewer, doc, Decision.REJECT)
    assert roles.run("staf.kominfo", lambda uow: letters.get_document(uow, doc)).status == "rejected"
    other = _draft(roles, "staf.kominfo", "Ditarik kembali")
    roles.run("staf.kominfo", lambda uow: routing.withdraw(uow, staf, other))
    assert roles.run("staf.kominfo", lambda uow: letters.get_document(uow, other)).status == "withdrawn"


def test_incoming_register_dispose_and_report_as_own_roles(roles: Roles) -> None:
    tu = roles.actor("tu.pimpinan")
    data = incoming.Incoming(sender="Kementerian Uji", number="000/1/UJI", subject="Surat masuk per peran",
                             letter_date=dt.date(2026, 11, 20), addressed_to="gubernur")
    doc = roles.run("tu.pimpinan", lambda uow: incoming.register(uow, tu, data, "uji.pdf", _scan_pdf("Uji")))
    gub = roles.actor("gubernur")
    roles.run("gubernur", lambda uow: incoming.dispose(uow, gub, doc, to=["sekda"], instructions=["tindak_lanjuti"]))
    sekda = roles.actor("sekda")
    roles.run("sekda", lambda uow: incoming.mark_read(uow, sekda, doc))
    roles.run("sekda", lambda uow: incoming.report_done(uow, sekda, doc, "Sudah ditindaklanjuti."))
    tree = roles.run("gubernur", lambda uow: incoming.nodes(uow, letters.get_document(uow, doc)))
    assert [n.status.value for n in tree] == ["done"]


def test_sync_pull_as_own_role_keeps_only_the_own_password_hash(roles: Roles, tmp_path: Path) -> None:
    staf = roles.actor("staf.kominfo")
    cache = open_cache(tmp_path / "cache.db")
    try:
        got = pull(roles.engine("staf.kominfo"), cache, staf, "server")
        assert got.letters > 0
        with cache.connect() as conn:
            hashes = dict(conn.execute(text("SELECT login, password_hash FROM users")).all())
        assert hashes["staf.kominfo"].startswith("$argon2") and hashes["gubernur"] == ""
    finally:
        cache.dispose()


def test_admin_writes_and_a_new_user_logs_in_with_their_own_role(roles: Roles, home: Path) -> None:
    admin = roles.actor("admin")
    roles.run("admin", lambda uow: org.add_unit(uow, admin, code="UJI-UNIT", name="Unit Uji", kind="bidang",
                                                parent_code="DISKOMINFO"))
    info = roles.run("admin", lambda uow: org.add_user(uow, admin, login="pegawai.baru", nip="199001012020121001",
                                                       name="Pegawai Baru", unit_code="UJI-UNIT",
                                                       password="rahasia-awal"))
    assert info.db_role == "eo_pegawai.baru"
    roles.run("admin", lambda uow: numbering.set_format(uow, admin, "{kode}/{seq}/UJI/{year}", unit_code="UJI-UNIT"))
    roles.engine("pegawai.baru", "rahasia-awal")
    me = roles.run("pegawai.baru", lambda uow: auth.login(uow, "pegawai.baru", "rahasia-awal"))
    roles.run("pegawai.baru", lambda uow: org.set_password(uow, me, login="pegawai.baru", password="sandi-kedua"))
    with pytest.raises(NotAuthorized):
        connect_as(roles.url, "pegawai.baru", "rahasia-awal")
    connect_as(roles.url, "pegawai.baru", "sandi-kedua").dispose()
    # A key request for oneself, issued by the CA admin (the demo admin).
    roles.run("pegawai.baru", lambda uow: signatures.request_key(uow, me, home, "sandi-kunci", []))
    ca = signatures.open_ca(home, DEMO_SECRET)
    roles.run("admin", lambda uow: signatures.issue(uow, admin, ca, "pegawai.baru",
                                                    audit.pending_request(uow, "pegawai.baru").public_key()))


def test_the_desktop_backend_logs_in_as_the_users_own_role(content_url: str, home: Path) -> None:
    from eoffice.app.desktop import Desktop as Backend
    from tests.integration.pgroles import userless

    backend = Backend(userless(content_url), home)
    try:
        backend.ping()  # nothing to ask before the login
        backend.prefetch("staf.kominfo", lambda actor: 1)
        with pytest.raises(NotAuthorized):
            backend.login_and_load("staf.kominfo", "sandi-keliru", lambda actor: 1)
        actor, first = backend.login_and_load("staf.kominfo", "demo", backend.counts)
        assert enforced(backend.engine) and actor.login == "staf.kominfo" and first is not None
        backend.ping()
        assert backend.letter_list(actor)
        assert backend.sync(actor).online
    finally:
        backend.close()
