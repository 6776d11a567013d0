"""Choosing addressees (Yth. / Tembusan): the organisation's jabatan as a tree with search (ui/orgpicker.py), each
with its holder's name as a hint. A letter is addressed to the jabatan, so the jabatan is what goes in."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

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


class AddresseeField(QLineEdit):
    """Yth. or Tembusan: one line, the jabatan separated by '; ' as the picker writes them (typing works the same).
    A long list shows its beginning, the first addressee, and each jabatan on its own line in the tooltip."""

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setPlaceholderText(placeholder)
        self.textChanged.connect(lambda _t: self.setToolTip("\n".join(self.names())))

    def names(self) -> list[str]:
        return split_names(self.text())

    def set_names(self, names: Sequence[str]) -> None:
        self.setText("; ".join(names))
        self.setCursorPosition(0)


def pick_into(field: AddresseeField, title: str, jabatan: Sequence[Person], codes: MutableMapping[str, str],
              parent: QWidget) -> AddresseePicker:
    """Open the picker over *field*: what it names is ticked, what is chosen is added in tree order; *codes* learns
    each chosen title's position code (a title may recur in several units)."""
    titles = {p.login: p.title for p in jabatan}
    present = field.names()
    dlg = AddresseePicker(title, jabatan, [c for c in titles if titles[c] in present], parent)

    def chosen() -> None:
        names = field.names()
        for code in dlg.chosen():
            codes[titles[code]] = code
            if titles[code] not in names:
                names.append(titles[code])
        field.set_names(names)

    dlg.accepted.connect(chosen)
    dlg.open()
    return dlg
