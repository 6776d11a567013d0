from __future__ import annotations

import datetime as dt
import io
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from eoffice.domain import BadInput, Refused
from eoffice.signing.ca import CaBundle, cert_to_pem, make_crl
from eoffice.signing.keys import generate_key
from eoffice.signing.keystore import Identity
from eoffice.signing.pades import FieldSpec, SignResult, document_sha256, prepare_fields, sign_pdf
from eoffice.signing.stamp import StampSpec, qr_payload
from eoffice.signing.verify import verify_pdf
from tests.tsa_server import dummy_tsa

PYHANKO = str(Path(sys.executable).with_name("pyhanko"))  # the venv running the tests
ROUTE = [FieldSpec("paraf1"), FieldSpec("paraf2", -1, (420, 60, 480, 90)), FieldSpec("ttd", -1, (300, 120, 560, 200))]
WITA = dt.timezone(dt.timedelta(hours=8))


def final_stamp(ident: Identity, pdf: bytes) -> StampSpec:
    return StampSpec(ident.subject_name, "Gubernur Kalimantan Timur", "197001011990031003",
                     qr_payload(42, document_sha256(pdf)))


@pytest.fixture(scope="module")
def route_signed(pdf2: bytes, ec_identity: Identity, rsa2048_identity: Identity,
                 rsa3072_identity: Identity) -> bytes:
    """Two paraf (EC certifying + RSA-2048 visible initials) and the final RSA-3072 TTE with QR stamp."""
    pdf = prepare_fields(pdf2, ROUTE)
    r1 = sign_pdf(pdf, ec_identity, field_name="paraf1", certify=True, reason="Paraf")
    r2 = sign_pdf(r1.pdf, rsa2048_identity, field_name="paraf2", stamp=StampSpec("Siti Rahmawati"), reason="Paraf")
    r3 = sign_pdf(r2.pdf, rsa3072_identity, field_name="ttd", stamp=final_stamp(rsa3072_identity, pdf2),
                  reason="Tanda tangan elektronik", location="Samarinda",
                  signing_time=dt.datetime(2026, 3, 2, 9, 15, tzinfo=WITA))
    assert (r1.level, r2.level, r3.level) == ("B-B", "B-B", "B-B")
    return r3.pdf


def pdfsig(pdf: bytes, tmp_path: Path) -> str:
    p = tmp_path / "pdfsig.pdf"
    p.write_bytes(pdf)
    # pdfsig exits 0 even on "Digest Mismatch": only its text counts.
    return subprocess.run(["pdfsig", str(p)], capture_output=True, text=True).stdout


def pyhanko_cli(pdf: bytes, root: x509.Certificate, tmp_path: Path) -> str:
    (tmp_path / "root.pem").write_bytes(cert_to_pem(root))
    p = tmp_path / "cli.pdf"
    p.write_bytes(pdf)
    r = subprocess.run([PYHANKO, "sign", "validate", "--trust", str(tmp_path / "root.pem"), "--trust-replace",
                        "--no-revocation-check", "--pretty-print", str(p)], capture_output=True, text=True)
    return r.stdout + r.stderr


def test_route_valid_everywhere(route_signed: bytes, ca: CaBundle, tmp_path: Path) -> None:
    rep = verify_pdf(route_signed, trust_roots=[ca.root_cert])
    assert rep.ok, rep
    assert [s.field_name for s in rep.signatures] == ["paraf1", "paraf2", "ttd"]
    assert [s.certified for s in rep.signatures] == [True, False, False]
    ttd = rep.signatures[-1]
    assert ttd.signer_name == "Drs. H. Akmal Malik" and ttd.signer_nip == "197001011990031003"
    assert ttd.claimed_time == dt.datetime(2026, 3, 2, 9, 15, tzinfo=WITA)
    assert ttd.covers_entire_file and ttd.modification_level == "NONE"
    assert rep.signatures[0].modification_level == "FORM_FILLING" and not rep.signatures[0].covers_entire_file

    out = pdfsig(route_signed, tmp_path)
    assert out.count("Signature is Valid") == 3 and "Mismatch" not in out
    assert out.count("ETSI.CAdES.detached") == 3
    cli = pyhanko_cli(route_signed, ca.root_cert, tmp_path)
    assert cli.count("The signature is judged VALID") == 3, cli
    assert b"/FontFile2" in route_signed  # the stamp embeds its TrueType font (non-ASCII names)


