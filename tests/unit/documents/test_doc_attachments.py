from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter

from eoffice.documents.attachments import check_attachment, merge_pdfs
from eoffice.domain import BadInput


def _zip(members: dict[str, bytes], stored_first: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if stored_first:
            z.writestr(
                zipfile.ZipInfo(stored_first), members.pop(stored_first), compress_type=zipfile.ZIP_STORED
            )
        for name, data in members.items():
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _pdf(pages: int = 1) -> bytes:
    w = PdfWriter()
    for _ in range(pages):
        w.add_blank_page(595, 842)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, "mimetype")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
def _image(fmt: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format=fmt)
    return out.getvalue()


PNG = _image("PNG")
JPG = _image("JPEG")


@pytest.mark.parametrize(
    "name, data, mime",
    [
        ("surat.pdf", _pdf(), "application/pdf"),
        ("foto.PNG", PNG, "image/png"),
        ("foto.jpeg", JPG, "image/jpeg"),
        ("foto.jpg", JPG, "image/jpeg"),
        ("konsep.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("anggaran.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("konsep.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("lama.doc", OLE, "application/msword"),
        ("lama.xls", OLE, "application/vnd.ms-excel"),
        ("catatan.txt", "Catatan rapat: Ñ é 王".encode(), "text/plain"),
        ("C:\\Users\\budi\\data.csv", b"no,nama\n1,Budi\n", "text/csv"),
    ],
)
def test_accepts_matching_content(name: str, data: bytes, mime: str) -> None:
    info = check_attachment(name, data)
    assert info.mime == mime and info.size == len(data)
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert "/" not in info.name and "\\" not in info.name


@pytest.mark.parametrize(
    "name, data, fragment",
    [
        ("kosong.pdf", b"", "kosong"),
        ("surat.pdf", PNG, "tidak sesuai"),
        ("foto.png", JPG, "tidak sesuai"),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "tidak sesuai"),  # the magic bytes alone
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20, "tidak sesuai"),
        ("konsep.docx", XLSX, "tidak sesuai"),
        ("konsep.docx", b"PK\x03\x04 broken zip", "tidak sesuai"),
        ("konsep.odt", DOCX, "tidak sesuai"),
        ("lama.doc", DOCX, "tidak sesuai"),
        ("catatan.txt", b"\xff\xfe\x00a", "tidak sesuai"),
        ("virus.exe", b"MZ\x90\x00", "tidak diperbolehkan"),
        ("tanpa_ekstensi", b"abc", "tidak diperbolehkan"),
        ("", b"abc", "kosong"),
    ],
)
def test_refuses_bad_files(name: str, data: bytes, fragment: str) -> None:
    with pytest.raises(BadInput, match=fragment):
        check_attachment(name, data)


def test_size_limit() -> None:
    check_attachment("a.txt", b"x" * 100, max_bytes=100)
    with pytest.raises(BadInput, match="melebihi batas 100 bita"):
        check_attachment("a.txt", b"x" * 101, max_bytes=100)


def test_merge_pdfs() -> None:
    merged = merge_pdfs([_pdf(2), _pdf(3)])
    assert len(PdfReader(io.BytesIO(merged)).pages) == 5


def test_merge_refuses_bad_parts() -> None:
    with pytest.raises(BadInput, match="no PDF parts"):
        merge_pdfs([])
    with pytest.raises(BadInput, match="part 2 is not a PDF"):
        merge_pdfs([_pdf(), PNG])
    with pytest.raises(BadInput, match="part 1 cannot be read"):
        merge_pdfs([b"%PDF-1.7\n garbage without objects"])
    w = PdfWriter()
    w.add_blank_page(10, 10)
    w.encrypt("rahasia")
    out = io.BytesIO()
    w.write(out)
    with pytest.raises(BadInput, match="encrypted"):
        merge_pdfs([out.getvalue()])
