"""Notifications: when a refresh of the navigation counts shows new work, say so.

``news`` (pure, no Qt) decides what is new; ``Notifier`` shows it in the system tray when there is one (the
offscreen platform has none) and always emits ``notified``; ``NoticeButton`` in the status bar keeps the list
inside the app, so a desktop without a tray still tells the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QToolButton, QWidget

translate = QCoreApplication.translate
WATCHED = ("sign", "paraf", "disposisi", "received", "returned", "reminders")  # count keys


def _line(key: str, n: int) -> str:
    """'2 naskah baru perlu tanda tangan' in the user's language (%n: the count, with its plural)."""
    if key == "sign":
        return translate("notify", "%n naskah baru perlu tanda tangan", "", n)
    if key == "paraf":
        return translate("notify", "%n naskah baru perlu paraf", "", n)
    if key == "disposisi":
        return translate("notify", "%n disposisi baru", "", n)
    if key == "received":
        return translate("notify", "%n naskah baru diterima", "", n)
    if key == "returned":
        return translate("notify", "%n naskah Anda dikembalikan untuk diperbaiki", "", n)
    return translate("notify", "%n pengingat baru: naskah melewati batas waktu", "", n)


def news(before: Mapping[str, int] | None, after: Mapping[str, int]) -> list[str]:
    """One line per watched count that grew since the last refresh ("2 naskah baru perlu tanda tangan").
    The first refresh (nothing before) is never news: the user sees those counts in the navigation."""
    if not before:
        return []
    out = []
    for key in WATCHED:
        grew = after.get(key, 0) - before.get(key, 0)
        if grew > 0:
            out.append(_line(key, grew))
    return out


class Notifier(QObject):
    notified = Signal(str)  # the message shown


    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last: dict[str, int] | None = None
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("e-Office")
            self.tray.show()

    def update(self, counts: Mapping[str, int]) -> list[str]:
        lines = news(self.last, counts)
        self.last = dict(counts)
        if lines:
            message = "\n".join(lines)
            if self.tray is not None:
                self.tray.showMessage(self.tr("e-Office: pekerjaan baru"), message, QSystemTrayIcon.MessageIcon.Information, 10_000)
            self.notified.emit(message)
        return lines

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()


class NoticeButton(QToolButton):
    """"Pemberitahuan (n)" in the status bar: the notices of this session, newest first; n counts the unseen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notices")
        self.notices: list[tuple[dt.datetime, str]] = []
        self.unseen = 0
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._seen)
        self._refresh()

    def add(self, message: str) -> None:
        self.notices.insert(0, (dt.datetime.now(), message))
        del self.notices[50:]
        self.unseen += 1
        self._refresh()

    def _seen(self) -> None:
        self.unseen = 0
        self._refresh()

    def _refresh(self) -> None:
        label = self.tr("Pemberitahuan")
        self.setText(f"{label} ({self.unseen})" if self.unseen else label)
        self.setStyleSheet("font-weight:bold" if self.unseen else "")
        menu = self.menu()
        menu.clear()
        if not self.notices:
            menu.addAction(self.tr("Belum ada pemberitahuan.")).setEnabled(False)
        for at, message in self.notices:
            menu.addAction(f"{at:%H:%M}  " + message.replace("\n", "; "))