@pytest.mark.parametrize("fixture", ["ec_identity", "rsa2048_identity", "rsa3072_identity"])
def test_single_signature_each_key_type(fixture: str, request: pytest.FixtureRequest, pdf2: bytes,
                                        ca: CaBundle) -> None:
    ident: Identity = request.getfixturevalue(fixture)
    r = sign_pdf(pdf2, ident, field_name="ttd", certify=True, stamp=StampSpec(
        ident.subject_name, "Kepala", "1", "EOFFICE:1:abc", page=1, box=(300, 100, 560, 180)))
    rep = verify_pdf(r.pdf, trust_roots=[ca.root_cert])
    assert rep.ok and rep.signatures[0].signer_name == ident.subject_name


def content_added(pdf: bytes) -> bytes:
    """``pdf`` with "PALSU" drawn on page 1 in an incremental update (content slipped in after signing)."""
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = w.root["/Pages"]["/Kids"][0].get_object()
    extra = w.add_object(generic.StreamObject(stream_data=b"BT /F1 36 Tf 100 400 Td (PALSU) Tj ET"))
    old = page.raw_get("/Contents")
    page["/Contents"] = generic.ArrayObject([*(old if isinstance(old, generic.ArrayObject) else [old]), extra])
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _flip_text_byte(pdf: bytes) -> bytes:
    i = pdf.index(b"Baris 1:")  # inside page 1's (uncompressed) content stream, covered by every signature
    return pdf[:i] + b"Baris 7:" + pdf[i + 8:]


def test_tampered_byte_broken_everywhere(route_signed: bytes, ca: CaBundle, tmp_path: Path) -> None:
    bad = _flip_text_byte(route_signed)
    rep = verify_pdf(bad, trust_roots=[ca.root_cert])
    assert not rep.ok and not any(s.intact for s in rep.signatures)
    out = pdfsig(bad, tmp_path)
    assert "Signature is Valid" not in out and out.count("Digest Mismatch") == 3, out
    cli = pyhanko_cli(bad, ca.root_cert, tmp_path)
    assert "judged VALID" not in cli and "INVALID" in cli, cli


def test_content_added_after_signing(route_signed: bytes, ca: CaBundle, tmp_path: Path) -> None:
    bad = content_added(route_signed)
    rep = verify_pdf(bad, trust_roots=[ca.root_cert])
    assert not rep.ok
    ttd = rep.signatures[-1]
    assert ttd.intact and not ttd.covers_entire_file and ttd.modification_level == "OTHER"
    assert "isi diubah setelah ditandatangani" in ttd.changes and rep.problems
    # pdfsig still calls each signature valid, only noting partial coverage: why our verifier must report it.
    out = pdfsig(bad, tmp_path)
    assert out.count("Signature is Valid") == 3 and "Not total document signed" in out
    assert "judged VALID" not in pyhanko_cli(bad, ca.root_cert, tmp_path)


def test_untrusted_root(route_signed: bytes, other_ca: CaBundle, tmp_path: Path) -> None:
    rep = verify_pdf(route_signed, trust_roots=[other_ca.root_cert])
    assert not rep.ok and all(s.intact and not s.trusted for s in rep.signatures)
    assert "judged VALID" not in pyhanko_cli(route_signed, other_ca.root_cert, tmp_path)
    assert not verify_pdf(route_signed, trust_roots=[]).ok


def test_revoked_with_crl(route_signed: bytes, ca: CaBundle, rsa3072_identity: Identity) -> None:
    crl = make_crl(ca, [(rsa3072_identity.cert.serial_number, dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))])
    rep = verify_pdf(route_signed, trust_roots=[ca.root_cert], crls=[crl])
    assert not rep.ok
    assert [s.revoked for s in rep.signatures] == [False, False, True]
    assert not rep.signatures[-1].trusted and rep.signatures[0].trusted
    # an empty CRL from the same CA changes nothing
    assert verify_pdf(route_signed, trust_roots=[ca.root_cert], crls=[make_crl(ca, [])]).ok


def test_garbage_and_unsigned(pdf2: bytes, ca: CaBundle) -> None:
    with pytest.raises(BadInput):
        verify_pdf(b"hello", trust_roots=[ca.root_cert])
    with pytest.raises(BadInput):
        verify_pdf(b"%PDF-1.7\n garbage garbage", trust_roots=[ca.root_cert])
    with pytest.raises(BadInput):
        sign_pdf(b"not a pdf", generate_identity_stub(), field_name="x")
    rep = verify_pdf(pdf2, trust_roots=[ca.root_cert])
    assert not rep.ok and rep.problems and not rep.signatures


