"""EOFFICE_SCREENSHOTS=DIR: log in as a user, visit the main screens, save QWidget.grab() PNGs, quit.

Used by tools/screenshots.sh to look at the real app without a person at the keyboard.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

OPTIONAL = {"00-login", "03-verifikasi", "06-dasbor", "09-riwayat"}  # saved only with EOFFICE_SCREENSHOTS_ALL=1 (docs keep four)
Step = tuple[str, Callable[[], Any], Callable[[], bool], Callable[[], QWidget | None]]


class Tour:
    def __init__(self, session: Any, out: Path, login: str) -> None:
        self.session, self.out, self.login = session, out, login
        self.steps: list[Step] = []
        self.index = 0
        self.deadline = 0.0
        self.started = False
        self.timer = QTimer()
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.tick)
        self.editor: Any = None
        self.settle = 0

    @property
    def w(self) -> Any:
        return self.session.window

    def idle(self) -> bool:
        return not self.session.runner.busy

    def start(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        dlg = self.session.login
        dlg.show()
        dlg.user.setText(self.login)
        dlg.password.setText("demo")
        self.steps = [
            ("00-login", lambda: None, lambda: dlg.reachable is not None and self.idle(), lambda: dlg),
            ("", dlg.try_login, lambda: self.w is not None and self.idle() and bool(self.w.counts), lambda: None),
            ("", lambda: self.w.select_view("sign"), self.idle, lambda: None),
            ("01-perlu-tanda-tangan", lambda: self.w.letters.select_row(0),
             lambda: self.idle() and self.w.reading.info is not None, lambda: self.w),
            ("", lambda: self.w.select_view("inbox"), self.idle, lambda: None),
            ("07-kotak-masuk", lambda: self.w.letters.select_row(self._row("Penyampaian Laporan")),
             lambda: self.idle() and self.w.reading.pdf.shown_display, lambda: self.w),
            ("09-riwayat", lambda: self.w.reading.tabs.setCurrentIndex(self.w.reading.history_tab), self.idle,
             lambda: self.w),
            ("", lambda: self.w.select_view("disposisi"), self.idle, lambda: None),
            ("", lambda: self.w.letters.select_row(self._tree_row()), lambda: self.idle() and self.w.reading.info is not None,
             lambda: None),
            ("02-disposisi", lambda: self.w.reading.tabs.setCurrentIndex(self.w.reading.tree_tab), self.idle,
             lambda: self.w),
            ("03-verifikasi", self._verify, lambda: self.idle() and self._page("verify").report is not None,
             lambda: self.w),
            ("06-dasbor", lambda: self.w.select_view("dashboard"),
             lambda: self.idle() and self._page("dashboard").data is not None, lambda: self.w),
            ("04-naskah-baru", self._editor, lambda: self.idle() and self.editor.preview.pages > 0,
             lambda: self.editor),
            ("05-admin-rute", self._admin,
             lambda: self.idle() and ("admin" not in self.w.nav_items or self._page("admin").stages.rowCount() > 0),
             lambda: self.w if "admin" in self.w.nav_items else None),
            ("08-admin-pengguna", self._admin_users,
             lambda: self.idle() and ("admin" not in self.w.nav_items or self._page("admin").users.rowCount() > 0),
             lambda: self.w if "admin" in self.w.nav_items else None),
        ]
        if self.login == "admin":  # the admin tour: login, then the route templates and the users
            self.steps = self.steps[:2] + self.steps[-2:]
        self.deadline = time.monotonic() + 30
        self.timer.start()

    def _page(self, key: str) -> Any:
        return self.w._page(key)

    def _tree_row(self) -> int:
        return self._row("SPBE")

    def _row(self, subject: str) -> int:
        for r in range(self.w.proxy.rowCount()):
            if subject in (self.w.proxy.index(r, 1).data() or ""):
                return r
        return 0

    def _verify(self) -> None:
        b, a = self.w.backend, self.w.actor
        self.w.select_view("verify")
        row = next((r for r in b.letter_list(a) if r.status == "dispatched"), None)
        if row is not None:
            self._page("verify").verify_bytes(b.pdf(a, row.id)[0], "surat-terkirim.pdf")

    def _editor(self) -> None:
        self.editor = self.w.windows.new_draft()
        self.editor.subject.setText("Undangan Rapat Evaluasi Layanan Aplikasi")
        self.editor.to.set_names(["Kepala Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur",
                                  "Kepala Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Timur"])  # as picked
        self.editor.cc.set_names(["Sekretaris Daerah Provinsi Kalimantan Timur"])
        self.editor.resize(1280, 820)

    def _admin(self) -> None:
        if self.editor is not None:
            self.editor._clean = self.editor.snapshot()  # a tour's sample text: close without asking
            self.editor.close()
        if "admin" not in self.w.nav_items:
            return
        self.w.select_view("admin")
        panel = self._page("admin")
        panel.tabs.setCurrentWidget(panel.templates_tab)  # found by widget: its title depends on the language

    def _admin_users(self) -> None:
        if "admin" in self.w.nav_items:
            panel = self._page("admin")
            panel.tabs.setCurrentWidget(panel.users_tab)

    def tick(self) -> None:
        if self.index >= len(self.steps):
            self.timer.stop()
            QApplication.instance().quit()  # type: ignore[union-attr]
            return
        name, action, ready, target = self.steps[self.index]
        login = self.session.login
        if self.session.window is None and self.index > 0 and login.error.text():
            print(f"login failed: {login.error.text()} | {login.db_status.text()}", file=sys.stderr)
            self.timer.stop()
            QApplication.instance().exit(3)  # type: ignore[union-attr]
            return
        if not self.started:
            self.started = True
            action()
            self.deadline = time.monotonic() + 30
            return
        if not ready() and time.monotonic() < self.deadline:
            return
        if not ready():
            print(f"screenshot {name or self.index}: timed out", file=sys.stderr)
        self.settle += 1
        if name and self.settle < 8:  # QPdfView renders pages in the background: give it ~1 s
            return
        self.settle = 0
        widget = target()
        if name and name in OPTIONAL and not os.environ.get("EOFFICE_SCREENSHOTS_ALL"):
            name = ""
        if name and widget is not None:
            QApplication.processEvents()
            widget.grab().save(str(self.out / f"{name}.png"))
            print(f"saved {self.out / name}.png")
        self.index += 1
        self.started = False
