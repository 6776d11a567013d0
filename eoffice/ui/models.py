"""Item models: one generic table model over plain rows (columns are getters) and the disposisi tree."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from eoffice.ui import pending, text
from eoffice.ui.text import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole row object
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Any], Any]
    sort: Callable[[Any], Any] | None = None
    color: Callable[[Any], str | None] | None = None
    bold: Callable[[Any], bool] | None = None
    tooltip: Callable[[Any], str] | None = None


def show(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        return text.datetime_text(value)
    if isinstance(value, dt.date):
        return text.date_text(value)
    if isinstance(value, bool):
        return text.yes_no(value)
    return str(value)


class RowsModel(QAbstractTableModel):
    """Plain Python rows shown through columns of getters. ``set_rows`` replaces everything, ``add_rows``
    appends."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def add_rows(self, rows: Sequence[Any]) -> None:
        """More rows at the end (the next page of a list)."""
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row, col = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return show(col.get(row))
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            value = col.sort(row) if col.sort else col.get(row)
            if isinstance(value, dt.date):  # dates sort in time order, whatever the language shows
                return value.isoformat()
            return show(value) if not isinstance(value, int | float | str) else value
        if role == Qt.ItemDataRole.ForegroundRole and col.color is not None:
            c = col.color(row)
            return QBrush(QColor(c)) if c else None
        if role == Qt.ItemDataRole.FontRole and col.bold is not None and col.bold(row):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].header
        return None


