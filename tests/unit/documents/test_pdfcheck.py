"""Hostile PDFs offered as attachments or scans: each refused with its reason, quickly."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from eoffice.documents.attachments import check_attachment
from eoffice.documents.pdfcheck import check_pdf
from eoffice.domain import BadInput


def _write(w: PdfWriter) -> bytes:
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _plain(pages: int = 1) -> PdfWriter:
    w = PdfWriter()
    for _ in range(pages):
        w.add_blank_page(595, 842)
    return w


def _with_open_action(kind: str) -> bytes:
    w = _plain()
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    if kind == "/JavaScript":
        action[NameObject("/JS")] = TextStringObject("app.alert('x')")
    else:
        action[NameObject("/F")] = TextStringObject("cmd.exe")
    w._root_object[NameObject("/OpenAction")] = w._add_object(action)
    return _write(w)


def _with_link_annotation() -> bytes:
    """The action written inside the annotation (a direct dictionary), not as its own object."""
    w = _plain()
    annot = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                              NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                              NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/Launch"),
                                                                  NameObject("/F"): TextStringObject("x.exe")})})
    w.pages[0][NameObject("/Annots")] = ArrayObject([w._add_object(annot)])
    return _write(w)


def _with_embedded_file() -> bytes:
    w = _plain()
    w.add_attachment("virus.exe", b"MZ\x90\x00")
    return _write(w)


def _encrypted() -> bytes:
    w = _plain()
    w.encrypt("rahasia")
    return _write(w)


def _deep_page_tree(depth: int) -> bytes:
    """A /Pages tree nested *depth* levels, written by hand (pypdf would flatten it)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        n = level + 2
        parent = f"/Parent {n - 1} 0 R " if level else ""
        objs.append(f"<< /Type /Pages {parent}/Kids [{n + 1} 0 R] /Count 1 >>".encode())
    objs.append(f"<< /Type /Page /Parent {depth + 1} 0 R /MediaBox [0 0 595 842] >>".encode())
    return _assemble(objs)


def _assemble(objs: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_plain_pdfs_pass() -> None:
    assert check_pdf(_write(_plain(3)), "x") == 3
    assert check_pdf(_deep_page_tree(5), "x") == 1
    info = check_attachment("surat.pdf", _write(_plain()))
    assert info.mime == "application/pdf"


def _cyclic_page_tree() -> bytes:
    return _assemble([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


@pytest.mark.parametrize("data, reason", [
    (_encrypted(), "terenkripsi"),
    (_write(_plain())[:-300], "terpotong"),
    (_write(_plain()).replace(b"startxref", b"startxrXf"), "rusak"),
    (b"%PDF-1.7\n garbage without objects\n%%EOF\n", "rusak"),
    (_with_open_action("/JavaScript"), "JavaScript"),
    (_with_open_action("/Launch"), "peluncuran program"),
    (_with_link_annotation(), "peluncuran program"),
    (_with_embedded_file(), "berkas tersemat"),
    (_deep_page_tree(200), "terlalu dalam"),
    (_deep_page_tree(5000), "terlalu dalam"),
    (_cyclic_page_tree(), "melingkar"),
    (b"%PDF-1.7\n" + b"[" * 100_000 + b"\n%%EOF\n", "rusak"),
    (_assemble([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]), "tidak memiliki"),
], ids=["encrypted", "truncated", "no-startxref", "garbage", "javascript", "launch", "annotation-launch",
        "embedded-file", "deep-tree", "very-deep-tree", "cyclic-tree", "nested-arrays", "no-pages"])
def test_hostile_pdfs_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    started = time.monotonic()
    with pytest.raises(BadInput, match=reason) as exc:
        check_attachment("lampiran.pdf", data)
    assert "\n" not in str(exc.value) and str(exc.value).startswith("Lampiran lampiran.pdf: ")
    assert time.monotonic() - started < 5


def test_a_huge_page_tree_is_refused() -> None:
    kids = " ".join(f"{n} 0 R" for n in range(3, 3 + 2500))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count 2500 >>".encode()]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"] * 2500
    with pytest.raises(BadInput, match="lebih dari 2000 halaman"):
        check_pdf(_assemble(objs), "x")


def test_javascript_inside_an_object_stream_is_found() -> None:
    """Objects compressed into an object stream (PDF 1.5) are checked too, not only what the raw bytes show."""
    w = _plain()
    js = DecodedStreamObject()
    js.set_data(b"app.alert(1)")
    w._root_object[NameObject("/Names")] = w._add_object(DictionaryObject({
        NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): ArrayObject([
            TextStringObject("a"), w._add_object(DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                                                   NameObject("/JS"): w._add_object(js)}))])})}))
    w.compress_identical_objects()
    data = _write(w)
    with pytest.raises(BadInput, match="JavaScript"):
        check_pdf(data, "x")
