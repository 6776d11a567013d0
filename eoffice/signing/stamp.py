"""Visible signature appearances: the signatory's TTE stamp with a QR code, and a small paraf box."""

from __future__ import annotations

import datetime as dt
import functools
import io
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import QRPosition, QRStamp, QRStampStyle, TextStampStyle

from eoffice.documents.dates import format_tanggal
from eoffice.domain import Unavailable

HEADING = "Ditandatangani secara elektronik oleh"
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}
_FONT_NAME = "DejaVuSans-Stamp.ttf"  # see resources/fonts/build_stamp_font.py
FORM_FONT_NAME = "LiberationSans-Form.ttf"  # the letter's font, for the number and date form fields
_FONT_DIRS = [Path(__file__).resolve().parents[2] / "resources" / "fonts"]


@dataclass(frozen=True)
class StampSpec:
    """What the visible appearance shows. ``qr_data`` set: final TTE stamp; None: paraf (initials) box.
    ``page``/``box`` are only used when the field was not prepared beforehand (first signature only)."""

    name: str
    title: str = ""
    nip: str = ""
    qr_data: str | None = None
    heading: str = HEADING
    page: int = 0
    box: tuple[int, int, int, int] | None = None


def qr_payload(document_id: str | int, version_sha256: str, *, verify_url: str | None = None) -> str:
    """The organisation's verification page for the letter, ``<verify_url>/v/<id>`` (eoffice serve-verify),
    when a base URL is set; else ``EOFFICE:<id>:<sha256>``. A URL containing ``{document_id}`` /
    ``{sha256}`` is used as a template. Every form, and the older ``?doc=<id>&h=<sha>``, is still read by
    ``eoffice.web.qr.letter_ref``."""
    if not verify_url:
        return f"EOFFICE:{document_id}:{version_sha256}"
    if "{" in verify_url:
        return verify_url.format(document_id=document_id, sha256=version_sha256)
    return f"{verify_url.rstrip('/')}/v/{document_id}"


