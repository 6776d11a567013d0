"""Signing benchmark (not a test). Run from the repo root:

    .venv/bin/python bench/bench_sign.py [--key ec-p256|rsa-2048|rsa-3072] [--runs 15]

Measures the median time of a final signature (eoffice.signing.pades.sign_pdf: fill the number and date
form fields, QR stamp) on a 2-page and a 50-page working PDF that already holds two paraf signatures (the
first certifying), next to a bare pyHanko PAdES sign of the same file with the same key, and the time to
batch-sign 100 such letters.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from eoffice.signing.ca import init_ca, issue_user_cert
from eoffice.signing.form import TextFieldSpec
from eoffice.signing.keys import generate_key
from eoffice.signing.keystore import Identity
from eoffice.signing.pades import FieldSpec, document_sha256, make_signer, prepare_fields, sign_pdf
from eoffice.signing.stamp import StampSpec, qr_payload


def make_pdf(pages: int, tag: str = "") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for i in range(pages):
        c.setFont("Helvetica", 11)
        for line in range(40):
            c.drawString(60, 780 - line * 18, f"Surat {tag} halaman {i + 1} baris {line + 1}: isi naskah dinas.")
        c.showPage()
    c.save()
    return buf.getvalue()


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up (imports, font parsing caches)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--key", default="ec-p256")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()

    ca = init_ca("Pemerintah Provinsi Kalimantan Timur")
    key = generate_key(args.key)
    cert = issue_user_cert(ca, key.public_key(), name="Dr. H. Gödel Ärmağan, M.Si", nip="197001011990031003",
                           title="Gubernur Kalimantan Timur", unit="Sekretariat Daerah")
    ident = Identity(key, cert, ca.chain)
    signer = make_signer(ident)
    route = [FieldSpec("paraf1"), FieldSpec("paraf2", 0, (60, 120, 122, 148)), FieldSpec("ttd", -1, (300, 120, 560, 200))]
    texts = [TextFieldSpec("nomor", 0, (150, 800, 560, 814.5), "Nomor: ", "." * 40),
             TextFieldSpec("tanggal", 0, (300, 820, 560, 834.5), "Samarinda, ", "." * 24, align=2)]
    fill = {"nomor": "000.1.2.3/0123/DISKOMINFO/2026", "tanggal": "23 November 2026"}

    def working(original: bytes) -> bytes:
        """What the signatory gets: fields made, two paraf signatures in (the first certifies)."""
        pdf = prepare_fields(original, route, texts)
        pdf = sign_pdf(pdf, ident, field_name="paraf1", certify=True, signer=signer).pdf
        return sign_pdf(pdf, ident, field_name="paraf2", stamp=StampSpec("Siti Rahmawati"), signer=signer).pdf

    def ours(pdf: bytes, original: bytes) -> Callable[[], object]:
        stamp = StampSpec(ident.subject_name, "Gubernur Kalimantan Timur", "197001011990031003",
                          qr_payload(42, document_sha256(original)))
        return lambda: sign_pdf(pdf, ident, field_name="ttd", stamp=stamp, signer=signer, reason="TTE", fill=fill,
                                certify=None)

    def bare(pdf: bytes) -> Callable[[], object]:
        meta = signers.PdfSignatureMetadata(field_name="ttd", subfilter=fields.SigSeedSubFilter.PADES,
                                            md_algorithm="sha256")
        return lambda: signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer)

    print(f"## Signing ({args.key}, median of {args.runs} runs)\n")
    print("| file (2 paraf signatures in) | eoffice sign_pdf (fill + QR stamp) ms | bare pyHanko ms | ratio |")
    print("|---|---|---|---|")
    for pages in (2, 50):
        original = make_pdf(pages)
        pdf = working(original)
        runs = args.runs if pages == 2 else max(5, args.runs // 2)
        t_bare = median_ms(bare(pdf), runs)
        t_ours = median_ms(ours(pdf, original), runs)
        print(f"| {pages} pages | {t_ours:.1f} | {t_bare:.1f} | {t_ours / t_bare:.2f} |")

    letters = []
    for i in range(100):
        original = make_pdf(2, tag=str(i))
        letters.append((working(original), original))
    t0 = time.perf_counter()
    for pdf, original in letters:
        ours(pdf, original)()
    total = time.perf_counter() - t0
    print(f"\nBatch: 100 letters (2 pages, fill + final signature with QR stamp) in {total:.2f} s "
          f"({total * 10:.1f} ms/letter)")


if __name__ == "__main__":
    main()
