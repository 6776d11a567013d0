"""render_letter(): LetterData -> PDF bytes, with the areas reserved for the TTE stamp and paraf."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from eoffice.documents import fonts
from eoffice.documents.body import clean_text
from eoffice.documents.letter import LetterData, PaperSize
from eoffice.documents.page import PageProfile, load_profile
from eoffice.documents.pdfa import pdfa_canvas
from eoffice.documents.render_base import Rect, Styles
from eoffice.documents.render_kinds import story_for
from eoffice.documents.render_parts import Ctx, TextSlot, page_paraf_marks
from eoffice.domain import KIND_LABELS, WITA, BadInput, DocKind

PAGE_SIZES: dict[PaperSize, tuple[float, float]] = {PaperSize.A4: A4, PaperSize.F4: (215 * mm, 330 * mm)}


@dataclass(frozen=True)
class RenderResult:
    """``signature_rect``: where the signing layer draws the visible TTE stamp + QR (None without a
    signatory). ``paraf_rects``: one box per ``LetterData.paraf_labels`` entry, in the same order.
    ``text_slots``: with ``LetterData.form_fields``, where the number and date go (in document order).
    ``paraf_marks``: the reviewers' initial boxes at the bottom of the other pages (rule 9)."""

    pdf: bytes
    page_count: int
    signature_rect: Rect | None
    paraf_rects: tuple[Rect, ...]
    page_size: tuple[float, float]
    text_slots: tuple[TextSlot, ...] = ()
    paraf_marks: tuple[tuple[int, Rect], ...] = ()  # (index in paraf_labels, box) on every page without the boxes
    co_signature_rects: tuple[Rect, ...] = ()  # one TTE area per LetterData.co_signatories, in order


def meta_text(text: str, limit: int = 300) -> str:
    """Metadata strings: no control characters or lone surrogates (ReportLab would fail to encode them)."""
    return " ".join(clean_text(text).split())[:limit]


def document_title(data: LetterData) -> str:
    label = "Lembar Disposisi" if data.kind == DocKind.NASKAH_MASUK else KIND_LABELS[data.kind]
    subject = data.subject.strip() or (data.disposition.subject.strip() if data.disposition else "")
    return f"{label}: {subject}" if subject else label


def render_letter(data: LetterData, *, created: dt.datetime | None = None,
                  profile: PageProfile | None = None) -> RenderResult:
    """Lay out ``data`` as a PDF. Output is deterministic: the same data (and ``created``) gives the
    same bytes, so a re-render of an approved version can be checked byte for byte.
    ``created`` defaults to the letter's date at 08:00 WITA (or 2000-01-01 for an undated draft).
    ``profile``: margins, face and paper per kind (documents/page.py; default resources/tata-naskah.yaml).
    ``data.paper`` set overrides the profile's paper for this letter."""
    profile = profile or load_profile()
    face = profile.face_for(data.kind)
    with fonts.use(face):
        return _render(data, created, profile, face)


def _render(data: LetterData, created: dt.datetime | None, profile: PageProfile, face: fonts.Face) -> RenderResult:
    styles = Styles(face)
    page_w, page_h = PAGE_SIZES[data.paper or profile.paper_for(data.kind)]
    top, left = profile.margin_top_mm * mm, profile.margin_left_mm * mm
    right, bottom = profile.margin_right_mm * mm, profile.margin_bottom_mm * mm
    ctx = Ctx(styles, page_w - left - right, kop_gap=profile.kop_gap_lines * styles.normal.leading)
    story = story_for(data, ctx)
    pages = [0]

    def on_page(canvas: Any, doc: Any) -> None:
        n = canvas.getPageNumber()
        pages[0] = max(pages[0], n)
        if n >= 2:  # Tata Naskah Dinas: from page 2 on, "- n -" centred at the top
            canvas.saveState()
            canvas.setFont(face.regular, 12)
            canvas.drawCentredString(page_w / 2 + (left - right) / 2, page_h - 13 * mm, f"- {n} -")
            canvas.restoreState()

    buf = BytesIO()
    author = meta_text(" ".join(list(data.letterhead.lines)[-1:])) or "eoffice"
    doc = BaseDocTemplate(
        buf,
        pagesize=(page_w, page_h),
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=meta_text(document_title(data)),
        author=author,
        subject=meta_text(f"{KIND_LABELS[data.kind]} {data.number}"),
        creator="eoffice",
        keywords=KIND_LABELS[data.kind],
        lang="id-ID",
        initialFontName=face.regular,  # else ReportLab references (unembedded) Helvetica
        invariant=1,
        pageCompression=1,
    )
    frame = Frame(
        left,
        bottom,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    def on_page_end(canvas: Any, doc: Any) -> None:
        page_paraf_marks(canvas, ctx, len(data.paraf_labels), left)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page, onPageEnd=on_page_end)])
    when = created or (
        dt.datetime.combine(data.date, dt.time(8, 0), WITA)
        if data.date
        else dt.datetime(2000, 1, 1, tzinfo=WITA)
    )
    try:
        doc.build(story, canvasmaker=pdfa_canvas(when))
    except LayoutError as exc:
        raise BadInput(f"letter cannot be laid out: {str(exc)[:200]}") from None
    pdf = buf.getvalue()
    paraf = tuple(ctx.paraf[i] for i in sorted(ctx.paraf))
    return RenderResult(pdf, pages[0], ctx.signature, paraf, (page_w, page_h), tuple(ctx.slots.values()),
                        tuple(ctx.marks), tuple(ctx.co_signatures[i] for i in sorted(ctx.co_signatures)))
