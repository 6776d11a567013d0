"""The draft editor (form + Markdown body + live PDF preview); its recipient picker is in pickers.py, the
version diff in versions.py, the route choice on submit in submit.py."""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from eoffice.documents.body import parse_markdown
from eoffice.domain import Classification, DocKind, EofficeError, Urgency
from eoffice.services.letters import Draft, Head
from eoffice.ui import text
from eoffice.ui.bodybar import BodyBar
from eoffice.ui.kindparts import KindParts
from eoffice.ui.pending import done_message, is_queued, queued_text
from eoffice.ui.pickers import AddresseeField, AddresseePicker, pick_into
from eoffice.ui.reading import PdfPane
from eoffice.ui.submit import SubmitDialog
from eoffice.ui.tasks import TaskRunner
from eoffice.ui.text import error_label
from eoffice.ui.versions import DiffDialog

if TYPE_CHECKING:
    from eoffice.app.queries import Person
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

TEMPLATE_BODY = ("Sehubungan dengan ..., dengan hormat kami sampaikan hal-hal sebagai berikut:\n\n"
                 "1. ...\n2. ...\n\nDemikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.")
# the body of an official letter is Indonesian whatever the UI language: TEMPLATE_BODY is not translated


class DraftEditor(QWidget):
    """New letter (doc_id None) or a revision of the user's draft / returned letter."""

    changed = Signal()
    saved = Signal(str)  # document id
    closed = Signal()
    close_cancelled = Signal()  # asked about unsaved work, the user kept the editor open
    preview_ready = Signal(int)  # pages
    preview_failed = Signal(str)

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, doc_id: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.backend, self.actor, self.runner, self.doc_id = backend, actor, runner, doc_id
        self.files: list[tuple[str, bytes]] = []  # added here, saved with the next save
        self.saved_files: list[dict[str, Any]] = []  # already on the letter
        self.removed: set[str] = set()  # sha256 of saved files to drop at the next save
        self.file_entries: list[tuple[str, Any]] = []  # per file_list row: ("saved", sha256) | ("new", index)
        self.generation = 0
        self.entries: list[Person] = []  # every jabatan, for the addressee picker
        self.codes: dict[str, str] = {}  # jabatan title as shown -> position code (a title may recur in units)
        self.loaded_to = self.loaded_cc = ""  # the addressees as loaded: unchanged ones are not sent again
        self.submit_dialog: SubmitDialog | None = None
        self.picker: AddresseePicker | None = None
        self.close_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Naskah Baru") if doc_id is None else self.tr("Ubah Naskah"))
        self.resize(1300, 860)
        self._build()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(600)
        self.timer.timeout.connect(self.render_preview)
        for w in (self.subject, self.to, self.cc, self.attachment_note):
            w.textChanged.connect(self.schedule_preview)
        self.body.textChanged.connect(self.schedule_preview)
        for c in (self.kind, self.urgency, self.classification):
            c.currentIndexChanged.connect(self.schedule_preview)
        runner.submit(self._load_choices, self._show_choices)
        if doc_id is not None:
            runner.submit(lambda: (backend.detail(actor, doc_id), backend.version_texts(actor, doc_id)),
                          self._show_existing)
        else:
            self.body.setPlainText(TEMPLATE_BODY)
        self._clean = self.snapshot()

    def _build(self) -> None:
        self.kind = QComboBox()
        for k in DocKind:
            if k != DocKind.NASKAH_MASUK:
                self.kind.addItem(text.KIND[k.value], k.value)
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(self.tr("Hal / perihal"))
        self.urgency = QComboBox()
        for u in Urgency:
            self.urgency.addItem(text.URGENCY[u.value], u.value)
        self.classification = QComboBox()
        for c in Classification:
            self.classification.addItem(text.CLASSIFICATION[c.value], c.value)
        self.kode = QComboBox()
        self.kode.setEditable(True)
        kode_edit = self.kode.lineEdit()
        if kode_edit is not None:
            kode_edit.setPlaceholderText(self.tr("wajib sebelum diajukan, mis. 000.1.2.3"))
        self.to = AddresseeField("toField",
                                 self.tr("jabatan yang dituju: klik Pilih..., atau ketik; pisahkan dengan ';'"))
        self.cc = AddresseeField("ccField", self.tr("tembusan (opsional): jabatan"))
        self.attachment_note = QLineEdit()
        self.attachment_note.setPlaceholderText(self.tr("mis. 1 (satu) berkas"))
        pick_to, pick_cc = QPushButton(self.tr("Pilih...")), QPushButton(self.tr("Pilih..."))
        pick_to.clicked.connect(lambda: self.pick(self.to, self.tr("Pilih tujuan")))
        pick_cc.clicked.connect(lambda: self.pick(self.cc, self.tr("Pilih tembusan")))
        self.file_list = QListWidget()
        self.file_list.setMaximumHeight(70)
        add_file = QPushButton(self.tr("Tambah berkas..."))
        add_file.clicked.connect(self.add_files)
        self.remove_file_btn = QPushButton(self.tr("Hapus berkas"))
        self.remove_file_btn.clicked.connect(self.remove_file)
        file_buttons = QWidget()
        fb = QVBoxLayout(file_buttons)
        fb.setContentsMargins(0, 0, 0, 0)
        fb.addWidget(add_file)
        fb.addWidget(self.remove_file_btn)
        fb.addStretch(1)
        self.returned = error_label()
        self.returned.setVisible(False)

        def row(*ws: QWidget) -> QWidget:
            box = QWidget()
            h = QHBoxLayout(box)
            h.setContentsMargins(0, 0, 0, 0)
            for i, w in enumerate(ws):
                h.addWidget(w, 1 if i == 0 else 0)
            return box

        form = QFormLayout()
        form.addRow(self.tr("Jenis naskah"), self.kind)
        form.addRow(self.tr("Hal"), self.subject)
        form.addRow(self.tr("Sifat"), row(self.urgency, QLabel(self.tr("Klasifikasi")), self.classification))
        form.addRow(self.tr("Kode klasifikasi"), self.kode)
        form.addRow(self.tr("Yth. (tujuan)"), row(self.to, pick_to))
        form.addRow(self.tr("Tembusan"), row(self.cc, pick_cc))
        form.addRow(self.tr("Lampiran"), self.attachment_note)
        form.addRow(self.tr("Berkas lampiran"), row(self.file_list, file_buttons))
        self.parts = KindParts()
        self.parts.changed.connect(self.schedule_preview)
        self.kind.currentIndexChanged.connect(lambda _i: self.parts.set_kind(self.kind.currentData()))
        self.parts.set_kind(self.kind.currentData())
        self.body = QPlainTextEdit()
        self.body.setObjectName("bodyEditor")
        self.body.setTabChangesFocus(True)
        help_label = QLabel(self.tr("Isi naskah: paragraf dipisah baris kosong; tombol di bawah ini untuk tebal, "
                                    "miring dan daftar (atau Markdown: **tebal**, *miring*, '- ', '1. ', '# judul')."))
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color:#555")
        self.status = QLabel("")
        self._error_shown = False
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
        self.status.setWordWrap(True)
        self.save_btn = QPushButton(self.tr("Simpan Draf"))
        self.save_btn.setShortcut("Ctrl+S")
        self.save_btn.clicked.connect(self.save)
        self.submit_btn = QPushButton(self.tr("Simpan && Ajukan..."))
        self.submit_btn.clicked.connect(self.save_and_submit)
        self.diff_btn = QPushButton(self.tr("Bandingkan Versi"))
        self.diff_btn.clicked.connect(self.show_diff)
        self.diff_btn.setVisible(False)
        buttons = row(self.status, self.diff_btn, self.save_btn, self.submit_btn)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(self.returned)
        ll.addLayout(form)
        ll.addWidget(self.parts)
        ll.addWidget(help_label)
        self.bodybar = BodyBar(self.body)
        ll.addWidget(self.bodybar)
        ll.addWidget(self.body, 1)
        ll.addWidget(buttons)
        self.preview = PdfPane()
        right = QWidget()
        rl = QVBoxLayout(right)
        self.preview_label = QLabel(self.tr("Pratinjau"))
        rl.addWidget(self.preview_label)
        rl.addWidget(self.preview, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([620, 620])
        lay = QVBoxLayout(self)
        lay.addWidget(split)

    # --- data ------------------------------------------------------------------------------------

    def _load_choices(self) -> tuple[list[Person], list[tuple[str, str]]]:
        return self.backend.jabatan(), self.backend.classification_codes()

    def _show_choices(self, result: tuple[list[Person], list[tuple[str, str]]]) -> None:
        self.entries, codes = result
        titles = [p.title for p in self.entries]
        self.codes = {p.title: p.login for p in self.entries if titles.count(p.title) == 1} | self.codes
        current = self.kode.currentText()
        self.kode.clear()
        self.kode.addItem("", "")
        for code, title in codes:
            self.kode.addItem(f"{code} {title}", code)
        if current:
            self.kode.setEditText(current)

    def _show_existing(self, result: tuple[dict[str, Any], list[tuple[int, str]]]) -> None:
        info, versions = result
        self.info = info
        self.kind.setCurrentIndex(max(0, self.kind.findData(info["kind"])))
        self.subject.setText(info["subject"])
        self.urgency.setCurrentIndex(max(0, self.urgency.findData(info["urgency"])))
        self.classification.setCurrentIndex(max(0, self.classification.findData(info["classification"])))
        self.kode.setEditText(info["kode"] or "")
        self.to.set_names(info["to"])
        self.cc.set_names(info["cc"])
        self.attachment_note.setText(str(info["fields"].get("lampiran", "")))
        self.parts.load(info["fields"])
        self.body.setPlainText(info["body_markdown"])  # bold, lists, tables survive the round trip
        self.loaded_to, self.loaded_cc = self.to.text(), self.cc.text()
        self.kind.setEnabled(False)  # a revision fixes the head, the text, the parts and the files: not the kind
        notes = [n for n in info["notes"] if n["kind"] in ("return", "reject")]
        if notes:
            self.returned.setText("<b>" + self.tr("Catatan pengembalian dari {author}:").format(
                author=html.escape(notes[-1]["author_name"])) + "</b> " + html.escape(notes[-1]["text"]))
            self.returned.setVisible(True)
        self.versions = versions
        self.diff_btn.setVisible(len(versions) > 1)
        self.show_saved_files(info["attachments"])
        self._clean = self.snapshot()

    def draft(self) -> Draft:
        fields: dict[str, Any] = {}
        if self.attachment_note.text().strip():
            fields["lampiran"] = self.attachment_note.text().strip()
        if self.doc_id is not None and hasattr(self, "info"):
            fields = {**self.info["fields"], **fields}
        fields.update(self.parts.fields(self.kind.currentData()))
        kode = self.kode.currentData() if self.kode.currentText() == self.kode.itemText(
            self.kode.currentIndex()) else self.kode.currentText().split(" ")[0]
        return Draft(kind=DocKind(self.kind.currentData()), subject=self.subject.text(),
                     body=parse_markdown(self.body.toPlainText()), to=self._addressees(self.to),
                     cc=self._addressees(self.cc), urgency=Urgency(self.urgency.currentData()),
                     classification=Classification(self.classification.currentData()),
                     kode_klasifikasi=kode or "", fields=fields)

    def _addressees(self, field: AddresseeField) -> list[str]:
        """What the field names, as the service resolves it: a picked jabatan by its code, typed text as typed."""
        return [self.codes.get(t, t) for t in field.names()]

    def head(self, d: Draft) -> Head:
        """The revision's head: addressees only when edited (unchanged ones keep how they were addressed)."""
        return Head(to=None if self.to.text() == self.loaded_to else d.to,
                    cc=None if self.cc.text() == self.loaded_cc else d.cc, urgency=d.urgency.value,
                    classification=d.classification.value, kode_klasifikasi=d.kode_klasifikasi)

    def snapshot(self) -> tuple[Any, ...]:
        """What the user can change, to tell whether closing would lose work."""
        try:
            parts: Any = sorted(self.parts.fields(self.kind.currentData()).items())
        except Exception:  # a half-filled part: compare its text as typed
            parts = None
        return (self.kind.currentData(), self.subject.text(), self.urgency.currentData(),
                self.classification.currentData(), self.kode.currentText(), self.to.text(), self.cc.text(),
                self.attachment_note.text(), self.body.toPlainText(), repr(parts), len(self.files), len(self.removed))

    @property
    def dirty(self) -> bool:
        return self.snapshot() != self._clean

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.dirty:
            self.timer.stop()
            self.generation += 1  # a preview still rendering is not shown in a closed window
            self.closed.emit()
            super().closeEvent(event)
            return
        event.ignore()  # ask first; the answer closes the window again (or not)
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),
                          self.tr("Naskah ini punya perubahan yang belum disimpan."), parent=self)
        box.setObjectName("unsavedBox")
        box.setInformativeText(self.tr("Simpan sebagai draf sebelum menutup?"))
        save = box.addButton(self.tr("Simpan Draf"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Buang Perubahan"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        self.close_box = box

        def answered(button: Any) -> None:
            if button is save:
                self.save(then=lambda _id: self.close())
            elif button is discard:
                self._clean = self.snapshot()
                self.close()
            else:
                self.close_cancelled.emit()

        box.buttonClicked.connect(answered)
        box.open()

    # --- preview ---------------------------------------------------------------------------------

    def schedule_preview(self, *_: Any) -> None:
        if self._error_shown:  # the user is fixing what the message was about: it no longer applies
            self.say("")
        self.timer.start()

    def say(self, message: str, *, error: bool = False) -> None:
        """The status line: red only for an error, which editing then clears."""
        self.status.setText(message)
        self.status.setStyleSheet("color:#b3261e" if error else "")
        self._error_shown = error

    def render_preview(self) -> None:
        self.generation += 1
        gen = self.generation
        try:
            d = self.draft()
        except Exception as exc:  # BadInput from the body parser: show it, keep the last preview
            self.preview_label.setText(self.tr("Pratinjau: {problem}").format(problem=exc))
            return
        if not d.subject.strip():
            d = dataclasses.replace(d, subject=self.tr("(hal belum diisi)"))
        if not d.to:
            d = dataclasses.replace(d, to=[self.tr("(tujuan belum diisi)")])
        self.preview_label.setText(self.tr("Pratinjau: memperbarui..."))

        def shown(pdf: bytes) -> None:
            if gen != self.generation:
                return  # a newer edit is on its way
            self.preview.load(pdf)
            self.preview_label.setText(self.tr("Pratinjau (%n halaman)", "", self.preview.pages))
            self.preview_ready.emit(self.preview.pages)

        def failed(error: EofficeError) -> None:
            message = str(error)
            if gen == self.generation:
                self.preview_label.setText(self.tr("Pratinjau: {problem}").format(problem=message))
                self.preview_failed.emit(message)

        self.runner.submit(lambda: self.backend.preview_draft(self.actor, d), shown, failed)

    # --- actions ---------------------------------------------------------------------------------

    def pick(self, target: AddresseeField, title: str) -> None:
        self.picker = pick_into(target, title, self.entries, self.codes, self)

    def add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Tambah lampiran"), str(Path.home()))
        for p in paths:
            self.add_file(Path(p))

    def add_file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.say(error=True, message=self.tr("{name}: tidak dapat dibaca ({reason})").format(name=path.name,
                                                                                      reason=exc.strerror))
            return
        self.files.append((path.name, data))
        self._list_files()

    def show_saved_files(self, attachments: list[dict[str, Any]]) -> None:
        self.saved_files = [a for a in attachments if a["role"] == "lampiran"]
        self._list_files()

    def _list_files(self) -> None:
        """Saved files (minus those marked for removal), then the files added since the last save."""
        self.file_list.clear()
        self.file_entries = []
        for a in self.saved_files:
            if a["sha256"] not in self.removed:
                self.file_list.addItem(f"{a['name']} ({text.size_text(a['size'])})")
                self.file_entries.append(("saved", a["sha256"]))
        for i, (name, data) in enumerate(self.files):
            self.file_list.addItem(self.tr("{name} ({size}, belum disimpan)").format(
                name=name, size=text.size_text(len(data))))
            self.file_entries.append(("new", i))

    def remove_file(self) -> None:
        row = self.file_list.currentRow()
        if not 0 <= row < len(self.file_entries):
            self.say(self.tr("Pilih berkas yang akan dihapus."))
            return
        where, key = self.file_entries[row]
        if where == "saved":
            self.removed.add(key)
        else:
            del self.files[key]
        self._list_files()

    def save(self, then: Any = None) -> None:
        try:
            d = self.draft()
        except Exception as exc:
            self.say(str(exc), error=True)
            return
        snap = self.snapshot()
        files, self.files = self.files, []
        removing = sorted(self.removed)
        head = self.head(d)
        typed = self.to.text(), self.cc.text()
        self.save_btn.setEnabled(False)
        b, a, doc_id = self.backend, self.actor, self.doc_id

        def work() -> tuple[str, list[dict[str, Any]] | None]:
            made = (b.draft(a, d, files) if doc_id is None
                    else b.revise(a, doc_id, d, files, remove=removing, head=head))
            if is_queued(made):  # offline: in the outbox, pushed when the database answers
                return doc_id or "", None
            new_id = doc_id or str(made)
            return new_id, b.detail(a, new_id)["attachments"]

        def done(result: tuple[str, list[dict[str, Any]] | None]) -> None:
            new_id, saved_files = result
            if saved_files is None:
                self._queued(snap, doc_id is None)
                return
            self.doc_id = new_id
            self.removed -= set(removing)
            self.loaded_to, self.loaded_cc = typed
            self.show_saved_files(saved_files)  # the list shows what the letter now has
            self._clean = snap[:-2] + (len(self.files), len(self.removed))  # saved; later additions still count
            self.save_btn.setEnabled(True)
            self.say(self.tr("Draf tersimpan"))
            self.setWindowTitle(self.tr("Ubah Naskah"))
            self.saved.emit(new_id)
            self.changed.emit()
            if callable(then):
                then(new_id)

        def failed(error: EofficeError) -> None:
            message = str(error)
            self.files = files + self.files
            self._list_files()
            self.save_btn.setEnabled(True)
            self.say(message, error=True)

        self.runner.submit(work, done, failed)

    def _queued(self, snap: Any, new: bool) -> None:
        """Saved in the outbox: nothing more to lose here; a new letter exists only once it is pushed."""
        self._clean = snap[:-2] + (len(self.files), len(self.removed))
        self.save_btn.setEnabled(True)
        self.say(queued_text())
        self.changed.emit()
        if new:
            self.close()

    def save_and_submit(self) -> None:
        def ask(doc_id: str) -> None:
            dlg = SubmitDialog(self.backend, self.actor, self.runner, doc_id, self)
            self.submit_dialog = dlg
            dlg.submitted.connect(self._submitted)
            dlg.open()

        self.save(then=ask)

    def _submitted(self, outcome: Any) -> None:
        self.say(done_message(outcome, lambda o: self.tr("Diajukan: {status}").format(
            status=text.STATUS.get(o.status, o.status))))
        self.changed.emit()
        self.close()

    def show_diff(self) -> None:
        dlg = DiffDialog(getattr(self, "versions", []), self)
        dlg.show()
        self.diff_dialog = dlg
