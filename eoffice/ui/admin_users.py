"""Admin: the Pengguna tab. Add and edit a user (jabatan chosen by its title, never typed as a code), deactivate
and reactivate (on PostgreSQL that also disables the login role), reset a password (typed twice, or a generated
one shown once; it goes beside the command, never in it)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eoffice.ui.admin_org import message_label, say
from eoffice.ui.models import Column, RowsModel
from eoffice.ui.tasks import TaskRunner, as_text

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.services.org import PositionInfo, UnitInfo, UserInfo
    from eoffice.ui.front import Front

PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or copied from paper


def generated_password() -> str:
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))


class PositionPicker(QComboBox):
    """A jabatan by its title and unit, found by typing any part of it; the code stays behind the item."""

    def __init__(self, positions: Sequence[PositionInfo], units: Sequence[UnitInfo], current: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = {u.code: u.name for u in units}
        self.units = {p.code: p.unit for p in positions}
        self.addItem(self.tr("(tanpa jabatan)"), "")
        for p in sorted(positions, key=lambda p: p.title):
            self.addItem(f"{p.title} — {names.get(p.unit, p.unit)}", p.code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        edit = self.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(self.tr("ketik sebagian nama jabatan..."))
            self.activated.connect(lambda _i: edit.setCursorPosition(0))
        self.setMinimumContentsLength(40)
        self.choose(current or "")

    def choose(self, code: str) -> None:
        self.setCurrentIndex(max(self.findData(code), 0))
        edit = self.lineEdit()
        if edit is not None:
            edit.setCursorPosition(0)  # the title's start, not its unit's end

    def chosen(self) -> str | None:
        """The chosen jabatan's code ("" for none); None when what was typed names no jabatan in the list."""
        i = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        return str(self.itemData(i)) if i >= 0 else None


def unit_combo(units: Sequence[UnitInfo], current: str | None = None) -> QComboBox:
    box = QComboBox()
    for u in units:
        box.addItem(f"{u.name} ({u.code})", u.code)
    box.setCurrentIndex(max(box.findData(current), 0))
    return box


