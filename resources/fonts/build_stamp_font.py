"""Build resources/fonts/DejaVuSans-Stamp.ttf from DejaVuSans.ttf (run once; the output is committed).

Why: pyHanko's OpenType glyph accumulator writes /W widths in font units, which PDF reads as 1/1000 em;
DejaVu has 2048 units per em, so text came out twice as wide. Rescaling to 1000 units per em fixes it, and
subsetting to Latin (incl. extended, for names like Ñoño or Ärmağan, all precomposed in the cmap) and dropping
hinting and the GSUB/GPOS/GDEF layout tables keeps pyHanko's per-signature font subsetting cheap (it was
~40% of the signing time with the full font); a stamp does not need kerning.

    /work/venv/bin/python resources/fonts/build_stamp_font.py /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

The same subset of the letter's font, for the number and date form fields (eoffice/signing/form.py):

    /work/venv/bin/python resources/fonts/build_stamp_font.py resources/fonts/LiberationSans-Regular.ttf \
        resources/fonts/LiberationSans-Form.ttf
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x1E00, 0x1EFF), (0x2010, 0x2044), (0x20AC, 0x20AC)]


def main(src: str, dst: str = str(Path(__file__).with_name("DejaVuSans-Stamp.ttf"))) -> None:
    font = TTFont(src)
    opts = subset.Options()
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM", "MATH"]
    opts.hinting = False
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[u for a, b in RANGES for u in range(a, b + 1)])
    sub.subset(font)
    scale_upem(font, 1000)
    font.save(dst)
    print(dst, Path(dst).stat().st_size, "bytes")


if __name__ == "__main__":
    main(*sys.argv[1:])
