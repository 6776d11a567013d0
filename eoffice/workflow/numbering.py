"""Letter number format rules, e.g. ``{kode}/{seq:04}/{unit}/{year}`` -> ``000.1.2.3/0123/DISKOMINFO/2026``.

Only the rules live here. Allocating ``seq`` is the database's job: one counter row per
``counter_scope(...)`` key, incremented inside the transaction that stores the number.
"""

from __future__ import annotations

import re
import string

from eoffice.domain import BadInput, DocKind

TOKENS: dict[str, str] = {
    "kode": "kode klasifikasi arsip, mis. 000.1.2.3",
    "seq": "nomor urut, dimulai lagi setiap tahun; {seq:04} menjadi 4 angka",
    "unit": "kode unit, mis. DISKOMINFO",
    "year": "tahun empat angka",
    "month": "bulan dalam angka; {month:02} menjadi 2 angka",
    "month_roman": "bulan dalam angka Romawi, I..XII",
    "kind_code": "kode singkat jenis naskah, mis. ND, SE, SK",
}
_PADDABLE = {"seq", "month"}
_PAD_SPEC = re.compile(r"0?[1-9]")  # {seq:04} or {seq:4}: width 1..9
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# Customary short codes of naskah dinas kinds (Permendagri tata naskah dinas); units may override.
KIND_CODES: dict[DocKind, str] = {
    DocKind.NOTA_DINAS: "ND",
    DocKind.SURAT_DINAS: "SD",
    DocKind.SURAT_UNDANGAN: "UND",
    DocKind.SURAT_EDARAN: "SE",
    DocKind.SURAT_KEPUTUSAN: "SK",
    DocKind.SURAT_TUGAS: "ST",
    DocKind.MEMO: "M",
    DocKind.BERITA_ACARA: "BA",
    DocKind.NASKAH_MASUK: "NM",
}


def tokens_of(fmt: str) -> list[str]:
    """The token names used by ``fmt`` (validating it)."""
    validate_format(fmt)
    return [name for _, name, _, _ in string.Formatter().parse(fmt) if name is not None]


def validate_format(fmt: str) -> None:
    """BadInput for unknown tokens, bad padding, conversions, or a missing {seq} / {year}."""
    try:
        parts = list(string.Formatter().parse(fmt))
    except ValueError:
        raise BadInput(f"Format nomor {fmt!r} tidak dapat dibaca: kurung kurawal tidak berpasangan") from None
    names: list[str] = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in TOKENS:
            known = ", ".join("{" + t + "}" for t in TOKENS)
            raise BadInput(f"Format nomor {fmt!r}: bagian {{{name}}} tidak dikenal (yang dikenal: {known})")
        if conversion:
            raise BadInput(f"Format nomor {fmt!r}: konversi seperti !{conversion} tidak diizinkan")
        if spec and (name not in _PADDABLE or not _PAD_SPEC.fullmatch(spec)):
            raise BadInput(f"Format nomor {fmt!r}: bentuk {{{name}:{spec}}} tidak sah (hanya isian nol seperti {{seq:04}})")
        names.append(name)
    if names.count("seq") != 1:
        raise BadInput(f"Format nomor {fmt!r}: harus memuat {{seq}} tepat satu kali")
    # Sequences restart every year, so the year must be printed or numbers would repeat.
    if "year" not in names:
        raise BadInput(f"Format nomor {fmt!r}: harus memuat {{year}} (nomor urut dimulai lagi setiap tahun)")


def format_number(fmt: str, *, kode: str, seq: int, unit: str, year: int, month: int,
                  kind_code: str = "") -> str:
    """Render a letter number; every token the format uses must have a value."""
    names = tokens_of(fmt)
    if seq < 1:
        raise BadInput(f"Nomor urut harus 1 atau lebih, bukan {seq}")
    if not 1 <= month <= 12:
        raise BadInput(f"Bulan harus 1 sampai 12, bukan {month}")
    if not 1900 <= year <= 9999:
        raise BadInput(f"Tahun harus empat angka, bukan {year}")
    values: dict[str, object] = {"kode": kode.strip(), "seq": seq, "unit": unit.strip(), "year": year,
                                 "month": month, "month_roman": ROMAN_MONTHS[month - 1],
                                 "kind_code": kind_code.strip()}
    for name in ("kode", "unit", "kind_code"):
        if name in names and not values[name]:
            raise BadInput(f"Format nomor {fmt!r} memerlukan nilai untuk {{{name}}}")
    return fmt.format(**values)


def counter_scope(fmt: str, unit: str, kind: str, year: int) -> str:
    """Key of the counter a number is drawn from: numbers are unique per scope and year.

    The scope holds the format itself plus the unit / kind code only when the format prints them: two
    units sharing a format that does not print the unit must share a counter, or their numbers collide.
    ``kind`` is the value used for {kind_code}. {kode} and the month are not part of the scope: the
    running number counts all letters of the year, as in the unit's agenda book.
    """
    names = tokens_of(fmt)
    parts = [f"fmt={fmt}", f"year={year}"]
    if "unit" in names:
        parts.append(f"unit={unit.strip()}")
    if "kind_code" in names:
        parts.append(f"kind={kind.strip()}")
    return "|".join(parts)
