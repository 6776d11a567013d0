"""Shared parts of every naskah: kop surat, signature block (with reserved TTE/paraf areas), tembusan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, Image, KeepTogether, PageBreak, Paragraph, Spacer

from eoffice.documents.dates import format_tanggal
from eoffice.documents.letter import LetterData, Letterhead, Signatory, format_nip
from eoffice.documents.render_base import (
    DoubleRule,
    Emblem,
    RecordedSpace,
    Rect,
    Styles,
    esc,
    para,
    plain_table,
)
from eoffice.domain import BadInput, Capacity

STAMP_W = 85 * mm  # the blank a wet signature would take; the signing layer puts its stamp + QR here
STAMP_H = 30 * mm
SIG_COL_W = 88 * mm
PARAF_W = 22 * mm
PARAF_H = 10 * mm
MARK_W, MARK_H, MARK_GAP = 14 * mm, 5.5 * mm, 2 * mm  # the per-page paraf marks in the bottom margin
MARK_BOTTOM = 11 * mm  # above the BSrE notice (signing/footer.py), below the 2.5 cm text margin
NUMBER_PLACEHOLDER = "." * 40
DATE_PLACEHOLDER = "." * 24  # filled in at signing
SENDER_PLACEHOLDER = "." * 40  # a nota dinas's "Dari" when no route names its signer yet (not a dash: it is never empty)
_PDF_ALIGN = {0: 0, 1: 1, 2: 2, 4: 0}  # ReportLab TA_LEFT/CENTER/RIGHT/JUSTIFY -> PDF /Q


@dataclass(frozen=True)
class TextSlot:
    """A one-line text field the signing layer fills at signing: ``prefix`` + the letter's number
    (``kind`` "nomor") or date ("tanggal"). ``baseline`` is measured from the rect's bottom."""

    name: str
    kind: str
    rect: Rect
    prefix: str
    placeholder: str
    align: int  # PDF /Q: 0 left, 1 centred, 2 right
    font_size: float
    baseline: float


class LineSpace(RecordedSpace):
    """A blank line as wide as its column (a table cell, the signature column or the frame)."""

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.width = avail_w
        return avail_w, self.height


@dataclass
class Ctx:
    """Per-render state: styles, text width, and the rectangles recorded while drawing."""

    styles: Styles
    width: float
    kop_gap: float = 29.0  # two line spaces under the kop (documents/page.py)
    signature: Rect | None = None
    co_signatures: dict[int, Rect] = field(default_factory=dict)  # LetterData.co_signatories' TTE areas
    paraf: dict[int, Rect] = field(default_factory=dict)
    slots: dict[str, TextSlot] = field(default_factory=dict)
    marks: list[tuple[int, Rect]] = field(default_factory=list)  # (reviewer index, box) on pages without boxes
    _slot_names: list[str] = field(default_factory=list)

    def record_signature(self, rect: Rect) -> None:
        self.signature = rect

    def paraf_recorder(self, index: int) -> RecordedSpace:
        def rec(rect: Rect) -> None:
            self.paraf[index] = rect

        return RecordedSpace(PARAF_W, PARAF_H, rec, border=True)


def number_text(data: LetterData) -> str:
    return data.number.strip() or NUMBER_PLACEHOLDER


def dated(data: LetterData) -> str:
    return format_tanggal(data.date) if data.date else DATE_PLACEHOLDER


def value_line(data: LetterData, ctx: Ctx, kind: str, prefix: str, st: ParagraphStyle) -> Flowable:
    """``prefix`` + the number (``kind`` "nomor") or the date ("tanggal") on one line. With
    ``data.form_fields`` the line is left blank and recorded as a text field slot, filled at signing."""
    placeholder = number_text(data) if kind == "nomor" else dated(data)
    if not data.form_fields:
        return para(prefix + placeholder, st)
    n = sum(1 for x in ctx._slot_names if x.split("_")[0] == kind)
    name = kind if n == 0 else f"{kind}_{n + 1}"
    ctx._slot_names.append(name)
    size, lead = float(st.fontSize), float(st.leading)

    def rec(r: Rect) -> None:
        rect = Rect(r.page, round(r.x1 + st.leftIndent, 2), r.y1, round(r.x2 - st.rightIndent, 2), r.y2)
        ctx.slots[name] = TextSlot(name, kind, rect, prefix, placeholder, _PDF_ALIGN.get(st.alignment, 0), size,
                                   lead - size)

    return LineSpace(0, lead, rec)


