"""The demo organisation: Pemprov Kalimantan Timur, its Setda and four Perangkat Daerah. Data only."""

from __future__ import annotations

from dataclasses import dataclass

GOV_ADDRESS = "Jalan Gajah Mada Nomor 2, Samarinda, Kalimantan Timur 75121"


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    kind: str
    parent: str | None
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""


@dataclass(frozen=True)
class DemoPosition:
    code: str
    title: str
    unit: str
    parent: str | None
    roles: tuple[str, ...]
    login: str


@dataclass(frozen=True)
class Opd:
    code: str
    slug: str
    name: str
    kind: str
    head_title: str
    address: str
    phone: str
    website: str
    bidang: tuple[tuple[str, str], ...]  # (bidang name, seksi name)


OPDS = (
    Opd("DISKOMINFO", "kominfo", "Dinas Komunikasi dan Informatika", "dinas",
        "Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur",
        "Jalan Basuki Rahmat Nomor 41, Samarinda 75117", "(0541) 7273431", "diskominfo.kaltimprov.go.id",
        (("Bidang Aplikasi Informatika", "Seksi Pengembangan Aplikasi"),
         ("Bidang Informasi dan Komunikasi Publik", "Seksi Pengelolaan Informasi Publik"))),
    Opd("BAPPEDA", "bappeda", "Badan Perencanaan Pembangunan Daerah", "badan",
        "Kepala Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Timur",
        "Jalan Kesuma Bangsa Nomor 2, Samarinda 75123", "(0541) 741044", "bappeda.kaltimprov.go.id",
        (("Bidang Perencanaan Perekonomian dan Sumber Daya Alam", "Subbidang Pertanian dan Kelautan"),
         ("Bidang Infrastruktur dan Kewilayahan", "Subbidang Tata Ruang"))),
    Opd("DISDIK", "disdik", "Dinas Pendidikan dan Kebudayaan", "dinas",
        "Kepala Dinas Pendidikan dan Kebudayaan Provinsi Kalimantan Timur",
        "Jalan Basuki Rahmat Nomor 58, Samarinda 75117", "(0541) 733333", "disdikbud.kaltimprov.go.id",
        (("Bidang Pembinaan Sekolah Menengah Atas", "Seksi Kurikulum dan Penilaian SMA"),
         ("Bidang Pembinaan Sekolah Menengah Kejuruan", "Seksi Peserta Didik SMK"))),
    Opd("DINKES", "dinkes", "Dinas Kesehatan", "dinas",
        "Kepala Dinas Kesehatan Provinsi Kalimantan Timur",
        "Jalan Dokter Soetomo Nomor 64, Samarinda 75123", "(0541) 748412", "dinkes.kaltimprov.go.id",
        (("Bidang Pelayanan Kesehatan", "Seksi Pelayanan Kesehatan Rujukan"),
         ("Bidang Pencegahan dan Pengendalian Penyakit", "Seksi Surveilans dan Imunisasi"))),
)

# Invented names (any likeness to real officials is unintended), assigned to positions in order (gender digit of the NIP follows the name).
NAMES = (
    ("Haryanto Wicaksono", 1), ("Rahmad Hidayat Syarif", 1), ("Sri Rahayu Ningsih", 2), ("Muhammad Syarifuddin Noor", 1),
    ("Ahmad Mukhlis", 1), ("Rizky Aditya Nugraha", 1), ("Dayang Kurnia Sari", 2), ("Suroto Wibowo", 1),
    ("Wahyuni Ayu Lestari", 2), ("Muhammad Fajar Siddiq", 1), ("Nurul Hidayati", 2), ("Yuslianto Prabowo", 1),
    ("Rina Marlina Kusuma", 2), ("Budi Santoso", 1), ("Fitri Handayani", 2), ("Agus Hari Kesuma", 1),
    ("Siti Aminah Ramadhani", 2), ("Joko Supriyanto", 1), ("Dewi Sartika Putri", 2), ("Hendra Gunawan", 1),
    ("Rahmawati Nur Aini", 2), ("Irwan Setiawan", 1), ("Lestari Wulandari", 2), ("Bambang Arwanto", 1),
    ("Ratna Sari Dewi", 2), ("Eko Prasetyo", 1), ("Ani Kurniawati", 2), ("Darmawan Saputra", 1),
    ("Nur Hasanah", 2), ("Rudi Hartono", 1), ("Yuliana Pertiwi", 2), ("Fahmi Hidayat", 1),
    ("Indah Permatasari", 2), ("Syahrul Ramadhan", 1), ("Maria Ulfa", 2), ("Taufik Hidayatullah", 1),
    ("Novita Anggraini", 2), ("Arief Budiman", 1), ("Kartika Sari", 2), ("Gusti Made Ayu", 2),
    ("Ruslan Effendi", 1), ("Herlina Situmorang", 2), ("Abdul Rahman Saleh", 1), ("Meliana Tanjung", 2),
    ("Yohanes Dwi Cahyono", 1), ("Aisyah Putri Lubis", 2), ("Samsul Bahri", 1), ("Theresia Natalia", 2),
    ("Zainal Arifin", 1), ("Dina Mariana", 2), ("Hamdani Yusuf", 1), ("Ketut Suardana", 1),
)

