"""Build resources/fonts/EofficeBonum-*.ttf from TeX Gyre Bonum (run once; the output is committed).

Why: Tata Naskah Dinas sets pengaturan/penetapan documents (keputusan, peraturan, instruksi) in Bookman
Old Style 12; TeX Gyre Bonum (Debian fonts-texgyre, GUST Font License = LPPL) is its metric-compatible free
twin. It ships as OpenType/CFF, which ReportLab cannot embed, so its outlines are converted to TrueType
quadratics (fontTools cu2qu), subset to Latin like the stamp font, and renamed (the licence asks modified
fonts to carry another name); the licence travels as GUST-FONT-LICENSE.txt.

    apt-get install fonts-texgyre
    .venv/bin/python resources/fonts/build_serif_font.py /usr/share/texmf/fonts/opentype/public/tex-gyre
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x1E00, 0x1EFF), (0x2010, 0x2044), (0x20AC, 0x20AC)]
FACES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}
FAMILY = "Eoffice Bonum"


def _to_truetype(font: TTFont) -> None:
    """CFF outlines -> glyf/loca (after fontTools' otf2ttf snippet)."""
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["maxp"] = newTable("maxp")
    font["maxp"].tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(font["maxp"], attr, 0)
    font["maxp"].maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font.sfntVersion = "\x00\x01\x00\x00"


def build(src_dir: Path, out_dir: Path) -> None:
    for face, style in FACES.items():
        font = TTFont(str(src_dir / f"texgyrebonum-{face}.otf"))
        opts = subset.Options()
        opts.layout_features = []
        opts.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM", "MATH"]
        opts.hinting = False
        opts.notdef_outline = True
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=[u for a, b in RANGES for u in range(a, b + 1)])
        sub.subset(font)
        _to_truetype(font)
        name = font["name"]
        for rec in list(name.names):
            if rec.nameID in (1, 4, 6, 16):
                value = {1: FAMILY, 4: f"{FAMILY} {style}", 6: f"EofficeBonum-{style}", 16: FAMILY}[rec.nameID]
                name.setName(value, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        font.save(str(out_dir / f"EofficeBonum-{style}.ttf"))


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent)
