"""Styles, safe paragraph markup, custom flowables and Body -> flowables for the renderer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from eoffice.documents import fonts
from eoffice.documents.body import Body, Heading, ListBlock, Runs, clean_text
from eoffice.documents.body import Paragraph as BodyParagraph

FONT_SIZE = 12.0  # Tata Naskah Dinas: Arial (here the metric twin Liberation Sans) 12 pt
LEADING = 14.5


@dataclass(frozen=True)
class Rect:
    """A rectangle on a page, PDF points from the bottom-left corner; ``page`` counts from 0."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


def style(name: str, **kw: Any) -> ParagraphStyle:
    face = fonts.current()
    base: dict[str, Any] = {
        "fontName": face.family,
        "fontSize": FONT_SIZE,
        "leading": LEADING,
        "alignment": TA_LEFT,
        "bulletFontName": face.regular,  # the default would pull in (unembedded) Helvetica
        "bulletFontSize": FONT_SIZE,
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


class Styles:
    def __init__(self, face: fonts.Face = fonts.SANS) -> None:
        fonts.register_fonts()
        self.face = face
        with fonts.use(face):
            self._build(face)

    def _build(self, face: fonts.Face) -> None:
        self.normal = style("normal")
        self.body = style("body", alignment=TA_JUSTIFY, firstLineIndent=12.5 * mm, spaceAfter=6)
        self.body_flat = style("body_flat", alignment=TA_JUSTIFY, spaceAfter=6)
        self.center = style("center", alignment=TA_CENTER)
        self.center_bold = style("center_bold", alignment=TA_CENTER, fontName=face.bold)
        self.title = style("title", alignment=TA_CENTER, fontName=face.bold, fontSize=13, leading=16)
        self.heading1 = style("h1", fontName=face.bold, spaceBefore=4, spaceAfter=4)
        self.heading2 = style("h2", fontName=face.bold_italic, spaceBefore=2, spaceAfter=2)
        self.small = style("small", fontSize=10, leading=12)
        self.cell = style("cell", fontSize=11, leading=13)
        self.paraf = style("paraf", fontSize=8, leading=9.5)
        self.cell_bold = style("cell_bold", fontSize=11, leading=13, fontName=face.bold)
        self.kop_big = style("kop_big", alignment=TA_CENTER, fontName=face.bold, fontSize=16, leading=19)
        self.kop_mid = style("kop_mid", alignment=TA_CENTER, fontName=face.bold, fontSize=14, leading=17)
        self.kop_small = style("kop_small", alignment=TA_CENTER, fontSize=10, leading=12)
        self.sig = style("sig", alignment=TA_CENTER)
        self.sig_note = style("sig_note", alignment=TA_CENTER, fontSize=9, leading=11)
        self.sig_name = style("sig_name", alignment=TA_CENTER, fontName=face.bold)
        self.page_no = style("page_no", alignment=TA_CENTER)


# ---------------------------------------------------------------- markup


def esc(text: str) -> str:
    """Plain text -> ReportLab paragraph markup: escape, keep line breaks, drop control characters."""
    return escape(clean_text(text).replace("\t", " ")).replace("\n", "<br/>")


def runs_markup(runs: Runs) -> str:
    out: list[str] = []
    for run in runs:
        t = esc(run.text)
        if run.underline:
            t = f"<u>{t}</u>"
        if run.italic:
            t = f"<i>{t}</i>"
        if run.bold:
            t = f"<b>{t}</b>"
        out.append(t)
    return "".join(out)


def para(text: str, st: ParagraphStyle) -> Paragraph:
    return Paragraph(esc(text), st)


def bold(text: str, st: ParagraphStyle) -> Paragraph:
    return Paragraph(f"<b>{esc(text)}</b>", st)


# ---------------------------------------------------------------- flowables


class RecordedSpace(Flowable):  # type: ignore[misc]
    """A blank area that reports where it landed (absolute page coordinates) when drawn."""

    def __init__(
        self, width: float, height: float, record: Callable[[Rect], None], border: bool = False
    ) -> None:
        super().__init__()
        self.width, self.height = width, height
        self._record, self._border = record, border

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        self._record(
            Rect(page, round(x, 2), round(y, 2), round(x + self.width, 2), round(y + self.height, 2))
        )
        if self._border:
            self.canv.setLineWidth(0.4)
            self.canv.setStrokeColor(colors.grey)
            self.canv.rect(0, 0, self.width, self.height)


class DoubleRule(Flowable):  # type: ignore[misc]
    """The kop's closing rule: a thick line over a thin one."""

    def __init__(self, thick: float = 2.2, thin: float = 0.7, gap: float = 1.6) -> None:
        super().__init__()
        self.thick, self.thin, self.gap = thick, thin, gap

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.width = avail_w
        return avail_w, self.thick + self.gap + self.thin + 2

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.black)
        top = self.thick + self.gap + self.thin + 2
        c.setLineWidth(self.thick)
        c.line(0, top - self.thick / 2, self.width, top - self.thick / 2)
        c.setLineWidth(self.thin)
        c.line(
            0,
            top - self.thick - self.gap - self.thin / 2,
            self.width,
            top - self.thick - self.gap - self.thin / 2,
        )


