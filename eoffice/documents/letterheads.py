"""Demo kop surat for the Provincial Government of East Kalimantan (plausible, not official data)."""

from __future__ import annotations

from pathlib import Path

from eoffice.documents.letter import Letterhead

PROVINCE_LINE = "PEMERINTAH PROVINSI KALIMANTAN TIMUR"
DEFAULT_ADDRESS = "Jalan Gajah Mada No. 2, Samarinda 75121"

# code -> (unit name as on the kop, address, telephone, e-mail, website)
DEMO_UNITS: dict[str, tuple[str, str, str, str, str]] = {
    "SETDA": ("SEKRETARIAT DAERAH", DEFAULT_ADDRESS, "(0541) 733333", "setda@kaltimprov.go.id",
              "kaltimprov.go.id"),
    "DISKOMINFO": ("DINAS KOMUNIKASI DAN INFORMATIKA", "Jalan Basuki Rahmat No. 41, Samarinda 75117",
                   "(0541) 741040", "diskominfo@kaltimprov.go.id", "diskominfo.kaltimprov.go.id"),
    "BAPPEDA": ("BADAN PERENCANAAN PEMBANGUNAN DAERAH", "Jalan Kesuma Bangsa No. 2, Samarinda 75121",
                "(0541) 741044", "bappeda@kaltimprov.go.id", "bappeda.kaltimprov.go.id"),
    "BKD": ("BADAN KEPEGAWAIAN DAERAH", "Jalan Kesuma Bangsa No. 1, Samarinda 75121", "(0541) 743916",
            "bkd@kaltimprov.go.id", "bkd.kaltimprov.go.id"),
}  # fmt: skip


def unit_letterhead(
    unit_name: str = "DINAS KOMUNIKASI DAN INFORMATIKA",
    address: str = DEFAULT_ADDRESS,
    phone: str = "(0541) 733333",
    email: str = "",
    website: str = "kaltimprov.go.id",
    logo_path: Path | None = None,
) -> Letterhead:
    """Kop of a Perangkat Daerah: province line, unit name, then address and contacts in small type."""
    # No break inside a phone number or an address on the web: their spaces are non-breaking.
    contact = [f"{address}, {_whole('Telepon ' + phone)}" if phone else address]
    web = ", ".join(
        p for p in (_whole(f"Laman {website}") if website else "", _whole(f"Pos-el {email}") if email else "") if p
    )
    if web:
        contact.append(web)
    return Letterhead(
        lines=(PROVINCE_LINE, unit_name.upper()), contact_lines=tuple(contact), logo_path=logo_path
    )


def _whole(text: str) -> str:
    return text.replace(" ", "\u00a0")


def demo_letterhead(code: str = "DISKOMINFO") -> Letterhead:
    """The demo kop of one of ``DEMO_UNITS`` (unknown codes get the Sekretariat Daerah kop)."""
    name, address, phone, email, web = DEMO_UNITS.get(code.upper(), DEMO_UNITS["SETDA"])
    return unit_letterhead(name, address, phone, email, web)


def governor_letterhead(logo_path: Path | None = None) -> Letterhead:
    """Kop of the Governor: the lambang negara (gold; ``logo_path``, else a placeholder) centred above
    "GUBERNUR KALIMANTAN TIMUR" (Permendagri 54/2009 Pasal 62; UU 24/2009 Pasal 54)."""
    return Letterhead(lines=("GUBERNUR KALIMANTAN TIMUR",), logo_path=logo_path, centered=True)
