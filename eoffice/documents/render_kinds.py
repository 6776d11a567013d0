"""The story (flowables) of each kind of naskah dinas, after Tata Naskah Dinas layouts."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, PageBreak, Paragraph, Spacer

from eoffice.documents.dates import format_hari_tanggal, kalimat_tanggal
from eoffice.documents.dates import ordinal_diktum as diktum_label
from eoffice.documents.letter import CLASSIFICATION_LABELS, URGENCY_LABELS, Decree, LetterData, format_nip
from eoffice.documents.render_base import (
    body_flowables,
    esc,
    letter_marker,
    para,
    plain_table,
    style,
)
from eoffice.documents.render_parts import (
    SENDER_PLACEHOLDER,
    Ctx,
    kop,
    lampiran_signature,
    number_text,
    parties_block,
    recipients_block,
    signature_block,
    tembusan,
    value_line,
    with_signature,
)
from eoffice.domain import KIND_LABELS, Capacity, Classification, DocKind, Urgency

LABEL_W = 30 * mm
COLON_W = 5 * mm


def sifat_text(urgency: Urgency, classification: Classification) -> str:
    if classification == Classification.BIASA:
        return URGENCY_LABELS[urgency]
    if urgency == Urgency.BIASA:
        return CLASSIFICATION_LABELS[classification]
    return f"{URGENCY_LABELS[urgency]}, {CLASSIFICATION_LABELS[classification]}"


def _rows(
    pairs: Sequence[tuple[str, str | Flowable]], ctx: Ctx, label_w: float = LABEL_W, width: float = 0
) -> Flowable:
    st = ctx.styles.normal
    width = width or ctx.width
    rows = [[para(k, st), para(":", st), para(v, st) if isinstance(v, str) else v] for k, v in pairs]
    return plain_table(rows, [label_w, COLON_W, width - label_w - COLON_W])


def _labelled_list(
    label: str,
    items: Sequence[str],
    ctx: Ctx,
    marker: Callable[[int], str] | None,
    label_w: float = LABEL_W,
    justify: bool = True,
) -> Flowable:
    """``Menimbang : a. ...`` with one table row per item, so very long lists split across pages."""
    st = ctx.styles.body_flat if justify else ctx.styles.normal
    li = style("lbl_li", parent=st, leftIndent=7 * mm, bulletIndent=0, spaceAfter=3)
    rows: list[list[object]] = []
    items = [i for i in items if i.strip()] or ["-"]
    for n, item in enumerate(items, 1):
        cell = Paragraph(esc(item), li, bulletText=marker(n)) if marker and len(items) > 1 else para(item, st)
        rows.append([para(label, st) if n == 1 else "", para(":", st) if n == 1 else "", cell])
    return plain_table(rows, [label_w, COLON_W, ctx.width - label_w - COLON_W])


def _closing(data: LetterData, ctx: Ctx) -> list[Flowable]:
    return [para(data.closing, ctx.styles.body)] if data.closing.strip() else []


def _centered_title(title: str, data: LetterData, ctx: Ctx, subject: bool) -> list[Flowable]:
    st = ctx.styles
    out: list[Flowable] = [
        Paragraph(f"<b><u>{esc(title)}</u></b>" if not subject else f"<b>{esc(title)}</b>", st.title)
    ]
    if subject:
        out.append(value_line(data, ctx, "nomor", "NOMOR ", st.center))
        if data.subject.strip():
            out += [para("TENTANG", st.center), para(data.subject.upper(), st.center)]
    else:
        out.append(value_line(data, ctx, "nomor", "Nomor: ", st.center))
    return [*out, Spacer(1, 6 * mm)]


# ---------------------------------------------------------------- kinds


def surat_dinas(data: LetterData, ctx: Ctx) -> list[Flowable]:
    """Surat dinas and surat undangan: place/date right, Nomor/Sifat/Lampiran/Hal, Yth., body."""
    st = ctx.styles
    out = kop(data.letterhead, ctx)
    out.append(value_line(data, ctx, "tanggal", f"{data.place}, " if data.place else "", style("right", alignment=2)))
    out.append(Spacer(1, 2 * mm))
    out.append(
        _rows(
            [
                ("Nomor", value_line(data, ctx, "nomor", "", st.normal)),
                ("Sifat", sifat_text(data.urgency, data.classification)),
                ("Lampiran", data.attachment_note.strip() or "-"),
                ("Hal", data.subject.strip() or "-"),
            ],
            ctx,
            24 * mm,
        )
    )
    out.append(Spacer(1, 6 * mm))
    out += recipients_block(data, ctx)
    out.append(Spacer(1, 6 * mm))
    out += body_flowables(data.body, ctx.width, st)
    if data.kind == DocKind.SURAT_UNDANGAN and data.invitation is not None:
        inv = data.invitation
        pairs = [
            ("Hari/tanggal", format_hari_tanggal(inv.day) if inv.day else "-"),
            ("Waktu", inv.time or "-"),
            ("Tempat", inv.place or "-"),
            ("Acara", inv.agenda or "-"),
        ]
        if inv.dress.strip():
            pairs.append(("Pakaian", inv.dress))
        t = _rows(pairs, ctx, 32 * mm, ctx.width - 12.5 * mm)
        t.hAlign = "RIGHT"  # indented like the body's first lines
        out += [Spacer(1, 2 * mm), t, Spacer(1, 4 * mm)]
    out += _closing(data, ctx)
    out = with_signature(out, signature_block(data, ctx) + tembusan(data.tembusan, ctx), ctx.width)
    return out


def nota_dinas(data: LetterData, ctx: Ctx) -> list[Flowable]:
    """Nota dinas and memo: centred title, a Kepada/Dari/... header, a rule, body, signature."""
    st = ctx.styles
    out = kop(data.letterhead, ctx)
    title = "NOTA DINAS" if data.kind == DocKind.NOTA_DINAS else KIND_LABELS[data.kind].upper()
    out += [Paragraph(f"<b>{esc(title)}</b>", st.title), Spacer(1, 5 * mm)]
    recips = [r for r in data.recipients if r.strip()]
    kepada = (
        "Yth. " + recips[0]
        if len(recips) == 1
        else "\n".join(f"{n}. Yth. {r}" for n, r in enumerate(recips, 1)) or "-"
    )
    pairs: list[tuple[str, str | Flowable]] = [("Kepada", kepada), ("Dari", data.sender.strip() or SENDER_PLACEHOLDER)]
    cc = [t for t in data.tembusan if t.strip()]
    if data.kind == DocKind.NOTA_DINAS:
        pairs.append(
            (
                "Tembusan",
                "\n".join(f"{n}. {t}" for n, t in enumerate(cc, 1))
                if len(cc) > 1
                else (cc[0] if cc else "-"),
            )
        )
    pairs.append(("Tanggal", value_line(data, ctx, "tanggal", "", st.normal)))
    pairs.append(("Nomor", value_line(data, ctx, "nomor", "", st.normal)))
    if data.kind == DocKind.NOTA_DINAS:
        pairs += [
            ("Sifat", sifat_text(data.urgency, data.classification)),
            ("Lampiran", data.attachment_note.strip() or "-"),
        ]
    pairs.append(("Hal", data.subject.strip() or "-"))
    out.append(_rows(pairs, ctx, 26 * mm))
    out += [Spacer(1, 2 * mm), HRFlowable(width="100%", thickness=1.2, spaceAfter=5 * mm)]
    out += body_flowables(data.body, ctx.width, st)
    out += _closing(data, ctx)
    cc_end = tembusan(data.tembusan, ctx) if data.kind != DocKind.NOTA_DINAS else []
    out = with_signature(out, signature_block(data, ctx) + cc_end, ctx.width)
    return out


def surat_edaran(data: LetterData, ctx: Ctx) -> list[Flowable]:
    out = kop(data.letterhead, ctx)
    out += recipients_block(data, ctx)
    out.append(Spacer(1, 8 * mm))
    out += _centered_title("SURAT EDARAN", data, ctx, subject=True)
    out += body_flowables(data.body, ctx.width, ctx.styles)
    out += _closing(data, ctx)
    lead: list[str | Flowable] = [f"Ditetapkan di {data.place}", value_line(data, ctx, "tanggal", "pada tanggal ", ctx.styles.sig)]
    out = with_signature(out, signature_block(data, ctx, lead) + tembusan(data.tembusan, ctx), ctx.width)
    return out


def _decree_title(data: LetterData) -> str:
    sig = data.signatory
    if sig is None:
        return "KEPUTUSAN"
    # The decree is the principal's: a.n./u.b./Plt./Plh. sign a KEPUTUSAN GUBERNUR, not their own.
    who = sig.principal_title if sig.capacity != Capacity.SELF and sig.principal_title.strip() else sig.title
    return f"KEPUTUSAN {who.strip().rstrip(',').upper()}"


def surat_keputusan(data: LetterData, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    dec = data.decree or Decree()
    title = _decree_title(data)
    out = kop(data.letterhead, ctx)
    out += [Paragraph(f"<b>{esc(title)}</b>", st.center), value_line(data, ctx, "nomor", "NOMOR ", st.center)]
    out += [Spacer(1, 3 * mm), para("TENTANG", st.center), para(data.subject.upper() or "-", st.center)]
    out += [Spacer(1, 5 * mm), para("DENGAN RAHMAT TUHAN YANG MAHA ESA", st.center)]
    who = title.removeprefix("KEPUTUSAN ").strip()
    if who and who != "KEPUTUSAN":
        out += [Spacer(1, 3 * mm), para(f"{who},", st.center)]
    out.append(Spacer(1, 5 * mm))
    out += [_labelled_list("Menimbang", dec.menimbang, ctx, letter_marker), Spacer(1, 2 * mm)]
    out += [_labelled_list("Mengingat", dec.mengingat, ctx, lambda n: f"{n}."), Spacer(1, 2 * mm)]
    if dec.memperhatikan:
        out += [_labelled_list("Memperhatikan", dec.memperhatikan, ctx, lambda n: f"{n}."), Spacer(1, 2 * mm)]
    out += [CondPageBreak(30 * mm), Spacer(1, 3 * mm), para("MEMUTUSKAN:", st.center_bold), Spacer(1, 3 * mm)]
    menetapkan = dec.menetapkan.strip() or f"{title} TENTANG {data.subject.upper()}."
    diktum = [d for d in dec.diktum if d.strip()]
    labels = ["Menetapkan"] + [diktum_label(n) for n in range(1, len(diktum) + 1)]
    label_w = min(max(stringWidth(x, ctx.styles.face.regular, 12) for x in labels) + 3 * mm, 55 * mm)
    label_w = max(label_w, LABEL_W)
    out.append(_labelled_list("Menetapkan", [menetapkan], ctx, None, label_w, justify=False))
    for n, text in enumerate(diktum, 1):
        out += [Spacer(1, 2 * mm), _labelled_list(diktum_label(n), [text], ctx, None, label_w)]
    lead: list[str | Flowable] = [f"Ditetapkan di {data.place}", value_line(data, ctx, "tanggal", "pada tanggal ", ctx.styles.sig)]
    out = with_signature(out, signature_block(data, ctx, lead) + tembusan(data.tembusan, ctx), ctx.width)
    if not data.body.is_empty():
        # The body of a decree is its lampiran, on its own pages, headed with the decree's reference (NOMOR
        # and TANGGAL), ending with the signature block (Tata Naskah Dinas, lampiran of a keputusan).
        # Left edge at ~45% of the text width, further left when the number would wrap.
        label_w = stringWidth("TANGGAL", st.face.regular, 12) + 2 * mm
        need = label_w + COLON_W + stringWidth(number_text(data), st.face.regular, 12) + 2 * mm
        left = max(0.0, min(ctx.width * 0.45, ctx.width - need))
        head = style("lamp_head", parent=st.normal, leftIndent=left)
        pairs: list[tuple[str, str | Flowable]] = [
            ("NOMOR", value_line(data, ctx, "nomor", "", st.normal)),
            ("TANGGAL", value_line(data, ctx, "tanggal", "", st.normal)),
            ("TENTANG", data.subject.upper() or "-"),
        ]
        ref = _rows(pairs, ctx, label_w, ctx.width - left)
        ref.hAlign = "RIGHT"
        out += [PageBreak(), para("LAMPIRAN", head), para(title, head), ref, Spacer(1, 8 * mm)]
        out += body_flowables(data.body, ctx.width, st)
        out = with_signature(out, lampiran_signature(data, ctx), ctx.width)
    return out


def surat_tugas(data: LetterData, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    asg = data.assignment
    out = kop(data.letterhead, ctx)
    out += _centered_title("SURAT TUGAS", data, ctx, subject=False)
    if asg is not None and asg.dasar:
        out += [_labelled_list("Dasar", asg.dasar, ctx, lambda n: f"{n}."), Spacer(1, 3 * mm)]
    out += [para("MEMERINTAHKAN:", st.center_bold), Spacer(1, 3 * mm)]
    people = list(asg.assignees) if asg is not None else []
    rows: list[list[object]] = []
    inner_w = ctx.width - LABEL_W - COLON_W - 7 * mm
    for n, p in enumerate(people, 1):
        pairs = [("Nama", p.name or "-")]
        if p.rank.strip():
            pairs.append(("Pangkat/Gol.", p.rank))
        pairs += [("NIP", format_nip(p.nip) or "-"), ("Jabatan", p.jabatan or "-")]
        inner = plain_table(
            [[para(k, st.normal), para(":", st.normal), para(v, st.normal)] for k, v in pairs],
            [28 * mm, COLON_W, inner_w - 28 * mm - COLON_W],
        )
        rows.append(
            [
                para("Kepada" if n == 1 else "", st.normal),
                para(":" if n == 1 else "", st.normal),
                para(f"{n}.", st.normal),
                inner,
            ]
        )
    if not rows:
        rows.append(
            [para("Kepada", st.normal), para(":", st.normal), para("", st.normal), para("-", st.normal)]
        )
    out += [
        plain_table(rows, [LABEL_W, COLON_W, 7 * mm, inner_w], [("BOTTOMPADDING", (0, 0), (-1, -1), 4)]),
        Spacer(1, 3 * mm),
    ]
    untuk = list(asg.untuk) if asg is not None else []
    out += [
        _labelled_list("Untuk", untuk or [data.subject or "-"], ctx, lambda n: f"{n}."),
        Spacer(1, 4 * mm),
    ]
    out += body_flowables(data.body, ctx.width, st)
    out += _closing(data, ctx)
    lead: list[str | Flowable] = [value_line(data, ctx, "tanggal", f"{data.place}, " if data.place else "", st.sig)]
    if data.co_signatories:  # signed by the parties (rule 7)
        dated = [line for line in lead if isinstance(line, Flowable)]
        return with_signature(out, parties_block(data, ctx, dated) + tembusan(data.tembusan, ctx), ctx.width)
    out = with_signature(out, signature_block(data, ctx, lead) + tembusan(data.tembusan, ctx), ctx.width)
    return out


BLANK_DAY = "." * 12


def opening_sentence(data: LetterData) -> str:
    """"Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam, bertempat di
    ..., telah dilaksanakan ...": the day of the event (``Proceedings.day``, filled in by the drafter), so it is
    the same in the preview, the working PDF and the signed PDF. Without one (a draft; submission refuses a
    berita acara without it) the letter's date if known (a berita acara signed before the event date was a
    part), else dotted blanks to fill in, as on a paper form."""
    pr = data.proceedings
    day = pr.day if pr is not None and pr.day is not None else data.date
    if day is not None:
        when = kalimat_tanggal(day)
    else:
        when = f"{BLANK_DAY} tanggal {BLANK_DAY} bulan {BLANK_DAY} tahun {BLANK_DAY}"
    place = (pr.place.strip() if pr is not None else "") or data.place.strip()
    where = f", bertempat di {place}" if place else ""
    return f"Pada hari ini {when}{where}, telah dilaksanakan kegiatan sebagaimana tersebut di bawah ini."


def berita_acara(data: LetterData, ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    out = kop(data.letterhead, ctx)
    out += [Paragraph("<b>BERITA ACARA</b>", st.title)]
    if data.subject.strip():
        out.append(Paragraph(f"<b>{esc(data.subject.upper())}</b>", st.title))
    out += [value_line(data, ctx, "nomor", "NOMOR ", st.center), Spacer(1, 6 * mm)]
    out.append(para(opening_sentence(data), st.body))
    out += body_flowables(data.body, ctx.width, st)
    out += _closing(data, ctx)
    lead: list[str | Flowable] = [value_line(data, ctx, "tanggal", f"{data.place}, " if data.place else "", st.sig)]
    if data.co_signatories:  # signed by the parties (rule 7)
        dated = [line for line in lead if isinstance(line, Flowable)]
        return with_signature(out, parties_block(data, ctx, dated) + tembusan(data.tembusan, ctx), ctx.width)
    out = with_signature(out, signature_block(data, ctx, lead) + tembusan(data.tembusan, ctx), ctx.width)
    return out


def story_for(data: LetterData, ctx: Ctx) -> list[Flowable]:
    from eoffice.documents.render_disposition import lembar_disposisi

    builders: dict[DocKind, Callable[[LetterData, Ctx], list[Flowable]]] = {
        DocKind.SURAT_DINAS: surat_dinas,
        DocKind.SURAT_UNDANGAN: surat_dinas,
        DocKind.NOTA_DINAS: nota_dinas,
        DocKind.MEMO: nota_dinas,
        DocKind.SURAT_EDARAN: surat_edaran,
        DocKind.SURAT_KEPUTUSAN: surat_keputusan,
        DocKind.SURAT_TUGAS: surat_tugas,
        DocKind.BERITA_ACARA: berita_acara,
        DocKind.NASKAH_MASUK: lembar_disposisi,
    }
    return builders[data.kind](data, ctx)
