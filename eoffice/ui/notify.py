"""Tray notifications: when a refresh of the navigation counts shows new work, say so.

``news`` (pure, no Qt) decides what is new; ``Notifier`` shows it in the system tray when there is one (the
offscreen platform has none) and always emits ``notified`` so the rest of the app and the tests can see it.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

translate = QCoreApplication.translate
WATCHED = ("sign", "paraf", "disposisi", "reminders")  # count keys


def _line(key: str, n: int) -> str:
    """'2 naskah baru perlu tanda tangan' in the user's language (%n: the count, with its plural)."""
    if key == "sign":
        return translate("notify", "%n naskah baru perlu tanda tangan", "", n)
    if key == "paraf":
        return translate("notify", "%n naskah baru perlu paraf", "", n)
    if key == "disposisi":
        return translate("notify", "%n disposisi baru", "", n)
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
