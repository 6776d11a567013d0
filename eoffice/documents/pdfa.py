"""PDF/A-2b as ReportLab writes the letter: XMP metadata, sRGB output intent, fixed dates (docs/pdf-output.md)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

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


class _Stamp:
    """ReportLab's document time stamp (reportlab.lib.utils.TimeStamp's fields), set to the letter's time."""

    def __init__(self, when: dt.datetime) -> None:
        off = int((when.utcoffset() or dt.timedelta(0)).total_seconds() // 60)
        self.YMDhms = (when.year, when.month, when.day, when.hour, when.minute, when.second)
        self.dhh, self.dmm = int(off / 60), abs(off) % 60


class _Plain(PDFStream):  # type: ignore[misc]
    """A stream written without filters: PDF/A wants the XMP metadata readable as it is."""

    def format(self, document: Any) -> bytes:
        d = PDFDictionary(self.dictionary.dict.copy())
        d["Length"] = len(self.content)
        content: bytes = self.content
        return bytes(pdf_format(d, document)) + b"\nstream\n" + content + b"\nendstream\n"


def pdfa_canvas(when: dt.datetime) -> type[Canvas]:
    """A ReportLab canvas (``BaseDocTemplate.build(canvasmaker=...)``) whose PDF is already PDF/A-2b shaped:
    PDF 1.7, XMP metadata, the sRGB output intent and the document dates set to ``when``. Done while ReportLab
    writes the file, not as a second pass that parses and rewrites it (a fifth of a letter's render time)."""

    class PdfACanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, pdfVersion=(1, 7), **kwargs)
            self._doc._timeStamp = _Stamp(when)

        def save(self) -> None:
            doc = self._doc
            i = doc.info
            info = {"/Title": i.title, "/Author": i.author, "/Subject": i.subject, "/Producer": i.producer,
                    "/Keywords": i.keywords, "/Creator": i.creator}
            meta = _Plain(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), _xmp(info, when))
            icc = PDFStream(PDFDictionary({"N": 3}), srgb_icc())
            intent = PDFDictionary({"Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
                                    "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
                                    "Info": PDFString("sRGB IEC61966-2.1"),
                                    "DestOutputProfile": doc.Reference(icc)})
            cat = doc.Catalog
            cat.Metadata = meta
            cat.OutputIntents = PDFArray([doc.Reference(intent)])
            cat.__NoDefault__ = [*type(cat).__NoDefault__, "OutputIntents"]
            super().save()

    return PdfACanvas
