"""Long-term validation (PAdES B-LT / B-LTA): embed validation data in the DSS and add document timestamps.

Pure: bytes in, bytes out, no database, never fetches anything from the network except the TSA request.
Our internal CA publishes no CRL distribution points or OCSP responders, so every CRL/OCSP response that
goes into the DSS is handed in by the caller, and the ValidationContext never fetches (allow_fetching=False).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from asn1crypto import core as asn1_core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import timestamps
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.validation import DocumentSecurityStore, collect_validation_info, validate_pdf_timestamp
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, ValidationError

from eoffice.domain import BadInput, Refused
from eoffice.signing.verify import _crl_revoked, read_pdf

Level = Literal["B-B", "B-LT", "B-LTA"]
_TSA_ERRORS = (TimeoutError, TimestampRequestError, OSError, PathBuildingError, PathValidationError,
               ValidationError, SigningError)


@dataclass(frozen=True)
class UpgradeResult:
    pdf: bytes
    level: Level  # what the weakest signature in the file now reaches (see upgrade_pdf)
    added_timestamp: bool  # a document timestamp was added in this call
    timestamp_error: str = ""  # why no document timestamp was added although a TSA was given


@dataclass(frozen=True)
class TimestampReport:
    field_name: str
    time: dt.datetime | None  # genTime of the token (None if it could not be read)
    intact: bool  # the covered bytes hash to the token's message imprint
    valid: bool  # the TSA's signature over the token checks out
    trusted: bool  # the TSA certificate chains to one of the given roots
    covers_entire_file: bool
    modification_level: str  # NONE / LTA_UPDATES / ... / OTHER / UNKNOWN
    error: str = ""

    @property
    def ok(self) -> bool:
        return (self.intact and self.valid and self.trusted
                and self.modification_level in ("NONE", "LTA_UPDATES", "FORM_FILLING"))


def _asn1(cert: x509.Certificate) -> Any:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _reader(pdf: bytes) -> PdfFileReader:
    return read_pdf(pdf)


def _context(trust_roots: list[x509.Certificate], crls: Sequence[bytes], ocsps: Sequence[bytes]) -> ValidationContext:
    # hard-fail = check revocation where the certificate declares a source; our certificates declare none,
    # so the given CRLs are used when they match and a missing CRL is not an error.
    return ValidationContext(trust_roots=[_asn1(c) for c in trust_roots], crls=list(crls), ocsps=list(ocsps),
                             allow_fetching=False, revocation_mode="hard-fail")


def _has_time_proof(reader: PdfFileReader) -> bool:
    """Every regular signature has its own signature timestamp or a document timestamp after it."""
    ts_offsets = [ts.signed_revision for ts in reader.embedded_timestamp_signatures]
    for emb in reader.embedded_regular_signatures:
        attrs = emb.signer_info["unsigned_attrs"]
        own = not isinstance(attrs, asn1_core.Void) and any(
            a["type"].native == "signature_time_stamp_token" for a in attrs)
        if not own and not any(rev > emb.signed_revision for rev in ts_offsets):
            return False
    return True


def _vri_keys(reader: PdfFileReader) -> set[str]:
    """The VRI keys (upper-case hex SHA-1 of the signature contents) already in the DSS."""
    try:
        vri = reader.root["/DSS"]["/VRI"]
    except KeyError:
        return set()
    return {str(k).lstrip("/") for k in vri}


def _add_dss(reader: PdfFileReader, vc: ValidationContext, crl_objs: list[x509.CertificateRevocationList]) -> bytes:
    """One incremental update with the certificates of every signature's (and signature timestamp's) chain
    plus the given CRLs/OCSP responses, each signature getting its VRI entry."""
    sigs = list(reader.embedded_signatures)  # regular signatures and earlier document timestamps
    if not reader.embedded_regular_signatures:
        raise Refused("Dokumen tidak memiliki tanda tangan elektronik; tidak ada yang dapat ditingkatkan ke LTV.")
    writer = IncrementalPdfFileWriter.from_reader(reader)
    done = _vri_keys(reader)
    for emb in sigs:
        try:
            paths = asyncio.run(collect_validation_info(emb, vc))
        except (PathBuildingError, PathValidationError, ValidationError) as exc:
            raise Refused(f"Tanda tangan {emb.field_name} tidak dapat divalidasi, data LTV tidak ditambahkan: "
                          f"{exc}".splitlines()[0]) from exc
        for path in paths:
            # certvalidator only checks revocation where a certificate declares a CRL/OCSP source, and ours
            # declare none: check the given CRLs ourselves, as verify_pdf does.
            chain = [x509.load_der_x509_certificate(c.dump()) for c in path]
            for cert in list(path)[1:]:
                if _crl_revoked(crl_objs, cert, chain):
                    raise Refused(f"Sertifikat pada tanda tangan {emb.field_name} telah dicabut (CRL); "
                                  "data LTV tidak ditambahkan.")
        contents = emb.pkcs7_content.hex().encode("ascii")
        # A VRI entry, once written, must stay as it is (pyHanko's diff analysis flags a changed one as
        # suspicious): on a second upgrade new certificates/CRLs only go into the DSS-wide arrays.
        fresh = hashlib.sha1(contents).hexdigest().upper() not in done
        DocumentSecurityStore.supply_dss_in_writer(
            writer, contents if fresh else None, paths=paths, validation_context=vc)
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def upgrade_pdf(
    pdf: bytes, *, timestamper: timestamps.TimeStamper | None = None, timestamper_url: str | None = None,
    trust_roots: list[x509.Certificate], crls: list[bytes], ocsps: Sequence[bytes] = (),
) -> UpgradeResult:
    """Make every signature in ``pdf`` long-term verifiable.

    1. DSS (B-LT): one incremental update with the certificate chain of every signature and signature
       timestamp, plus the given CRLs/OCSP responses, checked against ``trust_roots`` without fetching.
       A signature that does not chain to the roots or is revoked by a given CRL raises Refused.
    2. Document timestamp (B-LTA) from ``timestamper`` (or an HTTPTimeStamper for ``timestamper_url``),
       covering the DSS; the TSA's own chain is then added to the DSS too. An unreachable or untrusted TSA
       never fails the call: the result keeps the DSS, ``added_timestamp`` is False and ``timestamp_error``
       says why. Call again later to add the timestamp (and again before the last TSA certificate expires
       to renew the archive timestamp chain).

    ``level`` is what the weakest signature reaches after this call:

    - "B-LTA": every signature already had a trusted time (its own signature timestamp, i.e. B-T, or an
      earlier document timestamp) and this call added DSS + a document timestamp over it.
    - "B-LT": every signature has a trusted time and the DSS, but no new document timestamp covers the
      validation data (TSA unreachable), or the only time proof is the one document timestamp added now.
      The latter is the "upgrade later" of a signature that fell back to B-B: ETSI EN 319 142-1 accepts a
      document timestamp instead of a signature timestamp for B-T, so B-B + DSS + document timestamp =
      B-LT (the timestamp proves the signature existed at that time, the DSS lets it be checked after the
      certificates expire). It is not yet B-LTA because the TSA's own validation data is only added after
      that timestamp; a second call adds a document timestamp over it and reports "B-LTA".
    - "B-B": some signature has no trusted time at all (a B-B signature and no TSA reachable): the
      validation data is embedded but the file is not B-LT until a document timestamp is added.
    """
    reader = _reader(pdf)
    try:
        crl_objs = [x509.load_der_x509_crl(c) for c in crls]
    except ValueError as exc:
        raise BadInput("CRL tidak valid (harus DER).") from exc
    vc = _context(trust_roots, crls, ocsps)
    timed_before = _has_time_proof(reader)
    with_dss = _add_dss(reader, vc, crl_objs)
    tsa = timestamper or (timestamps.HTTPTimeStamper(timestamper_url, timeout=5) if timestamper_url else None)
    if tsa is None:
        return UpgradeResult(with_dss, "B-LT" if timed_before else "B-B", False)
    try:
        w = IncrementalPdfFileWriter(io.BytesIO(with_dss), strict=False)
        # the DSS update after the timestamp adds the TSA's chain (validated against the same roots)
        out = PdfTimeStamper(tsa).timestamp_pdf(w, "sha256", validation_context=_context(trust_roots, crls, ocsps))
    except _TSA_ERRORS as exc:
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return UpgradeResult(with_dss, "B-LT" if timed_before else "B-B", False, msg)
    return UpgradeResult(bytes(out.getvalue()), "B-LTA" if timed_before else "B-LT", True)


def verify_timestamps(pdf: bytes, trust_roots: list[x509.Certificate]) -> list[TimestampReport]:
    """Check every document timestamp (validate_pdf_timestamp: a document timestamp is not a signature).
    An empty list means the file has none."""
    reader = _reader(pdf)
    vc = ValidationContext(trust_roots=[_asn1(c) for c in trust_roots], allow_fetching=False,
                           revocation_mode="soft-fail")
    reports = []
    for emb in reader.embedded_timestamp_signatures:
        name = str(emb.field_name)
        try:
            st = validate_pdf_timestamp(emb, validation_context=vc)
        except Exception as exc:  # a mangled token is a broken timestamp, not a crash
            reports.append(TimestampReport(name, None, False, False, False, False, "UNKNOWN",
                                           str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
            continue
        level = st.modification_level
        reports.append(TimestampReport(
            field_name=name, time=st.timestamp, intact=bool(st.intact), valid=bool(st.valid),
            trusted=bool(st.trusted), covers_entire_file=st.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            modification_level=level.name if level is not None else "UNKNOWN"))
    return reports
