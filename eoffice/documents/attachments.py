"""Attachment checks (size, type by content, hash) and PDF merging."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from eoffice.documents.pdfcheck import check_pdf, has_pdf_header
from eoffice.domain import BadInput
from eoffice.validate import check_line

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class AttachmentInfo:
    name: str
    mime: str
    size: int
    sha256: str  # hex


def _zip_names(data: bytes) -> list[str] | None:
    if not data.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


MAX_IMAGE_PIXELS = 100_000_000  # a 10,000 x 10,000 scan; a "decompression bomb" declares far more


def _image(fmt: str) -> Callable[[bytes], bool]:
    """Decoded headers and a checked structure (Pillow), not just the magic bytes."""

    def check(data: bytes) -> bool:
        from PIL import Image  # Pillow comes with ReportLab; loaded only for an image

        try:
            with Image.open(io.BytesIO(data), formats=[fmt]) as im:
                if im.width * im.height > MAX_IMAGE_PIXELS:
                    raise BadInput(f"Gambar {im.width} x {im.height} piksel terlalu besar")
                im.verify()
        except BadInput:
            raise
        except Exception:  # noqa: BLE001 - any decoder failure means "not a valid image"
            return False
        return True

    return check


def _office_zip(marker: str) -> Callable[[bytes], bool]:
    def check(data: bytes) -> bool:
        names = _zip_names(data)
        return (
            names is not None and "[Content_Types].xml" in names and any(n.startswith(marker) for n in names)
        )

    return check


def _odf(mime: str) -> Callable[[bytes], bool]:
    def check(data: bytes) -> bool:
        # An ODF package starts with an uncompressed "mimetype" member holding the media type.
        return data.startswith(ZIP_MAGIC) and data[30:38] == b"mimetype" and mime.encode() in data[38:120]

    return check


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# extension -> (MIME type, content check)
TYPES: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    "pdf": ("application/pdf", has_pdf_header),
    "png": ("image/png", _image("PNG")),
    "jpg": ("image/jpeg", _image("JPEG")),
    "jpeg": ("image/jpeg", _image("JPEG")),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _office_zip("word/")),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _office_zip("xl/")),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _office_zip("ppt/"),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", _odf("application/vnd.oasis.opendocument.text")),
    "ods": (
        "application/vnd.oasis.opendocument.spreadsheet",
        _odf("application/vnd.oasis.opendocument.spreadsheet"),
    ),
    "doc": ("application/msword", lambda d: d.startswith(OLE_MAGIC)),
    "xls": ("application/vnd.ms-excel", lambda d: d.startswith(OLE_MAGIC)),
    "txt": ("text/plain", _is_text),
    "csv": ("text/csv", _is_text),
}


def check_attachment(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> AttachmentInfo:
    """Accept a file only if it is non-empty, within ``max_bytes`` and its content matches its extension."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not base or base in (".", ".."):
        raise BadInput("Nama lampiran kosong")
    check_line(base, "Nama lampiran", max_len=255)
    ext = base.rsplit(".", 1)[-1].lower() if "." in base else ""
    if ext not in TYPES:
        allowed = ", ".join(sorted(TYPES))
        raise BadInput(
            f"Lampiran {base}: jenis {'.' + ext if ext else '(tanpa ekstensi)'} tidak diperbolehkan ({allowed})"
        )
    size = len(data)
    if size == 0:
        raise BadInput(f"Lampiran {base} kosong")
    if size > max_bytes:
        raise BadInput(f"Lampiran {base} berukuran {size:,} bita, melebihi batas {max_bytes:,} bita")
    mime, check = TYPES[ext]
    if not check(data):
        raise BadInput(f"Lampiran {base}: isinya bukan berkas .{ext} (tidak sesuai ekstensinya)")
    if ext == "pdf":
        check_pdf(data, f"Lampiran {base}")
    return AttachmentInfo(base, mime, size, hashlib.sha256(data).hexdigest())


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    """Concatenate PDFs (letter first, then attachments). Encrypted or unreadable parts are refused."""
    if not parts:
        raise BadInput("nothing to merge: no PDF parts given")
    writer = PdfWriter()
    for n, part in enumerate(parts, 1):
        if not has_pdf_header(part):
            raise BadInput(f"PDF part {n} is not a PDF")
        try:
            reader = PdfReader(io.BytesIO(part))
            if reader.is_encrypted:
                raise BadInput(f"PDF part {n} is encrypted; remove the password first")
            writer.append(reader)
        except BadInput:
            raise
        except (
            PyPdfError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            IndexError,
            RecursionError,
        ) as exc:
            raise BadInput(f"PDF part {n} cannot be read: {type(exc).__name__}: {str(exc)[:120]}") from None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
