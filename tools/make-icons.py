"""Render resources/icons/eoffice.svg to the PNG sizes the desktop wants and a Windows .ico. Run after editing
the SVG: PYTHONPATH=. .venv/bin/python tools/make-icons.py"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication([])  # noqa: F841 - QImage painting needs one
    svg = QSvgRenderer(str(ICONS / "eoffice.svg"))
    for size in (16, 32, 48, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        svg.render(painter)
        painter.end()
        image.save(str(ICONS / f"eoffice-{size}.png"))
    big = Image.open(ICONS / "eoffice-256.png")
    big.save(ICONS / "eoffice.ico", sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])


if __name__ == "__main__":
    main()
