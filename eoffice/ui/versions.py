"""Two versions of a letter compared as one inline diff."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from eoffice.documents.diff import text_diff


def diff_html(old: str, new: str) -> str:
    parts = []
    for op, chunk in text_diff(old, new):
        t = html.escape(chunk).replace("\n", "<br>")
        if op == "delete":
            parts.append(f"<span style='background:#fbd3d0;text-decoration:line-through'>{t}</span>")
        elif op == "insert":
            parts.append(f"<span style='background:#c8f0cf'>{t}</span>")
        else:
            parts.append(t)
    return "".join(parts)


class DiffDialog(QDialog):
    """Two versions side by side as one inline diff (deleted struck through, inserted highlighted)."""

    def __init__(self, versions: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Perbandingan versi"))
        self.versions = dict(versions)
        self.old, self.new = QComboBox(), QComboBox()
        for v, _ in versions:
            self.old.addItem(self.tr("Versi {n}").format(n=v), v)
            self.new.addItem(self.tr("Versi {n}").format(n=v), v)
        if len(versions) > 1:
            self.old.setCurrentIndex(len(versions) - 2)
            self.new.setCurrentIndex(len(versions) - 1)
        self.view = QTextBrowser()
        self.old.currentIndexChanged.connect(self.update_view)
        self.new.currentIndexChanged.connect(self.update_view)
        top = QHBoxLayout()
        for w in (QLabel(self.tr("Dari")), self.old, QLabel(self.tr("ke")), self.new):
            top.addWidget(w)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view)
        self.resize(760, 560)
        self.update_view()

    def update_view(self) -> None:
        if not self.versions:
            return
        self.html = diff_html(self.versions.get(self.old.currentData(), ""),
                              self.versions.get(self.new.currentData(), ""))
        self.view.setHtml(self.html)
