"""Export a table (and a chart) as CSV for Excel or as a PDF page: used by the Dasbor screen."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QMarginsF, QRect, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QWidget


def table_of(model: QAbstractItemModel) -> tuple[list[str], list[list[str]]]:
    """The headers and the displayed text of every row, in the model's (the view's sorted) order."""
    cols = range(model.columnCount())
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in cols]
    rows = [[str(model.index(r, c).data() or "") for c in cols] for r in range(model.rowCount())]
    return headers, rows


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """UTF-8 with a BOM so Excel reads the accents right; comma separated, quoted as needed."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(headers)
        out.writerows(rows)


def write_pdf(path: Path, title: str, summary: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
              chart: QWidget | None = None) -> int:
    """A4 landscape: the title, a summary line, the table (continued on further pages), then the chart as
    drawn on screen. Returns the number of pages."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setResolution(96)
    writer.setTitle(title)
    writer.setCreator("e-Office")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(QCoreApplication.translate("export", "{path}: tidak dapat ditulis").format(path=path))
    pages = 1
    try:
        area = writer.pageLayout().paintRectPixels(writer.resolution())
        width, height = area.width(), area.height()
        big, bold, normal = QFont("Sans Serif", 14), QFont("Sans Serif", 9), QFont("Sans Serif", 9)
        big.setBold(True)
        bold.setBold(True)
        painter.setFont(big)
        line = painter.fontMetrics().height()
        painter.drawText(0, line, title)
        y = line + 8
        painter.setFont(normal)
        line = painter.fontMetrics().height() + 4
        painter.drawText(0, y + line, summary)
        y += line * 2
        n = max(len(headers), 1)
        first = width * 2 // 5 if n > 1 else width
        widths = [first] + [(width - first) // (n - 1)] * (n - 1)
        xs = [sum(widths[:i]) for i in range(n)]

        def draw_row(cells: Sequence[str], font: QFont, top: int) -> None:
            painter.setFont(font)
            fm = painter.fontMetrics()
            for x, w, cell in zip(xs, widths, cells, strict=False):
                painter.drawText(QRect(x, top, w - 6, line), Qt.AlignmentFlag.AlignVCenter,
                                 fm.elidedText(cell, Qt.TextElideMode.ElideRight, w - 6))

        draw_row(headers, bold, y)
        y += line
        painter.drawLine(0, y, width, y)
        for cells in rows:
            if y + line > height:
                writer.newPage()
                pages += 1
                y = 0
                draw_row(headers, bold, y)
                y += line
                painter.drawLine(0, y, width, y)
            draw_row(cells, normal, y)
            y += line
        if chart is not None:
            pix = chart.grab()
            if not pix.isNull() and pix.width() > 0:
                w = min(width, pix.width())
                h = pix.height() * w // pix.width()
                if y + 16 + h > height:
                    writer.newPage()
                    pages += 1
                    y = 0
                    if h > height:
                        w, h = w * height // h, height
                painter.drawPixmap(QRect(0, y + 16, w, h), pix)
    finally:
        painter.end()
    return pages
