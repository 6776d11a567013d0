"""The viewer's display copy: widget appearances drawn into the page, the input returned when there is nothing to do."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
)

from eoffice.documents.display import display_copy


def _pdf_with_widget(flags: int = 4) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    ap = DecodedStreamObject()
    ap.set_data(b"0 0 1 rg 0 0 10 10 re f")
    ap.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
               NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(10), FloatObject(10)])})
    widget = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/F"): NumberObject(flags),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (100, 100, 150, 120)]),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(ap)})})
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(widget)])
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_widget_appearance_is_drawn_scaled_onto_its_rectangle() -> None:
    page = PdfReader(BytesIO(display_copy(_pdf_with_widget()))).pages[0]
    assert not page.get("/Annots")
    content = page.get_contents().get_data()  # type: ignore[union-attr]
    assert b"5.000000 0 0 2.000000 100.0000 100.0000 cm /EofficeP0W0 Do" in content
    assert content.startswith(b"q\n")  # the page's own graphics state cannot leak into the widgets


def test_hidden_widgets_are_left_out_and_unreadable_input_is_returned_as_is() -> None:
    content = PdfReader(BytesIO(display_copy(_pdf_with_widget(flags=2)))).pages[0].get_contents()
    assert content is None or b"Do" not in content.get_data()
    assert display_copy(b"not a pdf") == b"not a pdf"
    plain = BytesIO()
    w = PdfWriter()
    w.add_blank_page(100, 100)
    w.write(plain)
    assert display_copy(plain.getvalue()) == plain.getvalue()