def format_date_id(when: dt.datetime) -> str:
    """'1 Maret 2026 08:30 WITA': Indonesian month names and zone abbreviations."""
    off = when.utcoffset()
    hours = int(off.total_seconds() // 3600) if off is not None else 0
    zone = _ZONES.get(hours) if off is not None and off.total_seconds() % 3600 == 0 else None
    zone = zone or ("UTC" if hours == 0 else f"UTC{hours:+d}")
    return f"{format_tanggal(when.date())} {when:%H:%M} {zone}"


def initials(name: str) -> str:
    # Skip academic titles and degree suffixes ("Drs.", "H.", "S.Kom") so 'Drs. H. Akmal Malik' -> 'AM'.
    words = [w for w in name.replace(",", " ").split() if not w.endswith(".") and "." not in w]
    return "".join(w[0] for w in words[:3]).upper() or name[:2].upper()


@functools.cache
def font_path(name: str = _FONT_NAME) -> Path:
    for d in _FONT_DIRS:
        if (d / name).is_file():
            return d / name
    raise Unavailable(f"Font {name} tidak ditemukan di resources/fonts.")


@functools.cache
def _font_program(path: str) -> tuple[bytes, bytes]:
    """A shipped font file as is, and Flate-compressed: computed once per process."""
    raw = Path(path).read_bytes()
    return raw, zlib.compress(raw)


class _WholeFontAccumulator(GlyphAccumulator):
    """Embeds a shipped font whole (the stamp font, or the letter's font for form fields). The files are
    already small Latin-only subsets (~50 KB), so cutting a per-signature subset with fontTools and
    re-serialising it (~10 ms of every TTE, most of the stamp's cost) buys nothing; glyph ids are kept
    as-is either way (TrueType, Identity CID ordering)."""

    def __init__(self, *args: Any, font_file: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._font_file = font_file
        self.cidfont_obj.set_font_file = self._embed_program  # type: ignore[method-assign]

    def _extract_subset(self, options: Any = None) -> None:
        return None  # nothing to cut: see the class docstring

    def _embed_program(self, writer: Any) -> Any:
        raw, packed = _font_program(self._font_file)
        stream = generic.StreamObject({pdf_name("/Filter"): pdf_name("/FlateDecode"),
                                       pdf_name("/Length1"): generic.NumberObject(len(raw))},  # type: ignore[no-untyped-call]
                                      encoded_data=packed)
        ref = writer.add_object(stream)
        self.cidfont_obj._font_descriptor[pdf_name("/FontFile2")] = ref
        return ref


@dataclass(frozen=True)
class _WholeFontFactory(GlyphAccumulatorFactory):
    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return _WholeFontAccumulator(writer=writer, font_handle=io.BytesIO(_font_program(self.font_file)[0]),
                                     font_size=self.font_size, obj_stream=obj_stream, font_file=self.font_file)


def whole_font(name: str, size: int) -> GlyphAccumulatorFactory:
    """A font engine factory that embeds the shipped font ``name`` whole (see _WholeFontAccumulator)."""
    return _WholeFontFactory(str(font_path(name)), font_size=size)


def _text_box(size: int) -> TextBoxStyle:
    # An embedded TrueType font, so names like 'Ñoño' or 'Gödel' render (the standard 14 fonts cannot).
    return TextBoxStyle(font=whole_font(_FONT_NAME, size), font_size=size,
                        leading=size + 1 if size >= STAMP_FONT_SIZE else size + 2)


QR_MASK = 4  # any fixed mask is a valid QR code; qrcode's search over all 8 costs ~6 ms per stamp


class _FixedMaskQRStamp(QRStamp):
    def _qr_xobject(self) -> Any:
        # pyHanko's own method (0.38), with the mask fixed: the best-of-8 search was a third of the stamp's cost.
        import qrcode
        from pyhanko.pdf_utils.qr import PdfStreamQRImage
        from pyhanko.pdf_utils.writer import init_xobject_dictionary

        qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=QR_MASK)
        qr.add_data(self.url)
        qr.make()
        img = qr.make_image(image_factory=PdfStreamQRImage)
        bbox_size = (qr.modules_count + 2 * qr.border) * qr.box_size
        qr_xobj = init_xobject_dictionary(img.render_command_stream(), bbox_size, bbox_size)
        qr_xobj.compress()  # type: ignore[no-untyped-call]
        writer: Any = self.writer
        return writer.add_object(qr_xobj), bbox_size


@dataclass(frozen=True)
class _FinalStyle(QRStampStyle):
    def create_stamp(self, writer: Any, box: Any, text_params: dict[str, Any]) -> QRStamp:
        url = text_params.pop("url")
        return _FixedMaskQRStamp(writer, style=self, url=url, text_params=text_params, box=box)


STAMP_FONT_SIZE = 9
# The text column beside the QR, in points of the stamp's own space. pyHanko shrinks the whole stamp to fit
# the field (85 x 30 mm): with this width and up to 7 lines the shrink keeps 9 pt >= 7 pt printed.
TEXT_WIDTH = 190.0


@functools.cache
def _advances() -> tuple[dict[int, int], int]:
    """Per-character advance widths of the stamp font (1000 units per em), for wrapping the text."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(str(font_path()))
    hmtx, cmap = font["hmtx"], font.getBestCmap()
    return {cp: hmtx[g][0] for cp, g in cmap.items()}, 600


def text_width(text: str, size: float = STAMP_FONT_SIZE) -> float:
    widths, default = _advances()
    return sum(widths.get(ord(c), default) for c in text) * size / 1000


def wrap(text: str, width: float = TEXT_WIDTH) -> list[str]:
    """Greedy word wrap of each line of ``text`` to ``width`` points (a word longer than that stays whole)."""
    out: list[str] = []
    for raw in text.splitlines() or [""]:
        line = ""
        for word in raw.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate) > width:
                out.append(line)
                line = word
            else:
                line = candidate
        out.append(line)
    return out


def stamp_lines(spec: StampSpec, when: dt.datetime) -> str:
    """The stamp's text: heading, name, jabatan (with its capacity, e.g. "Plt. Gubernur ..."), NIP when the
    signer signs with one (Pasal 44), date; wrapped to the column beside the QR."""
    lines = wrap(spec.heading) + wrap(spec.name) + wrap(spec.title)
    if spec.nip.strip():
        lines += wrap(f"NIP. {spec.nip}")
    lines += wrap(format_date_id(when))
    return "\n".join(lines)


def final_style() -> QRStampStyle:
    return _FinalStyle(
        stamp_text="%(teks)s",
        text_box_style=_text_box(STAMP_FONT_SIZE),
        border_width=1,
        innsep=4,
        qr_position=QRPosition.LEFT_OF_TEXT,
        inner_content_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MID,
                                                 margins=Margins(4, 4, 4, 4)),
    )


def paraf_style() -> TextStampStyle:
    return TextStampStyle(stamp_text="Paraf %(paraf)s\n%(tanggal)s", text_box_style=_text_box(6), border_width=1)


def stamp_params(spec: StampSpec, when: dt.datetime) -> dict[str, str]:
    if spec.qr_data is None:
        return {"paraf": initials(spec.name), "tanggal": when.strftime("%d-%m-%Y")}
    return {"teks": stamp_lines(spec, when), "url": spec.qr_data}
