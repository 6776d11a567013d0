"""A berita acara through the real services on both back ends: the event day is a part the drafter fills in,
submission refuses one without it, and the spelled-out sentence is in the preview, the working PDF that
reviewers paraf and the signed PDF, whose place-and-date line carries the signing date."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from eoffice.domain import BadInput, DocKind
from eoffice.services import letters, queries, signatures
from eoffice.services.blobs import get_blob
from eoffice.signing.verify import verify_pdf
from tests.integration.helpers import actor, decide, draft, run, sign

SENTENCE = ("Pada hari ini Kamis tanggal sembilan belas bulan November tahun dua ribu dua puluh enam, bertempat di "
            "Ruang Server Diskominfo, telah dilaksanakan kegiatan sebagaimana tersebut di bawah ini.")
EVENT = {"berita_acara": {"tanggal": "2026-11-19", "tempat": "Ruang Server Diskominfo"}}


def text_of(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True,
                         timeout=60).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", out)


def test_berita_acara_states_the_event_day_in_every_render(content_engine: Engine, home: Path,
                                                          tmp_path: Path) -> None:
    staff = actor(content_engine, "staf.kominfo")
    with pytest.raises(BadInput, match="Tanggal kegiatan berita acara tidak valid"):
        draft(content_engine, "staf.kominfo", DocKind.BERITA_ACARA, fields={"berita_acara": {"tanggal": "19-11-2026"}})
    doc = draft(content_engine, "staf.kominfo", DocKind.BERITA_ACARA, "Serah Terima Perangkat Jaringan")
    with pytest.raises(BadInput, match="Tanggal kegiatan berita acara wajib diisi"):
        run(content_engine, lambda uow: queries.submit_checked(uow, staff, doc, None))
    blank = text_of(run(content_engine, lambda uow: queries.preview_pdf(uow, staff, doc)))
    assert "Pada hari ini ............ tanggal" in blank  # the draft shows what is missing
    run(content_engine, lambda uow: letters.revise(uow, staff, doc, fields=EVENT))
    assert SENTENCE in text_of(run(content_engine, lambda uow: queries.preview_pdf(uow, staff, doc)))
    run(content_engine, lambda uow: queries.submit_checked(uow, staff, doc, None))

    decide(content_engine, home, "kasi1.kominfo", doc)  # renders the working PDF, paraf 1
    working = run(content_engine, lambda uow: get_blob(
        uow, letters.current_version(uow, letters.get_document(uow, doc)).working_pdf_sha256 or ""))
    assert SENTENCE in text_of(working)
    decide(content_engine, home, "kabid1.kominfo", doc)
    signed = sign(content_engine, home, "kepala.kominfo", doc)
    pdf = run(content_engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))
    report = verify_pdf(pdf, trust_roots=run(content_engine, signatures.trust_roots))
    assert report.ok and len(report.signatures) == 3, report
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    assert str(fields["nomor"]["/V"]) == f"NOMOR {signed.number}"
    place_date = str(fields["tanggal"]["/V"])  # the place-and-date line: the signing date, filled at signing
    assert re.fullmatch(r"Samarinda, \d{1,2} [A-Z][a-z]+ \d{4}", place_date), place_date
    (tmp_path / "berita_acara.pdf").write_bytes(pdf)  # to look at: pdftoppm -r 60
    text = text_of(pdf)
    assert SENTENCE in text  # the event day, not the signing date
    assert place_date in text and signed.number in text


PARTIES_ROUTE = {
    "name": "berita_acara_para_pihak", "version": 1, "doc_kind": "berita_acara", "unit_code": None,
    "description": "Paraf kasi -> TTE PIHAK PERTAMA -> TTE PIHAK KEDUA -> TTE yang mengetahui -> agenda",
    "stages": [
        {"name": "paraf_kasi", "order": 1, "kind": "paraf", "assignees": ["role:kasi"]},
        {"name": "ttd_pihak_pertama", "order": 2, "kind": "sign", "assignees": ["position:KEPALA-DISKOMINFO"]},
        {"name": "ttd_pihak_kedua", "order": 3, "kind": "sign", "assignees": ["position:KEPALA-BAPPEDA"]},
        {"name": "ttd_mengetahui", "order": 4, "kind": "sign", "assignees": ["position:SEKDA"]},
        {"name": "agenda", "order": 5, "kind": "number", "assignees": ["role:registry"], "quorum": 1},
    ],
}


def test_berita_acara_signed_in_turn_by_the_parties_and_the_witness(content_engine: Engine, home: Path,
                                                                    tmp_path: Path) -> None:
    """Rule 7: each party signs with their own TTE in turn; the last signature numbers and dates the letter;
    the final PDF carries every signature, each valid and by the right person, and the blocks show them."""
    from eoffice.services import routing
    from eoffice.store.models import AuditEvent

    run(content_engine, lambda uow: routing.import_template(uow, None, PARTIES_ROUTE, bootstrap=True))
    staff = actor(content_engine, "staf.kominfo")
    doc = draft(content_engine, "staf.kominfo", DocKind.BERITA_ACARA, "Serah Terima Aplikasi", fields=EVENT)
    run(content_engine, lambda uow: routing.submit(uow, staff, doc, template_name="berita_acara_para_pihak"))
    decide(content_engine, home, "kasi1.kominfo", doc)
    first = sign(content_engine, home, "kepala.kominfo", doc)
    state = run(content_engine, lambda uow: letters.get_document(uow, doc))
    assert first.number == "" and state.number is None and state.signed_pdf_sha256 is None  # not numbered yet
    assert state.status == "to_sign"
    second = sign(content_engine, home, "kepala.bappeda", doc)
    assert second.number == ""
    with pytest.raises(Exception, match="sudah diputuskan"):
        sign(content_engine, home, "kepala.bappeda", doc)  # one TTE each, in turn
    last = sign(content_engine, home, "sekda", doc)
    assert last.number

    pdf = run(content_engine, lambda uow: get_blob(uow, letters.get_document(uow, doc).signed_pdf_sha256 or ""))
    roots = run(content_engine, signatures.trust_roots)
    report = verify_pdf(pdf, trust_roots=roots)
    assert report.ok, report
    names = run(content_engine, lambda uow: [uow.users.by_login(w).name
                                             for w in ("kasi1.kominfo", "kepala.kominfo", "kepala.bappeda", "sekda")])
    assert [(s.field_name.split("-")[0], s.signer_name) for s in report.signatures] == [
        ("Paraf", names[0]), ("TTE", names[1]), ("TTE", names[2]), ("TTE", names[3])]
    assert [s.field_name for s in report.signatures][1:] == ["TTE-1", "TTE-2", "TTE"]
    assert report.signatures[0].certified and report.signatures[-1].covers_entire_file
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    assert str(fields["nomor"]["/V"]) == f"NOMOR {last.number}"  # filled by the last TTE
    p = tmp_path / "ba.pdf"  # to look at: pdftoppm -r 60
    p.write_bytes(pdf)
    out = subprocess.run(["pdfsig", str(p)], capture_output=True, text=True, check=False).stdout
    assert out.count("Signature is Valid") == 4 and "Mismatch" not in out, out
    text = text_of(pdf)
    for caption in ("PIHAK PERTAMA,", "PIHAK KEDUA,", "Mengetahui,"):
        assert caption in text
    assert text.index("PIHAK PERTAMA") < text.index("Mengetahui")
    cosigned = run(content_engine, lambda uow: uow.session.query(AuditEvent).filter_by(
        action="letter.cosigned", document_id=doc).count())
    assert cosigned == 2
