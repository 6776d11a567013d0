"""The main window's pages beside the letter lists (verification, dashboard, Perlu Perhatian, admin), each built on its first
visit, so their modules load only then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front
    from eoffice.ui.tasks import TaskRunner


def make_page(key: str, backend: Front, actor: Actor, runner: TaskRunner) -> QWidget:
    if key == "verify":
        from eoffice.ui.verify import VerifyPanel

        return VerifyPanel(backend, runner, actor=actor)
    if key == "dashboard":
        from eoffice.ui.dashboard import Dashboard

        return Dashboard(backend, actor, runner)
    if key == "attention":
        from eoffice.ui.attention import AttentionPage

        return AttentionPage(backend, actor, runner)
    if key == "admin":
        from eoffice.ui.admin import AdminPanel

        return AdminPanel(backend, actor, runner)
    return QLabel(QCoreApplication.translate("MainWindow", "Belum tersedia"))
