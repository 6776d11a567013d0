"""Rendering benchmark: eoffice's ReportLab renderer vs LibreOffice converting an equivalent document.

Run from the repository root:  PYTHONPATH=. python bench/bench_render.py [--runs N] [--lo-runs M]

The LibreOffice side converts a .docx (made once, untimed, by LibreOffice from a flat ODF document written
here by hand, so no python-docx is needed) with the same text: kop lines, the Nomor/Sifat/Lampiran/Hal table, body paragraphs/lists/tables, the
signature block and tembusan. Each conversion is one `soffice --headless --convert-to pdf` process, which
is how a per-letter conversion would run; a warm-up conversion (profile creation) is not counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader

from eoffice.documents.body import Body, ListBlock, Paragraph, Table, parse_markdown, runs_text
from eoffice.documents.letter import Decree, LetterData, Signatory
from eoffice.documents.letterheads import demo_letterhead
from eoffice.documents.render import render_letter
from eoffice.domain import DocKind

SIGNER = Signatory(
    "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA PROVINSI KALIMANTAN TIMUR",
    "Dr. Muhammad Faisal, S.Kom., M.Si.",
    "197501012000031002",
    "Pembina Utama Muda (IV/c)",
)
PARA = (
    "Sehubungan dengan pelaksanaan Transformasi Digital Pemerintah Provinsi Kalimantan Timur tahun 2026 "
    "dan dalam rangka meningkatkan efektivitas serta efisiensi penyelenggaraan tata naskah dinas secara "
    "elektronik di lingkungan Pemerintah Provinsi Kalimantan Timur, dengan hormat kami sampaikan hal-hal "
    "sebagai berikut. "
)
ITEM = (
    "Peraturan Daerah Provinsi Kalimantan Timur tentang Penyelenggaraan Pemerintahan Berbasis Elektronik "
    "dan Satu Data Kalimantan Timur beserta perubahannya; "
)


def surat_dinas() -> LetterData:
    md = "\n\n".join([PARA * 2] * 2) + "\n\n" + "\n".join(f"{n}. {PARA}" for n in range(1, 3)) + "\n\n"
    md += "| No | Perangkat Daerah | Jumlah |\n|---|---|---|\n" + "\n".join(
        f"| {n} | Dinas Nomor {n} | {n * 2} |" for n in range(1, 6)
    )
    return LetterData(
        DocKind.SURAT_DINAS,
        demo_letterhead("DISKOMINFO"),
        "Penunjukan Admin Aplikasi E-Office",
        parse_markdown(md),
        "000.1.2.3/0123/DISKOMINFO/2026",
        date=dt.date(2026, 11, 23),
        recipients=["Kepala Perangkat Daerah se-Provinsi Kalimantan Timur"],
        recipient_place="Samarinda",
        signatory=SIGNER,
        tembusan=["Gubernur Kalimantan Timur", "Sekretaris Daerah"],
        closing="Demikian disampaikan, atas perhatiannya diucapkan terima kasih.",
    )


def keputusan() -> LetterData:
    return LetterData(
        DocKind.SURAT_KEPUTUSAN,
        demo_letterhead("DISKOMINFO"),
        "Tim Transformasi Digital",
        Body(),
        "100.3.3.1/K.123/2026",
        date=dt.date(2026, 11, 23),
        signatory=SIGNER,
        decree=Decree([ITEM * 2] * 40, [ITEM] * 200, diktum=[ITEM * 3] * 140),
        tembusan=["Menteri Dalam Negeri", "Ketua DPRD Provinsi Kalimantan Timur"],
    )


# ---------------------------------------------------------------- equivalent .fodt

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Sans"
  fo:font-size="12pt"/></style:default-style>
 <style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"
  fo:margin-bottom="6pt"/></style:style>
 <style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>
 </style:style>
 <style:style style:name="B" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-weight="bold" fo:font-size="14pt"/></style:style>
 <style:style style:name="R" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="T" style:family="table">
  <style:table-properties style:width="160mm" table:align="left"/></style:style>
 <style:style style:name="cL" style:family="table-column">
  <style:table-column-properties style:column-width="30mm"/></style:style>
 <style:style style:name="cC" style:family="table-column">
  <style:table-column-properties style:column-width="5mm"/></style:style>
 <style:style style:name="cV" style:family="table-column">
  <style:table-column-properties style:column-width="125mm"/></style:style>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm"
   fo:margin-top="20mm" fo:margin-bottom="20mm" fo:margin-left="30mm" fo:margin-right="20mm"/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
"""


def _p(text: str, style: str = "P") -> str:
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>\n'


def _table(rows: list[list[str]], labelled: bool = False) -> str:
    """``labelled``: a "Label : value" layout table (30 / 5 / 125 mm), else equal columns."""
    cols = max(len(r) for r in rows)
    if labelled:
        out = (
            '<table:table table:style-name="T"><table:table-column table:style-name="cL"/>'
            '<table:table-column table:style-name="cC"/><table:table-column table:style-name="cV"/>\n'
        )
    else:
        out = f'<table:table><table:table-column table:number-columns-repeated="{cols}"/>\n'
    for r in rows:
        out += (
            "<table:table-row>"
            + "".join(
                f'<table:table-cell office:value-type="string">{_p(c, "Standard")}</table:table-cell>'
                for c in r
            )
            + "</table:table-row>\n"
        )
    return out + "</table:table>\n"


