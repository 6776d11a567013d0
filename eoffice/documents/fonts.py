"""Embedded TrueType fonts: Liberation Sans (Arial-metric, SIL OFL) for korespondensi and penugasan, and
Eoffice Bonum (TeX Gyre Bonum, Bookman-metric, GUST Font License) for pengaturan/penetapan; see
resources/fonts/. The face of the letter being rendered is a context variable (``use``), so layout helpers
that build tables without styles (render_base.plain_table) pick the same face."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from eoffice.domain import Unavailable


@dataclass(frozen=True)
class Face:
    """A family registered with ReportLab: ``family`` for paragraph markup, four face names, their files."""

    family: str
    file_stem: str

    @property
    def regular(self) -> str:
        return self.family

    @property
    def bold(self) -> str:
        return f"{self.family}-Bold"

    @property
    def italic(self) -> str:
        return f"{self.family}-Italic"

    @property
    def bold_italic(self) -> str:
        return f"{self.family}-BoldItalic"

    def files(self) -> dict[str, str]:
        s = self.file_stem
        return {self.regular: f"{s}-Regular.ttf", self.bold: f"{s}-Bold.ttf", self.italic: f"{s}-Italic.ttf",
                self.bold_italic: f"{s}-BoldItalic.ttf"}


SANS = Face("EoSans", "LiberationSans")
SERIF = Face("EoSerif", "EofficeBonum")
FACES = {"sans": SANS, "serif": SERIF}

FAMILY = SANS.family
REGULAR, BOLD, ITALIC, BOLD_ITALIC = SANS.regular, SANS.bold, SANS.italic, SANS.bold_italic
_lock = threading.Lock()
_registered = False
_current: ContextVar[Face] = ContextVar("eoffice_face", default=SANS)


def current() -> Face:
    """The face of the letter being rendered (Liberation Sans outside ``use``)."""
    return _current.get()


@contextmanager
def use(face: Face) -> Iterator[Face]:
    token = _current.set(face)
    try:
        yield face
    finally:
        _current.reset(token)


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
    """Register the families once (ReportLab's registry is global); returns the sans family name."""
    global _registered
    with _lock:
        if _registered:
            return FAMILY
        fonts = resources_dir() / "fonts"
        for face in FACES.values():
            for name, file in face.files().items():
                path = fonts / file
                try:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
                except Exception as exc:  # ReportLab raises TTFError / OSError variants
                    raise Unavailable(f"cannot load font {path}: {exc}") from None
            # So <b>, <i> in paragraph markup pick the right face.
            addMapping(face.family, 0, 0, face.regular)
            addMapping(face.family, 1, 0, face.bold)
            addMapping(face.family, 0, 1, face.italic)
            addMapping(face.family, 1, 1, face.bold_italic)
        _registered = True
        return FAMILY
