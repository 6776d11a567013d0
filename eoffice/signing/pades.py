"""PAdES signing with pyHanko: prepare the route's fields, then certify (first) or approve (later)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator.registry import SimpleCertificateStore

from eoffice.domain import BadInput, Refused
from eoffice.signing.form import TextFieldSpec, add_text_fields, fill_text_fields
from eoffice.signing.keystore import Identity
from eoffice.signing.stamp import StampSpec, final_style, paraf_style, stamp_params

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    page: int = 0  # 0-based; negative counts from the end (-1 = last page)
    box: Box | None = None  # None: invisible field (e.g. a paraf without a visible box)


@dataclass(frozen=True)
class SignResult:
    pdf: bytes
    level: str  # "B-B" or "B-T"
    timestamp_fallback: bool = False  # a TSA was asked for but unreachable, so this is B-B
    timestamp_error: str = ""


def document_sha256(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    if not pdf.lstrip()[:5] == b"%PDF-":
        raise BadInput("Berkas bukan PDF.")
    try:
        return IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise BadInput(f"PDF rusak atau tidak dapat dibaca: {exc}".splitlines()[0]) from exc


def _sig_fields(handler: IncrementalPdfFileWriter) -> dict[str, bool]:
    """Field name -> already signed."""
    try:
        return {name: value is not None for name, value, _ in fields.enumerate_sig_fields(handler)}
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise BadInput(f"PDF rusak atau tidak dapat dibaca: {exc}".splitlines()[0]) from exc


def signed_fields(pdf: bytes) -> dict[str, bool]:
    """Signature field name -> already signed."""
    return _sig_fields(_writer(pdf))


def text_field_names(pdf: bytes) -> set[str]:
    """The names of the PDF's text form fields (number, date, per-page paraf marks)."""
    w = _writer(pdf)
    try:
        refs = list(w.root["/AcroForm"]["/Fields"]) if "/AcroForm" in w.root else []
        return {str(r.get_object()["/T"]) for r in refs if r.get_object().get("/FT") == "/Tx"}
    except (PdfError, KeyError, TypeError) as exc:
        raise BadInput(f"PDF rusak atau tidak dapat dibaca: {exc}".splitlines()[0]) from exc


def prepare_fields(pdf: bytes, specs: Sequence[FieldSpec], text_fields: Sequence[TextFieldSpec] = ()) -> bytes:
    """Add every signature field of the route at once, before the first signature: a field added after a
    certification signature shows up as a suspicious modification in validators. ``text_fields`` (the
    number and date) are added with them, to be filled at signing (``sign_pdf(fill=...)``)."""
    w = _writer(pdf)
    existing = _sig_fields(w)
    if any(existing.values()):
        raise Refused("Dokumen sudah ditandatangani; kolom tanda tangan harus dibuat sebelum tanda tangan pertama.")
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise BadInput("Nama kolom tanda tangan ganda.")
    try:
        n_pages = int(w.root["/Pages"]["/Count"])
        for s in specs:
            if s.name in existing:
                continue
            page = s.page if s.page >= 0 else n_pages + s.page
            if not 0 <= page < n_pages:
                raise BadInput(f"Halaman {s.page} tidak ada untuk kolom {s.name} (dokumen {n_pages} halaman).")
            fields.append_signature_field(w, fields.SigFieldSpec(sig_field_name=s.name, on_page=page, box=s.box))
        add_text_fields(w, text_fields)
        out = io.BytesIO()
        w.write(out)  # type: ignore[no-untyped-call]
    except PdfError as exc:
        raise BadInput(f"PDF tidak dapat diubah: {exc}".splitlines()[0]) from exc
    return out.getvalue()


def make_signer(identity: Identity) -> signers.SimpleSigner:
    der_key = identity.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption())

    def a1(c: x509.Certificate) -> Any:
        return asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))

    return signers.SimpleSigner(
        signing_cert=a1(identity.cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([a1(c) for c in identity.chain]),  # type: ignore[no-untyped-call]
    )


class _TimedPdfSigner(signers.PdfSigner):
    """PdfSigner whose session uses a given signing time (pyHanko takes 'now' otherwise)."""

    def __init__(self, *args: Any, signing_time: dt.datetime | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._signing_time = signing_time

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        if self._signing_time is not None:
            session.system_time = self._signing_time
        return session


def sign_pdf(
    pdf: bytes, identity: Identity, *, field_name: str, certify: bool | None = False,
    stamp: StampSpec | None = None, timestamper_url: str | None = None,
    timestamper: timestamps.TimeStamper | None = None, reason: str | None = None, location: str | None = None,
    signing_time: dt.datetime | None = None, signer: signers.Signer | None = None,
    fill: Mapping[str, str] | None = None,
) -> SignResult:
    """Sign as PAdES (ETSI.CAdES.detached) B-B, or B-T with a timestamper; an unreachable TSA falls back to
    B-B (flagged in the result). ``certify`` only for the first signature (DocMDP, form filling allowed);
    None: certify when no field is signed yet. ``fill``: text field values (see form.fill_text_fields),
    written in the same incremental update as the signature."""
    parsed = [_writer(pdf)]  # parsed once; the first attempt reuses it, a B-B fallback needs a fresh one
    existing = _sig_fields(parsed[0])
    if existing.get(field_name):
        raise Refused(f"Kolom tanda tangan {field_name} sudah ditandatangani.")
    already_signed = any(existing.values())
    if certify is None:
        certify = not already_signed
    if certify and already_signed:
        raise Refused("Hanya tanda tangan pertama yang boleh mengesahkan (certify) dokumen.")
    new_field = None
    if field_name not in existing:
        if already_signed:  # would be a field added after certification: validators flag it
            raise Refused(f"Kolom {field_name} tidak disiapkan sebelum tanda tangan pertama.")
        new_field = fields.SigFieldSpec(sig_field_name=field_name, on_page=stamp.page if stamp else 0,
                                        box=stamp.box if stamp else None)
    when = signing_time or dt.datetime.now(dt.UTC).astimezone()
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        certify=certify, docmdp_permissions=fields.MDPPerm.FILL_FORMS, reason=reason, location=location,
        name=identity.subject_name,
    )
    style = None if stamp is None else (final_style() if stamp.qr_data is not None else paraf_style())
    ts = timestamper or (timestamps.HTTPTimeStamper(timestamper_url, timeout=5) if timestamper_url else None)
    signer = signer or make_signer(identity)

    def run(tsa: timestamps.TimeStamper | None) -> bytes:
        w = parsed.pop() if parsed else IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        if fill:
            fill_text_fields(w, fill)
        pdf_signer = _TimedPdfSigner(meta, signer, timestamper=tsa, stamp_style=style, new_field_spec=new_field,
                                     signing_time=when)
        out = pdf_signer.sign_pdf(w, appearance_text_params=stamp_params(stamp, when) if stamp else None)
        return bytes(out.getvalue())

    try:
        if ts is None:
            return SignResult(run(None), "B-B")
        try:
            return SignResult(run(ts), "B-T")
        except (TimeoutError, TimestampRequestError, OSError) as exc:
            # Signing must not depend on the TSA being up: sign B-B now, the caller can add a timestamp later.
            return SignResult(run(None), "B-B", True, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    except SigningError as exc:
        raise BadInput(f"Gagal menandatangani: {exc}".splitlines()[0]) from exc