class UsersTab(QWidget):
    """The users, a search field and what an admin does to one: add, edit, (de)activate, reset the password."""

    changed = Signal(str)
    loaded = Signal()

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, parent: QWidget | None = None) -> None:
        from eoffice.ui.admin import table

        super().__init__(parent)
        self.backend, self.actor, self.runner = backend, actor, runner
        self.dialog: Any = None
        self.units: list[UnitInfo] = []
        self.positions: list[PositionInfo] = []
        self.model = RowsModel([Column(self.tr("Nama"), lambda u: u.name), Column(self.tr("Login"), lambda u: u.login),
                                Column(self.tr("NIP"), lambda u: u.nip),
                                Column(self.tr("Jabatan"), lambda u: u.title or "-"),
                                Column(self.tr("Unit"), lambda u: self.unit_name(u.unit)),
                                Column(self.tr("Admin"), lambda u: u.is_admin),
                                Column(self.tr("Aktif"), lambda u: u.active,
                                       color=lambda u: None if u.active else "#b3261e")], self)
        self.view, self.proxy = table(self.model)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.doubleClicked.connect(lambda _i: self.edit_user())
        search = QLineEdit()
        search.setPlaceholderText(self.tr("Cari..."))
        search.textChanged.connect(self.proxy.setFilterFixedString)
        bar = QHBoxLayout()
        bar.addWidget(search, 1)
        self.add_button = QPushButton(self.tr("Tambah Pengguna..."))
        self.edit_button = QPushButton(self.tr("Ubah..."))
        self.active_button = QPushButton(self.tr("Nonaktifkan..."))
        self.password_button = QPushButton(self.tr("Atur Ulang Kata Sandi..."))
        for b, fn in ((self.add_button, self.add_user), (self.edit_button, self.edit_user),
                      (self.active_button, self.toggle_active), (self.password_button, self.reset_password)):
            b.clicked.connect(fn)
            bar.addWidget(b)
        self.message = message_label()
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addWidget(self.view, 1)
        self._selected()
        self.refresh()

    def unit_name(self, code: str) -> str:
        return next((u.name for u in self.units if u.code == code), code)

    def refresh(self) -> None:
        b = self.backend
        self.runner.submit(lambda: (b.users(), b.units(), b.positions()), self._show,
                           lambda e: say(self.message, str(e), True))

    def _show(self, result: tuple[list[UserInfo], list[UnitInfo], list[PositionInfo]]) -> None:
        keep = self.selected()
        users, self.units, self.positions = result
        self.model.set_rows(users)
        if keep is not None:
            self.select(keep.login)
        self._selected()
        self.loaded.emit()

    def select(self, login: str) -> None:
        row = next((i for i, u in enumerate(self.model.rows) if u.login == login), -1)
        if row >= 0:
            self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def selected(self) -> UserInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _selected(self, *_: Any) -> None:
        u = self.selected()
        for b in (self.edit_button, self.active_button, self.password_button):
            b.setEnabled(u is not None)
        self.active_button.setText(self.tr("Aktifkan Kembali...") if u is not None and not u.active
                                   else self.tr("Nonaktifkan..."))

    def _done(self, dlg: Any, message: str) -> Any:
        def done(_result: Any) -> None:
            if dlg is not None:
                dlg.accept()
            say(self.message, message)
            self.changed.emit("user")
            self.refresh()
        return done

    # --- add / edit ------------------------------------------------------------------------------

    def add_user(self) -> Any:
        from eoffice.ui.admin import FormDialog

        login, nip, name = QLineEdit(), QLineEdit(), QLineEdit()
        password, again = QLineEdit(), QLineEdit()
        for p in (password, again):
            p.setEchoMode(QLineEdit.EchoMode.Password)
        unit = unit_combo(self.units)
        position = PositionPicker(self.positions, self.units)
        position.currentIndexChanged.connect(lambda _i: self._follow(position, unit))
        admin = QCheckBox(self.tr("Admin"))
        dlg: Any = FormDialog(self.tr("Tambah Pengguna"), [
            (self.tr("Login"), login), (self.tr("NIP (18 digit)"), nip), (self.tr("Nama"), name),
            (self.tr("Jabatan"), position), (self.tr("Unit"), unit), (self.tr("Kata sandi"), password),
            (self.tr("Ulangi kata sandi"), again), ("", admin)], self)
        dlg.login, dlg.nip, dlg.name, dlg.position, dlg.unit = login, nip, name, position, unit
        dlg.password, dlg.again, dlg.admin = password, again, admin

        def ok() -> None:
            code = position.chosen()
            if code is None:
                dlg.error.setText(self.tr("Pilih jabatan dari daftar"))
                return
            if password.text() != again.text():
                dlg.error.setText(self.tr("Kedua kata sandi tidak sama"))
                return
            args = dict(login=login.text().strip(), nip=nip.text().strip(), name=name.text().strip(),
                        unit_code=unit.currentData(), password=password.text(), position_code=code or None,
                        is_admin=admin.isChecked())
            self.runner.submit(lambda: self.backend.add_user(self.actor, **args),
                               lambda r: self._done(dlg, self.tr("Pengguna {name} ditambahkan").format(name=r.name))(r),
                               as_text(dlg.error.setText))

        dlg.buttons.accepted.connect(ok)
        dlg.setMinimumWidth(620)
        self.dialog = dlg
        dlg.open()
        return dlg

    def _follow(self, position: PositionPicker, unit: QComboBox) -> None:
        """A jabatan belongs to a unit: choosing one moves the unit along (the admin may still change it)."""
        code = position.currentData()
        if code and code in position.units:
            unit.setCurrentIndex(max(unit.findData(position.units[code]), 0))

    def edit_user(self) -> Any:
        from eoffice.ui.admin import FormDialog

        u = self.selected()
        if u is None:
            say(self.message, self.tr("Pilih pengguna yang akan diubah"), True)
            return None
        name, nip, nik = QLineEdit(u.name), QLineEdit(u.nip), QLineEdit(u.nik or "")
        gelar_depan, gelar_belakang, pangkat = QLineEdit(u.gelar_depan), QLineEdit(u.gelar_belakang), QLineEdit(u.pangkat)
        gelar_depan.setPlaceholderText(self.tr("mis. Dr. H."))
        gelar_belakang.setPlaceholderText(self.tr("mis. S.T., M.Si."))
        pangkat.setPlaceholderText(self.tr("mis. Pembina (IV/a)"))
        nik.setPlaceholderText(self.tr("16 digit (untuk TTE BSrE)"))
        position = PositionPicker(self.positions, self.units, u.position)
        unit = unit_combo(self.units, u.unit)
        position.currentIndexChanged.connect(lambda _i: self._follow(position, unit))
        login = QLabel(u.login)
        dlg: Any = FormDialog(self.tr("Ubah Pengguna: {name}").format(name=u.name), [
            (self.tr("Login"), login), (self.tr("Nama"), name), (self.tr("Gelar depan"), gelar_depan),
            (self.tr("Gelar belakang"), gelar_belakang), (self.tr("NIP (18 digit)"), nip), (self.tr("NIK"), nik),
            (self.tr("Pangkat/golongan"), pangkat), (self.tr("Jabatan"), position), (self.tr("Unit"), unit)], self)
        dlg.name, dlg.nip, dlg.nik, dlg.gelar_depan, dlg.gelar_belakang = name, nip, nik, gelar_depan, gelar_belakang
        dlg.pangkat, dlg.position, dlg.unit = pangkat, position, unit

        def ok() -> None:
            code = position.chosen()
            if code is None:
                dlg.error.setText(self.tr("Pilih jabatan dari daftar"))
                return
            now = {"name": name.text().strip(), "nip": nip.text().strip(), "nik": nik.text().strip(),
                   "gelar_depan": gelar_depan.text().strip(), "gelar_belakang": gelar_belakang.text().strip(),
                   "pangkat": pangkat.text().strip(), "position_code": code, "unit_code": unit.currentData()}
            was = {"name": u.name, "nip": u.nip, "nik": u.nik or "", "gelar_depan": u.gelar_depan,
                   "gelar_belakang": u.gelar_belakang, "pangkat": u.pangkat, "position_code": u.position or "",
                   "unit_code": u.unit}
            changes = {k: v for k, v in now.items() if v != was[k]}  # only what changed reaches the audit
            if not changes:
                dlg.reject()
                return
            self.runner.submit(lambda: self.backend.edit_user(self.actor, u.login, **changes),
                               lambda r: self._done(dlg, self.tr("Data {name} disimpan").format(name=r.name))(r),
                               as_text(dlg.error.setText))

        dlg.buttons.accepted.connect(ok)
        dlg.setMinimumWidth(620)
        self.dialog = dlg
        dlg.open()
        return dlg

    # --- active / password -----------------------------------------------------------------------

    def toggle_active(self) -> Any:
        from eoffice.ui.admin import FormDialog

        u = self.selected()
        if u is None:
            return None
        if u.active:
            title = self.tr("Nonaktifkan {name}").format(name=u.name)
            info = self.tr("{name} tidak dapat masuk lagi sampai diaktifkan kembali. Naskah dan riwayatnya tetap "
                           "tersimpan.").format(name=u.name)
        else:
            title = self.tr("Aktifkan kembali {name}").format(name=u.name)
            info = self.tr("{name} dapat masuk lagi dengan kata sandinya.").format(name=u.name)
        label = QLabel(info)
        label.setWordWrap(True)
        dlg: Any = FormDialog(title, [("", label)], self)
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).setText(
            self.tr("Nonaktifkan") if u.active else self.tr("Aktifkan"))
        done = self._done(dlg, self.tr("{name} dinonaktifkan").format(name=u.name) if u.active
                          else self.tr("{name} aktif kembali").format(name=u.name))
        dlg.buttons.accepted.connect(lambda: self.runner.submit(
            lambda: self.backend.edit_user(self.actor, u.login, active=not u.active), done, as_text(dlg.error.setText)))
        dlg.setMinimumWidth(620)
        self.dialog = dlg
        dlg.open()
        return dlg

    def reset_password(self) -> Any:
        from eoffice.ui.admin import FormDialog

        u = self.selected()
        if u is None:
            return None
        password, again = QLineEdit(), QLineEdit()
        for p in (password, again):
            p.setEchoMode(QLineEdit.EchoMode.Password)
        generate = QPushButton(self.tr("Buat Kata Sandi Acak"))
        shown = QLabel("")
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setWordWrap(True)
        dlg: Any = FormDialog(self.tr("Atur ulang kata sandi: {name}").format(name=u.name), [
            (self.tr("Kata sandi baru"), password), (self.tr("Ulangi"), again), ("", generate)], self)
        dlg.layout().insertWidget(1, shown)  # under the form, full width: a wrapped label in a form row is cut
        dlg.password, dlg.again, dlg.generate, dlg.shown = password, again, generate, shown

        def make() -> None:
            new = generated_password()
            for p in (password, again):
                p.setText(new)
                p.setReadOnly(True)
            shown.setText(self.tr("Kata sandi baru: {password}\nCatat dan sampaikan kepada {name}; kata sandi ini "
                                  "tidak ditampilkan lagi.").format(password=new, name=u.name))
            generate.setEnabled(False)
            dlg.adjustSize()  # room for the wrapped note

        def ok() -> None:
            if password.text() != again.text():
                dlg.error.setText(self.tr("Kedua kata sandi tidak sama"))
                return
            secret = password.text()
            self.runner.submit(lambda: self.backend.set_password(self.actor, u.login, secret),
                               self._done(dlg, self.tr("Kata sandi {name} diganti").format(name=u.name)),
                               as_text(dlg.error.setText))

        generate.clicked.connect(make)
        dlg.buttons.accepted.connect(ok)
        dlg.setMinimumWidth(620)
        self.dialog = dlg
        dlg.open()
        return dlg
