"""A copy of a PDF for on-screen viewers that skip form widgets.

QtPdf renders through PDFium without a form-fill handle, so widget annotations (the Nomor/Tanggal fields, the
paraf boxes, the TTE stamp with its QR) stay blank even with ``RenderFlag.Annotations``. Drawing each visible
widget's normal appearance into its page gives a copy that looks like the file in any viewer. The copy is for the
screen only: rewriting the file ends its signatures, so it is never stored, exported or verified.
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, StreamObject

_HIDDEN = 2 | 32  # annotation flags Hidden, NoView


def display_copy(pdf: bytes) -> bytes:
    """``pdf`` with widget appearances drawn into the page content (the widgets removed); ``pdf`` itself when it
    has no widgets or cannot be read (the viewer then shows what it can)."""
    try:
        reader = PdfReader(BytesIO(pdf))
        drawn = [_strip_widgets(page, n) for n, page in enumerate(reader.pages)]
        if not any(ops is not None for ops in drawn):
            return pdf
        # Only the pages are copied: the form's field values (signature dictionaries with their large hex
        # /Contents, slow to parse) are never read.
        writer = PdfWriter()
        for page, ops in zip(reader.pages, drawn, strict=True):
            copied = writer.add_page(page)
            if ops:
                _append_content(writer, copied, ops)
        out = BytesIO()
        writer.write(out)
        return out.getvalue()
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        return pdf


def _strip_widgets(page: DictionaryObject, number: int) -> str | None:
    """Removes the page's widgets, adding their appearances to its resources; the drawing operators for them,
    None when the page has no widget."""
    annots = page.get("/Annots")
    if annots is None:
        return None
    annots = annots.get_object()
    ops: list[str] = []
    kept = ArrayObject()
    resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
    xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()
    for ref in annots:
        annot = ref.get_object()
        if annot.get("/Subtype") != "/Widget":
            kept.append(ref)
            continue
        stream = _appearance(annot)
        if stream is None or int(annot.get("/F", 0)) & _HIDDEN:
            continue
        name = f"/EofficeP{number}W{len(ops)}"  # unique: pages may share one resource dictionary
        xobjects[NameObject(name)] = stream.indirect_reference or stream
        ops.append(f"q {_placement(annot, stream)} cm {name} Do Q")
    if len(kept) == len(annots):
        return None
    page[NameObject("/Annots")] = kept
    return "\n".join(ops)


def _appearance(annot: DictionaryObject) -> StreamObject | None:
    normal = annot.get("/AP", {}).get("/N") if "/AP" in annot else None
    if normal is None:
        return None
    normal = normal.get_object()
    if isinstance(normal, StreamObject):
        return normal
    state = annot.get("/AS")  # a check box or radio button: one appearance per state
    chosen = normal.get(state) if state is not None else None
    return chosen.get_object() if chosen is not None else None


def _placement(annot: DictionaryObject, stream: StreamObject) -> str:
    """The matrix that maps the appearance's (transformed) bounding box onto the annotation's rectangle."""
    rect = annot["/Rect"].get_object()
    if not isinstance(rect, ArrayObject):
        raise ValueError("annotation without a rectangle")
    rx0, ry0, rx1, ry1 = _sorted_box([float(v) for v in rect])
    bx0, by0, bx1, by1 = [float(v) for v in stream.get("/BBox", [0, 0, rx1 - rx0, ry1 - ry0])]
    a, b, c, d, e, f = [float(v) for v in stream.get("/Matrix", [1, 0, 0, 1, 0, 0])]
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (bx0, bx1) for y in (by0, by1)]
    x0, x1 = min(p[0] for p in corners), max(p[0] for p in corners)
    y0, y1 = min(p[1] for p in corners), max(p[1] for p in corners)
    sx = (rx1 - rx0) / (x1 - x0) if x1 > x0 else 1.0
    sy = (ry1 - ry0) / (y1 - y0) if y1 > y0 else 1.0
    return f"{sx:.6f} 0 0 {sy:.6f} {rx0 - x0 * sx:.4f} {ry0 - y0 * sy:.4f}"


def _sorted_box(box: list[float]) -> tuple[float, float, float, float]:
    return min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])


def _append_content(writer: PdfWriter, page: DictionaryObject, ops: str) -> None:
    """Old content wrapped in q/Q (its graphics state must not leak into the widgets), then the widgets."""
    old = page.get("/Contents")
    target = None if old is None else old.get_object()
    parts = [] if target is None else list(target) if isinstance(target, ArrayObject) else [old]
    streams = []
    for data in (b"q\n", b"\nQ\n" + ops.encode("ascii") + b"\n"):
        s = DecodedStreamObject()
        s.set_data(data)
        streams.append(writer._add_object(s))
    page[NameObject("/Contents")] = ArrayObject([streams[0], *parts, streams[1]])
