"""Small dialogs shared by the screens: login, passphrase, a required note."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from eoffice.ui import text
from eoffice.ui.tasks import TaskRunner
from eoffice.ui.text import ok_cancel


class LoginDialog(QDialog):
    """User + password; remembers the last user; shows the database and whether it answers."""

    logged_in = Signal(object)  # Actor
    status_checked = Signal(bool)

    def __init__(self, backend: Any, runner: TaskRunner, settings: QSettings, parent: QWidget | None = None,
                 *, demo: bool = False) -> None:
        super().__init__(parent)
        self.backend, self.runner, self.settings = backend, runner, settings
        self.actor: Any = None
        self.reachable: bool | None = None
        self.waiting = False  # Masuk pressed before the core finished loading
        self.setWindowTitle(f"Masuk - {text.APP_NAME}")
        self.setMinimumWidth(460)
        title = QLabel(f"<h2>{text.APP_NAME}</h2>Naskah dinas elektronik, paraf, TTE dan disposisi")
        title.setWordWrap(True)
        self.user = QLineEdit(str(settings.value("login/last_user", "")))
        self.user.setPlaceholderText("login atau NIP")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kata sandi")
        self.db_label = QLabel("Database: -")
        self.db_label.setWordWrap(True)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.db_status = QLabel("Menyiapkan aplikasi...")
        self.db_status.setWordWrap(True)
        self.demo_label = QLabel("MODE DEMO: semua kata sandi 'demo'")
        self.demo_label.setStyleSheet("color:#8a5a00;font-weight:bold")
        self.demo_label.setVisible(demo)
        self.error = QLabel("")
        self.error.setStyleSheet("color:#b3261e")
        self.error.setWordWrap(True)
        self.buttons = ok_cancel("Masuk", self.try_login, self.reject)
        form = QFormLayout()
        form.addRow("Pengguna", self.user)
        form.addRow("Kata sandi", self.password)
        lay = QVBoxLayout(self)
        for w in (title, self.demo_label):
            lay.addWidget(w)
        lay.addLayout(form)
        for w in (self.error, self.db_label, self.db_status):
            lay.addWidget(w)
        lay.addWidget(self.buttons)
        (self.password if self.user.text() else self.user).setFocus()
        if backend is not None:
            self.set_backend(backend)

    def set_backend(self, backend: Any) -> None:
        """The core is loaded (the app loads it while this dialog is on screen): check the database, and
        log in if Masuk was pressed meanwhile."""
        self.backend = backend
        self.db_label.setText(f"Database: {backend.label}")
        self.db_status.setText("Memeriksa koneksi database...")
        self.runner.submit(backend.ping, self._reachable, self._unreachable)
        if self.waiting:
            self.waiting = False
            self.try_login()

    def _reachable(self, _: Any) -> None:
        self.reachable = True
        self.db_status.setText("Database terhubung")
        self.db_status.setStyleSheet("color:#1b7a34")
        self.status_checked.emit(True)

    def _unreachable(self, message: str) -> None:
        self.reachable = False
        self.db_status.setText(f"{message}\nPeriksa jaringan atau EOFFICE_DB, lalu coba lagi.")
        self.db_status.setStyleSheet("color:#b3261e;font-weight:bold")
        self.status_checked.emit(False)

    def try_login(self) -> None:
        who, password = self.user.text().strip(), self.password.text()
        if not who or not password:
            self.error.setText("Isi pengguna dan kata sandi")
            return
        self.error.setText("")
        self.buttons.setEnabled(False)
        if self.backend is None:
            self.waiting = True
            return
        self.runner.submit(lambda: self.backend.login(who, password), self._ok, self._fail)

    def _ok(self, actor: Any) -> None:
        self.actor = actor
        self.settings.setValue("login/last_user", actor.login)
        self.buttons.setEnabled(True)
        self.logged_in.emit(actor)
        self.accept()

    def _fail(self, message: str) -> None:
        self.buttons.setEnabled(True)
        if "tidak dapat dihubungi" in message:
            self._unreachable(message)
            message = "Tidak dapat masuk: database tidak dapat dihubungi (lihat di bawah)."
        self.error.setText(message)
        self.password.selectAll()
        self.password.setFocus()


class PassphraseDialog(QDialog):
    """The TTE key passphrase. Offers 'ingat di keyring' only when the OS has a keyring."""

    def __init__(self, login: str, purpose: str, keyring_ok: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Passphrase kunci TTE")
        self.setObjectName("passphraseDialog")
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("Ingat di keyring sistem")
        self.remember.setVisible(keyring_ok)
        info = QLabel(f"{purpose}<br>Masukkan passphrase kunci TTE <b>{login}</b>.")
        info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lanjutkan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(info)
        lay.addWidget(self.field)
        lay.addWidget(self.remember)
        lay.addWidget(buttons)
        self.setMinimumWidth(380)

    def passphrase(self) -> str:
        return self.field.text()


class NoteDialog(QDialog):
    """A note that must not be empty (return / reject / laporan)."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None, *, required: bool = True,
                 choices: list[tuple[str, str | None]] | None = None, choice_label: str = "") -> None:
        super().__init__(parent)
        self.choice = QComboBox()
        for text_, value in choices or []:
            self.choice.addItem(text_, value)
        self.setWindowTitle(title)
        self.setObjectName("noteDialog")
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        lay.addWidget(label)
        lay.addWidget(self.edit)
        if choices:
            lay.addWidget(QLabel(choice_label))
            lay.addWidget(self.choice)
        lay.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if required:
            ok.setEnabled(False)
            self.edit.textChanged.connect(lambda: ok.setEnabled(bool(self.edit.toPlainText().strip())))
        self.resize(420, 220)

    def note(self) -> str:
        return self.edit.toPlainText().strip()
