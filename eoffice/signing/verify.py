"""Verify the PAdES signatures of a PDF against explicit trust roots (never the system store)."""

from __future__ import annotations

import datetime as dt
import io
import logging
import zlib
from dataclasses import dataclass, field
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from eoffice.domain import BadInput
from eoffice.signing.verdict import CHANGES_ID, field_words

log = logging.getLogger(__name__)

_COVERAGE_TEXT = {
    SignatureCoverageLevel.ENTIRE_FILE: "mencakup seluruh berkas",
    SignatureCoverageLevel.ENTIRE_REVISION: "mencakup seluruh revisinya (ada pembaruan sesudahnya)",
    SignatureCoverageLevel.CONTIGUOUS_BLOCK_FROM_START: "mencakup sebagian (blok dari awal berkas)",
    SignatureCoverageLevel.UNCLEAR: "tidak jelas",
}
_ALLOWED = {ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING}


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer_name: str
    signer_nip: str
    claimed_time: dt.datetime | None
    timestamp_time: dt.datetime | None  # from a valid RFC 3161 token (B-T), else None
    intact: bool  # the signed bytes hash to what the signature says
    valid: bool  # the cryptographic signature over them checks out
    trusted: bool  # chains to one of the given roots, key usage ok, not revoked
    revoked: bool
    certified: bool  # a DocMDP (certification) signature
    coverage: str
    covers_entire_file: bool
    modification_level: str  # NONE / LTA_UPDATES / FORM_FILLING / ANNOTATIONS / OTHER / UNKNOWN
    changes: str  # human-readable "changes after signing"
    modification_ok: bool
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and not self.revoked and self.modification_ok


@dataclass(frozen=True)
class VerifyReport:
    signatures: list[SignatureReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and not self.problems and all(s.ok for s in self.signatures)


def _asn1(cert: x509.Certificate) -> Any:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _name_attr(cert: Any, key: str) -> str:
    value = cert.subject.native.get(key, "")
    return str(value[-1] if isinstance(value, list) else value)


def _crl_revoked(crls: list[x509.CertificateRevocationList], cert: Any, candidates: list[x509.Certificate]) -> bool:
    """Own CRL check (defence in depth next to the validator): serial listed in a CRL whose signature
    verifies against the certificate's issuer."""
    issuer = x509.load_der_x509_certificate(cert.dump()).issuer
    serial = int(cert.serial_number)
    for crl in crls:
        if crl.issuer != issuer or crl.get_revoked_certificate_by_serial_number(serial) is None:
            continue
        for ca in candidates:
            if ca.subject == issuer and crl.is_signature_valid(ca.public_key()):  # type: ignore[arg-type]
                return True
    return False


def read_pdf(pdf: bytes) -> PdfFileReader:
    """The file, parsed up to its signature fields. Whatever is wrong with it (garbage, truncation, objects
    nested until the parser's recursion gives out) is one sentence; the detail goes to the log."""
    if not pdf.lstrip()[:5] == b"%PDF-":
        raise BadInput("Berkas bukan PDF.")
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        reader.embedded_signatures  # noqa: B018  # parse the signature fields now, to fail early
    except (PdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError, OSError,
            AssertionError, OverflowError, zlib.error) as exc:
        log.warning("PDF tidak dapat dibaca: %s: %s", type(exc).__name__, str(exc)[:300])
        raise BadInput("Berkas PDF rusak atau tidak dapat dibaca.") from None
    return reader


def verify_pdf(
    pdf: bytes, *, trust_roots: list[x509.Certificate], crls: list[bytes] | None = None,
    now: dt.datetime | None = None, timestamp_roots: list[x509.Certificate] | None = None,
) -> VerifyReport:
    """Check every signature. ``ok`` = at least one signature, all intact, trusted, not revoked and no
    disallowed modification, and nothing but signatures/validation data after the last signature."""
    sigs = list(read_pdf(pdf).embedded_regular_signatures)
    crl_objs = []
    for raw in crls or []:
        try:
            crl_objs.append(x509.load_der_x509_crl(raw))
        except ValueError as exc:
            raise BadInput("CRL tidak valid (harus DER).") from exc
    moment = now or dt.datetime.now(dt.UTC)
    roots = [_asn1(c) for c in trust_roots]
    vc = ValidationContext(trust_roots=roots, crls=list(crls or []), moment=moment, allow_fetching=False,
                           revocation_mode="soft-fail")
    ts_vc = ValidationContext(trust_roots=roots + [_asn1(c) for c in timestamp_roots or []],
                              allow_fetching=False, revocation_mode="soft-fail")
    reports = [_check_one(s, vc, ts_vc, crl_objs, trust_roots) for s in sigs]
    problems = [] if sigs else ["Dokumen tidak memiliki tanda tangan elektronik."]
    if reports:
        last = reports[-1]  # embedded signatures come in document order
        if not last.covers_entire_file and last.modification_level not in ("NONE", "LTA_UPDATES"):
            problems.append(f"Ada perubahan setelah tanda tangan terakhir ({field_words(last.field_name)}): "
                            f"{last.changes}.")
    return VerifyReport(reports, problems)


def _check_one(emb: Any, vc: ValidationContext, ts_vc: ValidationContext,
               crls: list[x509.CertificateRevocationList], roots: list[x509.Certificate]) -> SignatureReport:
    name = str(emb.field_name)
    try:
        cert = emb.signer_cert
        st = validate_pdf_signature(emb, signer_validation_context=vc, ts_validation_context=ts_vc)
    except Exception as exc:  # a mangled CMS blob is a broken signature, not a crash
        return SignatureReport(name, "", "", None, None, False, False, False, False, False, "tidak jelas", False,
                               "UNKNOWN", "tanda tangan tidak dapat diperiksa", False, str(exc).splitlines()[0])
    embedded = [x509.load_der_x509_certificate(c.dump()) for c in emb.other_embedded_certs]
    revoked = bool(st.revoked) or _crl_revoked(crls, cert, embedded + roots)
    level = st.modification_level
    ts = st.timestamp_validity
    return SignatureReport(
        field_name=name,
        signer_name=_name_attr(cert, "common_name"),
        signer_nip=_name_attr(cert, "serial_number"),
        claimed_time=st.signer_reported_dt,
        timestamp_time=ts.timestamp if ts is not None and ts.intact and ts.valid else None,
        intact=bool(st.intact),
        valid=bool(st.valid),
        trusted=bool(st.trusted) and not revoked,
        revoked=revoked,
        certified=emb.docmdp_level is not None,
        coverage=_COVERAGE_TEXT.get(st.coverage, "tidak jelas") if st.coverage is not None else "tidak jelas",
        covers_entire_file=st.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        modification_level=level.name if level is not None else "UNKNOWN",
        changes=CHANGES_ID.get(level.name if level is not None else "UNKNOWN", CHANGES_ID["UNKNOWN"]),
        modification_ok=level in _ALLOWED and st.docmdp_ok is not False,
    )
