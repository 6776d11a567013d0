"""PAdES B-LT / B-LTA upgrade: DSS + document timestamp, checked with our verifier, pdfsig and pyHanko's CLI."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from eoffice.domain import BadInput, Refused
from eoffice.signing.ca import CaBundle, cert_to_pem, make_crl
from eoffice.signing.keystore import Identity
from eoffice.signing.ltv import UpgradeResult, upgrade_pdf, verify_timestamps
from eoffice.signing.pades import FieldSpec, prepare_fields, sign_pdf
from eoffice.signing.verify import verify_pdf
from tests.unit.signing import test_pades
from tests.unit.signing.test_pades import PYHANKO, _closed_port, _flip_text_byte, content_added, pdfsig

tsa = test_pades.tsa  # the same in-process RSA TSA fixture (module scope here too)

FIELDS = [FieldSpec("paraf"), FieldSpec("ttd", -1, (300, 120, 560, 200))]


@pytest.fixture(scope="module")
def crl(ca: CaBundle) -> bytes:
    return make_crl(ca, [(12345, dt.datetime.now(dt.UTC) - dt.timedelta(days=1))])  # someone else revoked


@pytest.fixture(scope="module")
def signed_bt(pdf2: bytes, ec_identity: Identity, rsa3072_identity: Identity, tsa: DummyTimeStamper) -> bytes:
    """Paraf (EC, certifying) + TTE (RSA-3072), both B-T."""
    pdf = prepare_fields(pdf2, FIELDS)
    r1 = sign_pdf(pdf, ec_identity, field_name="paraf", certify=True, timestamper=tsa)
    r2 = sign_pdf(r1.pdf, rsa3072_identity, field_name="ttd", timestamper=tsa)
    assert (r1.level, r2.level) == ("B-T", "B-T")
    return r2.pdf


@pytest.fixture(scope="module")
def lta(signed_bt: bytes, ca: CaBundle, crl: bytes, tsa: DummyTimeStamper) -> UpgradeResult:
    return upgrade_pdf(signed_bt, timestamper=tsa, trust_roots=[ca.root_cert], crls=[crl])


@pytest.fixture(scope="module")
def signed_bb(pdf2: bytes, ec_identity: Identity) -> bytes:
    """A signature that fell back to B-B because the TSA was down."""
    r = sign_pdf(pdf2, ec_identity, field_name="ttd", certify=True,
                 timestamper_url=f"http://127.0.0.1:{_closed_port()}/tsa")
    assert r.level == "B-B" and r.timestamp_fallback
    return r.pdf


def cli(pdf: bytes, root: x509.Certificate, tmp_path: Path, *, revocation: bool = True) -> str:
    """pyHanko's validator; with ``revocation`` it checks revocation (hard-fail where declared) using the
    CRLs it finds, otherwise --no-revocation-check."""
    (tmp_path / "root.pem").write_bytes(cert_to_pem(root))
    p = tmp_path / "cli.pdf"
    p.write_bytes(pdf)
    extra = [] if revocation else ["--no-revocation-check"]
    r = subprocess.run([PYHANKO, "sign", "validate", "--trust", str(tmp_path / "root.pem"), "--trust-replace",
                        *extra, "--pretty-print", str(p)], capture_output=True, text=True)
    return r.stdout + r.stderr


def dss(pdf: bytes) -> generic.DictionaryObject:
    d = PdfFileReader(io.BytesIO(pdf)).root["/DSS"]
    assert isinstance(d, generic.DictionaryObject)
    return d


def test_b_t_to_b_lta(lta: UpgradeResult, signed_bt: bytes, ca: CaBundle, crl: bytes, tmp_path: Path) -> None:
    assert lta.level == "B-LTA" and lta.added_timestamp and not lta.timestamp_error
    assert lta.pdf.startswith(signed_bt)  # incremental: the signed bytes are untouched
    d = dss(lta.pdf)
    assert [c.get_object().data for c in d["/CRLs"]] == [crl]
    assert len(d["/VRI"]) == 3  # both signatures and the document timestamp
    assert len(d["/Certs"]) >= 4  # EC + RSA signers, issuing CA, root (the TSA reuses the RSA test key)

    rep = verify_pdf(lta.pdf, trust_roots=[ca.root_cert])
    assert rep.ok, rep
    assert [s.modification_level for s in rep.signatures] == ["FORM_FILLING", "LTA_UPDATES"]
    assert all(s.timestamp_time is not None for s in rep.signatures)

    [ts] = verify_timestamps(lta.pdf, [ca.root_cert])
    assert ts.ok and ts.time is not None and abs(ts.time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert ts.modification_level == "LTA_UPDATES"  # only the TSA's DSS entries after it
    assert verify_timestamps(signed_bt, [ca.root_cert]) == []

    out = pdfsig(lta.pdf, tmp_path)  # it lists the document timestamp but cannot check it
    assert out.count("Signature is Valid") == 2 and "Mismatch" not in out, out
    assert "Signature has not yet been verified" in out
    # revocation checked, with the CRLs embedded in the DSS (no CRL distribution points to fetch from)
    out = cli(lta.pdf, ca.root_cert, tmp_path)
    assert out.count("The signature is judged VALID") == 2 and "INVALID" not in out, out
    assert "signature maintenance" in out  # pyHanko's wording for LTA updates after a signature


def test_tsa_unreachable_gives_b_lt(signed_bt: bytes, ca: CaBundle, crl: bytes, tmp_path: Path) -> None:
    r = upgrade_pdf(signed_bt, timestamper_url=f"http://127.0.0.1:{_closed_port()}/tsa",
                    trust_roots=[ca.root_cert], crls=[crl])
    assert r.level == "B-LT" and not r.added_timestamp and r.timestamp_error
    assert "/CRLs" in dss(r.pdf) and verify_timestamps(r.pdf, [ca.root_cert]) == []
    rep = verify_pdf(r.pdf, trust_roots=[ca.root_cert])
    assert rep.ok and rep.signatures[-1].modification_level == "LTA_UPDATES"
    out = pdfsig(r.pdf, tmp_path)
    assert out.count("Signature is Valid") == 2 and "Mismatch" not in out, out
    assert cli(r.pdf, ca.root_cert, tmp_path, revocation=False).count("The signature is judged VALID") == 2
    # without any timestamper: DSS only
    assert upgrade_pdf(signed_bt, trust_roots=[ca.root_cert], crls=[]).level == "B-LT"


def test_b_b_upgraded_later(signed_bb: bytes, ca: CaBundle, crl: bytes, tsa: DummyTimeStamper,
                            tmp_path: Path) -> None:
    # TSA still down: validation data goes in, but there is no trusted time yet
    down = upgrade_pdf(signed_bb, timestamper_url=f"http://127.0.0.1:{_closed_port()}/tsa",
                       trust_roots=[ca.root_cert], crls=[crl])
    assert down.level == "B-B" and not down.added_timestamp and down.timestamp_error
    # TSA back: the document timestamp stands in for the missing signature timestamp -> B-LT
    lt = upgrade_pdf(down.pdf, timestamper=tsa, trust_roots=[ca.root_cert], crls=[crl])
    assert lt.level == "B-LT" and lt.added_timestamp
    # a second document timestamp covers the first one's validation data -> B-LTA
    lta = upgrade_pdf(lt.pdf, timestamper=tsa, trust_roots=[ca.root_cert], crls=[crl])
    assert lta.level == "B-LTA" and lta.added_timestamp

    rep = verify_pdf(lta.pdf, trust_roots=[ca.root_cert])
    assert rep.ok and rep.signatures[0].modification_level == "LTA_UPDATES", rep
    ts = verify_timestamps(lta.pdf, [ca.root_cert])
    assert len(ts) == 2 and all(t.ok for t in ts) and ts[0].time and ts[1].time and ts[0].time <= ts[1].time
    assert [t.covers_entire_file for t in ts] == [False, False]
    assert "Signature is Valid" in pdfsig(lta.pdf, tmp_path)
    out = cli(lta.pdf, ca.root_cert, tmp_path)
    assert out.count("The signature is judged VALID") == 1, out


def test_tampering_after_upgrade_detected(lta: UpgradeResult, ca: CaBundle, tmp_path: Path) -> None:
    bad = _flip_text_byte(lta.pdf)  # a byte covered by both signatures and the document timestamp
    rep = verify_pdf(bad, trust_roots=[ca.root_cert])
    assert not rep.ok and not any(s.intact for s in rep.signatures)
    [ts] = verify_timestamps(bad, [ca.root_cert])
    assert not ts.ok and not ts.intact
    out = pdfsig(bad, tmp_path)
    assert "Signature is Valid" not in out and out.count("Digest Mismatch") == 2, out
    assert "judged VALID" not in cli(bad, ca.root_cert, tmp_path, revocation=False)


def test_content_added_after_upgrade_detected(lta: UpgradeResult, ca: CaBundle) -> None:
    """An incremental update after the document timestamp is not an LTA update: reported everywhere."""
    bad = content_added(lta.pdf)
    rep = verify_pdf(bad, trust_roots=[ca.root_cert])
    assert not rep.ok and rep.problems and rep.signatures[-1].modification_level == "OTHER"
    [ts] = verify_timestamps(bad, [ca.root_cert])
    assert ts.intact and ts.modification_level == "OTHER" and not ts.ok


def test_refusals(signed_bt: bytes, pdf2: bytes, ca: CaBundle, other_ca: CaBundle,
                  rsa3072_identity: Identity) -> None:
    with pytest.raises(Refused, match="tidak dapat divalidasi"):
        upgrade_pdf(signed_bt, trust_roots=[other_ca.root_cert], crls=[])
    revoked = make_crl(ca, [(rsa3072_identity.cert.serial_number, dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))])
    with pytest.raises(Refused, match="ttd"):
        upgrade_pdf(signed_bt, trust_roots=[ca.root_cert], crls=[revoked])
    with pytest.raises(Refused, match="tidak memiliki tanda tangan"):
        upgrade_pdf(pdf2, trust_roots=[ca.root_cert], crls=[])
    with pytest.raises(BadInput):
        upgrade_pdf(b"not a pdf", trust_roots=[ca.root_cert], crls=[])
    with pytest.raises(BadInput):
        verify_timestamps(b"%PDF-1.7\n garbage", [ca.root_cert])
