"""Deciding and signing from the main window: the key passphrase (env, keyring or dialog), approve / return /
reject with the signed statement, and signing one or many letters with a cancellable progress dialog."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from eoffice.ui import text
from eoffice.ui.dialogs import PassphraseDialog
from eoffice.ui.tasks import Progress, TaskRunner

translate = QCoreApplication.translate


def decided(decision: str) -> str:
    """The status-bar line after a decision; {status} is the letter's new status."""
    if decision == "approve":
        return translate("DecisionsMixin", "Naskah disetujui (status: {status})")
    if decision == "return":
        return translate("DecisionsMixin", "Naskah dikembalikan (status: {status})")
    return translate("DecisionsMixin", "Naskah ditolak (status: {status})")


class DecisionsMixin:
    """Mixed into MainWindow (which provides the attributes and methods declared here)."""

    backend: Any
    actor: Any
    runner: TaskRunner
    inbox_items: dict[str, Any]
    passphrase_dialog: PassphraseDialog | None
    progress_dialog: QProgressDialog | None
    batch_handle: Any
    action_done: Any
    inform: Callable[[str], None]
    show_error: Callable[[str], None]
    after_change: Callable[[], None]
    run_action: Callable[..., None]
    selected_ids: Callable[[], list[str]]

    @property
    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def with_passphrase(self, purpose: str, then: Callable[[str | None], None]) -> None:
        """Get the key passphrase (env, keyring, or a dialog), then continue; None when no key here."""
        login = self.actor.login
        if not self.backend.has_key(login):
            then(None)
            return
        known = os.environ.get("EOFFICE_KEY_PASSPHRASE") or self.backend.remembered_passphrase(login)
        if known:  # the user chose "ingat di keyring" (or the environment provides it)
            then(known)
            return
        dlg = PassphraseDialog(login, purpose, self.backend.keyring_available(), self._widget)
        self.passphrase_dialog = dlg

        def accepted() -> None:
            pp = dlg.passphrase()
            if dlg.remember.isChecked() and not dlg.remember.isHidden():
                self.backend.remember_passphrase(login, pp)
            then(pp)

        dlg.accepted.connect(accepted)
        dlg.open()

    def decide(self, doc_id: str, decision: str, note: str, return_to: str | None = None) -> None:
        def go(passphrase: str | None) -> None:
            b, a = self.backend, self.actor

            def work() -> Any:
                identity = b.identity(a.login, passphrase)
                return b.decide(a, identity, doc_id, decision, note, return_to)

            self.run_action(decision, work, lambda out: decided(decision).format(
                status=text.STATUS.get(out.status, out.status)))

        self.with_passphrase(translate("DecisionsMixin", "Keputusan Anda ditandatangani dengan kunci TTE."), go)

    def sign_ids(self, ids: list[str]) -> None:
        if not ids:
            return
        if self.backend.sign_provider() == "bsre":
            self._ask_bsre_passphrase(ids)
            return
        if not self.backend.has_key(self.actor.login):
            self.show_error(translate("DecisionsMixin", "Tidak ada kunci TTE untuk {login} di profil ini ({home})")
                            .format(login=self.actor.login, home=self.backend.home))
            return
        purpose = translate("DecisionsMixin", "Menandatangani %n naskah secara elektronik.", "", len(ids))
        self.with_passphrase(purpose, lambda pp: self._sign_with(ids, pp or ""))

    def _ask_bsre_passphrase(self, ids: list[str]) -> None:
        """The BSrE passphrase, once for the batch: never remembered, kept only while the batch runs."""
        known = os.environ.get("EOFFICE_BSRE_PASSPHRASE")
        if known:
            self._sign_with(ids, known, bsre=True)
            return
        purpose = translate("DecisionsMixin", "Menandatangani %n naskah dengan sertifikat elektronik BSrE.", "",
                            len(ids))
        dlg = PassphraseDialog(self.actor.login, purpose, False, self._widget)
        dlg.setWindowTitle(translate("DecisionsMixin", "Passphrase TTE BSrE"))
        self.passphrase_dialog = dlg
        dlg.accepted.connect(lambda: self._sign_with(ids, dlg.passphrase(), bsre=True))
        dlg.open()

    def _sign_with(self, ids: list[str], passphrase: str, *, bsre: bool = False) -> None:
        b, a = self.backend, self.actor
        total = len(ids)

        def work(progress: Progress) -> list[tuple[str, bool, str]]:
            # Unlocking the key (PKCS#12 KDF, ~50 ms) holds the GIL: let the UI thread show the progress
            # dialog first, so the two pauses do not add up to one visible stall.
            time.sleep(0.03)
            provider = b.bsre_provider(a, passphrase) if bsre else None
            identity = None if bsre else b.identity(a.login, passphrase)
            results: list[tuple[str, bool, str]] = []
            for n, doc_id in enumerate(ids):
                if progress.cancelled():
                    break
                progress.report(n, total, translate("DecisionsMixin", "Menandatangani {n} dari {total}...").format(
                    n=n + 1, total=total))
                try:
                    signed = b.sign(a, identity, doc_id, provider)
                    results.append((doc_id, True, signed.number))
                except Exception as exc:  # one bad letter must not stop the batch
                    if total == 1:
                        raise
                    results.append((doc_id, False, str(exc)))
            progress.report(len(results), total, translate("DecisionsMixin", "Selesai"))
            return results

        dlg = QProgressDialog(translate("DecisionsMixin", "Menandatangani..."), translate("DecisionsMixin", "Batalkan"),
                              0, total, self._widget)
        dlg.setObjectName("signProgress")
        dlg.setWindowTitle(translate("DecisionsMixin", "Tanda tangan elektronik"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        self.progress_dialog = dlg

        def progress(done: int, _total: int, label: str) -> None:
            dlg.setValue(done)
            dlg.setLabelText(label)

        def finished(results: list[tuple[str, bool, str]]) -> None:
            dlg.close()
            self.batch_handle = None
            ok = [r for r in results if r[1]]
            bad = [r for r in results if not r[1]]
            msg = (translate("DecisionsMixin", "1 naskah ditandatangani (nomor {number})").format(number=ok[0][2])
                   if len(ok) == 1 else translate("DecisionsMixin", "%n naskah ditandatangani", "", len(ok)))
            if len(results) < total:
                msg += translate("DecisionsMixin", "; %n dibatalkan", "", total - len(results))
            self.inform(msg)
            self.action_done.emit("sign", results)
            if bad:
                self.show_error(translate("DecisionsMixin", "Gagal ditandatangani:") + "\n" + "\n".join(f"{i[:8]}: {m}" for i, _, m in bad))
            self.after_change()

        def failed(message: str) -> None:
            dlg.close()
            self.batch_handle = None
            self.show_error(message)
            self.action_done.emit("sign_failed", message)

        handle = self.runner.submit_progress(work, finished, failed, progress)
        self.batch_handle = handle
        dlg.canceled.connect(handle.cancel)
        dlg.show()

    def batch_sign(self) -> None:
        ids = [i for i in self.selected_ids() if getattr(self.inbox_items.get(i), "stage_kind", "") == "sign"]
        if not ids:
            self.inform(translate("DecisionsMixin", "Pilih naskah di 'Perlu Tanda Tangan' terlebih dahulu"))
            return
        self.sign_ids(ids)