# ---------------------------------------------------------------- kop


def _logo(head: Letterhead, height: float, max_w: float) -> Flowable:
    if head.logo_path is None:  # the Kepala Daerah's kop carries the lambang negara, a PD's the lambang daerah
        return Emblem(min(height * 0.84, max_w), height, national=head.centered)
    try:
        reader = ImageReader(str(head.logo_path))
        iw, ih = reader.getSize()
    except Exception as exc:  # PIL/ReportLab raise many kinds: all mean "not a usable image"
        raise BadInput(f"letterhead logo {head.logo_path}: cannot read image ({exc})") from None
    w = height * iw / max(ih, 1)
    if w > max_w:  # a very wide image is scaled to fit its column
        w, height = max_w, height * max_w / w
    return Image(str(head.logo_path), width=w, height=height)


def kop(head: Letterhead, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    lines = [line for line in head.lines if line.strip()]
    if head.centered:
        # Official's kop: emblem centred above the name, no address, no rule.
        logo = _logo(head, 24 * mm, 60 * mm)
        logo.hAlign = "CENTER"
        out: list[Flowable] = [logo, Spacer(1, 2 * mm)]
        out += [para(line, st.kop_big) for line in lines]
        return out + [Spacer(1, ctx.kop_gap)]
    text: list[Flowable] = []
    for i, line in enumerate(lines):
        # The last big line is the unit's name: the largest type. Lines above it are the hierarchy.
        text.append(para(line, st.kop_big if i == len(lines) - 1 else st.kop_mid))
    text += [para(line, st.kop_small) for line in head.contact_lines if line.strip()]
    logo_w = 26 * mm
    # The text column is centred on the page, so the logo column is mirrored by an empty one.
    row = [_logo(head, 25 * mm, logo_w - 2 * mm), text, ""]
    table = plain_table(
        [row],
        [logo_w, ctx.width - 2 * logo_w + 8 * mm, logo_w - 8 * mm],
        [("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
    )
    return [table, Spacer(1, 1.5 * mm), DoubleRule(), Spacer(1, ctx.kop_gap)]


# ---------------------------------------------------------------- signature


def signer_title_lines(sig: Signatory, *, upper: bool = True, comma: str = ",") -> list[str]:
    """The jabatan lines above the signature, all in capitals (one style for every capacity):
    a.n. PRINCIPAL, / SIGNER,  ·  a.n. PRINCIPAL, / VIA, / u.b. / SIGNER,  ·  Plt. PRINCIPAL, / SIGNER,
    (``upper=False, comma=""``: the same lines for the TTE stamp)."""

    def _line(title: str) -> str:
        title = title.strip().rstrip(",").strip()
        title = title.upper() if upper else title
        return f"{title}{comma}" if title else ""

    own, principal = _line(sig.title), _line(sig.principal_title)
    if sig.capacity in (Capacity.PLT, Capacity.PLH) and not principal:
        return [f"{sig.capacity.value} {own}"] if own else []  # ``title`` already names the office held
    if not principal or sig.capacity == Capacity.SELF:
        return [own] if own else []
    lines: list[str] = []
    if sig.capacity in (Capacity.AN, Capacity.UB):
        lines.append(f"a.n. {principal}")
        if sig.capacity == Capacity.UB and sig.via_title.strip():
            lines += [_line(sig.via_title), "u.b."]
    else:  # Plt./Plh.: the office held, then the signer's own jabatan
        lines.append(f"{sig.capacity.value} {principal}")
    if own and own != principal:
        lines.append(own)
    return lines


def name_lines(sig: Signatory, st: Styles) -> list[Flowable]:
    """The name in bold, then pangkat and NIP where the block shows them (Pasal 44)."""
    out: list[Flowable] = [Paragraph(f"<b>{esc(sig.name)}</b>", st.sig_name)]
    if sig.rank.strip():
        out.append(para(sig.rank, st.sig))
    if sig.nip.strip():
        out.append(para(f"NIP. {format_nip(sig.nip)}", st.sig))
    return out


def signature_block(
    data: LetterData, ctx: Ctx, lead: Sequence[str | Flowable] = (), left: Sequence[Flowable] = ()
) -> list[Flowable]:
    """The right-hand signature column; ``left`` (e.g. paraf boxes) sits beside it."""
    st = ctx.styles
    right: list[Flowable] = [para(line, st.sig) if isinstance(line, str) else line for line in lead]
    sig = data.signatory
    if sig is not None:
        right += [para(line, st.sig) for line in signer_title_lines(sig)]
        space = RecordedSpace(STAMP_W, STAMP_H, ctx.record_signature)
        space.hAlign = "CENTER"
        right += [Spacer(1, 1 * mm), space, Spacer(1, 1 * mm)]
        right += name_lines(sig, st)
    left_items = list(left) + paraf_boxes(data, ctx)
    table = plain_table(
        [[left_items or "", right]],
        [ctx.width - SIG_COL_W, SIG_COL_W],
        [("VALIGN", (0, 0), (0, 0), "BOTTOM")],
    )
    table.splitInRow = 0  # the block never splits: it moves to the next page whole
    return [Spacer(1, 6 * mm), table]


PARTY_STAMP_W = 76 * mm  # two blocks side by side in the 16 cm text width


def party_labels(count: int) -> list[str]:
    """The captions of a berita acara's signature blocks, in signing order: the parties, then the witness."""
    return ["PIHAK PERTAMA,", "PIHAK KEDUA,", "Mengetahui,"][:count]


def parties_block(data: LetterData, ctx: Ctx, lead: Sequence[Flowable] = ()) -> list[Flowable]:
    """Berita acara with several signatories (rule 7): PIHAK PERTAMA left, PIHAK KEDUA right, and the
    witnessing official ("Mengetahui,") centred below, each with their own TTE area; the last signatory's
    is the letter's TTE field (``ctx.signature``), the others' ``ctx.co_signatures``. The paraf boxes
    follow, on the left."""
    assert data.signatory is not None
    st = ctx.styles
    sigs = [*data.co_signatories, data.signatory]
    labels = party_labels(len(sigs))

    def titles(i: int) -> list[Flowable]:
        return [para(labels[i], st.sig)] + [para(line, st.sig) for line in signer_title_lines(sigs[i])]

    def stamp(i: int) -> Flowable:
        if i == len(sigs) - 1:
            recorder = ctx.record_signature
        else:
            def recorder(rect: Rect, i: int = i) -> None:
                ctx.co_signatures[i] = rect
        space = RecordedSpace(PARTY_STAMP_W, STAMP_H, recorder)
        space.hAlign = "CENTER"
        return space

    def rows(ix: Sequence[int]) -> list[list[object]]:  # captions and titles, TTE areas, names: each a row
        return [[titles(i) for i in ix], [stamp(i) for i in ix], [name_lines(sigs[i], st) for i in ix]]

    half = ctx.width / 2
    table = plain_table([["", list(lead)], *rows([0, 1])], [half, half],
                        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("VALIGN", (0, 1), (-1, 1), "BOTTOM")])
    table.splitInRow = 0
    out: list[Flowable] = [Spacer(1, 6 * mm), table]
    if len(sigs) == 3:
        witness = plain_table(rows([2]), [SIG_COL_W])
        witness.hAlign = "CENTER"
        witness.splitInRow = 0
        out += [Spacer(1, 4 * mm), witness]
    boxes = paraf_boxes(data, ctx)
    if boxes:
        out += [Spacer(1, 4 * mm), plain_table([[boxes, ""]], [ctx.width - SIG_COL_W, SIG_COL_W])]
    return out


def lampiran_signature(data: LetterData, ctx: Ctx) -> list[Flowable]:
    """The signature block closing a lampiran: the same jabatan and name; the TTE itself is on the letter."""
    sig = data.signatory
    if sig is None:
        return []
    st = ctx.styles
    right: list[Flowable] = [para(line, st.sig) for line in signer_title_lines(sig)]
    right += [Spacer(1, 4 * mm), Paragraph("<i>ditandatangani secara elektronik</i>", st.sig_note), Spacer(1, 4 * mm),
              *name_lines(sig, st)]
    table = plain_table([["", right]], [ctx.width - SIG_COL_W, SIG_COL_W])
    table.splitInRow = 0
    return [Spacer(1, 6 * mm), table]


KEEP_WITH_MAX_H = 70 * mm


def with_signature(out: list[Flowable], sig: list[Flowable], width: float) -> list[Flowable]:
    """Append the signature block (and tembusan), kept on one page with the flowable before it when that
    one is short, so a signature never stands alone on a page (Tata Naskah Dinas). A long last flowable
    is not pulled along: KeepTogether would move it whole to a new page and leave a gap."""
    tail: list[Flowable] = []
    while out and isinstance(out[-1], Spacer):
        tail.insert(0, out.pop())
    if out and not isinstance(out[-1], PageBreak | CondPageBreak | KeepTogether):
        _, h = out[-1].wrap(width, 10_000)
        if h <= KEEP_WITH_MAX_H:
            return [*out[:-1], KeepTogether([out[-1], *tail, *sig])]
    return [*out, *tail, KeepTogether(sig)]


def paraf_boxes(data: LetterData, ctx: Ctx) -> list[Flowable]:
    """One box per reviewer beside its full jabatan (small type: eight long titles must fit one page)."""
    if not data.paraf_labels:
        return []
    st = ctx.styles
    label_w = ctx.width - SIG_COL_W - PARAF_W - 4 * mm
    rows: list[list[object]] = [[para("Paraf", st.paraf), ""]]
    for i, label in enumerate(data.paraf_labels):
        rows.append([para(label, st.paraf), ctx.paraf_recorder(i)])
    return [
        plain_table(
            rows,
            [label_w, PARAF_W + 2 * mm],
            [("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TEXTCOLOR", (0, 0), (-1, -1), colors.grey)],
        )
    ]


def page_paraf_marks(canvas: object, ctx: Ctx, count: int, left: float) -> None:
    """At the end of a page without the paraf boxes: "Paraf" and one small box per reviewer at the bottom
    (each sheet of a longer letter is initialled; the signing layer makes each box a text field that the
    reviewer's paraf signature fills with their initials)."""
    page = canvas.getPageNumber() - 1  # type: ignore[attr-defined]
    if not count or any(r.page == page for r in ctx.paraf.values()):
        return
    c: Any = canvas
    c.saveState()
    c.setFont(ctx.styles.paraf.fontName, 8)
    c.setFillColor(colors.grey)
    c.drawString(left, MARK_BOTTOM + 1.6 * mm, "Paraf")
    c.setStrokeColor(colors.grey)
    c.setLineWidth(0.4)
    x = left + 10 * mm
    for i in range(count):
        c.rect(x, MARK_BOTTOM, MARK_W, MARK_H)
        ctx.marks.append((i, Rect(page, round(x, 2), round(MARK_BOTTOM, 2), round(x + MARK_W, 2),
                                  round(MARK_BOTTOM + MARK_H, 2))))
        x += MARK_W + MARK_GAP
    c.restoreState()


def tembusan(items: Sequence[str], ctx: Ctx) -> list[Flowable]:
    items = [t for t in items if t.strip()]
    if not items:
        return []
    st = ctx.styles
    # No KeepTogether here: callers put the tembusan inside with_signature()'s KeepTogether, and a nested
    # KeepTogether reports an "infinite" height that would push the whole block to a fresh page.
    out: list[Flowable] = [Spacer(1, 8 * mm), para("Tembusan:", st.normal)]
    if len(items) == 1:
        return [*out, para(items[0], st.normal)]
    rows = [[para(f"{n}.", st.normal), para(t, st.normal)] for n, t in enumerate(items, 1)]
    return [*out, plain_table(rows, [7 * mm, ctx.width - 7 * mm])]


def recipients_block(data: LetterData, ctx: Ctx) -> list[Flowable]:
    """``Yth. <recipient>`` lines then ``di <place>`` (Tata Naskah Dinas 2023 layout)."""
    st = ctx.styles
    recips = [r for r in data.recipients if r.strip()]
    if not recips:
        return []
    out: list[Flowable] = []
    if len(recips) == 1:
        out.append(para(f"Yth. {recips[0]}", st.normal))
    else:
        out.append(para("Yth.", st.normal))
        rows = [[para(f"{n}.", st.normal), para(r, st.normal)] for n, r in enumerate(recips, 1)]
        out.append(plain_table(rows, [7 * mm, ctx.width - 7 * mm]))
    if data.recipient_place.strip():
        out.append(para(f"di {data.recipient_place.strip()}", st.normal))
    return out
