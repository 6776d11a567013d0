"""Bahasa / Language in the main window's menu bar: the choice is stored with the user's preferences and
applies from the next start (ui/i18n.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMessageBox

from eoffice.ui import i18n


class LanguageMenu(QObject):
    """The menu in *window*, *language* checked; a choice is remembered in *settings*, passed to *chosen*,
    and when it differs from the running language, said (*inform* and a box) to apply from the next start."""

    def __init__(self, window: QMainWindow, settings: QSettings, language: str, *, chosen: Callable[[str], None],
                 inform: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window, self.settings, self.language, self.chosen, self.inform = (
            window, settings, language, chosen, inform)
        menu = window.menuBar().addMenu(i18n.MENU_TITLE)
        menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            a = menu.addAction(name)
            a.setCheckable(True)
            a.setChecked(code == language)
            a.setData(code)
            group.addAction(a)
            a.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            self.actions[code] = a

    def choose(self, code: str) -> None:
        i18n.remember(self.settings, code)
        self.chosen(code)
        if code != self.language:
            self.inform(i18n.RESTART_NOTE.replace("\n", " "))
            box = QMessageBox(QMessageBox.Icon.Information, i18n.MENU_TITLE, i18n.RESTART_NOTE,
                              QMessageBox.StandardButton.Ok, self._window)
            box.setObjectName("languageBox")
            box.open()
