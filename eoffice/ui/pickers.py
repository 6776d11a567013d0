"""Choosing addressees (Yth. / Tembusan): the organisation's jabatan as a tree with search (ui/orgpicker.py), each
with its holder's name as a hint. A letter is addressed to the jabatan, so the jabatan is what goes in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from eoffice.ui.orgpicker import OrgPicker

if TYPE_CHECKING:
    from eoffice.app.queries import Person


def split_names(raw: str) -> list[str]:
    return [p.strip() for p in raw.replace("\n", ";").split(";") if p.strip()]


class AddresseePicker(QDialog):
    """Tick jabatan in the organisation tree; :meth:`chosen` gives their position codes, in tree order."""

    def __init__(self, title: str, jabatan: Sequence[Person], chosen: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("addresseePicker")
        self.tree = OrgPicker(self)
        self.tree.search.setPlaceholderText(self.tr("Cari jabatan, unit atau nama pejabat..."))
        self.tree.set_people(jabatan)
        self.tree.choose(chosen)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Pilih"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tree, 1)
        lay.addWidget(buttons)
        self.resize(560, 560)

    def chosen(self) -> list[str]:
        return self.tree.chosen()