def generate_identity_stub() -> Identity:
    return Identity(generate_key(), None, [])  # type: ignore[arg-type]  # never reached: input check first


def test_route_rules(pdf2: bytes, ec_identity: Identity) -> None:
    pdf = prepare_fields(pdf2, ROUTE)
    signed = sign_pdf(pdf, ec_identity, field_name="paraf1", certify=True).pdf
    with pytest.raises(Refused, match="pertama"):
        sign_pdf(signed, ec_identity, field_name="paraf2", certify=True)
    with pytest.raises(Refused, match="sudah ditandatangani"):
        sign_pdf(signed, ec_identity, field_name="paraf1")
    with pytest.raises(Refused, match="tidak disiapkan"):
        sign_pdf(signed, ec_identity, field_name="baru")
    with pytest.raises(Refused):
        prepare_fields(signed, [FieldSpec("lagi")])
    with pytest.raises(BadInput, match="Halaman"):
        prepare_fields(pdf2, [FieldSpec("x", 5)])
    with pytest.raises(BadInput, match="ganda"):
        prepare_fields(pdf2, [FieldSpec("x"), FieldSpec("x")])


@pytest.fixture(scope="module")
def tsa(ca: CaBundle, rsa2048_identity: Identity) -> DummyTimeStamper:
    """pyHanko's in-process TSA; it only works with an RSA key. Certified by our CA with EKU timeStamping."""
    key = rsa2048_identity.key
    assert isinstance(key, rsa.RSAPrivateKey)
    return dummy_tsa(ca, key)


def test_b_t_with_dummy_tsa(pdf2: bytes, rsa2048_identity: Identity, ca: CaBundle, tsa: DummyTimeStamper,
                            tmp_path: Path) -> None:
    r = sign_pdf(pdf2, rsa2048_identity, field_name="ttd", certify=True, timestamper=tsa)
    assert r.level == "B-T" and not r.timestamp_fallback
    rep = verify_pdf(r.pdf, trust_roots=[ca.root_cert])
    assert rep.ok and rep.signatures[0].timestamp_time is not None
    assert "judged VALID" in pyhanko_cli(r.pdf, ca.root_cert, tmp_path)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_tsa_falls_back_to_b_b(pdf2: bytes, ec_identity: Identity, ca: CaBundle) -> None:
    r: SignResult = sign_pdf(pdf2, ec_identity, field_name="ttd", certify=True,
                             timestamper_url=f"http://127.0.0.1:{_closed_port()}/tsa")
    assert r.level == "B-B" and r.timestamp_fallback and r.timestamp_error
    rep = verify_pdf(r.pdf, trust_roots=[ca.root_cert])
    assert rep.ok and rep.signatures[0].timestamp_time is None


def test_qr_payload() -> None:
    assert qr_payload(7, "ab") == "EOFFICE:7:ab"
    assert qr_payload(7, "ab", verify_url="https://e.kaltimprov.go.id/") == "https://e.kaltimprov.go.id/v/7"
    assert qr_payload(7, "ab", verify_url="https://x/v/{document_id}/{sha256}") == "https://x/v/7/ab"


def test_stamp_renders(route_signed: bytes, tmp_path: Path) -> None:
    """pdftoppm renders the stamped page (the PNG was also inspected by eye during development)."""
    p = tmp_path / "s.pdf"
    p.write_bytes(route_signed)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "2", "-l", "2", str(p), str(tmp_path / "page")],
                   check=True, capture_output=True)
    assert list(tmp_path.glob("page*.png"))
    txt = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(p), "-"], capture_output=True, text=True).stdout
    assert re.search(r"halaman 2", txt)




def test_bsre_footer_on_every_page_also_with_shared_resources(tmp_path: Path) -> None:
    from eoffice.signing.footer import add_footer
    from eoffice.signing.providers import BSRE_FOOTER
    from tests.unit.signing.conftest import make_pdf

    out = tmp_path / "f.pdf"
    # twice: the second footer's font must not clash with the first's in a shared resource dictionary
    assert add_footer(add_footer(make_pdf(3), "x"), "y").count(b"/EoFooter") >= 6
    out.write_bytes(add_footer(make_pdf(3), BSRE_FOOTER))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert " ".join(text.split()).count(BSRE_FOOTER) == 3
