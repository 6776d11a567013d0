"""The visible TTE stamp (QR + text) as the appearance of a read-only text field, for signatures made
elsewhere (BSrE): the service adds an invisible signature over the whole PDF it gets, so the stamp has to
be in the PDF first. A text field, prepared with the other fields before the first paraf signature, is
what keeps those signatures valid: filling a form field with a new appearance stream is allowed after a
certification (DocMDP form filling), while an appearance set on an unsigned signature field, a new visible
signature field or page content are not."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.misc import PdfError

from eoffice.domain import BadInput
from eoffice.signing.form import fill_text_fields
from eoffice.signing.pades import _writer
from eoffice.signing.stamp import StampSpec, final_style, paraf_style, stamp_params

STAMP_FIELD = "stamp_tte"  # group "stamp": never filled by form.fill_text_fields' number/date values


def fill_stamp(pdf: bytes, *, field_name: str, stamp: StampSpec | None, when: dt.datetime,
               fill: Mapping[str, str]) -> bytes:
    """One incremental update: the number/date fields filled and the stamp drawn into ``field_name`` (the TTE
    stamp with its QR, or a reviewer's paraf box when ``stamp.qr_data`` is None; no stamp: BSrE draws it)."""
    w = _writer(pdf)
    try:
        fill_text_fields(w, fill)
        if stamp is None:
            out = io.BytesIO()
            w.write(out)  # type: ignore[no-untyped-call]
            return out.getvalue()
        ref, field = _find(w, field_name)
        x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
        style: Any = final_style() if stamp.qr_data is not None else paraf_style()
        drawn = style.create_stamp(w, BoxConstraints(width=int(x2 - x1), height=int(y2 - y1)),
                                   stamp_params(stamp, when))
        field[pdf_name("/V")] = pdf_string(f"{stamp.heading} {stamp.name}" if stamp.qr_data is not None
                                           else f"Paraf {stamp.name}")
        field[pdf_name("/AP")] = drawn.as_appearances().as_pdf_object()
        w.mark_update(ref)
        out = io.BytesIO()
        w.write(out)  # type: ignore[no-untyped-call]
    except (PdfError, KeyError, ValueError) as exc:
        raise BadInput(f"Cap TTE tidak dapat dibubuhkan: {exc}".splitlines()[0]) from exc
    return out.getvalue()


def _find(w: Any, name: str) -> tuple[Any, Any]:
    for ref in w.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if str(field.get("/T", "")) == name and field.get("/FT") == "/Tx":
            return ref, field
    raise BadInput(f"PDF tidak memiliki kolom cap TTE {name}: buat ulang PDF kerja naskah ini.")


def field_place(pdf: bytes, field_name: str) -> tuple[int, tuple[float, float, float, float]]:
    """The text field's page (0-based) and rectangle in points: where BSrE's VISIBLE mode draws the stamp."""
    w = _writer(pdf)
    try:
        _, field = _find(w, field_name)
        rect = tuple(float(v) for v in field["/Rect"])
        page = field.raw_get("/P")
        n_pages = int(w.root["/Pages"]["/Count"])
        index = next(i for i in range(n_pages)
                     if w.find_page_for_modification(i)[0].idnum == page.idnum)  # type: ignore[no-untyped-call]
    except (PdfError, KeyError, ValueError, StopIteration, AttributeError) as exc:
        raise BadInput(f"Letak cap TTE tidak ditemukan: {exc}".splitlines()[0]) from exc
    x1, y1, x2, y2 = rect
    return index, (x1, y1, x2, y2)
