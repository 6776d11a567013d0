"""Who works a route stage, in plain words: a stage's assignees are ``role:NAME``, ``position:CODE`` or
``user:LOGIN`` (workflow/template.py); the admin sees and picks roles, jabatan titles and people's names."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from eoffice.ui.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from eoffice.services.org import PositionInfo, UserInfo

translate = QCoreApplication.translate
SPEC_ROLE = Qt.ItemDataRole.UserRole + 1
# The roles the shipped routes use; a role an admin made up is shown by its name and its holders' titles.
ROLE_LABELS = {
    "kasi": QT_TRANSLATE_NOOP("assignees", "Kepala Seksi / Subbidang"),
    "kabid": QT_TRANSLATE_NOOP("assignees", "Kepala Bidang"),
    "kepala_opd": QT_TRANSLATE_NOOP("assignees", "Kepala Perangkat Daerah"),
    "sekretaris_opd": QT_TRANSLATE_NOOP("assignees", "Sekretaris Perangkat Daerah"),
    "registry": QT_TRANSLATE_NOOP("assignees", "Petugas agenda"),
    "tu_pimpinan": QT_TRANSLATE_NOOP("assignees", "Tata Usaha Pimpinan"),
    "sekda": QT_TRANSLATE_NOOP("assignees", "Sekretaris Daerah"),
    "asisten": QT_TRANSLATE_NOOP("assignees", "Asisten Sekretaris Daerah"),
    "gubernur": QT_TRANSLATE_NOOP("assignees", "Gubernur"),
    "wagub": QT_TRANSLATE_NOOP("assignees", "Wakil Gubernur"),
    "biro_hukum": QT_TRANSLATE_NOOP("assignees", "Biro Hukum"),
    "pengendali_naskah_rahasia": QT_TRANSLATE_NOOP("assignees", "Pengendali naskah rahasia"),
    "staf": QT_TRANSLATE_NOOP("assignees", "Staf pelaksana"),
}


class Assignees:
    """Names for assignee specs, from the organisation's positions and users."""

    def __init__(self, positions: Sequence[PositionInfo] = (), users: Sequence[UserInfo] = ()) -> None:
        self.positions = {p.code: p for p in positions}
        self.users = {u.login: u for u in users if u.active}
        self.roles: dict[str, list[str]] = {}
        for p in positions:
            for r in p.roles:
                self.roles.setdefault(r, []).append(p.title)

    def label(self, spec: str, short: bool = False) -> str:
        """*short*: a role without "(by the drafter's unit)", where the list says "Peran" already."""
        kind, _, ref = spec.partition(":")
        if kind == "role":
            name = translate("assignees", ROLE_LABELS[ref]) if ref in ROLE_LABELS else ref.replace("_", " ")
            return name if short else translate("assignees", "{role} (menurut unit konseptor)").format(role=name)
        if kind == "position" and ref in self.positions:
            return self.positions[ref].title
        if kind == "user" and ref in self.users:
            u = self.users[ref]
            return f"{u.name} — {u.title}" if u.title else u.name
        return spec  # unknown to this organisation: shown as written, so nothing is silently lost

    def labels(self, specs: Sequence[str]) -> str:
        return ", ".join(self.label(s) for s in specs)

    def tooltip(self, spec: str) -> str:
        kind, _, ref = spec.partition(":")
        if kind == "role":
            titles = self.roles.get(ref, [])
            return translate("assignees", "Pemegang peran ini yang terdekat dengan unit konseptor. Jabatan: {titles}"
                             ).format(titles=", ".join(titles) or "-")
        return self.label(spec)

    def options(self) -> list[tuple[str, str]]:
        """(spec, label) of every choice: roles, then jabatan, then people, each by name."""
        roles = sorted(((f"role:{r}", self.label(f"role:{r}", short=True)) for r in self.roles), key=lambda o: o[1])
        positions = sorted(((f"position:{c}", p.title) for c, p in self.positions.items()), key=lambda o: o[1])
        people = sorted(((f"user:{lg}", self.label(f"user:{lg}")) for lg in self.users), key=lambda o: o[1])
        return roles + positions + people


class AssigneePicker(QWidget):
    """Tick who works the stage; a search narrows the list (ticks stay). Kinds are grouped by a prefix word."""

    def __init__(self, names: Assignees, chosen: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self.proxy = QSortFilterProxyModel(self)  # before its source: deleted first (see orgpicker.py)
        self.model = QStandardItemModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        kinds = {"role": self.tr("Peran"), "position": self.tr("Jabatan"), "user": self.tr("Pengguna")}
        options = names.options()
        known = {s for s, _ in options}
        # what the template names but this organisation does not know is kept, ticked, as written
        options += [(s, s) for s in chosen if s not in known]
        for spec, label in options:
            item = QStandardItem(f"{kinds.get(spec.partition(':')[0], '?')}: {label}")
            item.setEditable(False)
            item.setCheckable(True)
            item.setData(spec, SPEC_ROLE)
            item.setToolTip(names.tooltip(spec))
            self.model.appendRow(item)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Cari peran, jabatan atau nama..."))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self.proxy.setFilterFixedString(t.strip()))
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setMinimumHeight(180)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.view)
        self.order = list(chosen)
        self.choose(chosen)
        self.model.itemChanged.connect(self._changed)

    def _items(self) -> list[QStandardItem]:
        return [self.model.item(r) for r in range(self.model.rowCount())]

    def _changed(self, item: QStandardItem) -> None:
        spec = str(item.data(SPEC_ROLE))
        if item.checkState() == Qt.CheckState.Checked and spec not in self.order:
            self.order.append(spec)
        elif item.checkState() != Qt.CheckState.Checked and spec in self.order:
            self.order.remove(spec)

    def choose(self, specs: Sequence[str]) -> None:
        for item in self._items():
            if item.data(SPEC_ROLE) in specs:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        """The ticked specs: those the stage had first, in their order, then the newly ticked ones."""
        ticked = {str(i.data(SPEC_ROLE)) for i in self._items() if i.checkState() == Qt.CheckState.Checked}
        return [s for s in self.order if s in ticked]

    def visible_labels(self) -> list[str]:
        return [str(self.proxy.index(r, 0).data()) for r in range(self.proxy.rowCount())]
