"""Admin: users, units, route templates (stages, import/export YAML), delegation, certificates."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import UNIT_KINDS, EofficeError
from eoffice.ui import text
from eoffice.ui.disposisi import qdate
from eoffice.ui.models import Column, FilterProxy, RowsModel
from eoffice.ui.tasks import TaskRunner, as_text
from eoffice.ui.text import error_label

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

translate = QCoreApplication.translate


def table(model: Any, proxy: bool = True) -> tuple[QTableView, Any]:
    view = QTableView()
    source = model
    if proxy:
        p = FilterProxy(view)
        p.setSourceModel(model)
        model = p
        view.setSortingEnabled(True)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    del source
    return view, model


def condition_text(c: dict[str, Any] | None) -> str:
    if not c:
        return "-"
    value = ", ".join(c["value"]) if isinstance(c["value"], list) else c["value"]
    fields = {"classification": translate("admin", "klasifikasi"), "urgency": translate("admin", "sifat"),
              "kind": translate("admin", "jenis")}
    ops = {"eq": "=", "ne": "≠", "in": translate("admin", "salah satu dari"), "not_in": translate("admin", "bukan")}
    return translate("admin", "jika {field} {op} {value}").format(
        field=fields.get(c["field"], c["field"]), op=ops.get(c["op"], c["op"]), value=value)


def stage_rows(definition: dict[str, Any]) -> list[dict[str, Any]]:
    """Stages in order; stages sharing an order run in parallel (marked with their group)."""
    orders = Counter(s["order"] for s in definition["stages"])
    return [{**s, "parallel": orders[s["order"]] > 1} for s in sorted(definition["stages"], key=lambda s: s["order"])]


class FormDialog(QDialog):
    """A small form: rows of (label, widget); OK runs ``on_ok``; errors stay in the dialog."""

    def __init__(self, title: str, rows: list[tuple[str, QWidget]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("formDialog")
        form = QFormLayout()
        for label, w in rows:
            form.addRow(label, w)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(440)


class AdminPanel(QWidget):
    changed = Signal(str)  # what was changed
    loaded = Signal()

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend, self.actor, self.runner = backend, actor, runner
        self.dialog: QDialog | None = None
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
        self.message.setWordWrap(True)
        from eoffice.ui.admin_users import UsersTab

        self.users_tab = UsersTab(backend, actor, runner)
        self.users = self.users_tab.model
        self.users_tab.changed.connect(self.changed)
        self.units = RowsModel([Column(self.tr("Kode"), lambda u: u.code), Column(self.tr("Nama"), lambda u: u.name),
                                Column(self.tr("Jenis"), lambda u: u.kind), Column(self.tr("Induk"), lambda u: u.parent or "-")],
                               self)
        everyone, parallel = self.tr("semua"), self.tr(" (paralel)")
        from eoffice.ui.assignees import Assignees

        self.names = Assignees()  # who works a stage, in words; filled once positions and users are loaded
        self.templates = RowsModel([Column(self.tr("Nama"), lambda t: text.route_name(t["name"])), Column(self.tr("Versi"), lambda t: t["version"]),
                                    Column(self.tr("Jenis naskah"), lambda t: text.KIND.get(t["doc_kind"], t["doc_kind"])),
                                    Column(self.tr("Unit"), lambda t: t["unit"] or everyone)], self)
        self.stages = RowsModel([
            Column(self.tr("Urutan"), lambda s: f"{s['order']}" + (parallel if s["parallel"] else "")),
            Column(self.tr("Tahap"), lambda s: s["name"]),
            Column(self.tr("Jenis"), lambda s: text.STAGE_KIND.get(s["kind"], s["kind"])),
            Column(self.tr("Petugas"), lambda s: self.names.labels(s["assignees"]),
                   tooltip=lambda s: "\n".join(self.names.tooltip(a) for a in s["assignees"])),
            Column(self.tr("Kuorum"), lambda s: s["quorum"] or everyone),
            Column(self.tr("SLA (jam)"), lambda s: s["sla_hours"]),
            Column(self.tr("Kondisi"), lambda s: condition_text(s["condition"]),
                   color=lambda s: "#1a5fb4" if s["condition"] else None,
                   tooltip=lambda s: condition_text(s["condition"])),
        ], self)
        self.certs = RowsModel([Column(self.tr("Pemilik"), lambda c: self.person(c["login"])), Column(self.tr("Peran"), lambda c: text.CERT_PURPOSE.get(c["purpose"], c["purpose"])),
                                Column(self.tr("Sidik jari"), lambda c: c["fingerprint"][:24] + "..."),
                                Column(self.tr("Berlaku s.d."), lambda c: c["not_after"]),
                                Column(self.tr("Dicabut"), lambda c: c["revoked"],
                                       color=lambda c: "#b3261e" if c["revoked"] else None)], self)
        unknown = self.tr("(nama tidak dikenal)")
        self.logins = RowsModel([Column(self.tr("Waktu"), lambda r: text.datetime_text(r["at"]), sort=lambda r: r["at"]),
                                 Column(self.tr("Akun"), lambda r: r["user"] if r["known"] else unknown)], self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.users_tab, self.tr("Pengguna", "admin tab"))
        self.tabs.addTab(self._tab(self.units, [(self.tr("Tambah Unit..."), self.add_unit)]), self.tr("Unit Kerja"))
        self.templates_tab = self._templates_tab()
        self.tabs.addTab(self.templates_tab, self.tr("Rute (Templat Alur)"))
        self.tabs.addTab(self._tab(self.certs, [(self.tr("Terbitkan Sertifikat..."), lambda: self.cert_action("issue")),
                                                (self.tr("Cabut Sertifikat..."), lambda: self.cert_action("revoke"))]),
                         self.tr("Sertifikat"))
        from eoffice.ui.admin_org import NumberingTab, PositionsTab

        self.numbering = NumberingTab(backend, actor, runner)
        self.positions = PositionsTab(backend, actor, runner)
        self.tabs.insertTab(2, self.positions, self.tr("Jabatan", "admin tab"))
        self.tabs.addTab(self.numbering, self.tr("Penomoran"))
        self.tabs.addTab(self._delegation_tab(), self.tr("Delegasi"))
        self.tabs.addTab(self._tab(self.logins, []), self.tr("Login Gagal"))
        title = QLabel(self.tr("Admin"))
        title.setStyleSheet("font-size:13pt;font-weight:bold")
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.message)
        lay.addWidget(self.tabs, 1)
        self.refresh()
        self.org_tabs = (self.numbering, self.positions, self.users_tab)  # they loaded themselves; refresh() reloads them
        for tab in (self.positions, self.users_tab):
            tab.loaded.connect(self._names_loaded)
        self.add_user = self.users_tab.add_user

    def _tab(self, model: RowsModel, actions: list[tuple[str, Any]]) -> QWidget:
        w = QWidget()
        view, proxy = table(model)
        search = QLineEdit()
        search.setPlaceholderText(self.tr("Cari..."))
        search.textChanged.connect(proxy.setFilterFixedString)
        bar = QHBoxLayout()
        bar.addWidget(search, 1)
        for label, fn in actions:
            b = QPushButton(label)
            b.clicked.connect(fn)
            bar.addWidget(b)
        lay = QVBoxLayout(w)
        lay.addLayout(bar)
        lay.addWidget(view)
        return w

    def _templates_tab(self) -> QWidget:
        w = QWidget()
        self.template_view, _ = table(self.templates, proxy=False)
        self.template_view.selectionModel().selectionChanged.connect(self._template_selected)
        stages_view, _ = table(self.stages, proxy=False)
        self.template_desc = QLabel("")
        self.template_desc.setWordWrap(True)
        bar = QHBoxLayout()
        for label, fn in ((self.tr("Ubah Templat..."), self.edit_template), (self.tr("Impor YAML..."), self.import_file),
                          (self.tr("Ekspor YAML..."), self.export_file)):
            b = QPushButton(label)
            b.clicked.connect(fn)
            bar.addWidget(b)
        bar.addStretch(1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.template_desc)
        rl.addWidget(stages_view)
        split = QSplitter()
        split.addWidget(self.template_view)
        split.addWidget(right)
        split.setSizes([360, 700])
        lay = QVBoxLayout(w)
        lay.addLayout(bar)
        lay.addWidget(split)
        return w

    def _delegation_tab(self) -> QWidget:
        w = QWidget()
        info = QLabel(self.tr(
            "Serahkan kewenangan Anda sementara (Plh./Plt.) atau tanda tangan atas nama (a.n., u.b.)."))
        info.setWordWrap(True)
        b = QPushButton(self.tr("Buat Delegasi..."))
        b.clicked.connect(self.delegate)
        lay = QVBoxLayout(w)
        lay.addWidget(info)
        lay.addWidget(b)
        lay.addStretch(1)
        return w

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        b = self.backend
        for tab in getattr(self, "org_tabs", ()):
            tab.refresh()

        def fetch() -> tuple[Any, ...]:
            return b.units(), b.templates(), b.certificates(), b.failed_logins(self.actor)

        def show_all(result: tuple[Any, ...]) -> None:
            units, templates, certs, logins = result
            self.logins.set_rows(logins)
            self.units.set_rows(units)
            keep = self.selected_template()
            self.templates.set_rows(templates)
            self.certs.set_rows(certs)
            # the template worked on stays selected after a save or import (it used to jump to the first)
            row = next((i for i, t in enumerate(templates) if keep and t["name"] == keep["name"]), 0)
            if templates:
                self.template_view.selectRow(row)
            self.loaded.emit()

        self.runner.submit(fetch, show_all, self.say_error)

    def selected_template(self) -> dict[str, Any] | None:
        rows = self.template_view.selectionModel().selectedRows()
        return self.templates.row_at(rows[0].row()) if rows else None

    def _template_selected(self, *_: Any) -> None:
        self.show_template(self.selected_template())

    def _names_loaded(self) -> None:
        from eoffice.ui.assignees import Assignees

        self.names = Assignees(self.positions.model.rows, self.users.rows)
        self._template_selected()

    def show_template(self, t: dict[str, Any] | None) -> None:
        self.stages.set_rows(stage_rows(t["definition"]) if t else [])
        self.template_desc.setText(t["definition"].get("description", "") if t else "")

    def person(self, login: str) -> str:
        """A user as a person reads them: the name (and jabatan), not the login."""
        u = next((u for u in self.users.rows if u.login == login), None)
        return login if u is None else f"{u.name} — {u.title}" if u.title else u.name

    def say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setStyleSheet("color:#1b7a34")

    def say_error(self, error: EofficeError | str) -> None:
        self.message.setText(str(error))
        self.message.setStyleSheet("color:#b3261e")

    def _closing(self, dlg: QDialog, then: Any) -> Any:
        def done(result: Any) -> None:
            dlg.accept()
            then(result)
        return done

    def _done(self, what: str, message: Any) -> Any:
        def done(result: Any) -> None:
            self.say(message(result) if callable(message) else message)
            self.changed.emit(what)
            self.refresh()
        return done

    # --- templates -------------------------------------------------------------------------------

    def edit_template(self) -> QDialog | None:
        from eoffice.ui.route_editor import TemplateEditor

        rows = self.template_view.selectionModel().selectedRows()
        if not rows:
            self.say_error(self.tr("Pilih templat yang akan diubah"))
            return None
        dlg = TemplateEditor(self.backend, self.actor, self.runner, self.templates.row_at(rows[0].row()), self,
                             self.names)
        dlg.saved.connect(lambda name, version: self._done("template", self.tr("Templat {name} versi {version} disimpan")
                                                           .format(name=text.route_name(name), version=version))(
            (name, version)))
        self.dialog = dlg
        dlg.open()
        return dlg

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Impor templat rute"), str(Path.home()),
                                              "YAML/JSON (*.yaml *.yml *.json)")
        if path:
            try:
                self.import_text(Path(path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                self.say_error(self.tr("{path}: tidak dapat dibaca ({reason})").format(path=path, reason=exc))

    def import_text(self, source: str) -> None:
        def done(result: tuple[str, int]) -> None:
            self._done("template", self.tr("Templat {name} versi {version} diimpor").format(
                name=text.route_name(result[0]), version=result[1]))(result)

        self.runner.submit(lambda: self.backend.import_template(self.actor, source), done, self.say_error)

    def export_file(self) -> None:
        rows = self.template_view.selectionModel().selectedRows()
        if not rows:
            self.say_error(self.tr("Pilih templat yang akan diekspor"))
            return
        name = self.templates.row_at(rows[0].row())["name"]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Ekspor templat rute"), str(Path.home() / f"{name}.yaml"),
                                              "YAML (*.yaml)")
        if path:
            self.export_to(name, Path(path))

    def export_to(self, name: str, path: Path) -> None:
        def write(source: str) -> None:
            try:
                path.write_text(source, encoding="utf-8")
            except OSError as exc:
                self.say_error(self.tr("{path}: tidak dapat ditulis ({reason})").format(path=path, reason=exc.strerror))
                return
            self.say(self.tr("Templat {name} diekspor ke {path}").format(name=text.route_name(name), path=path))
            self.changed.emit("export")

        self.runner.submit(lambda: self.backend.export_template(name), write, self.say_error)

    # --- units ---------------------------------------------------------------------------

    def add_unit(self) -> FormDialog:
        code, name = QLineEdit(), QLineEdit()
        kind = QComboBox()
        for k in UNIT_KINDS:
            kind.addItem(k, k)
        parent = QComboBox()
        parent.addItem(self.tr("(tidak ada)"), None)
        for u in self.units.rows:
            parent.addItem(f"{u.code} - {u.name}", u.code)
        dlg = FormDialog(self.tr("Tambah Unit Kerja"), [(self.tr("Kode"), code), (self.tr("Nama"), name),
                                                       (self.tr("Jenis"), kind), (self.tr("Induk"), parent)], self)

        def ok() -> None:
            args = dict(code=code.text().strip(), name=name.text().strip(), kind=kind.currentData(),
                        parent_code=parent.currentData())
            self.runner.submit(lambda: self.backend.add_unit(self.actor, **args),
                               self._closing(dlg, self._done("unit", lambda r: self.tr("Unit {code} ditambahkan").format(code=r.code))),
                               as_text(dlg.error.setText))

        dlg.buttons.accepted.connect(ok)
        self.dialog = dlg
        dlg.open()
        return dlg

    # --- delegation + certificates ---------------------------------------------------------------

    def delegate(self) -> QDialog:
        dlg = DelegateDialog(self.backend, self.actor, self.runner, self)
        dlg.delegated.connect(self._done("delegation", lambda r: self.tr("{capacity} kepada {delegate} dibuat").format(
            capacity=r["capacity"], delegate=self.person(r["delegate"]))))
        self.dialog = dlg
        dlg.open()
        return dlg

    def cert_action(self, action: str) -> FormDialog:
        who = QComboBox()
        for u in self.users.rows:
            who.addItem(self.person(u.login), u.login)
        ca_pass = QLineEdit()
        ca_pass.setEchoMode(QLineEdit.EchoMode.Password)
        reason = QLineEdit()
        rows: list[tuple[str, QWidget]] = [(self.tr("Pengguna"), who), (self.tr("Passphrase CA"), ca_pass)]
        if action == "revoke":
            rows.append((self.tr("Alasan"), reason))
        dlg = FormDialog(self.tr("Terbitkan sertifikat") if action == "issue" else self.tr("Cabut sertifikat"), rows,
                         self)

        def ok() -> None:
            login, pp, name = who.currentData(), ca_pass.text(), who.currentText()
            if action == "issue":
                fn = lambda: self.backend.issue_certificate(self.actor, pp, login)  # noqa: E731
                msg = self.tr("Sertifikat {name} diterbitkan").format(name=name)
            else:
                fn = lambda: self.backend.revoke_certificate(self.actor, pp, login, reason.text())  # noqa: E731
                msg = self.tr("Sertifikat {name} dicabut; CRL diterbitkan").format(name=name)
            self.runner.submit(fn, self._closing(dlg, self._done("certificate", msg)), as_text(dlg.error.setText))

        dlg.buttons.accepted.connect(ok)
        self.dialog = dlg
        dlg.open()
        return dlg


class DelegateDialog(FormDialog):
    """Plh./Plt./a.n./u.b.: the acting user hands their authority to someone for a date range (a.n. one
    level below, u.b. two: services/delegation.py checks the levels)."""

    delegated = Signal(object)

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, parent: QWidget | None = None) -> None:
        self.to = QComboBox()
        self.to.setEditable(True)
        self.capacity = QComboBox()
        for c, label in (("Plh.", self.tr("Plh. (pelaksana harian)")), ("Plt.", self.tr("Plt. (pelaksana tugas)")),
                         ("a.n.", self.tr("a.n. (atas nama)")), ("u.b.", self.tr("u.b. (untuk beliau)"))):
            self.capacity.addItem(label, c)
        self.starts, self.ends = QDateEdit(QDate.currentDate()), QDateEdit(QDate.currentDate().addDays(7))
        for d in (self.starts, self.ends):
            d.setCalendarPopup(True)
            d.setDisplayFormat(text.DATE_EDIT_FORMAT)
        self.reason = QLineEdit()
        super().__init__(self.tr("Delegasi kewenangan"), [
            (self.tr("Kepada"), self.to), (self.tr("Kapasitas"), self.capacity), (self.tr("Mulai"), self.starts),
            (self.tr("Sampai dengan"), self.ends), (self.tr("Alasan"), self.reason)], parent)
        self.backend, self.actor, self.runner = backend, actor, runner
        self.buttons.accepted.connect(self.go)
        runner.submit(backend.users, self._users)

    def _users(self, users: list[Any]) -> None:
        for u in users:
            if u.login != self.actor.login and u.active:
                self.to.addItem(f"{u.name} — {u.title or u.unit}", u.login)

    def go(self) -> None:
        idx = self.to.findText(self.to.currentText())
        who = self.to.itemData(idx) if idx >= 0 else self.to.currentText().strip()
        args = (who, self.capacity.currentData(), qdate(self.starts.date()), qdate(self.ends.date()))
        reason = self.reason.text()

        def done(info: Any) -> None:
            self.accept()
            self.delegated.emit(info)

        self.runner.submit(lambda: self.backend.delegate(self.actor, *args, reason=reason), done,
                           as_text(self.error.setText))
