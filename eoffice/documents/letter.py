"""Everything a renderer needs to lay out one naskah dinas. Plain data, no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from eoffice.documents.body import Body
from eoffice.domain import BadInput, Capacity, Classification, DocKind, Urgency

MAX_LINE_CHARS = 2000  # one field (subject, recipient...): longer is surely a mistake
# Fields of the signature block are tighter: the block never splits across pages, so it must fit one.
SHORT_LIMITS = {
    "place": 100,
    "proceedings.place": 300,
    "paraf_labels": 120,  # a full jabatan ("Kepala Bidang ... Provinsi Kalimantan Timur"), never cut
    "signatory.title": 300,
    "signatory.principal_title": 300,
    "signatory.via_title": 300,
    "signatory.name": 200,
    "signatory.nip": 40,
    "signatory.rank": 100,
}


class PaperSize(StrEnum):
    A4 = "A4"  # 210 x 297 mm
    F4 = "F4"  # folio, 215 x 330 mm, still common in Indonesian offices


URGENCY_LABELS = {Urgency.BIASA: "Biasa", Urgency.SEGERA: "Segera", Urgency.SANGAT_SEGERA: "Sangat Segera"}
CLASSIFICATION_LABELS = {
    Classification.BIASA: "Biasa",
    Classification.TERBATAS: "Terbatas",
    Classification.RAHASIA: "Rahasia",
}

DEFAULT_INSTRUCTIONS = (
    "Tindak lanjuti",
    "Pelajari",
    "Hadiri/Wakili",
    "Siapkan bahan",
    "Untuk diketahui",
    "Arsipkan",
)


@dataclass(frozen=True)
class Letterhead:
    """Kop surat. ``lines`` are the big centred lines; ``contact_lines`` the small ones below."""

    lines: Sequence[str]
    contact_lines: Sequence[str] = ()
    logo_path: Path | None = None  # None: a drawn placeholder emblem
    centered: bool = False  # kop of an official (e.g. GUBERNUR): emblem above the name, no rule


@dataclass(frozen=True)
class Signatory:
    """The signature block. ``title`` is the signer's own jabatan; ``name`` as printed (with gelar where
    Pasal 44 wants them: services/compose.py decides, as it decides whether NIP and pangkat are shown)."""

    title: str
    name: str
    nip: str = ""
    rank: str = ""  # pangkat/golongan, e.g. "Pembina Utama Muda (IV/c)"
    capacity: Capacity = Capacity.SELF
    # a.n./u.b./Plt./Plh.: whom the signer acts for, e.g. "GUBERNUR KALIMANTAN TIMUR"
    principal_title: str = ""
    via_title: str = ""  # u.b.: the official between the principal and the signer (e.g. SEKRETARIS DAERAH)


@dataclass(frozen=True)
class Invitation:
    """Surat undangan details."""

    day: dt.date | None = None
    time: str = ""  # "09.00 WITA s.d. selesai"
    place: str = ""
    agenda: str = ""
    dress: str = ""  # pakaian, optional


@dataclass(frozen=True)
class Proceedings:
    """Berita acara parts: the day of the event the drafter records, and where it took place.

    ``day`` is independent of the letter's (signing) date, so every render, the working PDF included, can
    spell it out. ``place`` empty: the letter's ``place`` (the city)."""

    day: dt.date | None = None
    place: str = ""


@dataclass(frozen=True)
class Decree:
    """Surat keputusan parts. ``menetapkan`` defaults to "KEPUTUSAN <title> TENTANG <hal>"."""

    menimbang: Sequence[str] = ()
    mengingat: Sequence[str] = ()
    memperhatikan: Sequence[str] = ()
    menetapkan: str = ""
    diktum: Sequence[str] = ()  # KESATU, KEDUA, ...


@dataclass(frozen=True)
class Assignee:
    name: str
    nip: str = ""
    rank: str = ""
    jabatan: str = ""


