"""Kind-specific parts of a letter (the version's ``fields``, read by services/compose.kind_parts):
undangan (when/where), keputusan (menimbang/mengingat/diktum), tugas (dasar/kepada/untuk), berita acara (the day
and place of the event it records)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QWidget,
)

from eoffice.ui import text


def lines(edit: QPlainTextEdit) -> list[str]:
    return [ln.strip() for ln in edit.toPlainText().splitlines() if ln.strip()]


def _box(height: int = 64) -> QPlainTextEdit:
    e = QPlainTextEdit()
    e.setTabChangesFocus(True)
    e.setFixedHeight(height)
    e.setPlaceholderText(QCoreApplication.translate("KindParts", "satu butir per baris"))
    return e


class KindParts(QStackedWidget):
    """One small form per kind that has parts; an empty page for the others."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty = QLabel("")  # kinds without parts
        self.addWidget(self.empty)
        # undangan
        self.day = QDateEdit(QDate.currentDate().addDays(7))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(text.DATE_EDIT_FORMAT)
        self.time, self.place, self.agenda, self.dress = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.time.setPlaceholderText(self.tr("09.00 WITA s.d. selesai"))
        self.invitation = self._page([(self.tr("Hari/tanggal"), self.day), (self.tr("Waktu"), self.time),
                                      (self.tr("Tempat"), self.place), (self.tr("Acara"), self.agenda),
                                      (self.tr("Pakaian"), self.dress)])
        # keputusan
        self.menimbang, self.mengingat, self.diktum = _box(), _box(), _box()
        self.decree = self._page([(self.tr("Menimbang"), self.menimbang), (self.tr("Mengingat"), self.mengingat),
                                  (self.tr("Diktum"), self.diktum)])
        # tugas
        self.dasar, self.kepada, self.untuk = _box(48), _box(56), _box(48)
        self.kepada.setPlaceholderText(self.tr("nama; NIP; jabatan (satu orang per baris)"))
        self.assignment = self._page([(self.tr("Dasar"), self.dasar), (self.tr("Kepada"), self.kepada),
                                      (self.tr("Untuk"), self.untuk)])
        # berita acara: the event's day (spelled out in "Pada hari ini ..."), today unless the drafter says otherwise
        self.event_day = QDateEdit(QDate.currentDate())
        self.event_day.setCalendarPopup(True)
        self.event_day.setDisplayFormat(text.DATE_EDIT_FORMAT)
        self.event_day.setToolTip(self.tr("Hari dan tanggal kegiatan yang dicatat; ditulis dengan huruf pada "
                                          "kalimat “Pada hari ini ...”"))
        self.event_place = QLineEdit()
        self.event_place.setPlaceholderText(self.tr("kosong: kota unit kerja"))
        self.proceedings = self._page([(self.tr("Tanggal kegiatan"), self.event_day),
                                       (self.tr("Tempat kegiatan"), self.event_place)])
        self.pages = {"surat_undangan": self.invitation, "surat_keputusan": self.decree,
                      "surat_tugas": self.assignment, "berita_acara": self.proceedings}
        for w in (self.time, self.place, self.agenda, self.dress, self.event_place):
            w.textChanged.connect(self.changed)
        for e in (self.menimbang, self.mengingat, self.diktum, self.dasar, self.kepada, self.untuk):
            e.textChanged.connect(self.changed)
        self.day.dateChanged.connect(self.changed)
        self.event_day.dateChanged.connect(self.changed)

    def _page(self, rows: list[tuple[str, QWidget]]) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        for label, w in rows:
            form.addRow(label, w)
        self.addWidget(page)
        return page

    def set_kind(self, kind: str) -> None:
        page = self.pages.get(kind)
        self.setCurrentWidget(page if page is not None else self.empty)
        self.setVisible(page is not None)

    def fields(self, kind: str) -> dict[str, Any]:
        if kind == "surat_undangan":
            d = self.day.date()
            return {"undangan": {"tanggal": f"{d.year():04d}-{d.month():02d}-{d.day():02d}",
                                 "waktu": self.time.text().strip(), "tempat": self.place.text().strip(),
                                 "acara": self.agenda.text().strip(), "pakaian": self.dress.text().strip()}}
        if kind == "surat_keputusan":
            return {"keputusan": {"menimbang": lines(self.menimbang), "mengingat": lines(self.mengingat),
                                  "diktum": lines(self.diktum)}}
        if kind == "surat_tugas":
            people = []
            for ln in lines(self.kepada):
                parts = [p.strip() for p in ln.split(";")] + ["", ""]
                people.append({"nama": parts[0], "nip": parts[1], "jabatan": parts[2]})
            return {"tugas": {"dasar": lines(self.dasar), "kepada": people, "untuk": lines(self.untuk)}}
        if kind == "berita_acara":
            d = self.event_day.date()
            return {"berita_acara": {"tanggal": f"{d.year():04d}-{d.month():02d}-{d.day():02d}",
                                     "tempat": self.event_place.text().strip()}}
        return {}

    def load(self, fields: dict[str, Any]) -> None:
        if inv := fields.get("undangan"):
            if inv.get("tanggal"):
                self.day.setDate(QDate.fromString(str(inv["tanggal"]), "yyyy-MM-dd"))
            self.time.setText(str(inv.get("waktu", "")))
            self.place.setText(str(inv.get("tempat", "")))
            self.agenda.setText(str(inv.get("acara", "")))
            self.dress.setText(str(inv.get("pakaian", "")))
        if sk := fields.get("keputusan"):
            self.menimbang.setPlainText("\n".join(sk.get("menimbang", [])))
            self.mengingat.setPlainText("\n".join(sk.get("mengingat", [])))
            self.diktum.setPlainText("\n".join(sk.get("diktum", [])))
        if st := fields.get("tugas"):
            self.dasar.setPlainText("\n".join(st.get("dasar", [])))
            self.kepada.setPlainText("\n".join(f"{p.get('nama', '')}; {p.get('nip', '')}; {p.get('jabatan', '')}"
                                               for p in st.get("kepada", [])))
            self.untuk.setPlainText("\n".join(st.get("untuk", [])))
        if ba := fields.get("berita_acara"):
            if ba.get("tanggal"):
                self.event_day.setDate(QDate.fromString(str(ba["tanggal"]), "yyyy-MM-dd"))
            self.event_place.setText(str(ba.get("tempat", "")))
