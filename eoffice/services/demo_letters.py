"""Demo content: route templates, number formats, the CA and every demo user's key (in the demo profile),
and letters in every state, incoming letters with disposisi trees. Runs once per database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select

from eoffice.documents.body import parse_markdown
from eoffice.domain import Classification, DocKind, Urgency
from eoffice.services import incoming, letters, numbering, routing, signatures
from eoffice.services.auth import Actor, actor_of
from eoffice.signing.keys import generate_key
from eoffice.signing.keystore import Identity, has_identity
from eoffice.store.models import Document, RouteTemplateRow
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.state import Decision

ROUTES_DIR = Path(__file__).resolve().parents[2] / "resources" / "routes"
DEMO_SECRET = "demo"
Step = Callable[[UnitOfWork], Any]


def seed_templates(uow: UnitOfWork) -> int:
    if uow.session.scalar(select(func.count()).select_from(RouteTemplateRow)):
        return 0
    count = 0
    for path in sorted(ROUTES_DIR.glob("*.yaml")):
        routing.import_template(uow, None, yaml.safe_load(path.read_text(encoding="utf-8")), bootstrap=True)
        count += 1
    numbering.set_format(uow, None, "{kode}/{seq:04}/{unit}/{year}", bootstrap=True)
    numbering.set_format(uow, None, "{kode}/K.{seq}/{year}", kind=DocKind.SURAT_KEPUTUSAN.value, bootstrap=True)
    return count


def seed_keys(uow: UnitOfWork, home: Path) -> int:
    """The demo CA and a key + certificate for every demo user, all in this one demo profile."""
    if (signatures.ca_dir(home) / "org.txt").exists():
        ca = signatures.open_ca(home, DEMO_SECRET)
    else:
        ca = signatures.create_ca(uow, None, home, DEMO_SECRET, org_name="Pemerintah Provinsi Kalimantan Timur",
                                  bootstrap=True)
    made = 0
    for user in uow.users.all():
        if user.position_id is None or has_identity(home, user.login):
            continue
        key = generate_key()
        signatures.issue(uow, None, ca, user.login, key.public_key(), bootstrap=True)
        signatures.install_identity(uow, home, user.login, key, DEMO_SECRET)
        made += 1
    return made


class Demo:
    def __init__(self, run: Callable[[Step], Any], home: Path) -> None:
        self.run = run
        self.home = home
        self.identities: dict[str, Identity] = {}

    def actor(self, login: str) -> Actor:
        return self.run(lambda uow: actor_of(uow.users.by_login(login)))  # type: ignore[no-any-return]

    def identity(self, login: str) -> Identity:
        if login not in self.identities:
            ident = signatures.open_identity(self.home, login, DEMO_SECRET)
            assert ident is not None
            self.identities[login] = ident
        return self.identities[login]

    def draft(self, login: str, kind: DocKind, subject: str, body: str, to: list[str], cc: list[str] | None = None,
              *, kode: str = "000.1.2.3", urgency: Urgency = Urgency.BIASA, fields: dict[str, Any] | None = None,
              classification: Classification = Classification.BIASA) -> str:
        actor = self.actor(login)
        d = letters.Draft(kind=kind, subject=subject, body=parse_markdown(body), to=to, cc=cc or [], urgency=urgency,
                          classification=classification, kode_klasifikasi=kode, fields=fields or {})
        return self.run(lambda uow: letters.draft(uow, actor, d))  # type: ignore[no-any-return]

    def submit(self, login: str, doc_id: str) -> None:
        actor = self.actor(login)
        self.run(lambda uow: routing.submit(uow, actor, doc_id))

    def decide(self, login: str, doc_id: str, decision: Decision = Decision.APPROVE, note: str = "") -> None:
        actor, ident = self.actor(login), self.identity(login)
        self.run(lambda uow: signatures.decide_signed(uow, actor, ident, doc_id, decision, note=note))

    def sign(self, login: str, doc_id: str) -> None:
        actor, ident = self.actor(login), self.identity(login)
        self.run(lambda uow: signatures.sign_letter(uow, actor, ident, doc_id))

    def advance(self, doc_id: str, *, until_kind: str | None = None, limit: int = 12) -> None:
        """Approve pending review/registry steps as their assignees until the given stage kind is reached."""
        for _ in range(limit):
            route = self.run(lambda uow: routing.load(uow, doc_id))
            pending = [s for s in route.steps if s.status.value == "pending"]
            if not pending or pending[0].kind.value == until_kind:
                return
            step = pending[0]
            if step.kind.value == "sign":
                self.sign(step.assignee, doc_id)
            else:
                self.decide(step.assignee, doc_id)


BODY_RAPAT = """Dalam rangka percepatan transformasi digital di lingkungan Pemerintah Provinsi Kalimantan Timur,
bersama ini kami sampaikan hal-hal sebagai berikut:

1. Seluruh Perangkat Daerah agar menggunakan **naskah dinas elektronik** mulai 1 Januari 2027.
2. Tanda tangan elektronik (TTE) menggunakan sertifikat yang diterbitkan oleh CA Pemerintah Provinsi.
3. Naskah dinas kertas hanya digunakan dalam keadaan darurat.

Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."""

BODY_LAPORAN = """Bersama ini kami laporkan capaian pembangunan jaringan intra pemerintah triwulan III tahun 2026:

| Kegiatan | Target | Realisasi |
| --- | --- | --- |
| Jaringan fiber optik | 120 km | 98 km |
| Titik akses nirkabel | 450 | 431 |

Mohon arahan Bapak untuk tindak lanjut pada triwulan IV."""


BODY_BERITA_ACARA = """Telah dilakukan serah terima perangkat jaringan dari penyedia kepada Dinas Komunikasi dan
Informatika dengan rincian sebagai berikut:

| Perangkat | Jumlah | Keadaan |
| --- | --- | --- |
| Router inti | 2 unit | Baik |
| Switch distribusi | 6 unit | Baik |

Seluruh perangkat telah diperiksa dan berfungsi dengan baik."""


def seed_letters(uow_run: Callable[[Step], Any], home: Path) -> int:
    if uow_run(lambda uow: uow.session.scalar(select(func.count()).select_from(Document))):
        return 0
    d = Demo(uow_run, home)
    staf, kasi = "staf.kominfo", "kasi1.kominfo"
    # draft
    d.draft(staf, DocKind.NOTA_DINAS, "Permohonan Data Aset Jaringan", "Mohon disiapkan data aset jaringan.",
            ["KEPALA-DISKOMINFO"])
    # under review (waiting for paraf kasi)
    doc = d.draft(staf, DocKind.NOTA_DINAS, "Laporan Triwulan III Jaringan Intra Pemerintah", BODY_LAPORAN,
                  ["Kepala Dinas Komunikasi dan Informatika"])
    d.submit(staf, doc)
    # returned for revision
    doc = d.draft(staf, DocKind.SURAT_DINAS, "Permintaan Narasumber Pelatihan Keamanan Siber",
                  "Kami mohon kesediaan Saudara menugaskan narasumber pelatihan keamanan siber.",
                  ["Kepala Balai Sertifikasi Elektronik"], ["Sekretaris Daerah Provinsi Kalimantan Timur"])
    d.submit(staf, doc)
    d.decide(kasi, doc, Decision.RETURN, "Lengkapi jadwal dan tempat pelatihan.")
    # waiting for the kepala dinas's signature
    doc = d.draft(staf, DocKind.SURAT_UNDANGAN, "Rapat Koordinasi Satu Data Kalimantan Timur",
                  "Mengharap kehadiran Saudara pada rapat koordinasi Satu Data.", ["DISDIK", "DINKES", "BAPPEDA"],
                  fields={"undangan": {"tanggal": "2026-12-03", "waktu": "09.00 WITA s.d. selesai",
                                       "tempat": "Ruang Rapat Tepian I, Kantor Gubernur", "acara": "Rapat koordinasi"}})
    d.submit(staf, doc)
    d.advance(doc, until_kind="sign")
    # waiting for the Governor's signature (his "Perlu Tanda Tangan")
    for subject in ("Penerapan Naskah Dinas Elektronik di Lingkungan Pemerintah Provinsi",
                    "Pelaksanaan Jam Kerja Aparatur Sipil Negara Selama Bulan Desember 2026"):
        doc = d.draft(staf, DocKind.SURAT_EDARAN, subject, BODY_RAPAT, ["Kepala Perangkat Daerah se-Kalimantan Timur"],
                      urgency=Urgency.SEGERA)
        d.submit(staf, doc)
        d.advance(doc, until_kind="sign")
    doc = d.draft(staf, DocKind.SURAT_KEPUTUSAN, "Tim Percepatan Transformasi Digital Provinsi Kalimantan Timur",
                  "Keputusan ini mulai berlaku pada tanggal ditetapkan.", ["Anggota Tim"], kode="100.3",
                  fields={"keputusan": {
                      "menimbang": ["bahwa dalam rangka percepatan transformasi digital perlu dibentuk tim;",
                                    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a perlu "
                                    "menetapkan Keputusan Gubernur;"],
                      "mengingat": ["Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
                                    "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis "
                                    "Elektronik;"],
                      "diktum": ["Membentuk Tim Percepatan Transformasi Digital Provinsi Kalimantan Timur.",
                                 "Tim bertugas menyusun peta jalan dan memantau pelaksanaannya.",
                                 "Keputusan ini mulai berlaku pada tanggal ditetapkan."]}})
    d.submit(staf, doc)
    d.advance(doc, until_kind="sign")
    # signed, numbered and dispatched
    doc = d.draft(staf, DocKind.SURAT_DINAS, "Penyampaian Laporan Penyelenggaraan SPBE Tahun 2026",
                  BODY_RAPAT, ["Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"],
                  ["Gubernur Kalimantan Timur", "Sekretaris Daerah Provinsi Kalimantan Timur"])
    d.submit(staf, doc)
    d.advance(doc)
    # a berita acara: the day of the event is a part the drafter fills in ("Pada hari ini Kamis tanggal ...")
    doc = d.draft(staf, DocKind.BERITA_ACARA, "Serah Terima Perangkat Jaringan", BODY_BERITA_ACARA,
                  ["Kepala Dinas Komunikasi dan Informatika"],
                  fields={"berita_acara": {"tanggal": "2026-11-19", "tempat": "Ruang Server Diskominfo, Samarinda"},
                          "penutup": "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya."})
    d.submit(staf, doc)
    d.advance(doc)
    # rejected
    doc = d.draft("staf.dinkes", DocKind.NOTA_DINAS, "Usulan Pengadaan Kendaraan Operasional",
                  "Diusulkan pengadaan dua unit kendaraan operasional.", ["SEKDA"])
    d.submit("staf.dinkes", doc)
    d.decide("kasi1.dinkes", doc, Decision.REJECT, "Tidak tersedia anggaran tahun berjalan.")
    seed_incoming(d, home)
    return 1


def _scan_pdf(title: str) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 770, "KEMENTERIAN DALAM NEGERI REPUBLIK INDONESIA")
    c.setFont("Helvetica", 11)
    c.drawString(72, 740, title)
    c.drawString(72, 720, "(pindaian surat masuk - data contoh)")
    c.showPage()
    c.save()
    return buf.getvalue()


def seed_incoming(d: Demo, home: Path) -> None:
    tu = d.actor("tu.pimpinan")
    today = dt.date(2026, 11, 20)
    first = incoming.Incoming(sender="Kementerian Dalam Negeri", number="000.1/4521/SJ",
                              subject="Evaluasi Penerapan SPBE Pemerintah Daerah Tahun 2026", letter_date=today,
                              addressed_to="gubernur", urgency=Urgency.SEGERA)
    doc = d.run(lambda uow: incoming.register(uow, tu, first, "kemendagri-spbe.pdf", _scan_pdf(first.subject)))
    gub, sekda, kadis = d.actor("gubernur"), d.actor("sekda"), d.actor("kepala.kominfo")
    d.run(lambda uow: incoming.dispose(uow, gub, doc, to=["sekda", "asisten3"],
                                       instructions=["tindak_lanjuti", "koordinasikan"],
                                       note="Siapkan bahan paparan evaluasi SPBE."))
    d.run(lambda uow: incoming.dispose(uow, sekda, doc, to=["kepala.kominfo"], instructions=["siapkan_bahan"],
                                       note="Koordinasikan dengan Bappeda."))
    d.run(lambda uow: incoming.dispose(uow, kadis, doc, to=["kabid1.kominfo"], instructions=["siapkan_bahan"]))
    d.run(lambda uow: incoming.report_done(uow, d.actor("kabid1.kominfo"), doc,
                                           "Bahan paparan sudah disiapkan dan dikirim ke Kepala Dinas."))
    second = incoming.Incoming(sender="Badan Siber dan Sandi Negara", number="B-1123/BSSN/D3/PP.01/11/2026",
                               subject="Undangan Bimbingan Teknis Sertifikat Elektronik", letter_date=today,
                               addressed_to="gubernur")
    d.run(lambda uow: incoming.register(uow, tu, second, "bssn-bimtek.pdf", _scan_pdf(second.subject)))
