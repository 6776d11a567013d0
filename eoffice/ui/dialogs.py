"""Small dialogs shared by the screens: login, passphrase, a required note."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, QTimer, Signal
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

from eoffice.domain import EofficeError, Unavailable
from eoffice.ui import i18n, text
from eoffice.ui.tasks import TaskRunner
from eoffice.ui.text import ok_cancel

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front


class LoginDialog(QDialog):
    """User + password; remembers the last user; shows the database and whether it answers."""

    logged_in = Signal(object)  # Actor
    status_checked = Signal(bool)
    language_chosen = Signal(str)  # the App installs it at once: the main window opens in that language

    def __init__(self, backend: Front | None, runner: TaskRunner, settings: QSettings, parent: QWidget | None = None,
                 *, demo: bool = False, language: str = i18n.DEFAULT) -> None:
        super().__init__(parent)
        self.backend, self.runner, self.settings = backend, runner, settings
        self.actor: Actor | None = None
        self.reachable: bool | None = None
        self.waiting = False  # Masuk pressed before the core finished loading
        # The first screen's data, loaded beside the password check (Backend.login_and_load) when set.
        self.preload: Callable[[Any], Any] | None = None
        self.preloaded: Any = None
        self.setMinimumWidth(460)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.user = QLineEdit(str(settings.value("login/last_user", "")))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.db_label = QLabel()
        self.db_label.setWordWrap(True)
        self.db_status = QLabel()
        self.db_status.setWordWrap(True)
        self.demo_label = QLabel()
        self.demo_label.setStyleSheet("color:#8a5a00;font-weight:bold")
        policy = self.demo_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # shown once the database says "demo": the fields must not move
        self.demo_label.setSizePolicy(policy)
        self.demo_label.setVisible(demo)
        self.error = QLabel("")
        self.error.setStyleSheet("color:#b3261e")
        self.error.setWordWrap(True)
        self.buttons = ok_cancel("", self.try_login, self.reject)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.language.currentIndexChanged.connect(lambda _i: self.language_chosen.emit(self.language.currentData()))
        self.user_label, self.password_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.user_label, self.user)
        form.addRow(self.password_label, self.password)
        form.addRow(i18n.MENU_TITLE, self.language)
        lay = QVBoxLayout(self)
        for w in (self.title, self.demo_label):
            lay.addWidget(w)
        lay.addLayout(form)
        for w in (self.error, self.db_label, self.db_status):
            lay.addWidget(w)
        lay.addWidget(self.buttons)
        self.retranslate()
        (self.password if self.user.text() else self.user).setFocus()
        if backend is not None:
            self.set_backend(backend)

    def set_backend(self, backend: Front) -> None:
        """The core is loaded (the app loads it while this dialog is on screen): check the database, and
        log in if Masuk was pressed meanwhile."""
        # Not at import: the first use of PySide6's Qt namespace builds ~100 Python enums (~20 ms), which the
        # dialog can do without until the core has loaded.
        from PySide6.QtCore import Qt

        self.backend = backend
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.db_label.setText(self.tr("Database: {label}").format(label=backend.label))
        self.db_status.setText(self.tr("Memeriksa koneksi database..."))
        self.runner.submit(backend.ping, self._reachable, self._unreachable)
        if self.waiting:
            self.waiting = False
            self.try_login()
        elif self.preload is not None and self.user.text().strip():  # the remembered user, most likely
            who, preload = self.user.text().strip(), self.preload
            self.runner.submit(lambda: backend.prefetch(who, preload), None, lambda _m: None)

    def retranslate(self) -> None:
        """Every text of the dialog in the current language (again when the user picks another one here)."""
        self.setWindowTitle(self.tr("Masuk - {app}").format(app=text.APP_NAME))
        self.title.setText(f"<h2>{text.APP_NAME}</h2>" + self.tr("Naskah dinas elektronik, paraf, TTE dan disposisi"))
        self.user.setPlaceholderText(self.tr("login atau NIP"))
        self.password.setPlaceholderText(self.tr("kata sandi"))
        self.db_label.setText(self.tr("Database: {label}").format(label=self.backend.label if self.backend else "-"))
        self.demo_label.setText(self.tr("MODE DEMO: semua kata sandi 'demo'"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Masuk"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.user_label.setText(self.tr("Pengguna"))
        self.password_label.setText(self.tr("Kata sandi"))
        if self.backend is None:
            self.db_status.setText(self.tr("Menyiapkan aplikasi..."))
        elif self.reachable is None:
            self.db_status.setText(self.tr("Memeriksa koneksi database..."))
        elif self.reachable:
            self.db_status.setText(self.tr("Database terhubung"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            # after every widget had the event: the button box resets its standard buttons' texts on it
            QTimer.singleShot(0, self.retranslate)
        super().changeEvent(event)

    def _reachable(self, _: Any) -> None:
        self.reachable = True
        self.db_status.setText(self.tr("Database terhubung"))
        self.db_status.setStyleSheet("color:#1b7a34")
        self.status_checked.emit(True)

    def _unreachable(self, error: EofficeError | str) -> None:
        self.reachable = False
        self.db_status.setText(str(error) + "\n" + self.tr("Periksa jaringan atau EOFFICE_DB, lalu coba lagi."))
        self.db_status.setStyleSheet("color:#b3261e;font-weight:bold")
        self.status_checked.emit(False)

    def try_login(self) -> None:
        who, password = self.user.text().strip(), self.password.text()
        if not who or not password:
            self.error.setText(self.tr("Isi pengguna dan kata sandi"))
            return
        self.error.setText("")
        self.buttons.setEnabled(False)
        if self.backend is None:
            self.waiting = True
            return
        preload, backend = self.preload, self.backend
        if preload is None:
            self.runner.submit(lambda: (backend.login(who, password), None), self._ok, self._fail)
        else:
            self.runner.submit(lambda: backend.login_and_load(who, password, preload), self._ok, self._fail)

    def _ok(self, result: tuple[Any, Any]) -> None:
        actor, self.preloaded = result
        self.actor = actor
        self.settings.setValue("login/last_user", actor.login)
        self.buttons.setEnabled(True)
        self.logged_in.emit(actor)
        self.accept()

    def _fail(self, error: EofficeError) -> None:
        self.buttons.setEnabled(True)
        message = str(error)
        if isinstance(error, Unavailable):
            self._unreachable(error)
            message = self.tr("Tidak dapat masuk: database tidak dapat dihubungi (lihat di bawah).")
        self.error.setText(message)
        self.password.selectAll()
        self.password.setFocus()


class PassphraseDialog(QDialog):
    """The TTE key passphrase. Offers 'ingat di keyring' only when the OS has a keyring."""

    def __init__(self, who: str, purpose: str, keyring_ok: bool, parent: QWidget | None = None) -> None:
        """*who*: the key holder's name (never the login)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Passphrase kunci TTE"))
        self.setObjectName("passphraseDialog")
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Ingat di keyring sistem"))
        self.remember.setVisible(keyring_ok)
        info = QLabel(purpose + "<br>" + self.tr("Masukkan passphrase kunci TTE <b>{who}</b>.").format(
            who=html.escape(who)))
        info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Lanjutkan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
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
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
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
