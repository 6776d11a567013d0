"""Keluar / Ganti Pengguna: the main window closes as closing it does (each editor with unsaved work asks
first, ui/windows.py), then the app forgets the person and shows the login dialog again (ui/app.py), in the
same process."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from eoffice.ui.windows import Windows


class SignOut(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.leaving = False  # the window closes to sign out, not to quit
        self.menu = window.menuBar().addMenu(self.tr("Akun"))
        self.menu.setObjectName("accountMenu")
        self.action = self.menu.addAction(self.tr("Keluar / Ganti Pengguna"))
        self.action.setObjectName("signOut")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.action.triggered.connect(lambda _checked=False: self.leave())

    def follow(self, windows: Windows) -> None:
        windows.close_cancelled.connect(self._stay)

    def leave(self) -> None:
        self.leaving = True
        self._window.close()

    def _stay(self) -> None:
        self.leaving = False  # an editor was kept open: a later close of the window quits, as always
