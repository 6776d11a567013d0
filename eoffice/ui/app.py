"""Desktop app entry point (the full UI lands with the desktop-app issue)."""

from __future__ import annotations


def run_app(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(argv)
    label = QLabel("eoffice")
    label.show()
    return app.exec()
