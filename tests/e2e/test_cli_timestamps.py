"""Timestamps end to end through the CLI: B-T at signing with a real HTTP TSA, the B-B fallback when the TSA
is down, and the long-term upgrade (B-LTA) checked by our verifier and pyHanko's."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from tests.e2e.cli import run
from tests.tsa_server import serve_tsa

KEY = {"EOFFICE_KEY_PASSPHRASE": "demo"}


def test_timestamped_signature_and_long_term_upgrade(content_url: str, home: Path, tmp_path: Path) -> None:
    def gub(*args: str):  # type: ignore[no-untyped-def]
        return run(*args, db=content_url, home=home, user="gubernur", password="demo", env=KEY)

    ids = [i["document_id"] for i in gub("inbox", "--json").json()]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/tsa"
    down = gub("sign", ids[0], "--tsa", closed, "--json")
    assert down.code == 0 and down.json()[0]["level"] == "B-B"
    with serve_tsa(home / "ca") as tsa:
        up = gub("sign", ids[1], "--tsa", tsa, "--json")
        assert up.code == 0 and up.json()[0]["level"] == "B-T"
        ltv = gub("ltv", ids[0], ids[1], "--tsa", tsa, "--json")
        assert ltv.code == 0, ltv.err
        # The reviewers' paraf signatures carry no timestamp of their own (B-B): the first document
        # timestamp is their time proof (B-LT), a second one over the TSA's validation data makes it B-LTA.
        assert [r["level"] for r in ltv.json()] == ["B-LT", "B-LT"]
        again = gub("ltv", ids[1], "--tsa", tsa, "--json")
        assert again.code == 0 and [r["level"] for r in again.json()] == ["B-LTA"], again.err
    root = tmp_path / "root.pem"
    assert run("ca", "export-root", str(root), db=content_url, home=home).code == 0
    for doc in ids[:2]:
        out = tmp_path / f"{doc}.pdf"
        assert gub("letter", "export", doc, str(out)).code == 0
        report = run("verify", str(out), "--trust", str(root), "--json", db=content_url, home=home)
        assert report.code == 0, report.out
        assert report.json()["document_timestamps"] and all(t["ok"] for t in report.json()["document_timestamps"])
        check = subprocess.run([str(Path(sys.executable).with_name("pyhanko")), "sign", "validate", "--trust",
                                str(root), "--trust-replace", "--pretty-print", str(out)],
                               capture_output=True, text=True, check=False)
        assert "judged VALID" in check.stdout, check.stdout + check.stderr


def test_timestamped_paraf_signatures_reach_b_lta_in_one_upgrade(content_url: str, home: Path,
                                                                 tmp_path: Path) -> None:
    """With the office's TSA set (EOFFICE_TSA), every PDF signature, paraf included, carries its own
    timestamp: one `eoffice ltv` then makes the letter B-LTA."""
    body = tmp_path / "isi.md"
    body.write_text("Mohon arahan.", encoding="utf-8")
    with serve_tsa(home / "ca") as tsa:
        env = {**KEY, "EOFFICE_TSA": tsa}

        def as_(who: str, *args: str):  # type: ignore[no-untyped-def]
            return run(*args, db=content_url, home=home, user=who, password="demo", env=env)

        doc = as_("staf.kominfo", "letter", "draft", "--kind", "nota_dinas", "--subject", "Uji cap waktu paraf",
                  "--body", str(body), "--to", "KEPALA-DISKOMINFO", "--kode", "000.1.2.3").out.strip()
        assert as_("staf.kominfo", "letter", "submit", doc).code == 0
        for who in ("kasi1.kominfo", "kabid1.kominfo", "sekretaris.kominfo"):
            done = as_(who, "approve", doc)
            assert done.code == 0, done.err
        signed = as_("kepala.kominfo", "sign", doc, "--json")
        assert signed.code == 0 and signed.json()[0]["level"] == "B-T", signed.err
        ltv = as_("kepala.kominfo", "ltv", doc, "--json")
        assert ltv.code == 0 and [r["level"] for r in ltv.json()] == ["B-LTA"], ltv.out + ltv.err
    out, root = tmp_path / "surat.pdf", tmp_path / "root.pem"
    assert run("ca", "export-root", str(root), db=content_url, home=home).code == 0
    assert as_("staf.kominfo", "letter", "export", doc, str(out)).code == 0
    report = run("verify", str(out), "--trust", str(root), "--json", db=content_url, home=home)
    assert report.code == 0, report.out
    sigs = report.json()["signatures"]
    assert len(sigs) == 4 and all(s["timestamp"] for s in sigs)  # 3 paraf + the TTE, each B-T
