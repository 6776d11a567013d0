"""What keeps every accepted body renderable: checked when a letter is drafted or revised (CLI and desktop
alike), so nothing is stored that the renderer cannot lay out in seconds. ReportLab's cost grows with the
square of a paragraph's length when it splits it over pages, and a word longer than a line is broken
character by character: both are bounded, as is the whole text."""

from __future__ import annotations

from collections.abc import Iterator

from eoffice.documents.body import Body, Heading, ListBlock, Paragraph, Runs, runs_text
from eoffice.domain import BadInput

MAX_BODY_CHARS = 200_000  # about 60 pages of plain paragraphs
MAX_PARAGRAPH_CHARS = 10_000  # a paragraph, heading, list item or table cell: about 3 pages
MAX_WORD_CHARS = 120  # longer than any Indonesian word or an ordinary web address


def _pieces(body: Body) -> Iterator[tuple[str, Runs]]:
    for n, block in enumerate(body.blocks, 1):
        if isinstance(block, Paragraph | Heading):
            yield f"paragraf {n}", block.runs
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield f"daftar (blok {n})", item.runs
                if item.sublist is not None:
                    for sub in item.sublist.items:
                        yield f"daftar (blok {n})", sub.runs
        else:
            for row in block.rows:
                for cell in row:
                    yield f"tabel (blok {n})", cell


def check_renderable(body: Body) -> Body:
    """Raises BadInput (saying where and what the limit is) unless the body is within every limit."""
    total = 0
    for where, runs in _pieces(body):
        text = runs_text(runs)
        total += len(text)
        if total > MAX_BODY_CHARS:
            raise BadInput(f"Isi naskah terlalu panjang (maks. {_n(MAX_BODY_CHARS)} karakter); "
                           "pindahkan sebagian ke lampiran")
        if len(text) > MAX_PARAGRAPH_CHARS:
            raise BadInput(f"Isi naskah, {where}: terlalu panjang (maks. {_n(MAX_PARAGRAPH_CHARS)} karakter "
                           "per paragraf); bagi menjadi beberapa paragraf")
        longest = max(text.split(), key=len, default="")
        if len(longest) > MAX_WORD_CHARS:
            raise BadInput(f"Isi naskah, {where}: ada kata sepanjang {_n(len(longest))} karakter tanpa spasi "
                           f"(maks. {MAX_WORD_CHARS}): {longest[:20]}...")
    return body


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")
