"""The reading pane: the rendered PDF, metadata, attachments, route progress, notes and the user's actions."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import stage_words
from eoffice.ui import pending, text
from eoffice.ui.comments import NotesTab
from eoffice.ui.history import HistoryView
from eoffice.ui.models import Column, DispositionTreeModel, RowsModel, show
from eoffice.ui.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from eoffice.app.queries import LetterView

translate = QCoreApplication.translate


def file_missing_text() -> str:
    """Offline, a file the local cache holds only by name (eoffice/sync/pull_files.py)."""
    return translate("ReadingPane", "Berkas ini belum ada di salinan lokal komputer ini. Berkas akan tersedia saat "
                                    "komputer terhubung kembali ke jaringan: buka lagi naskah ini setelah terhubung.")


class PdfPane(QWidget):
    """A QPdfView fed from bytes through a QBuffer (kept alive as long as the document)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._buffer: QBuffer | None = None
        self.data = b""
        self.shown_display = False
        self.notice = QLabel()  # instead of the PDF when it is not here (file_missing_text)
        self.notice.setObjectName("fileMissing")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setStyleSheet("color:#8a5a00;font-weight:bold;padding:24px")
        self.notice.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.notice)
        lay.addWidget(self.view)

    def say(self, message: str) -> None:
        """No PDF to show: *message* in its place."""
        self.clear()
        self.view.setVisible(False)
        self.notice.setText(message)
        self.notice.setVisible(True)

    def load(self, data: bytes, display: bytes | None = None) -> None:
        """Shows ``display`` (a copy with the form widgets drawn in, Backend.display_pdf) else ``data``; ``data``
        stays the file itself, for saving and verifying."""
        self.notice.setVisible(False)
        self.view.setVisible(True)
        self.document.close()
        self.data = data
        self.shown_display = display is not None
        buf = QBuffer(self)
        buf.setData(QByteArray(display or data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buf)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buf

    def clear(self) -> None:
        self.document.close()
        self.data = b""
        self.shown_display = False

    @property
    def pages(self) -> int:
        return self.document.pageCount()


def current_round(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The route as it stands: the latest round's steps, without the ones cancelled by a return or withdrawal
    (earlier rounds are in Riwayat)."""
    current = max((s["round"] for s in steps), default=0)
    return [s for s in steps if s["round"] == current and s["status"] != "cancelled"]


def step_columns() -> list[Column]:
    return [
        Column(translate("reading", "Tahap"), lambda s: stage_words(s["kind"], s.get("title"), text.STAGE_KIND)),
        Column(translate("reading", "Petugas"), lambda s: (s["who_name"] if s.get("decided_by") not in (None, s["assignee"])
                                                           else s.get("person", s["who_name"]))  # Tahap has the jabatan
               + (f" ({s['capacity']})" if s["capacity"] else "")),
        Column(translate("reading", "Status"), lambda s: text.STEP_STATUS.get(s["status"], s["status"]),
               color=lambda s: {"pending": "#b25e00", "approved": "#1b7a34", "returned": "#b3261e",
                                "rejected": "#b3261e"}.get(s["status"]),
               bold=lambda s: s["status"] == "pending"),
        Column(translate("reading", "Waktu"), lambda s: text.iso_text(s["decided_at"]),
               sort=lambda s: s["decided_at"] or ""),
        Column(translate("reading", "Catatan"), lambda s: s["note"] or "", tooltip=lambda s: s["note"] or ""),
    ]


class AttachmentViewer(QWidget):
    """A PDF attachment read inside the app, in its own window."""

    def __init__(self, name: str, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("attachmentViewer")
        self.setWindowTitle(self.tr("Lampiran: {name}").format(name=name))
        self.pdf = PdfPane()
        self.pdf.load(data)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.pdf)
        self.resize(820, 980)


ACTION_LABELS = {"paraf": QT_TRANSLATE_NOOP("ReadingPane", "Paraf"),
                 "approve": QT_TRANSLATE_NOOP("ReadingPane", "Setujui"),
                 "number": QT_TRANSLATE_NOOP("ReadingPane", "Beri Nomor"),
                 "dispatch": QT_TRANSLATE_NOOP("ReadingPane", "Kirim"),
                 "sign": QT_TRANSLATE_NOOP("ReadingPane", "Tanda Tangani")}


class ReadingPane(QWidget):
    """Shows one letter; emits ``action(name)`` when the user presses one of its buttons."""

    action = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: dict[str, Any] | None = None
        self.my_step: Any = None
        self.header = QLabel(self.tr("Pilih naskah di daftar untuk membacanya."))
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, label, tip in (
            ("approve", self.tr("Setujui"), "Ctrl+Enter"), ("sign", self.tr("Tanda Tangani"), "Ctrl+Shift+S"),
            ("return", self.tr("Kembalikan"), self.tr("Kembalikan ke pembuat dengan catatan")),
            ("reject", self.tr("Tolak"), ""), ("edit", self.tr("Ubah"), ""), ("submit", self.tr("Ajukan"), ""),
            ("withdraw", self.tr("Tarik"), self.tr("Tarik naskah dari rute")), ("dispose", self.tr("Disposisi"), ""),
            ("done", self.tr("Laporkan Selesai"), ""),
            ("diff", self.tr("Bandingkan Versi"), self.tr("Perubahan antarversi naskah")),
            ("export", self.tr("Simpan PDF"), ""), ("print", self.tr("Cetak"), "Ctrl+P"),
            ("print_sheet", self.tr("Cetak Lembar Disposisi"), ""), ("verify", self.tr("Verifikasi"), ""),
        ):
            b = QPushButton(label)
            b.setObjectName(f"action_{key}")
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, k=key: self.action.emit(k))
            b.setVisible(False)
            bar.addWidget(b)
            self.buttons[key] = b
        self.buttons["sign"].setStyleSheet("font-weight:bold")
        self.buttons["approve"].setStyleSheet("font-weight:bold")
        bar.addStretch(1)
        self.pdf = PdfPane()
        self.steps = RowsModel(step_columns(), self)
        self.steps_view = QTableView()
        self.steps_view.setModel(self.steps)
        self.steps_view.verticalHeader().setVisible(False)
        self.steps_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.steps_view.horizontalHeader().setStretchLastSection(True)
        self.notes = QTextBrowser()
        self.attachments = RowsModel([Column(self.tr("Berkas"), lambda a: a["name"]),
                                      Column(self.tr("Peran"), lambda a: a["role"]),
                                      Column(self.tr("Ukuran"), lambda a: text.size_text(a["size"]),
                                             sort=lambda a: a["size"])], self)
        att_view = self.att_view = QTableView()
        att_view.setModel(self.attachments)
        att_view.verticalHeader().setVisible(False)
        att_view.horizontalHeader().setStretchLastSection(True)
        att_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        att_view.doubleClicked.connect(lambda _i: self.action.emit("attachment"))
        open_att = QPushButton(self.tr("Buka Lampiran"))
        open_att.setObjectName("openAttachment")
        open_att.setToolTip(self.tr("PDF dibuka di aplikasi ini, berkas lain di aplikasi bawaan komputer"))
        open_att.clicked.connect(lambda: self.action.emit("attachment"))
        att_tab = QWidget()
        att_lay = QVBoxLayout(att_tab)
        att_lay.addWidget(att_view, 1)
        att_bar = QHBoxLayout()
        att_bar.addWidget(open_att)
        att_bar.addStretch(1)
        att_lay.addLayout(att_bar)
        self.history = RowsModel([Column(self.tr("Waktu"), lambda e: text.iso_text(e["at"]), sort=lambda e: e["at"]),
                                  Column(self.tr("Oleh"), lambda e: e["actor_name"] or "-",
                                         tooltip=lambda e: e["actor_name"] or ""),
                                  Column(self.tr("Aksi"), lambda e: text.audit_action(e["action"]),
                                         tooltip=lambda e: text.audit_action(e["action"])),
                                  Column(self.tr("Keterangan"), lambda e: e["details"], tooltip=lambda e: e["details"])],
                                 self)
        history_view = self.history_view = HistoryView(self.history)
        self.tree = DispositionTreeModel(self)
        self.tree_view = QTreeView()
        self.tree_view.setModel(self.tree)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.pdf, self.tr("Naskah"))
        self.route_tab = self.tabs.addTab(self.steps_view, self.tr("Rute"))
        self.notes_tab = NotesTab(self.notes, lambda: self.action.emit("comment"))
        self.tabs.addTab(self.notes_tab, self.tr("Catatan"))
        self.att_tab = self.tabs.addTab(att_tab, self.tr("Lampiran"))
        self.tree_tab = self.tabs.addTab(self.tree_view, self.tr("Disposisi"))
        self.history_tab = self.tabs.addTab(history_view, self.tr("Riwayat"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.header)
        lay.addLayout(bar)
        lay.addWidget(self.tabs, 1)

    def selected_attachment(self) -> dict[str, Any] | None:
        """The attachment row chosen in the Lampiran tab (the only one when there is just one)."""
        rows = self.att_view.selectionModel().selectedRows() if self.att_view.selectionModel() else []
        if rows:
            return self.attachments.rows[rows[0].row()]
        return self.attachments.rows[0] if len(self.attachments.rows) == 1 else None

    def clear(self) -> None:
        self.info = None
        self.my_step = None
        self.header.setText(self.tr("Pilih naskah di daftar untuk membacanya."))
        self.pdf.clear()
        self.steps.set_rows([])
        self.attachments.set_rows([])
        self.tree.set_tree([])
        self.history.set_rows([])
        self.notes.clear()
        self.notes_tab.offer(False, False)
        for b in self.buttons.values():
            b.setVisible(False)

    def show_letter(self, view: LetterView, display: bytes | None = None) -> None:
        """One letter as the core read it (eoffice.app.queries.LetterView); the buttons are the actions the
        workflow engine allows (``view.allowed_actions``), no rule is derived here. *display*: the PDF with its
        form widgets drawn in (Front.display_pdf), shown instead of the file itself."""
        info, pdf, signed, my_step = view.info, view.pdf, view.signed, view.my_step
        same = self.info is not None and self.info["id"] == info["id"]
        self.info, self.my_step = info, my_step
        e = html.escape
        kind_label = text.KIND.get(info["kind"], info["kind_label"])
        status_label = text.STATUS.get(info["status"], info["status_label"])
        meta = [f"<b>{e(kind_label)}</b>", self.tr("Status: {status}").format(status=f"<b>{e(status_label)}</b>"),
                self.tr("Nomor: {number}").format(number=e(info["number"] or "-")),
                self.tr("Sifat: {urgency}").format(urgency=e(text.URGENCY.get(info["urgency"], info["urgency"]))),
                self.tr("Klasifikasi: {classification}").format(classification=e(text.CLASSIFICATION.get(
                    info["classification"], info["classification"])))]
        if signed:
            meta.append("<span style='color:#1b7a34'><b>" + self.tr("Bertanda tangan elektronik") + "</b></span>")
        lines = [f"<h3 style='margin:0'>{e(info['subject'])}</h3>", " &middot; ".join(meta)]
        if info["direction"] == "in":
            lines.append(self.tr("Dari: {sender} &middot; Agenda: {agenda}").format(
                sender=e(info["sender"] or "-"), agenda=e(str(info["fields"].get("agenda", "-")))))
        lines.append(self.tr("Kepada: {to}").format(to=e("; ".join(info["to"]) or "-")))
        if info["cc"]:
            lines.append(self.tr("Tembusan: {cc}").format(cc=e("; ".join(info["cc"]))))
        lines.append(self.tr("Pembuat: {drafter} &middot; versi {version}").format(
            drafter=e(info["drafter_name"]), version=info["version"]))
        if my_step is not None:
            on_behalf = (" " + self.tr("(untuk {who})").format(who=e(my_step.on_behalf_of_name or my_step.on_behalf_of))
                         if my_step.on_behalf_of else "")
            waiting = self.tr("Menunggu Anda: {stage}").format(
                stage=e(text.STAGE_KIND.get(my_step.stage_kind, my_step.stage_kind)))
            due = self.tr("batas {due}").format(due=e(show(my_step.due_at)))
            lines.append(f"<span style='color:#b25e00'><b>{waiting}</b>{on_behalf} &middot; {due}</span>")
        if view.pending:  # a command of the user's on it waits in the outbox
            lines.append("<span style='color:#8a5a00'><b>" + e(f"{pending.CLOCK} {pending.WHAT.get(view.pending, '')}: "
                                                                f"{pending.waiting_text()}") + "</b></span>")
        returned = [n for n in info["notes"] if n["kind"] in ("return", "reject")]
        if info["status"] == "returned" and returned:
            lines.append("<span style='color:#b3261e'><b>" + self.tr("Dikembalikan:") + "</b> "
                         f"{e(returned[-1]['text'])} ({e(returned[-1]['author_name'])})</span>")
        self.header.setText("<br>".join(lines))
        if view.file_missing:
            self.pdf.say(file_missing_text())
        else:
            self.pdf.load(pdf, display)
        self.steps.set_rows(current_round(info["steps"]))
        self.attachments.set_rows(info["attachments"])
        self.notes.setHtml("".join(
            f"<p><b>{e(n['author_name'])}</b> <small>{e(text.iso_text(n['at']))} &middot; "
            f"{e(text.NOTE_KIND.get(n['kind'], n['kind']))}</small>"
            f"<br>{e(n['text'])}</p>" for n in info["notes"]) or "<i>" + self.tr("Belum ada catatan.") + "</i>")
        self.tree.set_tree(view.tree)
        self.history.set_rows(view.history)
        self.tree_view.expandAll()
        for col in range(self.tree.columnCount() - 1):
            self.tree_view.resizeColumnToContents(col)
        incoming = info["direction"] == "in"
        self.tabs.setTabVisible(self.tree_tab, incoming)
        self.tabs.setTabVisible(self.route_tab, not incoming)
        kind = my_step.stage_kind if my_step is not None else None
        if kind in ACTION_LABELS and kind != "sign":
            self.buttons["approve"].setText(self.tr(ACTION_LABELS[kind]))
        self.buttons["approve"].setToolTip("Ctrl+Enter")
        if kind == "number" and info["number"]:  # numbered at its TTE already: what is left is the agenda entry
            self.buttons["approve"].setText(self.tr("Catat di Agenda"))
            self.buttons["approve"].setToolTip(self.tr("Nomor {number} sudah diberikan saat tanda tangan; mencatatnya "
                                                       "meneruskan naskah ke pengiriman.").format(number=info["number"]) + " (Ctrl+Enter)")
        for key, b in self.buttons.items():
            b.setVisible(key in view.allowed_actions)
        self.notes_tab.offer("comment" in view.allowed_actions, same)

    def restart_choices(self) -> list[tuple[str, str | None]]:
        """Stages up to the user's own, for 'start again from' after the revision (default: the first), each
        shown as what happens there and who does it."""
        info, mine = self.info or {}, self.my_step
        stages: dict[str, str] = {}
        for s in current_round(info.get("steps", [])):
            if s["stage"] not in stages:
                stages[s["stage"]] = f"{text.STAGE_KIND.get(s['kind'], s['kind'])}: {s['who_name']}"
            if mine is not None and s["stage"] == mine.stage:
                break
        labels = list(stages.items())
        first = (translate("MainWindow", "tahap pertama ({stage})").format(stage=labels[0][1]) if labels
                 else translate("MainWindow", "tahap pertama"))
        return [(first, None)] + [(label, name) for name, label in labels[1:]]
