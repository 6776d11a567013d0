"""A one-line footer on every page of a rendered letter, drawn before the first signature (afterwards a page
content change would break the signatures). Used for the BSrE certification notice: the letter's renderer
knows nothing of signing providers."""

from __future__ import annotations

import io
from typing import Any

from pyhanko.pdf_utils import generic as _generic
from pyhanko.pdf_utils.generic import pdf_name
from reportlab.pdfbase.pdfmetrics import stringWidth

from eoffice.signing.pades import _writer

generic: Any = _generic
_FONT, _SIZE, _BOTTOM = "/EoFooter", 6.5, 14.0


def _escape(text: str) -> bytes:
    return text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def add_footer(pdf: bytes, text: str) -> bytes:
    w: Any = _writer(pdf)
    font = w.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/Type1"),
        pdf_name("/BaseFont"): pdf_name("/Helvetica"), pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding")}))
    width = stringWidth(text, "Helvetica", _SIZE)
    for ix in range(int(w.root["/Pages"]["/Count"])):
        page = w.find_page_for_modification(ix)[0].get_object()
        x1, _y1, x2, _y2 = (float(v) for v in page.get("/MediaBox", [0, 0, 595, 842]))
        x = x1 + max((x2 - x1 - width) / 2, 10.0)
        key = f"{_FONT}{font.idnum}p{ix}"  # unique: pages may share one resource dictionary
        resources = generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject({pdf_name(key): font})})
        ops = b"q BT %s %g Tf 0.25 g %.2f %.2f Td (%s) Tj ET Q" % (key.encode(), _SIZE, x, _BOTTOM, _escape(text))
        stream = generic.StreamObject(stream_data=ops)
        stream.compress()
        w.add_stream_to_page(ix, w.add_object(stream), resources=resources)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()
