"""The public verification page end to end: a letter signed through the CLI with the organisation's base URL
set carries a QR code with its page's URL; `eoffice serve-verify` (uvicorn) shows the public fields only,
judges uploads like `eoffice verify` against the pinned roots, limits sizes and rates; `eoffice verify`
resolves a scanned URL; on PostgreSQL the page's role can read the public view and nothing else."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from starlette.testclient import TestClient

from eoffice.web.app import Limits, create_app
from eoffice.web.store import PublicLetters
from tests.e2e.cli import run
from tests.e2e.verify_page import serve_verify

BASE_URL = "https://verifikasi.kaltimprov.go.id"
KEY = {"EOFFICE_KEY_PASSPHRASE": "demo"}


def _signed_letter(db: str, home: Path, tmp_path: Path) -> tuple[str, Path, Path]:
    assert run("settings", "set", "verify_url", BASE_URL, db=db, home=home, user="admin", password="demo").code == 0
    gub = run("inbox", "--json", db=db, home=home, user="gubernur", password="demo", env=KEY).json()
    doc = gub[0]["document_id"]
    signed = run("sign", doc, "--json", db=db, home=home, user="gubernur", password="demo", env=KEY)
    assert signed.code == 0, signed.err
    out, root = tmp_path / "surat.pdf", tmp_path / "root.pem"
    assert run("letter", "export", doc, str(out), db=db, home=home, user="gubernur", password="demo").code == 0
    assert run("ca", "export-root", str(root), db=db, home=home).code == 0
    return doc, out, root


def _tampered(pdf: Path, tmp_path: Path) -> Path:
    data = bytearray(pdf.read_bytes())
    data[len(data) // 3] ^= 0x01
    bad = tmp_path / "ubah.pdf"
    bad.write_bytes(bytes(data))
    return bad


def test_the_qr_code_leads_to_the_letter_page(content_url: str, home: Path, tmp_path: Path) -> None:
    doc, pdf, root = _signed_letter(content_url, home, tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(pdf), str(tmp_path / "hal")], check=True)
    scanned = [subprocess.run(["zbarimg", "--raw", "-q", str(p)], capture_output=True, text=True,
                              check=False).stdout.strip() for p in sorted(tmp_path.glob("hal-*.png"))]
    assert f"{BASE_URL}/v/{doc}" in scanned
    # `eoffice verify` takes the scanned URL (and the old payload) instead of a file
    for ref in (f"{BASE_URL}/v/{doc}", f"EOFFICE:{doc}:{'0' * 64}"):
        res = run("verify", ref, "--trust", str(root), "--json", db=content_url, home=home, user="gubernur",
                  password="demo")
        assert res.code == 0 and res.json()["ok"], res.out + res.err
    with serve_verify(content_url, home, root) as base, httpx.Client(base_url=base, timeout=120) as web:
        page = web.get(f"/v/{doc}")
        assert page.status_code == 200
        shown = run("letter", "show", doc, "--json", db=content_url, home=home, user="gubernur", password="demo").json()
        number = shown["number"]
        assert number and number in page.text and shown["subject"] in page.text
        assert "Ditandatangani secara elektronik" in page.text
        import hashlib
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() in page.text
        assert "Gubernur" in page.text or "GUBERNUR" in page.text
        body_words = [w for w in str(shown.get("body_text", "")).split() if len(w) > 8][:3]
        assert all(w not in page.text for w in body_words)
        en = web.get(f"/v/{doc}?lang=en")
        assert "Signed electronically on" in en.text and number in en.text
        assert "Signed electronically" in web.get(f"/v/{doc}", headers={"Accept-Language": "en-US"}).text
        unknown = web.get("/v/00000000-0000-0000-0000-000000000000")
        assert unknown.status_code == 404 and "Naskah tidak ditemukan" in unknown.text
        assert web.get("/v/../../etc/passwd").status_code == 404
        good = web.post("/verify", files={"file": ("s.pdf", pdf.read_bytes(), "application/pdf")},
                          data={"id": doc})
        assert good.status_code == 200 and 'id="verdict" class="ok">SAH' in good.text and number in good.text
        cli = run("verify", str(pdf), "--trust", str(root), "--json", db=None, home=home).json()
        assert cli["ok"] is True and all(s["signer"] in good.text for s in cli["signatures"])
        bad = web.post("/verify", files={"file": ("u.pdf", _tampered(pdf, tmp_path).read_bytes(),
                                                           "application/pdf")}, data={"id": doc})
        assert "TIDAK SAH" in bad.text and "BUKAN berkas" in bad.text
        junk = web.post("/verify", files={"file": ("x.pdf", b"%PDF-1.7\n" + b"[" * 200000, "application/pdf")})
        assert junk.status_code == 422 and "tidak dapat diperiksa" in junk.text
        assert "Traceback" not in junk.text


def test_limits_and_the_public_role(content_url: str, home: Path, tmp_path: Path, backend: str) -> None:
    doc, pdf, root = _signed_letter(content_url, home, tmp_path)
    letters = PublicLetters(content_url)
    try:
        found = letters.by_id(doc)
        assert found is not None and found.signed_pdf_sha256 and found.signer_name
        if backend == "postgresql":
            with letters.engine.connect() as conn, pytest.raises(DBAPIError, match="permission denied"):
                conn.execute(text("SELECT count(*) FROM documents"))
            with letters.engine.connect() as conn, pytest.raises(DBAPIError, match="permission denied"):
                conn.execute(text("SELECT count(*) FROM blobs"))
        else:
            with letters.engine.connect() as conn, pytest.raises(DBAPIError, match="readonly"):
                conn.execute(text("DELETE FROM org_settings"))
        app = create_app(letters, root.read_bytes(), Limits(pages="5/minute", uploads="2/minute",
                                                            max_upload_mb=0.05))
        client = TestClient(app)
        codes = [client.get(f"/v/{doc}").status_code for _ in range(7)]
        assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
        big = client.post("/verify", files={"file": ("b.pdf", b"%PDF-" + b"0" * 200_000, "application/pdf")})
        assert big.status_code == 413 and "terlalu besar" in big.text
        assert client.post("/verify", data={"id": doc}).status_code == 400
        assert client.post("/verify", data={"id": doc}).status_code == 429
    finally:
        letters.close()
