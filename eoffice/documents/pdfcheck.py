"""A PDF is accepted as an attachment or a scan only once it has really been parsed: not encrypted, not
truncated, a bounded page tree, no active content (JavaScript, launch actions, embedded files), bounded
size. Every refusal is one Indonesian sentence saying why."""

from __future__ import annotations

import io
import zlib
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from eoffice.domain import BadInput

MAX_PAGES = 2000
MAX_TREE_DEPTH = 32
MAX_OBJECTS = 200_000
# Actions and entries that run or carry something on opening, on a click or on printing.
ACTIVE_ACTIONS = {"/JavaScript": "JavaScript", "/Launch": "perintah peluncuran program",
                  "/ImportData": "impor data", "/SubmitForm": "pengiriman formulir",
                  "/RichMediaExecute": "konten multimedia aktif", "/GoToE": "tautan ke berkas tersemat"}
ACTIVE_KEYS = {"/JS": "JavaScript", "/JavaScript": "JavaScript", "/EmbeddedFiles": "berkas tersemat",
               "/EmbeddedFile": "berkas tersemat", "/XFA": "formulir XFA", "/RichMedia": "konten multimedia"}
_READ_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
                OSError, zlib.error, AssertionError, OverflowError, MemoryError)


def has_pdf_header(data: bytes) -> bool:
    # The spec tolerates junk before the header; readers look in the first 1 KiB.
    return b"%PDF-" in data[:1024]


def check_pdf(data: bytes, what: str) -> int:
    """Raises BadInput unless ``data`` is a readable, plain PDF; returns its page count."""
    if not has_pdf_header(data):
        raise BadInput(f"{what}: bukan berkas PDF")
    if b"%%EOF" not in data[-2048:]:
        raise BadInput(f"{what}: berkas PDF terpotong (tidak lengkap)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise BadInput(f"{what}: PDF terenkripsi/berkata sandi; buka kuncinya dahulu")
        pages = _count_pages(reader, what)
        _refuse_active_content(reader, what)
    except BadInput:
        raise
    except _READ_ERRORS:
        raise BadInput(f"{what}: berkas PDF rusak atau tidak dapat dibaca") from None
    if pages == 0:
        raise BadInput(f"{what}: PDF tidak memiliki halaman")
    return pages


def _count_pages(reader: PdfReader, what: str) -> int:
    """Walks the page tree without recursion: depth, size and cycles bounded before pypdf flattens it."""
    root = reader.trailer["/Root"].get_object()
    if not isinstance(root, DictionaryObject):
        raise BadInput(f"{what}: berkas PDF rusak atau tidak dapat dibaca")
    todo: list[tuple[Any, int]] = [(root["/Pages"], 1)]
    seen: set[int] = set()
    pages = 0
    while todo:
        ref, depth = todo.pop()
        if isinstance(ref, IndirectObject):
            if ref.idnum in seen:
                raise BadInput(f"{what}: pohon halaman PDF melingkar (rusak)")
            seen.add(ref.idnum)
        node = ref.get_object()
        if not isinstance(node, DictionaryObject):
            raise BadInput(f"{what}: berkas PDF rusak atau tidak dapat dibaca")
        if depth > MAX_TREE_DEPTH:
            raise BadInput(f"{what}: pohon halaman PDF terlalu dalam (maks. {MAX_TREE_DEPTH} tingkat)")
        if node.get("/Type") == "/Page" or "/Kids" not in node:
            pages += 1
        else:
            kids = node["/Kids"].get_object()
            if not isinstance(kids, ArrayObject):
                raise BadInput(f"{what}: berkas PDF rusak atau tidak dapat dibaca")
            todo += [(kid, depth + 1) for kid in kids]
        if pages > MAX_PAGES or len(seen) > 2 * MAX_PAGES + MAX_TREE_DEPTH:
            raise BadInput(f"{what}: lebih dari {MAX_PAGES} halaman")
    return pages


def _object_ids(reader: PdfReader) -> list[int]:
    ids = {idnum for table in reader.xref.values() for idnum in table}
    ids |= set(reader.xref_objStm)
    if len(ids) > MAX_OBJECTS:
        raise BadInput(f"PDF berisi lebih dari {MAX_OBJECTS} objek")
    return sorted(ids)


def _refuse_active_content(reader: PdfReader, what: str) -> None:
    """Every object, wherever it hangs (catalog, names tree, annotations, form fields, object streams)."""
    for idnum in _object_ids(reader):
        obj = reader.get_object(idnum)
        if isinstance(obj, DictionaryObject):
            _check_dict(obj, what)


def _check_dict(top: DictionaryObject, what: str) -> None:
    """The object and the dictionaries written inside it (an annotation's /A action), not following references
    (each referenced object is checked in its own turn)."""
    todo: list[Any] = [top]
    while todo:
        obj = todo.pop()
        if isinstance(obj, DictionaryObject):
            action = obj.get("/S")
            if action in ACTIVE_ACTIONS:
                raise BadInput(f"{what}: PDF berisi {ACTIVE_ACTIONS[str(action)]}; tidak diterima")
            for key, value in obj.items():
                if key in ACTIVE_KEYS:
                    raise BadInput(f"{what}: PDF berisi {ACTIVE_KEYS[str(key)]}; tidak diterima")
                if isinstance(value, (DictionaryObject, ArrayObject)):
                    todo.append(value)
        elif isinstance(obj, ArrayObject):
            todo += [v for v in obj if isinstance(v, (DictionaryObject, ArrayObject))]