class Emblem(Flowable):  # type: ignore[misc]
    """Placeholder emblem when the admin has set no image: a blue shield (lambang daerah, the Perangkat
    Daerah kop) or a gold one (lambang negara, the Kepala Daerah kop), each captioned as a placeholder."""

    def __init__(self, width: float = 21 * mm, height: float = 25 * mm, national: bool = False) -> None:
        super().__init__()
        self.width, self.height, self.national = width, height, national

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, w, h = self.canv, self.width, self.height
        gold = colors.HexColor("#c9a227")
        p = c.beginPath()
        p.moveTo(0.08 * w, h * 0.97)
        p.lineTo(0.92 * w, h * 0.97)
        p.lineTo(0.92 * w, h * 0.45)
        p.curveTo(0.92 * w, h * 0.2, 0.7 * w, h * 0.08, 0.5 * w, 0.02 * h)
        p.curveTo(0.3 * w, h * 0.08, 0.08 * w, h * 0.2, 0.08 * w, h * 0.45)
        p.close()
        c.setFillColor(gold if self.national else colors.HexColor("#1f5fa8"))
        c.setStrokeColor(colors.HexColor("#8a6d12") if self.national else gold)
        c.setLineWidth(1.6)
        c.drawPath(p, fill=1, stroke=1)
        _star(c, 0.5 * w, 0.75 * h, 0.13 * w)
        c.setFillColor(colors.black if self.national else colors.white)
        c.setFont(fonts.current().bold, 4.2)
        for k, text in enumerate(("LAMBANG", "NEGARA" if self.national else "DAERAH", "(CONTOH)")):
            c.drawCentredString(0.5 * w, h * (0.5 - 0.11 * k), text)


def _star(c: Any, cx: float, cy: float, r: float) -> None:
    import math

    pts = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.42
        ang = math.pi / 2 + k * math.pi / 5
        pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    p = c.beginPath()
    p.moveTo(*pts[0])
    for pt in pts[1:]:
        p.lineTo(*pt)
    p.close()
    c.setFillColor(colors.HexColor("#f2c94c"))
    c.drawPath(p, fill=1, stroke=0)


class CheckBox(Flowable):  # type: ignore[misc]
    """A drawn tick box (no symbol font needed, so nothing depends on glyph coverage)."""

    def __init__(self, checked: bool, size: float = 3.6 * mm) -> None:
        super().__init__()
        self.checked, self.size = checked, size

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.size, self.size + 1

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.setLineWidth(0.7)
        c.rect(0, 1, s, s)
        if self.checked:
            c.setLineWidth(1.3)
            c.line(0.2 * s, 1 + 0.5 * s, 0.42 * s, 1 + 0.2 * s)
            c.line(0.42 * s, 1 + 0.2 * s, 0.85 * s, 1 + 0.85 * s)


