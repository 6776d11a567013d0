"""One-line text form fields (the letter's number and date), made before the first signature and filled at
signing in the signatory's incremental update: filling a form is what a certification with DocMDP level 2
(form filling) allows, so earlier paraf signatures stay valid.

The letter's font (Liberation Sans, a small Latin subset: resources/fonts/build_stamp_font.py) is embedded
once, whole, when the fields are made, with widths for every glyph; a fill only writes a small appearance
stream per field that points at that font. ReportLab's page fonts are subsets, so the glyphs of a number
may be missing from them: they cannot be reused.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pyhanko.pdf_utils import generic as _generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.writer import PdfFileWriter

from eoffice.domain import BadInput
from eoffice.signing.stamp import FORM_FONT_NAME, font_path, whole_font

generic: Any = _generic  # pyHanko's PDF object constructors are untyped
FONT_KEY = "/EoForm"
_PREFIX = "/EOfficePrefix"  # the fixed text before the value ("NOMOR ", "Samarinda, "), kept in the field
_READ_ONLY, _PRINT = 1, 4


@dataclass(frozen=True)
class TextFieldSpec:
    """``name``'s group (the part before ``_``) says which value fills it; ``prefix`` + ``placeholder``
    is shown until then. ``box`` in PDF points; the text baseline sits ``box height - font_size`` up."""

    name: str
    page: int
    box: tuple[float, float, float, float]
    prefix: str
    placeholder: str
    align: int = 0  # PDF /Q: 0 left, 1 centred, 2 right
    font_size: float = 12.0


def _engine(writer: Any, size: float) -> Any:
    engine: Any = whole_font(FORM_FONT_NAME, int(size)).create_font_engine(writer)
    engine.font_size = size
    return engine


@functools.cache
def _shaper(size: float) -> Any:
    """Shapes text into glyph operators for the embedded form font (same file, so the same glyph ids)."""
    return _engine(PdfFileWriter(), size)  # type: ignore[no-untyped-call]  # a scratch writer, never written


def _appearance(font_ref: Any, text: str, width: float, height: float, align: int, size: float) -> Any:
    shaped = _shaper(size).shape(text)
    advance = shaped.x_advance * size
    x = {1: (width - advance) / 2, 2: width - advance}.get(align, 0.0)
    ops = b"/Tx BMC q BT %s %g Tf 0 g %.2f %.2f Td %s ET Q EMC" % (
        FONT_KEY.encode(), size, x, height - size, shaped.graphics_ops)
    stream = generic.StreamObject({
        pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
        pdf_name("/BBox"): generic.ArrayObject([generic.FloatObject(v) for v in (0, 0, width, height)]),
        pdf_name("/Resources"): generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name(FONT_KEY): font_ref})}),
    }, stream_data=ops)
    stream.compress()
    return stream


@functools.cache
def _all_chars() -> str:
    return "".join(chr(c) for c in sorted(TTFont(str(font_path(FORM_FONT_NAME))).getBestCmap()) if c > 0x20)


def add_text_fields(w: Any, specs: Sequence[TextFieldSpec]) -> None:
    """Add the fields (read-only for people, each its own widget) to an AcroForm that already exists."""
    if not specs:
        return
    if "/AcroForm" not in w.root:  # no signature field prepared (BSrE signs in a field of its own)
        w.root[pdf_name("/AcroForm")] = w.add_object(generic.DictionaryObject(
            {pdf_name("/Fields"): w.add_object(generic.ArrayObject())}))
        w.update_root()
    engine = _engine(w, specs[0].font_size)
    engine.shape(_all_chars())  # widths + ToUnicode for every glyph, so a later fill needs no font object
    font_ref = engine.as_resource()
    form = w.root["/AcroForm"]
    dr = form.setdefault(pdf_name("/DR"), generic.DictionaryObject())
    dr.get_object().setdefault(pdf_name("/Font"), generic.DictionaryObject())[pdf_name(FONT_KEY)] = font_ref
    w.update_container(form)
    form_fields = form["/Fields"]
    n_pages = int(w.root["/Pages"]["/Count"])
    for s in specs:
        if not 0 <= s.page < n_pages:
            raise BadInput(f"Halaman {s.page} tidak ada untuk kolom {s.name}.")
        page_ref = w.find_page_for_modification(s.page)[0]
        x1, y1, x2, y2 = s.box
        text = s.prefix + s.placeholder
        field = generic.DictionaryObject({
            pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Tx"), pdf_name("/T"): pdf_string(s.name),
            pdf_name("/F"): generic.NumberObject(_PRINT), pdf_name("/Ff"): generic.NumberObject(_READ_ONLY),
            pdf_name("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in s.box]),
            pdf_name("/P"): page_ref, pdf_name("/Q"): generic.NumberObject(s.align),
            pdf_name("/DA"): pdf_string(f"{FONT_KEY} {s.font_size:g} Tf 0 g"),
            pdf_name("/V"): pdf_string(text), pdf_name(_PREFIX): pdf_string(s.prefix),
        })
        ap = _appearance(font_ref, text, x2 - x1, y2 - y1, s.align, s.font_size)
        field[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): w.add_object(ap)})
        ref = w.add_object(field)
        form_fields.append(ref)
        w.register_annotation(page_ref, ref)
    w.update_container(form_fields)


def fill_text_fields(w: Any, values: Mapping[str, str]) -> None:
    """Set each text field whose group (name before ``_``) is in ``values`` to its prefix + the value, with
    a new appearance stream (validators accept new appearance streams, never edited ones)."""
    if not values:
        return
    try:
        form = w.root["/AcroForm"]
        font_ref = form["/DR"]["/Font"].raw_get(FONT_KEY)
        refs = list(form["/Fields"])
    except KeyError as exc:
        raise BadInput("PDF tidak memiliki kolom nomor dan tanggal.") from exc
    seen = set()
    for ref in refs:
        field = ref.get_object()
        if field.get("/FT") != "/Tx":
            continue
        group = str(field["/T"]).split("_")[0]
        if group not in values:
            continue
        seen.add(group)
        text = str(field.get(_PREFIX, "")) + values[group]
        x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
        size = float(str(field["/DA"]).split()[1])
        field[pdf_name("/V")] = pdf_string(text)
        ap = _appearance(font_ref, text, x2 - x1, y2 - y1, int(field.get("/Q", 0)), size)
        field[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): w.add_object(ap)})
        w.mark_update(ref)
    if missing := set(values) - seen:
        raise BadInput(f"PDF tidak memiliki kolom {', '.join(sorted(missing))}.")