ADMIN = ("admin", "Administrator Sistem", "DISKOMINFO")


def units() -> list[DemoUnit]:
    result = [
        DemoUnit("PEMPROV", "Pemerintah Provinsi Kalimantan Timur", "pemprov", None, GOV_ADDRESS,
                 "(0541) 733333", "humas@kaltimprov.go.id", "kaltimprov.go.id"),
        DemoUnit("SETDA", "Sekretariat Daerah", "setda", "PEMPROV", GOV_ADDRESS, "(0541) 733333"),
        DemoUnit("ASISTEN1", "Asisten Pemerintahan dan Kesejahteraan Rakyat", "asisten", "SETDA", GOV_ADDRESS),
        DemoUnit("ASISTEN2", "Asisten Perekonomian dan Administrasi Pembangunan", "asisten", "SETDA", GOV_ADDRESS),
        DemoUnit("ASISTEN3", "Asisten Administrasi Umum", "asisten", "SETDA", GOV_ADDRESS),
        DemoUnit("BIRO-HUKUM", "Biro Hukum", "biro", "ASISTEN1", GOV_ADDRESS, "(0541) 742111"),
        DemoUnit("BIRO-UMUM", "Biro Umum", "biro", "ASISTEN3", GOV_ADDRESS, "(0541) 742222"),
    ]
    for opd in OPDS:
        result.append(DemoUnit(opd.code, opd.name, opd.kind, "PEMPROV", opd.address, opd.phone,
                               f"info@{opd.website}", opd.website))
        result.append(DemoUnit(f"{opd.code}-SEKRE", "Sekretariat", "sekretariat", opd.code, opd.address))
        for i, (bidang, seksi) in enumerate(opd.bidang, start=1):
            result.append(DemoUnit(f"{opd.code}-B{i}", bidang, "bidang", opd.code, opd.address))
            result.append(DemoUnit(f"{opd.code}-B{i}-S1", seksi, "seksi", f"{opd.code}-B{i}", opd.address))
    return result


def positions() -> list[DemoPosition]:
    result = [
        DemoPosition("GUBERNUR", "Gubernur Kalimantan Timur", "PEMPROV", None, ("gubernur",), "gubernur"),
        DemoPosition("WAGUB", "Wakil Gubernur Kalimantan Timur", "PEMPROV", "GUBERNUR", ("wagub",), "wagub"),
        DemoPosition("SEKDA", "Sekretaris Daerah Provinsi Kalimantan Timur", "SETDA", "GUBERNUR", ("sekda",), "sekda"),
        DemoPosition("ASISTEN-1", "Asisten Pemerintahan dan Kesejahteraan Rakyat", "ASISTEN1", "SEKDA",
                     ("asisten",), "asisten1"),
        DemoPosition("ASISTEN-2", "Asisten Perekonomian dan Administrasi Pembangunan", "ASISTEN2", "SEKDA",
                     ("asisten",), "asisten2"),
        DemoPosition("ASISTEN-3", "Asisten Administrasi Umum", "ASISTEN3", "SEKDA",
                     ("asisten", "pengendali_naskah_rahasia"), "asisten3"),
        DemoPosition("KARO-HUKUM", "Kepala Biro Hukum", "BIRO-HUKUM", "ASISTEN-1", ("biro_hukum", "kepala_opd"),
                     "karo.hukum"),
        DemoPosition("ANALIS-HUKUM", "Analis Hukum Ahli Muda", "BIRO-HUKUM", "KARO-HUKUM", ("staf",),
                     "analis.hukum"),
        DemoPosition("KARO-UMUM", "Kepala Biro Umum", "BIRO-UMUM", "ASISTEN-3", ("kepala_opd",), "karo.umum"),
        DemoPosition("TU-PIMPINAN", "Pengadministrasi Perkantoran Tata Usaha Pimpinan", "BIRO-UMUM", "KARO-UMUM",
                     ("registry", "tu_pimpinan"), "tu.pimpinan"),
    ]
    for opd in OPDS:
        c, s = opd.code, opd.slug
        noun = "Badan" if opd.kind == "badan" else "Dinas"
        result += [
            DemoPosition(f"KEPALA-{c}", opd.head_title, c, "SEKDA", ("kepala_opd",), f"kepala.{s}"),
            DemoPosition(f"SEKRETARIS-{c}", f"Sekretaris {noun} {opd.name.split(' ', 1)[1]}", f"{c}-SEKRE",
                         f"KEPALA-{c}", ("sekretaris_opd",), f"sekretaris.{s}"),
            DemoPosition(f"AGENDARIS-{c}", "Pengadministrasi Perkantoran", f"{c}-SEKRE", f"SEKRETARIS-{c}",
                         ("registry",), f"agendaris.{s}"),
        ]
        for i, (bidang, seksi) in enumerate(opd.bidang, start=1):
            result += [
                DemoPosition(f"KABID-{c}-{i}", f"Kepala {bidang}", f"{c}-B{i}", f"KEPALA-{c}", ("kabid",),
                             f"kabid{i}.{s}"),
                DemoPosition(f"KASI-{c}-{i}", f"Kepala {seksi}", f"{c}-B{i}-S1", f"KABID-{c}-{i}", ("kasi",),
                             f"kasi{i}.{s}"),
            ]
        result.append(DemoPosition(f"STAF-{c}", "Pranata Komputer Ahli Pertama" if c == "DISKOMINFO"
                                   else "Analis Kebijakan Ahli Pertama", f"{c}-B1-S1", f"KASI-{c}-1",
                                   ("staf",), f"staf.{s}"))
    return result


