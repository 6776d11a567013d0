"""BSrE's VISIBLE mode: the service draws the signature's appearance itself, from an image the app sends
(``imageBase64``) at the place it names (``page``, 1-based; ``originX``/``originY``, the lower left corner
in points; ``width``, ``height``). The app's stamp field on the working PDF gives the place; the image is
the app's stamp (QR to the verification page, beside the heading, name, title, NIP and date) as PNG."""

from __future__ import annotations

import base64
import datetime as dt
import io
from typing import Any

import qrcode
from PIL import Image, ImageDraw, ImageFont

from eoffice.signing.stamp import StampSpec, font_path, stamp_lines
from eoffice.signing.stamp_field import field_place

SCALE = 4  # pixels per point: prints sharp at the stamp's size (85 x 30 mm)


def stamp_png(stamp: StampSpec, when: dt.datetime, width: float, height: float) -> bytes:
    w, h = max(int(width * SCALE), 1), max(int(height * SCALE), 1)
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, w - 1, h - 1), outline="black", width=SCALE)
    side = h - 8 * SCALE
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=1)
    qr.add_data(stamp.qr_data or "")
    qr.make()
    img.paste(qr.make_image().get_image().convert("RGB").resize((side, side)), (4 * SCALE, 4 * SCALE))
    lines = stamp_lines(stamp, when).splitlines()
    room = w - side - 12 * SCALE
    size = max(min(9 * SCALE, (h - 8 * SCALE) // max(len(lines), 1) - SCALE), 4)
    font = ImageFont.truetype(str(font_path()), size)
    while size > 4 and max(draw.textlength(line, font=font) for line in lines) > room:  # shrink to fit
        size -= 1
        font = ImageFont.truetype(str(font_path()), size)
    y = (h - len(lines) * (size + SCALE)) // 2
    for line in lines:
        draw.text((side + 8 * SCALE, y), line, fill="black", font=font)
        y += size + SCALE
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def visible_props(pdf: bytes, field_name: str, stamp: StampSpec, when: dt.datetime) -> dict[str, Any]:
    page, (x1, y1, x2, y2) = field_place(pdf, field_name)
    png = stamp_png(stamp, when, x2 - x1, y2 - y1)
    return {"tampilan": "VISIBLE", "imageBase64": base64.b64encode(png).decode("ascii"), "page": page + 1,
            "originX": round(x1, 2), "originY": round(y1, 2), "width": round(x2 - x1, 2),
            "height": round(y2 - y1, 2)}
