"""Post-processing toward PDF/A-2b: XMP metadata, sRGB output intent, fixed dates (docs/pdf-output.md)."""

from __future__ import annotations

import datetime as dt
import functools
from io import BytesIO
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

_ICC_DATE = bytes.fromhex("07ea00010001000000000000")  # 2026-01-01 00:00:00: keeps output reproducible


@functools.cache
def srgb_icc() -> bytes:
    """An sRGB ICC profile made by littleCMS (via Pillow), with a fixed creation date."""
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = _ICC_DATE  # the profile ID (bytes 84-99) is zero, i.e. not computed: still valid
    return bytes(data)


def pdf_date(when: dt.datetime) -> str:
    off = when.utcoffset() or dt.timedelta(0)
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    return when.strftime("D:%Y%m%d%H%M%S") + f"{sign}{abs(mins) // 60:02d}'{abs(mins) % 60:02d}'"


def _xmp(info: dict[str, str], when: dt.datetime) -> bytes:
    iso = when.isoformat(timespec="seconds")

    def e(key: str) -> str:
        return escape(info.get(key, ""))

    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e("/Title")}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e("/Author")}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e("/Subject")}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>id-ID</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{e("/Producer")}</pdf:Producer>
   <pdf:Keywords>{e("/Keywords")}</pdf:Keywords>
   <xmp:CreatorTool>{e("/Creator")}</xmp:CreatorTool>
   <xmp:CreateDate>{iso}</xmp:CreateDate>
   <xmp:ModifyDate>{iso}</xmp:ModifyDate>
   <xmp:MetadataDate>{iso}</xmp:MetadataDate>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return xml.encode("utf-8")


def finish_pdf(pdf: bytes, when: dt.datetime) -> bytes:
    """Add XMP + output intent, set the document dates to ``when``; keeps page content untouched."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    writer.pdf_header = b"%PDF-1.7"
    date = pdf_date(when)
    writer.add_metadata({"/CreationDate": date, "/ModDate": date})
    info: dict[str, str] = {str(k): str(v) for k, v in (writer.metadata or {}).items()}

    xmp = DecodedStreamObject()
    xmp.set_data(_xmp(info, when))
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    root = writer.root_object
    root[NameObject("/Metadata")] = writer._add_object(xmp)

    icc = DecodedStreamObject()
    icc.set_data(srgb_icc())
    icc[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/DestOutputProfile"): writer._add_object(icc),
        }
    )
    root[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    if "/Lang" not in root:
        root[NameObject("/Lang")] = TextStringObject("id-ID")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
