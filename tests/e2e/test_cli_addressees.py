"""The real CLI on both back ends: `--to` a position code, a login or a jabatan title prints the jabatan and routes
to its holder; a letter to its own signer is warned about on stderr; `letter revise` fixes the addressees, sifat
and attachments of a returned letter as a new version `letter diff` shows (issue 14 items 5 and 7)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.e2e.cli import Result, assert_one_line_error, run

KEY = {"EOFFICE_KEY_PASSPHRASE": "demo"}
KOMINFO = "Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur"
SEKDA = "Sekretaris Daerah Provinsi Kalimantan Timur"
BAPPEDA = "Kepala Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Timur"


def as_user(url: str, home: Path, user: str, *args: str) -> Result:
    return run(*args, db=url, home=home, user=user, password="demo", env=KEY)


def _yth(url: str, home: Path, doc: str, tmp_path: Path) -> str:
    out = tmp_path / f"{doc}.pdf"
    r = as_user(url, home, "staf.kominfo", "letter", "render", doc, str(out))
    assert r.code == 0, r.err
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    return text


def test_to_a_code_login_or_title_prints_the_jabatan_and_revise_fixes_the_head(
        content_url: str, home: Path, tmp_path: Path) -> None:
    body = tmp_path / "isi.md"
    body.write_text("Dengan hormat, mohon data jaringan.\n", encoding="utf-8")
    docs = []
    for to in ("KEPALA-DISKOMINFO", "kepala.kominfo", KOMINFO.lower()):
        r = as_user(content_url, home, "staf.kominfo", "letter", "draft", "--kind", "nota_dinas", "--subject",
                    "Permohonan Data Jaringan", "--body", str(body), "--to", to, "--kode", "000.1.2.3", "--json")
        assert r.code == 0, r.err
        docs.append(r.json()["id"])
        text = _yth(content_url, home, docs[-1], tmp_path)
        assert f"Yth. {KOMINFO}" in text and "KEPALA-DISKOMINFO" not in text and "kepala.kominfo" not in text
        shown = as_user(content_url, home, "staf.kominfo", "letter", "show", docs[-1], "--json").json()
        assert shown["to"] == [KOMINFO]
    doc = docs[0]
    r = as_user(content_url, home, "staf.kominfo", "letter", "submit", doc)
    assert r.code == 0, r.err
    warning = [ln for ln in r.err.splitlines() if ln.strip()]
    assert warning == [f"Peringatan: Naskah ditujukan kepada penandatangannya sendiri ({KOMINFO}): periksa tujuannya"]
    r = as_user(content_url, home, "kasi1.kominfo", "return", doc, "--note", "Tujuan seharusnya Sekda")
    assert r.code == 0, r.err
    bad = as_user(content_url, home, "staf.kominfo", "letter", "revise", doc, "--to", "Pengadministrasi Perkantoran")
    assert_one_line_error(bad, 2, "beberapa unit")
    jadwal = tmp_path / "jadwal.csv"
    jadwal.write_text("hari,acara\n3 Des,rapat\n", encoding="utf-8")
    r = as_user(content_url, home, "staf.kominfo", "letter", "revise", doc, "--to", "SEKDA", "--cc", "BAPPEDA",
                "--urgency", "segera", "--attach", str(jadwal))
    assert (r.code, r.out.strip()) == (0, "Versi 2"), r.err
    shown = as_user(content_url, home, "staf.kominfo", "letter", "show", doc, "--json").json()
    assert (shown["to"], shown["cc"], shown["urgency"]) == ([SEKDA], [BAPPEDA], "segera")
    assert [a["name"] for a in shown["attachments"]] == ["jadwal.csv"]
    text = _yth(content_url, home, doc, tmp_path)
    assert f"Yth. {SEKDA}" in text and f"Yth. {KOMINFO}" not in text  # a nota dinas still says "Dari: {KOMINFO}"
    diff = as_user(content_url, home, "kasi1.kominfo", "diff", doc, "--json")
    assert diff.code == 0, diff.err
    unified = diff.json()["unified"]
    assert f"-Yth.: {KOMINFO}" in unified and f"+Yth.: {SEKDA}" in unified
    assert "-Sifat: Biasa" in unified and "+Sifat: Segera" in unified and f"+Tembusan: {BAPPEDA}" in unified
    r = as_user(content_url, home, "staf.kominfo", "letter", "submit", doc)
    assert r.code == 0 and "Peringatan" not in r.err, r.err  # fixed: no warning on resubmission
    inbox = as_user(content_url, home, "kasi1.kominfo", "inbox", "--json").json()
    assert doc in {i["document_id"] for i in inbox}
