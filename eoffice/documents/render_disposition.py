"""Lembar disposisi: the sheet a leader fills to route an incoming letter to subordinates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from eoffice.documents import fonts
from eoffice.documents.dates import format_tanggal
from eoffice.documents.letter import CLASSIFICATION_LABELS, URGENCY_LABELS, Disposition, LetterData
from eoffice.documents.render_base import CheckBox, Styles, body_flowables, para, plain_table
from eoffice.documents.render_parts import Ctx, kop, signature_block, with_signature
from eoffice.domain import Classification, Urgency

PAD = 4  # points of padding inside the grid cells


def _d(day: dt.date | None) -> str:
    return format_tanggal(day) if isinstance(day, dt.date) else ""


def _field(label: str, value: str, st: Styles, width: float, label_w: float = 30 * mm) -> Flowable:
    return plain_table(
        [[para(label, st.cell), para(":", st.cell), para(value, st.cell)]],
        [label_w, 3 * mm, width - label_w - 3 * mm],
    )


def _boxes(options: Sequence[str], ticked: Sequence[str], st: Styles, width: float) -> Flowable:
    """One tick box per option; ticked entries that are not options are appended (nothing is lost)."""
    opts = [o for o in options if o.strip()]
    ticked_set = {t.strip().casefold() for t in ticked if t.strip()}
    opts += [
        t for t in ticked if t.strip() and t.strip().casefold() not in {o.strip().casefold() for o in opts}
    ]
    if not opts:
        return Spacer(1, 25 * mm)  # a blank to write on
    rows = [[CheckBox(o.strip().casefold() in ticked_set), para(o, st.cell)] for o in opts]
    return plain_table(rows, [6 * mm, width - 6 * mm], [("BOTTOMPADDING", (0, 0), (-1, -1), 3)])


def _inline_boxes(label: str, opts: Sequence[tuple[str, bool]], st: Styles) -> list[Any]:
    cells: list[Any] = [para(label, st.cell_bold)]
    for text, on in opts:
        cells += [CheckBox(on), para(text, st.cell)]
    return cells


def lembar_disposisi(data: LetterData, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    d = data.disposition or Disposition()
    half = ctx.width / 2
    inner = half - 2 * PAD
    full = ctx.width - 2 * PAD
    out = kop(data.letterhead, ctx)
    out += [Paragraph("<b>LEMBAR DISPOSISI</b>", st.title), Spacer(1, 4 * mm)]

    urg = [
        (URGENCY_LABELS[u], d.urgency == u) for u in (Urgency.SANGAT_SEGERA, Urgency.SEGERA, Urgency.BIASA)
    ]
    cls = [
        (CLASSIFICATION_LABELS[c], d.classification == c)
        for c in (Classification.RAHASIA, Classification.TERBATAS, Classification.BIASA)
    ]
    sifat = plain_table(
        [_inline_boxes("Sifat", urg, st), _inline_boxes("Klasifikasi", cls, st)],
        [30 * mm] + [5 * mm, 30 * mm] * 2 + [5 * mm, full - 100 * mm],
        [("BOTTOMPADDING", (0, 0), (-1, -1), 3)],
    )
    note = [para("Catatan:", st.cell_bold), para(d.note, st.cell) if d.note.strip() else Spacer(1, 22 * mm)]
    rows: list[list[Any]] = [
        [
            _field("Surat dari", d.sender, st, inner),
            _field("Diterima tanggal", _d(d.received_date), st, inner),
        ],
        [
            _field("Nomor surat", d.letter_number, st, inner),
            _field("Nomor agenda", d.agenda_number, st, inner),
        ],
        [_field("Tanggal surat", _d(d.letter_date), st, inner), ""],
        [_field("Hal", d.subject, st, full), ""],
        [sifat, ""],
        [
            [
                para("Diteruskan kepada Sdr.:", st.cell_bold),
                Spacer(1, 2 * mm),
                _boxes(d.recipient_options, d.recipients, st, inner),
            ],
            [
                para("Dengan hormat harap:", st.cell_bold),
                Spacer(1, 2 * mm),
                _boxes(d.instruction_options, d.instructions, st, inner),
            ],
        ],
        [note, ""],
        [_field("Batas waktu", _d(d.deadline), st, full), ""],
    ]
    table = Table(rows, colWidths=[half, half], splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("SPAN", (0, 3), (1, 3)),
                ("SPAN", (0, 4), (1, 4)),
                ("SPAN", (0, 6), (1, 6)),
                ("SPAN", (0, 7), (1, 7)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), PAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    out.append(table)
    if not data.body.is_empty():
        out += [Spacer(1, 4 * mm)] + body_flowables(data.body, ctx.width, st, indent_first=False)
    lead = [format_tanggal(data.date)] if data.date else []
    out = with_signature(out, signature_block(data, ctx, lead), ctx.width)
    return out
