"""The real CLI: `verify --trust FILE` trusts exactly FILE's roots even with EOFFICE_DB set; without --trust
the profile's pinned roots; `ca pin` / `ca trust list` change and show them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from eoffice.signing.pades import sign_pdf
from eoffice.store.db import make_engine
from eoffice.store.models import Document
from tests.e2e.cli import assert_one_line_error, run
from tests.integration.test_trust import blank_pdf, forge


def test_verify_trusts_exactly_the_given_roots(content_url: str, home: Path, tmp_path: Path) -> None:
    engine = make_engine(content_url)
    try:
        fake = forge(engine)
        with engine.connect() as conn:
            signed = conn.scalar(select(Document.id).where(Document.signed_pdf_sha256.is_not(None)).limit(1))
    finally:
        engine.dispose()
    forged = tmp_path / "palsu.pdf"
    forged.write_bytes(sign_pdf(blank_pdf(), fake, field_name="TTE", certify=True).pdf)
    root = tmp_path / "root.pem"
    assert run("ca", "export-root", str(root), db=content_url, home=home).code == 0  # the pinned root
    env = {"EOFFICE_DB": content_url}
    r = run("verify", str(forged), "--trust", str(root), db=None, home=home, env=env)
    assert r.code == 1 and "HASIL: TIDAK SAH" in r.out, (r.out, r.err)
    r = run("verify", str(forged), db=None, home=home, env=env)  # the profile's pin, not the database's roots
    assert r.code == 1 and "tepercaya: TIDAK" in r.out
    letter = tmp_path / "surat.pdf"
    assert run("letter", "export", str(signed), str(letter), db=content_url, home=home, user="gubernur",
               password="demo").code == 0
    assert run("verify", str(letter), "--trust", str(root), db=None, home=home, env=env).code == 0

    # another machine, first contact with a database already forged: it pins the root the chain's ca.init
    # event announced, not the one written into the table
    other = tmp_path / "other"
    assert run("verify", str(forged), db=content_url, home=other).code == 1
    assert run("ca", "pin", str(root), db=None, home=other).code == 0
    listed = run("ca", "trust", "list", "--json", db=None, home=other).json()
    assert [x["source"] for x in listed] == ["profil"]
    assert run("verify", str(forged), db=content_url, home=other).code == 1
    assert run("verify", str(letter), db=content_url, home=other).code == 0
    bad = tmp_path / "bukan.pem"
    bad.write_text("bukan sertifikat", encoding="utf-8")
    assert_one_line_error(run("ca", "pin", str(bad), db=None, home=other), 2, "bukan sertifikat PEM")
    assert_one_line_error(run("ca", "pin", str(letter.with_name("tidak-ada.pem")), db=None, home=other), 2,
                          "tidak dapat dibaca")


def test_checkpoints_are_signed_exported_imported_and_catch_a_rewrite(content_url: str, home: Path,
                                                                      tmp_path: Path) -> None:
    import json

    from tests.integration.test_checkpoints import _as_superuser, _relink

    key = {"EOFFICE_KEY_PASSPHRASE": "demo"}
    r = run("audit", "verify", "--json", db=content_url, home=home, user="gubernur", password="demo", env=key)
    assert r.code == 0 and r.json()["ok"], r.out
    exported = tmp_path / "cp.jsonl"
    r = run("audit", "checkpoint", "export", str(exported), "--json", db=None, home=home)
    assert r.code == 0 and r.json()["checkpoints"] >= 1
    auditor = tmp_path / "auditor"
    assert run("audit", "checkpoint", "import", str(exported), db=content_url, home=auditor).code == 0
    forged = tmp_path / "forged.jsonl"
    cp = json.loads(exported.read_text(encoding="utf-8").splitlines()[-1])
    cp["statement"]["count"] += 1
    forged.write_text(json.dumps(cp) + "\n", encoding="utf-8")
    assert_one_line_error(run("audit", "checkpoint", "import", str(forged), db=content_url, home=auditor), 1,
                          "tidak bertanda tangan sah")
    engine = make_engine(content_url)
    try:
        _as_superuser(engine, [("UPDATE audit_events SET action = 'demo.rewritten' WHERE id = 2", {})])
        _relink(engine)
    finally:
        engine.dispose()
    r = run("audit", "verify", db=content_url, home=auditor)
    assert r.code == 1 and "ditulis ulang" in r.out, r.out
