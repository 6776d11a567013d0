"""What the reading pane's buttons do for the letter shown: decide and sign (through ui/decisions.py), the note
dialogs for return / reject / withdraw / done, and the windows (ui/windows.py) for export, attachments,
versions, editing, submitting and disposing. A controller with explicit dependencies."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from eoffice.ui.dialogs import NoteDialog
from eoffice.ui.printing import Printing

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.decisions import Decisions
    from eoffice.ui.front import Front
    from eoffice.ui.reading import ReadingPane
    from eoffice.ui.windows import Windows

translate = QCoreApplication.translate


class LetterActions(QObject):
    """The reading pane's actions for one window: *decisions* and *windows* (its controllers), the core
    (*backend*), who acts (*actor*, asked at each use), the *reading* pane (the return stages, the shown PDF),
    *run_action* (a write with its done message) and *verify* (the verification page, given the shown PDF)."""

    def __init__(self, widget: QWidget, backend: Front, *, actor: Callable[[], Actor], reading: ReadingPane,
                 decisions: Decisions, windows: Windows, run_action: Callable[..., None],
                 verify: Callable[[bytes, str], None]) -> None:
        super().__init__(widget)
        self._me, self.backend, self._actor, self.reading = widget, backend, actor, reading
        self.decisions, self.windows, self.run_action, self.verify = decisions, windows, run_action, verify
        self.note_dialog: NoteDialog | None = None
        self.printing = Printing(widget, backend, windows.runner, actor=actor, inform=windows.inform,
                                 show_error=windows.show_error)
        reading.buttons["print"].setShortcut(QKeySequence("Ctrl+P"))
        self.kept_notes: dict[tuple[str, str], str] = {}  # (doc id, return|reject) -> note, kept until it is made

    @property
    def actor(self) -> Actor:
        return self._actor()

    def made(self, name: str, result: Any) -> None:
        """A write is done: the note kept for it (after a failed attempt) is no longer needed."""
        self.kept_notes.pop((getattr(result, "document_id", ""), name), None)

    def do(self, key: str, doc_id: str) -> None:
        if key == "approve":
            self.decisions.decide(doc_id, "approve", "")
        elif key in ("return", "reject"):
            self._decide_with_note(key, doc_id)
        elif key == "sign":
            self.decisions.sign_ids([doc_id])
        elif key == "verify":
            self.verify(self.reading.pdf.data, translate("MainWindow", "naskah ini"))
        elif key in ("export", "attachment", "diff", "edit", "submit", "dispose"):
            opener: dict[str, Callable[[str], Any]] = {
                "export": self.windows.export_pdf, "attachment": self.windows.open_attachment,
                "diff": self.windows.show_versions, "edit": self.windows.open_editor,
                "submit": self.windows.submit_letter, "dispose": self.windows.dispose_letter}
            opener[key](doc_id)
        elif key in ("print", "print_sheet"):
            title = self.reading.info["subject"] if self.reading.info else ""
            if key == "print":
                self.printing.print_letter(self.reading.pdf.document, title)
            else:
                self.printing.print_sheet(doc_id, title)
        elif key == "comment" and self.reading.notes_tab.text():  # kept in the box until it is made
            note = self.reading.notes_tab.text()
            self.run_action("comment", lambda: self.backend.comment(self.actor, doc_id, note),
                            translate("MainWindow", "Catatan ditambahkan"))
        elif key == "withdraw":
            dlg = NoteDialog(translate("MainWindow", "Tarik naskah"),
                             translate("MainWindow", "Alasan penarikan (opsional):"), self._me, required=False)
            self.note_dialog = dlg
            dlg.accepted.connect(lambda: self.run_action(
                "withdraw", lambda: self.backend.withdraw(self.actor, doc_id, dlg.note()),
                translate("MainWindow", "Naskah ditarik")))
            dlg.open()
        elif key == "done":
            dlg = NoteDialog(translate("MainWindow", "Laporan tindak lanjut"),
                             translate("MainWindow", "Apa yang sudah dilakukan (wajib):"), self._me)
            self.note_dialog = dlg
            dlg.accepted.connect(lambda: self.run_action(
                "done", lambda: self.backend.report_done(self.actor, doc_id, dlg.note()),
                translate("MainWindow", "Laporan tindak lanjut tersimpan")))
            dlg.open()

    def _decide_with_note(self, key: str, doc_id: str) -> None:
        title = translate("MainWindow", "Kembalikan naskah") if key == "return" else translate("MainWindow",
                                                                                               "Tolak naskah")
        choices = self.reading.restart_choices() if key == "return" else None
        dlg = NoteDialog(title, translate("MainWindow", "Catatan untuk pembuat (wajib):"), self._me, choices=choices,
                         choice_label=translate("MainWindow", "Setelah revisi, rute dimulai lagi dari tahap:"))
        dlg.edit.setPlainText(self.kept_notes.get((doc_id, key), ""))  # typed before a failed attempt
        self.note_dialog = dlg

        def go() -> None:
            self.kept_notes[(doc_id, key)] = dlg.note()  # until the decision is made
            self.decisions.decide(doc_id, key, dlg.note(), dlg.choice.currentData() if choices else None)

        dlg.accepted.connect(go)
        dlg.open()