@dataclass(frozen=True)
class Assignment:
    """Surat tugas parts."""

    dasar: Sequence[str] = ()
    assignees: Sequence[Assignee] = ()
    untuk: Sequence[str] = ()


@dataclass(frozen=True)
class Disposition:
    """Lembar disposisi for an incoming letter (kind NASKAH_MASUK). Empty fields print as blanks."""

    sender: str = ""
    letter_number: str = ""
    letter_date: dt.date | None = None
    subject: str = ""
    received_date: dt.date | None = None
    agenda_number: str = ""
    urgency: Urgency = Urgency.BIASA
    classification: Classification = Classification.BIASA
    recipient_options: Sequence[str] = ()  # pre-printed names/positions with a box each
    recipients: Sequence[str] = ()  # ticked ones (added to the options if missing)
    instruction_options: Sequence[str] = DEFAULT_INSTRUCTIONS
    instructions: Sequence[str] = ()  # ticked ones (added to the options if missing)
    note: str = ""
    deadline: dt.date | None = None


@dataclass(frozen=True)
class LetterData:
    kind: DocKind
    letterhead: Letterhead
    subject: str = ""  # hal / tentang
    body: Body = field(default_factory=Body)
    number: str = ""  # empty before numbering: a dotted placeholder is shown
    place: str = "Samarinda"
    date: dt.date | None = None
    urgency: Urgency = Urgency.BIASA
    classification: Classification = Classification.BIASA
    attachment_note: str = ""  # lampiran, e.g. "1 (satu) berkas"; empty: "-"
    recipients: Sequence[str] = ()  # tujuan; "Yth." is added in front of the first
    recipient_place: str = ""  # the "di ..." line under the recipients
    sender: str = ""  # "Dari" (nota dinas, memo)
    signatory: Signatory | None = None
    # berita acara signed by the parties: the signatories before ``signatory`` (who signs last), in turn
    co_signatories: Sequence[Signatory] = ()
    tembusan: Sequence[str] = ()
    closing: str = ""  # the penutup paragraph
    paraf_labels: Sequence[str] = ()  # reserve one paraf box per reviewer
    invitation: Invitation | None = None
    decree: Decree | None = None
    assignment: Assignment | None = None
    disposition: Disposition | None = None
    proceedings: Proceedings | None = None  # berita acara
    paper: PaperSize | None = None  # None: the page profile's paper for the kind (documents/page.py)
    form_fields: bool = False  # number and date as blank lines recorded for text fields (RenderResult.text_slots)

    def __post_init__(self) -> None:
        if not isinstance(self.kind, DocKind):
            raise BadInput(f"letter kind must be a DocKind, got {self.kind!r}")
        if len(self.paraf_labels) > 8:
            raise BadInput("at most 8 paraf boxes fit next to the signature")
        for name in ("subject", "number", "place", "attachment_note", "sender", "recipient_place"):
            _check_line(name, getattr(self, name))
        for seq_name in ("recipients", "tembusan", "paraf_labels"):
            for item in getattr(self, seq_name):
                _check_line(seq_name, item)
        if len(self.co_signatories) > 2 or (self.co_signatories and self.signatory is None):
            raise BadInput("a berita acara has at most three signatories, the last one in signatory")
        for sig in (self.signatory, *self.co_signatories):
            if sig is None:
                continue
            for name in ("title", "name", "nip", "rank", "principal_title", "via_title"):
                _check_line(f"signatory.{name}", getattr(sig, name))
        if self.proceedings is not None:
            _check_line("proceedings.place", self.proceedings.place)


def _check_line(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise BadInput(f"letter field {name} must be text, got {type(value).__name__}")
    limit = SHORT_LIMITS.get(name, MAX_LINE_CHARS)
    if len(value) > limit:
        raise BadInput(f"letter field {name} is {len(value)} characters long (limit {limit})")


def format_nip(nip: str) -> str:
    """``197001011995031001`` -> ``19700101 199503 1 001`` (birth date, start date, sex, serial)."""
    digits = nip.replace(" ", "")
    if len(digits) == 18 and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return nip.strip()
