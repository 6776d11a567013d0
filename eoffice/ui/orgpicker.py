"""A people picker shaped like the organisation: a tree (direct subordinates first) with a search field, each
person a check box. The search filters a proxy model, so what was ticked stays ticked while the list narrows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from eoffice.app.queries import Person

LOGIN_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # title, name and unit: what a person may type to find someone


class OrgPicker(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The proxy first: children are deleted in creation order, so the proxy goes before its source and never
        # re-filters a model being torn down.
        self.proxy = QSortFilterProxyModel(self)
        self.model = QStandardItemModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)  # a match keeps its superiors visible, for context
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.search = QLineEdit()
        self.search.setObjectName("orgSearch")
        self.search.setPlaceholderText(self.tr("Cari nama atau jabatan..."))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.view = QTreeView()
        self.view.setObjectName("orgTree")
        self.view.setHeaderHidden(True)
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setUniformRowHeights(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.view)

    def set_people(self, people: Sequence[Person]) -> None:
        """``people`` in tree order with depths (eoffice.app.queries.subordinates)."""
        self.model.clear()
        stack: list[QStandardItem] = []
        for p in people:
            item = QStandardItem(" — ".join(x for x in (p.title, p.name) if x))  # a vacant jabatan has no name
            item.setToolTip(p.name)
            item.setEditable(False)
            item.setCheckable(True)
            item.setData(p.login, LOGIN_ROLE)
            item.setData(f"{p.title} {p.name} {p.unit}", SEARCH_ROLE)
            del stack[p.depth - 1:]
            (stack[-1] if stack else self.model.invisibleRootItem()).appendRow(item)
            stack.append(item)
        self.view.expandToDepth(0)  # direct subordinates and theirs; deeper levels on a click

    def _filter(self, needle: str) -> None:
        self.proxy.setFilterFixedString(needle.strip())
        if needle.strip():
            self.view.expandAll()
        else:
            self.view.collapseAll()
            self.view.expandToDepth(0)

    def _items(self) -> list[QStandardItem]:
        """Every person's item in tree order. Looked up each time, not kept: the model owns its items. Iterative,
        not a recursive closure: a closure that refers to itself is a reference cycle, and the garbage collector
        may then free Qt wrappers on a worker thread."""
        out: list[QStandardItem] = []
        root = self.model.invisibleRootItem()
        stack = [root.child(r) for r in reversed(range(root.rowCount()))]
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(item.child(r) for r in reversed(range(item.rowCount())))
        return out

    def choose(self, logins: Sequence[str]) -> None:
        for item in self._items():
            if item.data(LOGIN_ROLE) in logins:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        """Ticked people, in tree order."""
        return [str(i.data(LOGIN_ROLE)) for i in self._items() if i.checkState() == Qt.CheckState.Checked]

    def visible_names(self) -> list[str]:
        """The rows the search leaves, in tree order (for tests and screen readers)."""
        out: list[str] = []
        stack = [self.proxy.index(r, 0) for r in reversed(range(self.proxy.rowCount()))]
        while stack:
            idx = stack.pop()
            out.append(str(idx.data()))
            stack.extend(self.proxy.index(r, 0, idx) for r in reversed(range(self.proxy.rowCount(idx))))
        return out
