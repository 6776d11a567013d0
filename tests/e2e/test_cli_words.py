"""What the real CLI prints for a person speaks their words (issue 14): stages by what happens and the jabatan,
people by name, statuses and events in Indonesian; never a stage code, an event type or a login. --json keeps
the ids and logins for scripts, with the names beside them."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.cli import Result, assert_one_line_error, run

KEY = {"EOFFICE_KEY_PASSPHRASE": "demo"}
RETURNED = "Permintaan Narasumber Pelatihan Keamanan Siber"  # returned by the kasi
IN_REVIEW = "Laporan Triwulan III Jaringan Intra Pemerintah"  # pending at the kasi
INCOMING = "Evaluasi Penerapan SPBE Pemerintah Daerah Tahun 2026"  # disposed down three levels
# A stage code (paraf_kasi, ttd_kepala), an event or action type (step_created, route.submit), a status code.
CODES = re.compile(r"\b(paraf_\w+|ttd_\w+|persetujuan_\w+|step_\w+|route_\w+|(letter|route|disposition)\.\w+|"
                   r"in_review|to_sign|returned|cancelled|dispatched|registered|nota_dinas|surat_dinas|"
                   r"naskah_masuk|tindak_lanjuti|sangat_segera)\b")
LOGINS = ("staf.kominfo", "kasi1.kominfo", "kabid1.kominfo", "kepala.kominfo", "agendaris.kominfo", "sekda",
          "gubernur", "asisten3")


def as_user(url: str, home: Path, user: str, *args: str) -> Result:
    return run(*args, db=url, home=home, user=user, password="demo", env=KEY)


def plain(r: Result) -> str:
    """The output, checked to hold no code and no login."""
    assert r.code == 0, r.err
    assert not CODES.search(r.out), (CODES.search(r.out), r.out)
    assert not [login for login in LOGINS if re.search(rf"(?<![\w.]){re.escape(login)}(?![\w.])", r.out)], r.out
    return r.out


def letter_id(url: str, home: Path, user: str, subject: str) -> str:
    rows = as_user(url, home, user, "letter", "list", "--json").json()
    return str(next(r["id"] for r in rows if r["subject"] == subject))


def test_show_history_list_and_inbox_say_words_and_names(content_url: str, home: Path) -> None:
    url = content_url
    listing = plain(as_user(url, home, "staf.kominfo", "letter", "list"))
    assert "Dikembalikan" in listing and "Surat Dinas" in listing and "Dalam review" in listing
    doc = letter_id(url, home, "staf.kominfo", RETURNED)
    shown = plain(as_user(url, home, "staf.kominfo", "letter", "show", doc))
    assert "Paraf Kepala Seksi Pengembangan Aplikasi" in shown and "Fitri Handayani" in shown
    assert "Joko Supriyanto" in shown and "dikembalikan" in shown and "dibatalkan" not in shown
    history = plain(as_user(url, home, "staf.kominfo", "letter", "history", doc))
    for words in ("Draf dibuat", "Diajukan ke rute", "Dikembalikan ke pembuat", "Joko Supriyanto",
                  "Fitri Handayani", "Lengkapi jadwal dan tempat pelatihan."):
        assert words in history, history
    assert "sha256" not in history and "kind=" not in history
    data = as_user(url, home, "staf.kominfo", "letter", "show", doc, "--json").json()  # machines keep the ids
    step = next(s for s in data["steps"] if s["status"] == "returned")
    assert (step["stage"], step["assignee"]) == ("paraf_kasi", "kasi1.kominfo")
    assert step["stage_words"] == "Paraf Kepala Seksi Pengembangan Aplikasi"
    events = as_user(url, home, "staf.kominfo", "letter", "history", doc, "--json").json()
    assert events[0]["actor"] == "staf.kominfo" and events[0]["action"] == "letter.draft"
    assert events[0]["actor_name"].startswith("Joko Supriyanto") and events[0]["action_label"] == "Draf dibuat"
    inbox = plain(as_user(url, home, "gubernur", "inbox"))
    assert "Tanda tangan" in inbox and not re.search(r"\bsign\b", inbox)
    assert "Segera" in inbox and not re.search(r"\bsegera\b", inbox)


def test_decisions_and_the_disposisi_tree_say_words_and_names(content_url: str, home: Path) -> None:
    url = content_url
    doc = letter_id(url, home, "kasi1.kominfo", IN_REVIEW)
    approved = plain(as_user(url, home, "kasi1.kominfo", "approve", doc))
    assert "Disetujui" in approved and "Dalam review" in approved
    incoming = letter_id(url, home, "gubernur", INCOMING)
    tree = plain(as_user(url, home, "gubernur", "disposition", "tree", incoming))
    assert "Haryanto Wicaksono" in tree and "Sri Rahayu Ningsih" in tree and "Budi Santoso" in tree
    assert "Terkirim" in tree and "Selesai" in tree and "Tindak lanjuti" in tree
    data = as_user(url, home, "gubernur", "disposition", "tree", incoming, "--json").json()
    sekda = next(n for n in data if n["to"] == "sekda")
    assert sekda["from"] == "gubernur" and sekda["to_name"].startswith("Sri Rahayu Ningsih")
    until = as_user(url, home, "kasi1.kominfo", "delegate", "staf.kominfo", "--capacity", "Plh.", "--from",
                    "2026-12-10", "--until", "2026-12-11")
    assert "Joko Supriyanto" in plain(until) and "Fitri Handayani" in until.out


def test_refusals_name_the_person_not_the_login(content_url: str, home: Path, tmp_path: Path) -> None:
    url = content_url
    doc = letter_id(url, home, "kasi1.kominfo", IN_REVIEW)
    withdraw = as_user(url, home, "kasi1.kominfo", "letter", "withdraw", doc)
    assert_one_line_error(withdraw, 1, "Joko Supriyanto")
    assert "staf.kominfo" not in withdraw.err
    itself = as_user(url, home, "kasi1.kominfo", "delegate", "kasi1.kominfo", "--capacity", "Plh.", "--from",
                     "2026-12-10", "--until", "2026-12-11")
    assert_one_line_error(itself, 2, "diri sendiri")
    assert "kasi1" not in itself.err
    stranger = as_user(url, home, "gubernur", "comment", doc, "Mohon dipercepat")
    assert_one_line_error(stranger, 1, "Haryanto Wicaksono")
    assert "gubernur tidak" not in stranger.err
    assert as_user(url, home, "kasi1.kominfo", "approve", doc).code == 0
    again = as_user(url, home, "kasi1.kominfo", "approve", doc)
    assert_one_line_error(again, 1, "Fitri Handayani")
    assert "kasi1.kominfo" not in again.err and "UTC" not in again.err
    empty = tmp_path / "fresh"  # a profile without the governor's key
    empty.mkdir()
    waiting = as_user(url, home, "gubernur", "inbox", "--json").json()[0]["document_id"]
    sign = as_user(url, empty, "gubernur", "sign", waiting)
    assert_one_line_error(sign, 2, "Tidak ada kunci TTE untuk Haryanto Wicaksono")
    assert "gubernur " not in sign.err


def test_verify_says_paraf_and_the_changes_in_indonesian(content_url: str, home: Path, tmp_path: Path) -> None:
    url = content_url
    doc = letter_id(url, home, "staf.kominfo", "Penyampaian Laporan Penyelenggaraan SPBE Tahun 2026")
    pdf, root = tmp_path / "surat.pdf", tmp_path / "root.pem"
    assert as_user(url, home, "staf.kominfo", "letter", "export", doc, str(pdf)).code == 0
    assert run("ca", "export-root", str(root), db=url, home=home).code == 0
    said = run("verify", str(pdf), "--trust", str(root), db=url, home=home)
    assert said.code == 0, said.err
    assert "Paraf: Fitri Handayani" in said.out and "TTE: Nurul Hidayati" in said.out, said.out
    assert "perubahan: hanya tanda tangan berikutnya atau pengisian formulir" in said.out
    assert "Paraf-" not in said.out and "signing" not in said.out and "allowed" not in said.out