class FilterProxy(QSortFilterProxyModel):
    """Case-insensitive text filter over every column, sorting on SORT_ROLE."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(SORT_ROLE)


# --- the message list (inbox items, letters, dispositions normalised into one row shape) --------------

@dataclass(frozen=True)
class ListRow:
    id: str
    subject: str
    kind: str
    what: str  # stage / status label
    urgency: str
    who: str
    due: dt.datetime | None
    updated: dt.datetime | None
    stage_kind: str = ""
    on_behalf_of: str | None = None
    unread: bool = False  # delivered, returned or disposed to the user and not opened yet: bold in the list
    pending: str = ""  # a command of the user's on it waits in the outbox: the clock mark (ui/pending.py)
    note: str = ""  # a disposisi's instructions and note: on the second line, whole in the tooltip

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < dt.datetime.now(dt.UTC)


def urgency_color(row: ListRow) -> str | None:
    return {"sangat_segera": "#b3261e", "segera": "#b25e00"}.get(row.urgency)


def due_color(row: ListRow) -> str | None:
    return "#b3261e" if row.overdue else None


def row_tooltip(r: ListRow) -> str:
    """The subject, for whom, and a disposisi's whole note: rich text, so Qt wraps a long note to a readable
    width instead of one screen-wide line."""
    parts = [html.escape(r.subject)]
    if r.on_behalf_of:
        parts.append(html.escape(translate("models", "(untuk {who})").format(who=r.on_behalf_of)))
    if r.note:
        parts.append("<i>" + html.escape(r.note).replace("\n", "<br>") + "</i>")
    if r.pending:
        parts.append(html.escape(pending.waiting_text()))
    return "<qt>" + "<br>".join(parts) + "</qt>"


def list_columns() -> list[Column]:
    return [
        Column(translate("models", "Sifat"), lambda r: text.URGENCY.get(r.urgency, r.urgency), color=urgency_color,
               sort=lambda r: {"sangat_segera": 0, "segera": 1}.get(r.urgency, 2)),
        Column(translate("models", "Hal"), lambda r: f"{pending.mark(r.subject, r.pending)}\n"
               f"{text.KIND.get(r.kind, r.kind)} · {r.what} · {r.who}" + (f" · {r.note}" if r.note else ""),
               sort=lambda r: r.subject.lower(), bold=lambda r: r.unread or r.urgency != "biasa", tooltip=row_tooltip),
        Column(translate("models", "Jenis"), lambda r: text.KIND.get(r.kind, r.kind)),
        Column(translate("models", "Tahap/Status"), lambda r: f"{r.what} · {pending.waiting_text()}" if r.pending
               else r.what),
        Column(translate("models", "Dari"), lambda r: r.who),
        Column(translate("models", "Batas"), lambda r: ("! " if r.overdue else "") + text.deadline_text(r.due) if r.due else "-", color=due_color,
               sort=lambda r: r.due.isoformat() if r.due else "9999"),
        Column(translate("models", "Diperbarui"), lambda r: r.updated, sort=lambda r: r.updated.isoformat() if r.updated else ""),
    ]


# --- disposisi tree ---------------------------------------------------------------------------------

class _Node:
    def __init__(self, data: Any, parent: _Node | None, row: int) -> None:
        self.data = data
        self.parent = parent
        self.row = row
        self.children: list[_Node] = []


TREE_HEADERS = [QT_TRANSLATE_NOOP("models", "Dari"), QT_TRANSLATE_NOOP("models", "Kepada"),
                QT_TRANSLATE_NOOP("models", "Instruksi"), QT_TRANSLATE_NOOP("models", "Status"),
                QT_TRANSLATE_NOOP("models", "Batas"), QT_TRANSLATE_NOOP("models", "Laporan"),
                QT_TRANSLATE_NOOP("models", "Catatan")]


class DispositionTreeModel(QAbstractItemModel):
    """A disposisi tree: rows are workflow.disposition.TreeNode objects (node + children)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._roots: list[_Node] = []

    def set_tree(self, roots: Sequence[Any]) -> None:
        def build(t: Any, parent: _Node | None, row: int) -> _Node:
            node = _Node(t.node, parent, row)
            node.children = [build(c, node, i) for i, c in enumerate(t.children)]
            return node

        self.beginResetModel()
        self._roots = [build(t, None, i) for i, t in enumerate(roots)]
        self.endResetModel()

    def _node(self, index: Index) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        p = self._node(parent)
        children = p.children if p else self._roots
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        p = self._node(parent)
        return len(p.children if p else self._roots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(TREE_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        n = node.data
        if role == Qt.ItemDataRole.DisplayRole:
            return [n.from_user, n.to_user, ", ".join(text.INSTRUCTIONS.get(i, i) for i in n.instructions),
                    text.DISPOSITION_STATUS.get(n.status.value, n.status.value), text.deadline_text(n.deadline) if n.deadline else "-",
                    n.report or "-", n.note or "-"][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (n.note, n.report) if x) or None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            return QBrush(QColor({"done": "#1b7a34", "read": "#1a5fb4"}.get(n.status.value, "#b25e00")))
        if role == ROW_ROLE:
            return n
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(TREE_HEADERS)):
            return translate("models", TREE_HEADERS[section])
        return None


# --- rows of the main list -------------------------------------------------------------------------


def inbox_row(i: Any) -> ListRow:
    return ListRow(i.document_id, i.subject, i.kind, text.STAGE_KIND.get(i.stage_kind, i.stage_kind), i.urgency,
                   i.drafter_name, i.due_at, None, i.stage_kind, i.on_behalf_of_name)


def letter_row(r: Any) -> ListRow:
    return ListRow(r.id, r.subject, r.kind, text.STATUS.get(r.status, r.status), r.urgency, r.drafter_name, None,
                   r.updated_at)


def queued_draft_row(d: dict[str, Any], who: str) -> ListRow:
    """A new letter made offline: no id (nothing to open) until it is pushed."""
    return ListRow("", d["subject"], d["kind"], text.STATUS.get("draft", "draft"), d["urgency"], who, None,
                   d["claimed_at"], pending="draft_letter")


def disposition_row(d: dict[str, Any]) -> ListRow:
    said = [text.INSTRUCTIONS.get(i, i) for i in d.get("instructions", [])] + ([d["note"]] if d.get("note") else [])
    return ListRow(d["id"], d["subject"], "naskah_masuk", text.DISPOSITION_STATUS.get(d["status"], d["status"]),
                   d["urgency"], d["from"], d["deadline"], d["updated_at"], unread=d["status"] in ("baru", "sent"),
                   note=" · ".join(said))


def delivered_row(r: Any) -> ListRow:
    what = translate("models", "Diterima") if r.read else translate("models", "Diterima, belum dibaca")
    return ListRow(r.id, r.subject, r.kind, what, r.urgency, r.drafter_name, None, r.updated_at, "delivered",
                   unread=not r.read)


def opened_row(row: ListRow) -> ListRow:
    """The row once its letter has been opened: no longer bold, a delivered one says so."""
    what = translate("models", "Diterima") if row.stage_kind == "delivered" else row.what
    return dataclasses.replace(row, unread=False, what=what)


def returned_row(r: Any) -> ListRow:
    return ListRow(r.id, r.subject, r.kind, translate("models", "Dikembalikan untuk diperbaiki"), r.urgency,
                   r.drafter_name, None, r.updated_at, "returned", unread=True)