def to_fodt(data: LetterData) -> str:
    """The same text as the eoffice PDF, in ordinary word-processor structures."""
    x = FODT_HEAD + "".join(_p(line, "B") for line in data.letterhead.lines)
    x += "".join(_p(line, "C") for line in data.letterhead.contact_lines)
    if data.kind == DocKind.SURAT_KEPUTUSAN and data.decree is not None:
        x += _p(f"KEPUTUSAN {SIGNER.title}", "C") + _p(f"NOMOR {data.number}", "C") + _p("TENTANG", "C")
        x += _p(data.subject.upper(), "C")
        d = data.decree
        x += _table(
            [
                ["Menimbang" if i == 0 else "", ":" if i == 0 else "", f"{chr(97 + i % 26)}. {t}"]
                for i, t in enumerate(d.menimbang)
            ],
            labelled=True,
        )
        x += _table(
            [
                ["Mengingat" if i == 0 else "", ":" if i == 0 else "", f"{i + 1}. {t}"]
                for i, t in enumerate(d.mengingat)
            ],
            labelled=True,
        )
        x += _p("MEMUTUSKAN:", "C")
        x += _table([[f"KE-{i + 1}", ":", t] for i, t in enumerate(d.diktum)], labelled=True)
        x += _p(f"Ditetapkan di {data.place}", "R") + _p("pada tanggal 23 November 2026", "R")
    else:
        x += _p(f"{data.place}, 23 November 2026", "R")
        x += _table(
            [
                ["Nomor", ":", data.number],
                ["Sifat", ":", "Biasa"],
                ["Lampiran", ":", "-"],
                ["Hal", ":", data.subject],
            ],
            labelled=True,
        )
        x += "".join(_p(f"Yth. {r}") for r in data.recipients)
        for b in data.body.blocks:
            if isinstance(b, Paragraph):
                x += _p(runs_text(b.runs))
            elif isinstance(b, ListBlock):
                x += "".join(_p(f"{n}. {runs_text(i.runs)}") for n, i in enumerate(b.items, 1))
            elif isinstance(b, Table):
                x += _table([[runs_text(c) for c in row] for row in b.rows])
        x += _p(data.closing)
    x += _p(SIGNER.title + ",", "R") + "".join(_p("", "R") for _ in range(5)) + _p(SIGNER.name, "R")
    x += _p(f"NIP. {SIGNER.nip}", "R") + _p("Tembusan:", "Standard")
    x += "".join(_p(f"{n}. {t}", "Standard") for n, t in enumerate(data.tembusan, 1))
    return x + "</office:text></office:body></office:document>\n"


def lo_convert(fodt: Path, outdir: Path, profile: Path, to: str = "pdf") -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(fodt),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9, help="eoffice renders per document")
    ap.add_argument("--lo-runs", type=int, default=3, help="LibreOffice conversions per document")
    args = ap.parse_args()
    cases = {"surat dinas (2 pages)": surat_dinas(), "surat keputusan (50 pages)": keputusan()}
    lo = shutil.which("soffice")
    render_letter(surat_dinas())  # warm-up: font registration, imports
    with tempfile.TemporaryDirectory(prefix="bench_render_") as tmp:
        tmpdir = Path(tmp)
        profile = tmpdir / "lo-profile"
        if lo:
            warm = tmpdir / "warm.fodt"
            warm.write_text(to_fodt(surat_dinas()), encoding="utf-8")
            lo_convert(warm, tmpdir, profile)
        print(
            f"{'document':28} {'pages':>5} {'eoffice ms':>11} {'LO pages':>8} {'LO ms':>9} {'LO/eoffice':>10}"
        )
        for name, data in cases.items():
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                res = render_letter(data)
                times.append(time.perf_counter() - t0)
            ours = statistics.median(times)
            lo_ms, lo_pages, ratio = "n/a", "n/a", "n/a"
            if lo:
                flat = tmpdir / f"{name.split()[1]}.fodt"
                flat.write_text(to_fodt(data), encoding="utf-8")
                # What offices convert today is a .docx: make one from the same text (not timed).
                lo_convert(flat, tmpdir, profile, to="docx")
                src = flat.with_suffix(".docx")
                theirs = statistics.median(lo_convert(src, tmpdir, profile) for _ in range(args.lo_runs))
                pdf = src.with_suffix(".pdf").read_bytes()
                lo_pages = str(len(PdfReader(io.BytesIO(pdf)).pages))
                lo_ms, ratio = f"{theirs * 1000:.0f}", f"{theirs / ours:.1f}x"
            print(f"{name:28} {res.page_count:>5} {ours * 1000:>11.0f} {lo_pages:>8} {lo_ms:>9} {ratio:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
