"""The real CLI end to end on both back ends: draft -> paraf -> approve -> sign -> number -> dispatch,
exports verified, tampering and bad input refused with the documented exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eoffice.signing.ca import cert_to_pem, init_ca
from tests.e2e.cli import Result, assert_one_line_error, run

KEY = {"EOFFICE_KEY_PASSPHRASE": "demo"}


def as_user(url: str, home: Path, user: str, *args: str) -> Result:
    return run(*args, db=url, home=home, user=user, password="demo", env=KEY)


def shown_version_hash(url: str, home: Path, doc: str) -> str:
    history = as_user(url, home, "staf.kominfo", "letter", "show", doc, "--json").json()
    return str(history["content_sha256"])


def test_letter_lifecycle(content_url: str, home: Path, tmp_path: Path) -> None:
    body = tmp_path / "isi.md"
    body.write_text("Dengan hormat,\n\n1. butir **satu**\n2. butir dua\n", encoding="utf-8")
    attachment = tmp_path / "data.csv"
    attachment.write_text("a,b\n1,2\n", encoding="utf-8")
    r = as_user(content_url, home, "staf.kominfo", "letter", "draft", "--kind", "nota_dinas", "--subject",
                "Permohonan Akses Jaringan", "--body", str(body), "--to", "KEPALA-DISKOMINFO", "--kode",
                "000.1.2.3", "--attach", str(attachment), "--json")
    assert r.code == 0, r.err
    doc = r.json()["id"]
    assert as_user(content_url, home, "staf.kominfo", "letter", "submit", doc).code == 0
    wrong = as_user(content_url, home, "kabid2.kominfo", "approve", doc)  # not on its route: cannot see it
    assert_one_line_error(wrong, 2, "Naskah tidak ditemukan")
    inbox = as_user(content_url, home, "kasi1.kominfo", "inbox", "--json").json()
    assert doc in {i["document_id"] for i in inbox}
    for who in ("kasi1.kominfo", "kabid1.kominfo", "sekretaris.kominfo"):
        r = as_user(content_url, home, who, "approve", doc, "--note", "ok")
        assert r.code == 0, r.err
    r = as_user(content_url, home, "kepala.kominfo", "sign", doc, "--json")
    assert r.code == 0, r.err
    number = r.json()[0]["number"]
    for _ in range(2):
        assert as_user(content_url, home, "agendaris.kominfo", "approve", doc).code == 0
    shown = as_user(content_url, home, "staf.kominfo", "letter", "show", doc, "--json").json()
    assert (shown["status"], shown["number"]) == ("dispatched", number)
    assert [a["name"] for a in shown["attachments"]] == ["data.csv"]
    out = tmp_path / "keluar.pdf"
    assert as_user(content_url, home, "staf.kominfo", "letter", "export", doc, str(out)).code == 0
    root = tmp_path / "root.pem"
    assert run("ca", "export-root", str(root), db=content_url, home=home).code == 0
    ok = run("verify", str(out), "--trust", str(root), "--json", db=content_url, home=home)
    assert ok.code == 0, ok.out
    assert ok.json()["signatures"][0]["intact"] is True
    pdfsig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid" in pdfsig and "Total document signed" in pdfsig
    pyhanko = subprocess.run([str(Path(sys.executable).with_name("pyhanko")), "sign", "validate", "--trust",
                              str(root), "--trust-replace", "--no-revocation-check", "--pretty-print", str(out)],
                             capture_output=True, text=True, check=False)
    assert "The signature is judged VALID" in pyhanko.stdout, pyhanko.stdout + pyhanko.stderr
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", str(out), str(tmp_path / "hal")],
                   check=True)
    qr = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "hal-1.png")], capture_output=True, text=True,
                        check=False).stdout.strip()
    assert qr == f"EOFFICE:{doc}:{shown_version_hash(content_url, home, doc)}"
    foreign = tmp_path / "asing.pem"
    foreign.write_bytes(cert_to_pem(init_ca("Organisasi Lain").root_cert))
    untrusted = run("verify", str(out), "--trust", str(foreign), "--json", db=None, home=home)
    assert untrusted.code == 1 and untrusted.json()["signatures"][0]["trusted"] is False
    assert untrusted.err == "", untrusted.err  # the verdict in words; pyHanko's traceback only in the log
    human = run("verify", str(out), "--trust", str(foreign), db=None, home=home)
    assert human.code == 1 and human.err == "" and "Traceback" not in human.out, human.out + human.err
    tampered = tmp_path / "ubah.pdf"
    data = bytearray(out.read_bytes())
    at = data.index(b"Permohonan Akses") if b"Permohonan Akses" in data else len(data) // 3
    data[at] ^= 0x01
    tampered.write_bytes(bytes(data))
    bad = run("verify", str(tampered), "--trust", str(root), "--json", db=content_url, home=home)
    assert bad.code == 1 and bad.json()["ok"] is False
    garbage = tmp_path / "sampah.pdf"
    garbage.write_bytes(b"not a pdf at all")
    assert_one_line_error(run("verify", str(garbage), "--trust", str(root), db=content_url, home=home), 2)
    history = as_user(content_url, home, "staf.kominfo", "letter", "history", doc, "--json").json()
    assert [h["action"] for h in history][:2] == ["letter.draft", "letter.attach"]
    audit = run("audit", "verify", "--json", db=content_url, home=home)
    assert audit.code == 0 and audit.json()["chain"] == "utuh"


def test_governor_batch_signs_and_bad_input_is_refused(content_url: str, home: Path, tmp_path: Path) -> None:
    waiting = as_user(content_url, home, "gubernur", "inbox", "--json").json()
    ids = [i["document_id"] for i in waiting if i["stage_kind"] == "sign"]
    assert len(ids) == 3
    r = as_user(content_url, home, "gubernur", "sign", *ids, "--json")
    assert r.code == 0, r.err
    assert all(x["ok"] for x in r.json())
    assert as_user(content_url, home, "gubernur", "inbox", "--json").json() == []
    again = as_user(content_url, home, "gubernur", "sign", ids[0])
    assert_one_line_error(again, 1, "sudah diputuskan oleh Haryanto Wicaksono (Gubernur Kalimantan Timur)")
    wrong_key = run("sign", ids[0], db=content_url, home=home, user="gubernur", password="demo",
                    env={"EOFFICE_KEY_PASSPHRASE": "salah"})
    assert_one_line_error(wrong_key, 2)
    missing = as_user(content_url, home, "staf.kominfo", "letter", "draft", "--kind", "nota_dinas", "--subject",
                      "x", "--body", str(tmp_path / "tidak-ada.md"), "--to", "SETDA")
    assert_one_line_error(missing, 2)
    unknown = as_user(content_url, home, "staf.kominfo", "letter", "show", "00000000-0000")
    assert_one_line_error(unknown, 2, "Naskah tidak ditemukan")


def test_disposisi_from_the_cli(content_url: str, home: Path, tmp_path: Path) -> None:
    from tests.integration.test_incoming import _pdf

    scan = tmp_path / "surat.pdf"
    scan.write_bytes(_pdf())
    r = as_user(content_url, home, "tu.pimpinan", "incoming", "register", str(scan), "--from", "BPK RI",
                "--number", "12/S/XIV/2026", "--subject", "Pemeriksaan Kinerja", "--date", "2026-11-10",
                "--to", "gubernur", "--json")
    assert r.code == 0, r.err
    doc = r.json()["id"]
    assert as_user(content_url, home, "gubernur", "dispose", doc, "--to", "sekda", "--instruct",
                   "tindak_lanjuti", "--note", "Koordinasikan").code == 0
    assert as_user(content_url, home, "sekda", "dispose", doc, "--to", "asisten1", "--instruct", "pelajari").code == 0
    bad = as_user(content_url, home, "sekda", "dispose", doc, "--to", "gubernur", "--instruct", "pelajari")
    assert_one_line_error(bad, 1, "bukan bawahan")
    tree = as_user(content_url, home, "gubernur", "disposition", "tree", doc, "--json").json()
    assert tree[0]["to"] == "sekda" and tree[0]["children"][0]["to"] == "asisten1"
    sheet = tmp_path / "lembar.pdf"
    assert as_user(content_url, home, "gubernur", "disposition", "sheet", doc, str(sheet)).code == 0
    text = subprocess.run(["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True).stdout
    assert "LEMBAR DISPOSISI" in text and "BPK RI" in text and "Koordinasikan" in text
    assert text.index("GUBERNUR KALIMANTAN TIMUR") < text.index("LEMBAR DISPOSISI")


def test_import_a_legacy_pkcs12_from_an_external_ca(content_url: str, home: Path, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import PrivateFormat, pkcs12
    from cryptography.hazmat.primitives.serialization.pkcs12 import PBES

    from eoffice.signing.ca import issue_user_cert
    from eoffice.signing.keys import generate_key

    national = init_ca("Balai Sertifikasi Elektronik")
    key = generate_key()
    cert = issue_user_cert(national, key.public_key(), name="Budi Santoso", nip="198001012005011001",
                           title="Pranata Komputer", unit="Diskominfo")
    legacy = (PrivateFormat.PKCS12.encryption_builder().kdf_rounds(2048)
              .key_cert_algorithm(PBES.PBESv1SHA1And3KeyTripleDESCBC).build(b"rahasia-bsre"))
    p12 = tmp_path / "budi.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(b"budi", key, cert, national.chain, legacy))
    wrong = run("ca", "import-p12", str(p12), db=content_url, home=home, user="staf.kominfo", password="demo",
                env={"EOFFICE_P12_PASSPHRASE": "salah", "EOFFICE_KEY_PASSPHRASE": "demo"})
    assert_one_line_error(wrong, 2)
    ok = run("ca", "import-p12", str(p12), "--json", db=content_url, home=home, user="staf.kominfo",
             password="demo", env={"EOFFICE_P12_PASSPHRASE": "rahasia-bsre", "EOFFICE_KEY_PASSPHRASE": "demo"})
    assert ok.code == 0, ok.err
    assert ok.json()["fingerprint"] == cert.fingerprint(hashes.SHA256()).hex()


def test_berita_acara_event_day_from_the_command_line(content_url: str, home: Path, tmp_path: Path) -> None:
    body = tmp_path / "isi.md"
    body.write_text("Serah terima perangkat jaringan.\n", encoding="utf-8")
    base = ["letter", "draft", "--kind", "berita_acara", "--subject", "Serah Terima Perangkat", "--body", str(body),
            "--to", "KEPALA-DISKOMINFO", "--kode", "000.1.2.3"]
    bad = as_user(content_url, home, "staf.kominfo", *base, "--event-date", "2026-02-30")
    assert_one_line_error(bad, 2, "Tanggal kegiatan berita acara tidak valid: '2026-02-30'")
    wrong_kind = as_user(content_url, home, "staf.kominfo", "letter", "draft", "--kind", "nota_dinas", "--subject",
                         "X", "--body", str(body), "--to", "KEPALA-DISKOMINFO", "--event-date", "2026-11-19")
    assert_one_line_error(wrong_kind, 2, "hanya untuk berita acara")
    parts = tmp_path / "parts.yaml"
    parts.write_text("berita_acara:\n  tanggal: 2026-13-01\n", encoding="utf-8")
    assert_one_line_error(as_user(content_url, home, "staf.kominfo", *base, "--fields", str(parts)), 2,
                          "parts.yaml: tanggal tidak valid")
    parts.write_text("berita_acara:\n  tanggal: '19/11/2026'\n", encoding="utf-8")
    assert_one_line_error(as_user(content_url, home, "staf.kominfo", *base, "--fields", str(parts)), 2,
                          "Tanggal kegiatan berita acara tidak valid: '19/11/2026'")
    # without the day: a draft, but not submittable
    r = as_user(content_url, home, "staf.kominfo", *base, "--json")
    assert r.code == 0, r.err
    doc = r.json()["id"]
    assert_one_line_error(as_user(content_url, home, "staf.kominfo", "letter", "submit", doc), 2,
                          "Tanggal kegiatan berita acara wajib diisi")
    r = as_user(content_url, home, "staf.kominfo", "letter", "revise", doc, "--event-date", "2026-11-19",
                "--event-place", "Ruang Server Diskominfo")
    assert r.code == 0, r.err
    assert as_user(content_url, home, "staf.kominfo", "letter", "submit", doc).code == 0
    # --fields YAML with an unquoted date (YAML reads it as a date) and the option over it
    parts.write_text("berita_acara:\n  tanggal: 2026-11-18\n  tempat: Aula\n", encoding="utf-8")
    r = as_user(content_url, home, "staf.kominfo", *base, "--fields", str(parts), "--event-date", "2026-11-19",
                "--json")
    assert r.code == 0, r.err
    out = tmp_path / "ba.pdf"
    assert as_user(content_url, home, "staf.kominfo", "letter", "render", r.json()["id"], str(out)).code == 0
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert ("Pada hari ini Kamis tanggal sembilan belas bulan November tahun dua ribu dua puluh enam, bertempat di "
            "Aula, telah dilaksanakan kegiatan") in text


def test_letter_list_says_when_it_stops_at_the_limit(content_url: str, home: Path) -> None:
    whole = as_user(content_url, home, "staf.kominfo", "letter", "list", "--json")
    assert whole.code == 0 and len(whole.json()) >= 2
    assert "Catatan" not in whole.err  # the demo's letters: all of them
    one = as_user(content_url, home, "staf.kominfo", "letter", "list", "--limit", "1", "--json")
    assert one.code == 0 and [r["id"] for r in one.json()] == [whole.json()[0]["id"]]  # the newest
    assert "hanya 1 naskah terbaru" in one.err
    assert_one_line_error(as_user(content_url, home, "staf.kominfo", "letter", "list", "--limit", "0"), 2,
                          "--limit harus 1 atau lebih")


def test_approve_sent_again_with_its_action_id_is_not_applied_twice(content_url: str, home: Path,
                                                                      tmp_path: Path) -> None:
    import uuid

    body = tmp_path / "isi.md"
    body.write_text("Dengan hormat.\n", encoding="utf-8")
    doc = as_user(content_url, home, "staf.kominfo", "letter", "draft", "--kind", "nota_dinas", "--subject",
                  "Uji kirim ulang", "--body", str(body), "--to", "KEPALA-DISKOMINFO", "--kode", "000.1.2.3",
                  "--json").json()["id"]
    assert as_user(content_url, home, "staf.kominfo", "letter", "submit", doc).code == 0
    action = str(uuid.uuid4())
    first = as_user(content_url, home, "kasi1.kominfo", "approve", doc, "--action-id", action, "--json")
    assert first.code == 0 and first.json()["replayed"] is False
    again = as_user(content_url, home, "kasi1.kominfo", "approve", doc, "--action-id", action)
    assert again.code == 0 and "sudah diterapkan sebelumnya" in again.out
    history = as_user(content_url, home, "staf.kominfo", "letter", "history", doc, "--json").json()
    assert sum(1 for e in history if e["action"] == "route.approve") == 1
    assert_one_line_error(as_user(content_url, home, "kasi1.kominfo", "approve", doc, "--action-id", "x"), 2,
                          "bukan UUID")