# Pangkat/golongan by the position's first role (invented, plausible for the eselon); none for elected offices.
PANGKAT = {
    "sekda": "Pembina Utama (IV/e)",
    "asisten": "Pembina Utama Madya (IV/d)",
    "kepala_opd": "Pembina Utama Muda (IV/c)",
    "biro_hukum": "Pembina Utama Muda (IV/c)",
    "sekretaris_opd": "Pembina Tingkat I (IV/b)",
    "kabid": "Pembina (IV/a)",
    "kasi": "Penata Tingkat I (III/d)",
    "staf": "Penata Muda Tingkat I (III/b)",
    "registry": "Pengatur Tingkat I (II/d)",
    "tu_pimpinan": "Pengatur Tingkat I (II/d)",
}
GELAR = (("Dr.", "S.T., M.Si."), ("", "S.Kom., M.T."), ("Ir.", "M.M."), ("", "S.H., M.H."), ("", "S.E., M.Ak."),
         ("Drs.", "M.AP."), ("", "S.Sos., M.Si."), ("dr.", "M.Kes."), ("", "S.Pd., M.Pd."), ("", "S.I.Kom."),
         ("", "A.Md."), ("H.", "S.Sos."))


def gelar_pangkat(index: int, roles: tuple[str, ...]) -> tuple[str, str, str]:
    """(gelar depan, gelar belakang, pangkat) of the demo user holding the ``index``-th position."""
    if roles[0] in ("gubernur", "wagub"):
        return ("Dr. H.", "M.Si.", "") if roles[0] == "gubernur" else ("H.", "S.E., M.M.", "")
    depan, belakang = GELAR[index % len(GELAR)]
    return depan, belakang, PANGKAT.get(roles[0], "Penata (III/c)")


def nip_for(index: int, sex: int) -> str:
    """A well-formed, deterministic 18-digit NIP: birth date, appointment month, sex, serial."""
    year = 1966 + (index * 7) % 30
    month = 1 + (index * 5) % 12
    day = 1 + (index * 11) % 28
    appointed = year + 24 + index % 5
    return f"{year:04d}{month:02d}{day:02d}{appointed:04d}{1 + index % 12:02d}{sex}{index + 1:03d}"


CLASSIFICATION_CODES = (
    ("000", "Umum", None),
    ("000.1", "Ketatausahaan dan Kerumahtanggaan", "000"),
    ("000.1.2", "Persuratan", "000.1"),
    ("000.1.2.3", "Surat Keluar", "000.1.2"),
    ("000.5", "Pengadaan", "000"),
    ("000.7", "Perencanaan Pembangunan", "000"),
    ("000.9", "Kearsipan", "000"),
    ("100", "Pemerintahan", None),
    ("100.1", "Otonomi Daerah", "100"),
    ("100.3", "Hukum", "100"),
    ("200", "Politik", None),
    ("300", "Keamanan dan Ketertiban", None),
    ("400", "Kesejahteraan Rakyat", None),
    ("400.3", "Pendidikan", "400"),
    ("400.7", "Kesehatan", "400"),
    ("500", "Perekonomian", None),
    ("500.12", "Komunikasi dan Informatika", "500"),
    ("600", "Pekerjaan Umum dan Ketenagaan", None),
    ("700", "Pengawasan", None),
    ("800", "Kepegawaian", None),
    ("800.1", "Sumber Daya Manusia", "800"),
    ("900", "Keuangan", None),
    ("900.1", "Keuangan Daerah", "900"),
)
