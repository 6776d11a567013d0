"""Reading a rendered PDF back: words with their boxes (poppler's pdftotext -bbox), fonts (pdffonts)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Word:
    page: int  # from 0
    text: str
    x1: float  # points from the left edge
    y1: float  # points from the TOP edge
    x2: float
    y2: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float


def _run(args: list[str], pdf: bytes) -> str:
    if shutil.which(args[0]) is None:
        pytest.skip(f"{args[0]} (poppler-utils) not installed")
    return subprocess.run(args, input=pdf, capture_output=True, check=True, timeout=60).stdout.decode("utf-8")


def words(pdf: bytes) -> tuple[list[Page], list[Word]]:
    out = _run(["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"], pdf)
    pages: list[Page] = []
    found: list[Word] = []
    for line in out.splitlines():
        if m := re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line):
            pages.append(Page(float(m[1]), float(m[2])))
        elif m := re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>',
                            line):
            found.append(Word(len(pages) - 1, html.unescape(m[5]), float(m[1]), float(m[2]), float(m[3]),
                              float(m[4])))
    return pages, found


def find(ws: list[Word], text: str, page: int | None = None) -> list[Word]:
    return [w for w in ws if text in w.text and (page is None or w.page == page)]


def fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(base font name without the subset tag, embedded?) of every font pdffonts lists."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = _run(["pdffonts", f.name], b"")
    rows = []
    for line in out.splitlines()[2:]:
        m = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        if line.split():
            rows.append((line.split()[0].split("+", 1)[-1], bool(m and m[1] == "yes")))
    return rows
