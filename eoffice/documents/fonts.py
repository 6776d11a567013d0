"""Embedded TrueType fonts (Liberation Sans: Arial-metric, SIL OFL; see resources/fonts/)."""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from eoffice.domain import Unavailable

FAMILY = "EoSans"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = FAMILY, f"{FAMILY}-Bold", f"{FAMILY}-Italic", f"{FAMILY}-BoldItalic"
_FILES = {
    REGULAR: "LiberationSans-Regular.ttf",
    BOLD: "LiberationSans-Bold.ttf",
    ITALIC: "LiberationSans-Italic.ttf",
    BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}
_lock = threading.Lock()
_registered = False


def resources_dir() -> Path:
    """``resources/`` at the repository root, or next to the package when frozen (PyInstaller)."""
    here = Path(__file__).resolve()
    for candidate in (
        here.parents[2] / "resources",
        here.parents[1] / "resources",
        here.parents[3] / "resources",
    ):
        if (candidate / "fonts").is_dir():
            return candidate
    raise Unavailable(f"resources/fonts not found near {here.parents[2]}")


def register_fonts() -> str:
    """Register the family once (ReportLab's registry is global); returns the family name."""
    global _registered
    with _lock:
        if _registered:
            return FAMILY
        fonts = resources_dir() / "fonts"
        for name, file in _FILES.items():
            path = fonts / file
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except Exception as exc:  # ReportLab raises TTFError / OSError variants
                raise Unavailable(f"cannot load font {path}: {exc}") from None
        # So <b>, <i> in paragraph markup pick the right face.
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        _registered = True
        return FAMILY
