"""`eoffice sign --provider bsre` end to end (subprocess) against the stand-in esign service: the organisation's
setting, the user's NIK, the signature checked by our verifier, pdfsig and pyHanko's CLI against the BSrE
chain, one-line Indonesian errors, the unknown outcome after a time-out, and the passphrase nowhere after."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from eoffice.store.db import make_engine
from tests.bsre_server import PASSWORD, USER, BsreStandIn, serve_bsre
from tests.e2e.cli import Result, assert_one_line_error, run

NIK, PASSPHRASE = "6472010101800001", "Rahasia-TTE-7f3a9c"
REVIEWERS = {"kasi1.kominfo": "6472010101800021", "kabid1.kominfo": "6472010101800022",
             "sekretaris.kominfo": "6472010101800023"}


@pytest.fixture(scope="module")
def bsre() -> Iterator[BsreStandIn]:
    with serve_bsre() as state:
        state.add_signer(NIK, PASSPHRASE, "Kepala Dinas Kominfo Uji")
        for login, nik in REVIEWERS.items():
            state.add_signer(nik, PASSPHRASE, f"Pemeriksa Uji {login}")
        yield state


def _env(bsre: BsreStandIn, **over: str) -> dict[str, str]:
    return {"EOFFICE_KEY_PASSPHRASE": "demo", "EOFFICE_BSRE_URL": bsre.url, "EOFFICE_BSRE_USER": USER,
            "EOFFICE_BSRE_PASSWORD": PASSWORD, "EOFFICE_BSRE_PASSPHRASE": PASSPHRASE} | over


def _reviewed(db: str, home: Path, tmp_path: Path, bsre: BsreStandIn) -> str:
    def as_(who: str, *args: str) -> Result:
        return run(*args, db=db, home=home, user=who, password="demo", env=_env(bsre))

    body = tmp_path / "isi.md"
    body.write_text("Mohon arahan Bapak.", encoding="utf-8")
    doc = as_("staf.kominfo", "letter", "draft", "--kind", "nota_dinas", "--subject", "Uji TTE tersertifikasi",
              "--body", str(body), "--to", "KEPALA-DISKOMINFO", "--kode", "000.1.2.3").out.strip()
    assert as_("staf.kominfo", "letter", "submit", doc).code == 0
    for who in ("kasi1.kominfo", "kabid1.kominfo", "sekretaris.kominfo"):
        assert as_(who, "approve", doc).code == 0
    return doc


def _setup(db: str, home: Path) -> None:
    admin = {"db": db, "home": home, "user": "admin", "password": "demo"}
    assert run("settings", "set", "sign_provider", "bsre", **admin).code == 0  # type: ignore[arg-type]
    assert run("user", "edit", "kepala.kominfo", "--nik", NIK, **admin).code == 0  # type: ignore[arg-type]


def test_sign_through_bsre_from_the_command_line(content_url: str, home: Path, tmp_path: Path,
                                                 bsre: BsreStandIn) -> None:
    _setup(content_url, home)
    doc = _reviewed(content_url, home, tmp_path, bsre)

    def sign(*extra: str, **env: str) -> Result:
        return run("sign", doc, *extra, db=content_url, home=home, user="kepala.kominfo", password="demo",
                   env=_env(bsre, **env))

    assert_one_line_error(sign(EOFFICE_BSRE_PASSPHRASE="salah"), 2, "Passphrase TTE BSrE salah")
    sent = bsre.sign_requests
    batch = sign(doc, EOFFICE_BSRE_PASSPHRASE="salah")  # a batch stops at a wrong passphrase
    assert batch.code == 1 and "Dihentikan: 1 naskah lainnya tidak dikirim" in batch.err, batch.err
    assert bsre.sign_requests == sent + 1
    assert_one_line_error(sign(EOFFICE_BSRE_PASSWORD="salah"), 1, "HTTP 401")
    assert_one_line_error(sign(EOFFICE_BSRE_URL="http://127.0.0.1:9"), 2, "coba lagi nanti")
    bsre.delay = 4.0
    try:
        assert_one_line_error(sign(EOFFICE_BSRE_TIMEOUT="1"), 2, "hasilnya tidak diketahui")
    finally:
        bsre.delay = 0.0
    sent = bsre.sign_requests
    assert_one_line_error(sign(), 1, "--resend")
    assert bsre.sign_requests == sent  # nothing sent again without the user's word
    done = sign("--resend", "--json")
    assert done.code == 0, done.err
    assert done.json()[0]["provider"] == "bsre" and done.json()[0]["level"] == "B-T"
    assert not list((home / "bsre-pending").glob("*.json"))

    out, root = tmp_path / "surat.pdf", tmp_path / "bsre-root.pem"
    assert run("letter", "export", doc, str(out), db=content_url, home=home, user="staf.kominfo",
               password="demo").code == 0
    bsre.root_pem(root)
    org_root = tmp_path / "org-root.pem"
    assert run("ca", "export-root", str(org_root), db=content_url, home=home).code == 0
    both = run("verify", str(out), "--trust", str(root), "--trust", str(org_root), "--json", db=None, home=home)
    assert both.code == 0, both.out
    assert both.json()["signatures"][-1]["signer"] == "Kepala Dinas Kominfo Uji"
    pdfsig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False).stdout
    assert pdfsig.count("Signature is Valid") == 4 and "Mismatch" not in pdfsig, pdfsig
    check = subprocess.run([str(Path(sys.executable).with_name("pyhanko")), "sign", "validate", "--trust", str(root),
                            "--trust-replace", "--no-revocation-check", "--pretty-print", str(out)],
                           capture_output=True, text=True, check=False)
    assert "judged VALID" in check.stdout, check.stdout + check.stderr

    # The passphrase lives only in memory: not in the profile, the logs, the pending markers or the database.
    secret = PASSPHRASE.encode()
    for f in home.rglob("*"):
        if f.is_file():
            assert secret not in f.read_bytes(), f
    engine = make_engine(content_url)
    try:
        with engine.connect() as conn:
            for table in ("audit_events", "decisions", "org_settings", "users", "certificates"):
                rows = conn.execute(text(f"SELECT * FROM {table}")).all()  # noqa: S608 - fixed names
                assert PASSPHRASE not in repr(rows), table
    finally:
        engine.dispose()
    if content_url.startswith("sqlite"):
        db_file = Path(content_url.split("///", 1)[1])
        for f in db_file.parent.glob(db_file.name + "*"):
            assert secret not in f.read_bytes()


def test_user_not_registered_and_no_nik(content_url: str, home: Path, tmp_path: Path, bsre: BsreStandIn) -> None:
    _setup(content_url, home)
    doc = _reviewed(content_url, home, tmp_path, bsre)
    admin = {"db": content_url, "home": home, "user": "admin", "password": "demo"}
    assert run("user", "edit", "kepala.kominfo", "--nik", "6472019999999999", **admin).code == 0  # type: ignore[arg-type]
    res = run("sign", doc, db=content_url, home=home, user="kepala.kominfo", password="demo", env=_env(bsre))
    assert_one_line_error(res, 1, "belum terdaftar di BSrE")
    assert run("user", "edit", "kepala.kominfo", "--nik", "", **admin).code == 0  # type: ignore[arg-type]
    res = run("sign", doc, db=content_url, home=home, user="kepala.kominfo", password="demo", env=_env(bsre))
    assert_one_line_error(res, 2, "NIK kepala.kominfo belum diisi")
    local = run("sign", doc, "--provider", "local", "--json", db=content_url, home=home, user="kepala.kominfo",
                password="demo", env=_env(bsre))
    assert local.code == 0 and local.json()[0]["provider"] == "local", local.err


def test_paraf_through_bsre_where_the_organisation_chooses(content_url: str, home: Path, tmp_path: Path,
                                                           bsre: BsreStandIn) -> None:
    _setup(content_url, home)
    admin = {"db": content_url, "home": home, "user": "admin", "password": "demo"}
    assert run("settings", "set", "paraf_provider", "bsre", **admin).code == 0  # type: ignore[arg-type]
    assert_one_line_error(run("settings", "set", "paraf_provider", "bssn", **admin), 2,  # type: ignore[arg-type]
                          "Penyedia tanda tangan tidak dikenal")
    shown = run("settings", "show", "--json", **admin)  # type: ignore[arg-type]
    assert shown.json()["paraf_provider"] == "bsre", shown.out
    for login, nik in REVIEWERS.items():
        assert run("user", "edit", login, "--nik", nik, **admin).code == 0  # type: ignore[arg-type]

    def as_(who: str, *args: str, **env: str) -> Result:
        return run(*args, db=content_url, home=home, user=who, password="demo", env=_env(bsre, **env))

    body = tmp_path / "isi.md"
    body.write_text("Mohon arahan Bapak.", encoding="utf-8")
    doc = as_("staf.kominfo", "letter", "draft", "--kind", "nota_dinas", "--subject", "Uji paraf BSrE",
              "--body", str(body), "--to", "KEPALA-DISKOMINFO", "--kode", "000.1.2.3").out.strip()
    assert as_("staf.kominfo", "letter", "submit", doc).code == 0
    sent = bsre.sign_requests
    assert_one_line_error(as_("kasi1.kominfo", "approve", doc, EOFFICE_BSRE_PASSPHRASE=""), 2,
                          "Passphrase TTE BSrE")
    assert_one_line_error(as_("kasi1.kominfo", "approve", doc, EOFFICE_BSRE_PASSPHRASE="salah"), 2,
                          "Passphrase TTE BSrE salah")
    assert bsre.sign_requests == sent + 1
    inbox = as_("kasi1.kominfo", "inbox", "--json").json()
    assert doc in [i["document_id"] for i in inbox]  # the step still waits: nothing half-done
    for who in REVIEWERS:
        res = as_(who, "approve", doc)
        assert res.code == 0, res.err
    assert bsre.sign_requests == sent + 1 + len(REVIEWERS)  # one BSrE paraf per reviewer
    done = as_("kepala.kominfo", "sign", doc, "--json")
    assert done.code == 0 and done.json()[0]["provider"] == "bsre", done.err
    assert not list((home / "bsre-pending").glob("*.json"))

    out, root = tmp_path / "surat.pdf", bsre.root_pem(tmp_path / "bsre-root.pem")
    assert as_("staf.kominfo", "letter", "export", doc, str(out)).code == 0
    check = run("verify", str(out), "--trust", str(root), "--json", db=None, home=home)  # BSrE's root alone
    assert check.code == 0, check.out
    assert [s["signer"] for s in check.json()["signatures"]] == [
        *(f"Pemeriksa Uji {who}" for who in REVIEWERS), "Kepala Dinas Kominfo Uji"]
    pdfsig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False).stdout
    assert pdfsig.count("Signature is Valid") == 4 and "Mismatch" not in pdfsig, pdfsig
    pyhanko = subprocess.run([str(Path(sys.executable).with_name("pyhanko")), "sign", "validate", "--trust",
                              str(root), "--trust-replace", "--no-revocation-check", "--pretty-print", str(out)],
                             capture_output=True, text=True, check=False)
    assert "judged VALID" in pyhanko.stdout, pyhanko.stdout + pyhanko.stderr
