"""Rule 7 from the command line, on both back ends: a berita acara signed in turn by PIHAK PERTAMA, PIHAK
KEDUA and the witnessing official, each with their own TTE; the exported PDF verifies with all of them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.e2e.cli import Result, run

KEY = {"EOFFICE_KEY_PASSPHRASE": "demo"}
ROUTE = """name: berita_acara_para_pihak
version: 1
doc_kind: berita_acara
unit_code: null
stages:
  - {name: paraf_kasi, order: 1, kind: paraf, assignees: ["role:kasi"]}
  - {name: ttd_pihak_pertama, order: 2, kind: sign, assignees: ["role:kepala_opd"]}
  - {name: ttd_pihak_kedua, order: 3, kind: sign, assignees: ["position:KEPALA-BAPPEDA"]}
  - {name: ttd_mengetahui, order: 4, kind: sign, assignees: ["position:SEKDA"]}
"""


def as_user(url: str, home: Path, user: str, *args: str) -> Result:
    return run(*args, db=url, home=home, user=user, password="demo", env=KEY)


def test_berita_acara_signed_by_the_parties_in_turn(content_url: str, home: Path, tmp_path: Path) -> None:
    route = tmp_path / "route.yaml"
    route.write_text(ROUTE, encoding="utf-8")
    r = as_user(content_url, home, "admin", "workflow", "import", str(route))
    assert r.code == 0, r.err
    body = tmp_path / "isi.md"
    body.write_text("PIHAK PERTAMA menyerahkan aplikasi kepada PIHAK KEDUA.\n", encoding="utf-8")
    r = as_user(content_url, home, "staf.kominfo", "letter", "draft", "--kind", "berita_acara", "--subject",
                "Serah Terima Aplikasi", "--body", str(body), "--to", "KEPALA-BAPPEDA", "--kode", "000.1.2.3",
                "--event-date", "2026-11-19", "--json")
    assert r.code == 0, r.err
    doc = r.json()["id"]
    r = as_user(content_url, home, "staf.kominfo", "letter", "submit", doc, "--route", "berita_acara_para_pihak")
    assert r.code == 0, r.err
    assert as_user(content_url, home, "kasi1.kominfo", "approve", doc).code == 0
    early = as_user(content_url, home, "sekda", "sign", doc)  # the witness signs last, not now
    assert early.code != 0 and "Traceback" not in early.err
    for who in ("kepala.kominfo", "kepala.bappeda"):
        r = as_user(content_url, home, who, "sign", doc)
        assert r.code == 0, r.err
        assert "menunggu penandatangan berikutnya" in r.out
    r = as_user(content_url, home, "sekda", "sign", doc, "--json")
    assert r.code == 0, r.err
    number = r.json()[0]["number"]
    assert number
    out = tmp_path / "ba.pdf"
    assert as_user(content_url, home, "staf.kominfo", "letter", "export", doc, str(out)).code == 0
    root = tmp_path / "root.pem"
    assert run("ca", "export-root", str(root), db=content_url, home=home).code == 0
    ok = run("verify", str(out), "--trust", str(root), "--json", db=content_url, home=home)
    assert ok.code == 0, ok.out
    sigs = ok.json()["signatures"]
    assert [s["field"] for s in sigs][1:] == ["TTE-1", "TTE-2", "TTE"] and len(sigs) == 4
    pdfsig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False).stdout
    assert pdfsig.count("Signature is Valid") == 4, pdfsig
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "PIHAK PERTAMA," in text and "PIHAK KEDUA," in text and "Mengetahui," in text and number in text
