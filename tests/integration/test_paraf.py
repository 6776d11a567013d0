"""Paraf on the PDF, through the real services on both back ends: the working PDF, the reviewers' PAdES
approval signatures (the first certifies), the TTE that fills the number and date, and what validators say."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from eoffice.documents.body import parse_markdown
from eoffice.services import letters, signatures
from eoffice.services.blobs import get_blob
from eoffice.signing.ca import cert_to_pem
from eoffice.signing.verify import verify_pdf
from eoffice.store.models import DecisionRow
from eoffice.workflow.state import Decision
from tests.e2e.cli import run as cli
from tests.integration.helpers import actor, decide, draft, run, sign, submit
from tests.unit.signing.test_pades import content_added


def _working(engine: Engine, doc: str, version: int | None = None) -> bytes:
    def get(uow):  # type: ignore[no-untyped-def]
        d = letters.get_document(uow, doc)
        rows = [v for v in letters.versions(uow, d) if v.version == (version or d.current_version)]
        digest = rows[0].working_pdf_sha256
        assert digest is not None
        return get_blob(uow, digest)

    return run(engine, get)


def _signed(engine: Engine, doc: str) -> bytes:
    return run(engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))


def _pdfsig(pdf: bytes, tmp_path: Path) -> str:
    p = tmp_path / "pdfsig.pdf"
    p.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(p)], capture_output=True, text=True, check=False).stdout


def _decide_without_key(engine: Engine, login: str, doc: str) -> None:
    who = actor(engine, login)
    run(engine, lambda uow: signatures.decide_signed(uow, who, None, doc, Decision.APPROVE))


def test_two_paraf_and_the_tte_validate_everywhere(content_engine: Engine, home: Path, tmp_path: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    _decide_without_key(content_engine, "kasi1.kominfo", doc)  # no key here: the signed statement only
    decide(content_engine, home, "kabid1.kominfo", doc)
    first = _working(content_engine, doc)
    assert [s.certified for s in verify_pdf(first, trust_roots=run(content_engine, signatures.trust_roots))
            .signatures] == [True]
    decide(content_engine, home, "sekretaris.kominfo", doc)
    signed = sign(content_engine, home, "kepala.kominfo", doc)
    pdf = _signed(content_engine, doc)
    roots = run(content_engine, signatures.trust_roots)

    report = verify_pdf(pdf, trust_roots=roots)
    assert report.ok, report
    sigs = report.signatures
    assert [s.certified for s in sigs] == [True, False, False] and sigs[-1].field_name == "TTE"
    assert [s.modification_level for s in sigs] == ["FORM_FILLING", "FORM_FILLING", "NONE"]
    assert sigs[-1].covers_entire_file
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    assert fields["nomor"]["/V"] == signed.number
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", str(fields["tanggal"]["/V"]))

    out = _pdfsig(pdf, tmp_path)
    assert out.count("Signature is Valid") == 3 and "Mismatch" not in out, out
    assert "Total document signed" in out
    (tmp_path / "final.pdf").write_bytes(pdf)
    assert subprocess.run(["qpdf", "--check", str(tmp_path / "final.pdf")], capture_output=True,
                          check=False).returncode == 0
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "final.pdf"), "-"], capture_output=True,
                          text=True, check=False).stdout
    assert signed.number in text and str(fields["tanggal"]["/V"]) in text  # field text is extractable
    (tmp_path / "root.pem").write_bytes(b"".join(cert_to_pem(r) for r in roots))
    verified = cli("verify", str(tmp_path / "final.pdf"), "--trust", str(tmp_path / "root.pem"), db=None, home=home)
    assert verified.code == 0, verified.out + verified.err
    # every decision still carries its signed statement; the PDF-signing ones name the working PDF
    rows = run(content_engine, lambda uow: uow.session.query(DecisionRow).all())
    mine = [r for r in rows if r.payload.get("document_id") == doc]
    assert len(mine) == 4 and sum(1 for r in mine if r.signature) == 3
    # signed: the working PDF is gone (its revisions live on inside the signed PDF)
    with pytest.raises(AssertionError):
        _working(content_engine, doc)


def test_returned_then_revised_letter_gets_a_fresh_working_pdf(content_engine: Engine, home: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    decide(content_engine, home, "kasi1.kominfo", doc)
    decide(content_engine, home, "kabid1.kominfo", doc, Decision.RETURN, "Perbaiki dasar hukum.")
    roots = run(content_engine, signatures.trust_roots)
    old = verify_pdf(_working(content_engine, doc, 1), trust_roots=roots)
    assert len(old.signatures) == 1
    staff = actor(content_engine, "staf.kominfo")
    run(content_engine, lambda uow: letters.revise(uow, staff, doc, body=parse_markdown("Isi baru.")))
    submit(content_engine, "staf.kominfo", doc)
    decide(content_engine, home, "kasi1.kominfo", doc)
    fresh = _working(content_engine, doc, 2)
    rep = verify_pdf(fresh, trust_roots=roots)
    assert len(rep.signatures) == 1 and rep.signatures[0].certified and rep.ok
    assert rep.signatures[0].field_name not in {s.field_name for s in old.signatures}  # round 2's own fields
    for who in ("kabid1.kominfo", "sekretaris.kominfo"):
        decide(content_engine, home, who, doc)
    sign(content_engine, home, "kepala.kominfo", doc)
    final = verify_pdf(_signed(content_engine, doc), trust_roots=roots)
    assert final.ok and len(final.signatures) == 4
    assert "Isi baru." in PdfReader(io.BytesIO(_signed(content_engine, doc))).pages[0].extract_text()


def test_tampering_after_paraf_is_detected(content_engine: Engine, home: Path, tmp_path: Path) -> None:
    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    decide(content_engine, home, "kasi1.kominfo", doc)
    pdf = _working(content_engine, doc)
    roots = run(content_engine, signatures.trust_roots)
    # content slipped in after the paraf, as an incremental update
    rep = verify_pdf(content_added(pdf), trust_roots=roots)
    assert not rep.ok and rep.signatures[0].modification_level == "OTHER"
    # a changed byte inside the signed revision (in a compressed stream of the rendered letter)
    i = len(pdf) // 3
    flipped = pdf[:i] + bytes([pdf[i] ^ 0x01]) + pdf[i + 1:]
    rep = verify_pdf(flipped, trust_roots=roots)
    assert not rep.ok and not rep.signatures[0].intact


def test_a_stale_working_pdf_is_replaced_and_the_audit_log_says_so(content_engine: Engine, home: Path) -> None:
    from eoffice.store.models import AuditEvent

    doc = draft(content_engine, "staf.kominfo")
    submit(content_engine, "staf.kominfo", doc)
    decide(content_engine, home, "kasi1.kominfo", doc)
    first = _working(content_engine, doc, 1)
    decide(content_engine, home, "kabid1.kominfo", doc, Decision.RETURN, "Cek lagi lampirannya.")
    submit(content_engine, "staf.kominfo", doc)  # the same version, a new round
    decide(content_engine, home, "kasi1.kominfo", doc)
    again = _working(content_engine, doc, 1)
    roots = run(content_engine, signatures.trust_roots)
    assert again != first and len(verify_pdf(again, trust_roots=roots).signatures) == 1
    resets = run(content_engine, lambda uow: [e.data for e in uow.session.query(AuditEvent).filter_by(
        action="letter.paraf_pdf_reset", document_id=doc)])
    assert len(resets) == 1 and resets[0]["round"] == 2 and resets[0]["version"] == 1


def test_a_long_letter_carries_each_reviewers_paraf_at_the_foot_of_every_page(
        content_engine: Engine, home: Path, tmp_path: Path) -> None:
    """Rule 9: every page without the paraf boxes has one mark per reviewer at the bottom, filled with
    their initials in the revision their paraf signature covers; the signed letter still validates."""
    from eoffice.domain import DocKind
    from eoffice.signing.stamp import initials

    body = "\n\n".join(f"Paragraf {n}: " + "isi nota dinas yang panjang untuk mengisi halaman. " * 8
                       for n in range(14))
    staff = actor(content_engine, "staf.kominfo")
    d = letters.Draft(kind=DocKind.NOTA_DINAS, subject="Nota panjang", body=parse_markdown(body),
                      to=["KEPALA-DISKOMINFO"], kode_klasifikasi="000.1.2.3")
    doc = run(content_engine, lambda uow: letters.draft(uow, staff, d))
    submit(content_engine, "staf.kominfo", doc)
    reviewers = ["kasi1.kominfo", "kabid1.kominfo", "sekretaris.kominfo"]
    for who in reviewers:
        decide(content_engine, home, who, doc)
    sign(content_engine, home, "kepala.kominfo", doc)
    pdf = _signed(content_engine, doc)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    names = run(content_engine, lambda uow: [uow.users.by_login(w).name for w in reviewers])
    box_page = len(reader.pages) - 1  # the signature block (with the paraf boxes) closes the letter
    for p, page in enumerate(reader.pages):
        marks = sorted((str(a.get_object()["/T"]), str(a.get_object().get("/V", "")),
                        float(a.get_object()["/Rect"][1]))
                       for a in page.get("/Annots", []) if str(a.get_object().get("/T", "")).startswith("paraf"))
        if p == box_page:
            assert marks == []
            continue
        assert [m[:2] for m in marks] == [(f"paraf{i + 1}_{p + 1}", initials(n)) for i, n in enumerate(names)], p
        assert all(m[2] < 25 * 72 / 25.4 for m in marks)  # in the bottom margin, below the text
    roots = run(content_engine, signatures.trust_roots)
    report = verify_pdf(pdf, trust_roots=roots)
    assert report.ok and len(report.signatures) == 4, report
    assert [s.modification_level for s in report.signatures] == ["FORM_FILLING"] * 3 + ["NONE"]
    out = _pdfsig(pdf, tmp_path)
    assert out.count("Signature is Valid") == 4 and "Mismatch" not in out, out