# ---------------------------------------------------------------- tables


PLAIN_TABLE = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
]


def plain_table(rows: Sequence[Sequence[Any]], widths: Sequence[float], extra: Sequence[Any] = ()) -> Table:
    """A borderless layout table that may split inside a row (long cell text never overflows)."""
    t = Table([list(r) for r in rows], colWidths=list(widths), splitInRow=1, hAlign="LEFT")
    # Table's default cell font is (unembedded) Helvetica
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.current().regular), *PLAIN_TABLE, *extra]))
    return t


def label_rows(
    pairs: Sequence[tuple[str, Any]], width: float, st: ParagraphStyle, label_w: float = 28 * mm
) -> Table:
    """``Nomor    : value`` lines; a value may be a string or a flowable."""
    rows = []
    for label, value in pairs:
        v = para(value, st) if isinstance(value, str) else value
        rows.append([para(label, st), para(":", st), v])
    return plain_table(rows, [label_w, 4 * mm, width - label_w - 4 * mm])


def numbered(
    items: Sequence[str], st: ParagraphStyle, marker: Callable[[int], str], indent: float = 7 * mm
) -> list[Flowable]:
    """A hanging-indent list; ``marker(n)`` gives "1.", "a." ..."""
    lst = style(f"{st.name}_li", parent=st, leftIndent=indent, bulletIndent=0, firstLineIndent=0)
    return [Paragraph(esc(text), lst, bulletText=marker(n)) for n, text in enumerate(items, 1)]


def letter_marker(n: int) -> str:
    """a., b., ..., z., aa., ab. (Menimbang uses letters)."""
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(ord("a") + r) + s
    return f"{s}."


# ---------------------------------------------------------------- body


def body_flowables(body: Body, width: float, styles: Styles, indent_first: bool = True) -> list[Flowable]:
    out: list[Flowable] = []
    pst = styles.body if indent_first else styles.body_flat
    for b in body.blocks:
        if isinstance(b, BodyParagraph):
            out.append(Paragraph(runs_markup(b.runs), pst))
        elif isinstance(b, Heading):
            out.append(Paragraph(runs_markup(b.runs), styles.heading1 if b.level == 1 else styles.heading2))
        elif isinstance(b, ListBlock):
            out.extend(_list_flowables(b, styles, 0.0))
            out.append(Spacer(1, 4))
        else:
            ncols = len(b.rows[0])
            data = [
                [
                    Paragraph(runs_markup(c), styles.cell_bold if (b.header and r == 0) else styles.cell)
                    for c in row
                ]
                for r, row in enumerate(b.rows)
            ]
            t = Table(data, colWidths=[width / ncols] * ncols, repeatRows=1 if b.header else 0, splitInRow=1)
            cmds: list[Any] = [
                ("FONTNAME", (0, 0), (-1, -1), fonts.current().regular),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
            if b.header:
                cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
            t.setStyle(TableStyle(cmds))
            out.extend([t, Spacer(1, 6)])
    return out


def _list_flowables(block: ListBlock, styles: Styles, left: float) -> list[Flowable]:
    st = style("li", parent=styles.body_flat, leftIndent=left + 7 * mm, bulletIndent=left, spaceAfter=2)
    out: list[Flowable] = []
    for n, item in enumerate(block.items, 1):
        bullet = "\u2022" if left == 0 else "\u2013"
        marker = (f"{n}." if left == 0 else letter_marker(n)) if block.ordered else bullet
        out.append(Paragraph(runs_markup(item.runs), st, bulletText=marker))
        if item.sublist is not None:
            out.extend(_list_flowables(item.sublist, styles, left + 7 * mm))
    return out
