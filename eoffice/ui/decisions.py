"""Deciding and signing from the main window: the key passphrase (env, keyring or dialog), approve / return /
reject with the signed statement, and signing one or many letters with a cancellable progress dialog. A
controller with explicit dependencies (was a mixin that expected 13 attributes of its host)."""

from __future__ import annotations

import html
import os
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from eoffice.domain import EofficeError
from eoffice.ui import text
from eoffice.ui.dialogs import PassphraseDialog
from eoffice.ui.pending import is_queued
from eoffice.ui.tasks import Handle, Progress, TaskRunner

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

translate = QCoreApplication.translate
QUEUED = "\x00queued"  # a batch result's "number" for a signature queued offline (never a real number)
LISTED = 10  # subjects listed when asking for the batch's passphrase; the rest counted


def decided(decision: str) -> str:
    """The status-bar line after a decision; {status} is the letter's new status."""
    if decision == "approve":
        return translate("Decisions", "Naskah disetujui (status: {status})")
    if decision == "return":
        return translate("Decisions", "Naskah dikembalikan (status: {status})")
    return translate("Decisions", "Naskah ditolak (status: {status})")


class Decisions(QObject):
    """Deciding and signing for one window. Its dependencies are given explicitly: the core (*backend*), the
    runner, who acts (*actor*, asked at each use: the window gets its user after login), and what to do with
    outcomes: *inform* (status bar), *show_error*, *run_action* (a write with its done message), *finished*
    (the window's action_done signal) and *after_change* (refresh the lists)."""

    def __init__(self, widget: QWidget, backend: Front, runner: TaskRunner, *, actor: Callable[[], Actor],
                 inform: Callable[[str], None], show_error: Callable[[EofficeError | str], None],
                 run_action: Callable[..., None], finished: Callable[[str, object], None],
                 after_change: Callable[[], None]) -> None:
        super().__init__(widget)  # deleted with its window: a late result then goes nowhere (tasks._alive)
        self._widget, self.backend, self.runner, self._actor = widget, backend, runner, actor
        self.inform, self.show_error, self.run_action = inform, show_error, run_action
        self.finished, self.after_change = finished, after_change
        self.passphrase_dialog: PassphraseDialog | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.batch_handle: Handle | None = None  # a batch signature running
        self.subjects: dict[str, str] = {}  # the batch's letters by id: their subjects

    @property
    def actor(self) -> Actor:
        return self._actor()

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
        dlg = PassphraseDialog(self.actor.name, purpose, self.backend.keyring_available(), self._widget)
        self.passphrase_dialog = dlg

        def accepted() -> None:
            pp = dlg.passphrase()
            if dlg.remember.isChecked() and not dlg.remember.isHidden():
                self.backend.remember_passphrase(login, pp)
            then(pp)

        dlg.accepted.connect(accepted)
        dlg.open()

    def decide(self, doc_id: str, decision: str, note: str, return_to: str | None = None) -> None:
        if decision == "approve" and self.backend.paraf_provider() == "bsre":  # the paraf on the PDF via BSrE
            purpose = translate("Decisions", "Paraf Anda pada naskah dibuat dengan sertifikat elektronik BSrE.")
            self._bsre_passphrase(purpose, lambda pp: self._decide(doc_id, decision, note, return_to, pp))
            return
        self._decide(doc_id, decision, note, return_to, None)

    def _decide(self, doc_id: str, decision: str, note: str, return_to: str | None, bsre: str | None) -> None:
        def go(passphrase: str | None) -> None:
            b, a = self.backend, self.actor

            def work() -> Any:
                identity = b.identity(a.login, passphrase)
                # only when this step puts a paraf on the PDF (checked here, off the UI thread)
                provider = b.paraf_provider_for(a, doc_id, bsre) if bsre and not b.offline else None
                return b.decide(a, identity, doc_id, decision, note, return_to, provider=provider)

            self.run_action(decision, work, lambda out: decided(decision).format(  # or queued (ui/pending.py)
                status=text.STATUS.get(out.status, out.status)))

        self.with_passphrase(translate("Decisions", "Keputusan Anda ditandatangani dengan kunci TTE."), go)

    def sign_ids(self, ids: list[str], subjects: Mapping[str, str] | None = None) -> None:
        """*subjects*: each letter's subject, listed in the confirmation and in the error box (never an id)."""
        if not ids:
            return
        self.subjects = dict(subjects or {})
        if self.backend.sign_provider() == "bsre":
            self._ask_bsre_passphrase(ids)
            return
        if not self.backend.has_key(self.actor.login):
            self.show_error(translate("Decisions", "Tidak ada kunci TTE untuk {name} di profil ini ({home})")
                            .format(name=self.actor.name, home=self.backend.home))
            return
        purpose = self.tr("Menandatangani %n naskah secara elektronik.", "", len(ids)) + self._listing(ids)
        self.with_passphrase(purpose, lambda pp: self._sign_with(ids, pp or ""))

    def _subject(self, ids: list[str], doc_id: str) -> str:
        return self.subjects.get(doc_id) or translate("Decisions", "naskah ke-{n}").format(n=ids.index(doc_id) + 1)

    def _listing(self, ids: list[str]) -> str:
        """The letters about to be signed, by subject (rich text: the passphrase dialog's label)."""
        if len(ids) < 2 and not self.subjects:
            return ""
        shown = [f"<li>{html.escape(self._subject(ids, i))}</li>" for i in ids[:LISTED]]
        rest = self.tr("dan %n naskah lainnya", "", len(ids) - LISTED)
        more = f"<li>{rest}</li>" if len(ids) > LISTED else ""
        return f"<ul style='margin:4px 0'>{''.join(shown)}{more}</ul>"

    def _ask_bsre_passphrase(self, ids: list[str]) -> None:
        purpose = self.tr("Menandatangani %n naskah dengan sertifikat elektronik BSrE.", "", len(ids)) + self._listing(ids)
        self._bsre_passphrase(purpose, lambda pp: self._sign_with(ids, pp, bsre=True))

    def _bsre_passphrase(self, purpose: str, then: Callable[[str], None]) -> None:
        """The BSrE passphrase, once for the batch (or the paraf): never remembered, kept only while it runs."""
        known = os.environ.get("EOFFICE_BSRE_PASSPHRASE")
        if known:
            then(known)
            return
        dlg = PassphraseDialog(self.actor.name, purpose, False, self._widget)
        dlg.setWindowTitle(translate("Decisions", "Passphrase TTE BSrE"))
        self.passphrase_dialog = dlg
        dlg.accepted.connect(lambda: then(dlg.passphrase()))
        dlg.open()

    # Plurals through self.tr: lupdate (PySide6 6.11) reads "%n" messages of a module-level translate() as
    # singular or not at all, and those of self.tr() as plurals.

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
                if progress.cancelled():  # between letters: the one being signed is finished or rolled back
                    break
                progress.report(n, total, translate("Decisions", "Menandatangani {n} dari {total}...").format(
                    n=n + 1, total=total))
                try:
                    signed = b.sign(a, identity, doc_id, provider)  # offline: queued, numbered when pushed
                    results.append((doc_id, True, QUEUED if is_queued(signed) else signed.number))
                except Exception as exc:  # one bad letter must not stop the batch, a wrong passphrase does
                    if total == 1:
                        raise
                    results.append((doc_id, False, str(exc)))
                    if b.stops_batch(exc):
                        break
            progress.report(len(results), total, translate("Decisions", "Selesai"))
            return results

        dlg = QProgressDialog(translate("Decisions", "Menandatangani..."), translate("Decisions", "Batalkan"),
                              0, total, self._widget)
        dlg.setObjectName("signProgress")
        dlg.setWindowTitle(translate("Decisions", "Tanda tangan elektronik"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        self.progress_dialog = dlg

        def progress(done: int, _total: int, label: str) -> None:
            dlg.setValue(done)
            dlg.setLabelText(label)

        def finished(results: list[tuple[str, bool, str]]) -> None:
            cancelled = handle.cancelled()
            # hide, not close: closing emits canceled, which resets the dialog; and this may run inside the
            # last progress() (a window-modal dialog's setValue processes events), so the dialog must still
            # show the last step when that returns
            dlg.hide()
            self.batch_handle = None
            ok = [r for r in results if r[1]]
            bad = [r for r in results if not r[1]]
            queued = [r for r in ok if r[2] == QUEUED]
            if queued:
                msg = self.tr("%n naskah disimpan, menunggu sinkronisasi: nomor dan TTE dibubuhkan saat "
                              "database terhubung kembali", "", len(queued))
            elif len(ok) == 1 and not ok[0][2]:  # a berita acara party: the last signatory's TTE numbers it
                msg = translate("Decisions", "1 naskah ditandatangani; menunggu penandatangan berikutnya")
            elif len(ok) == 1:
                msg = translate("Decisions", "1 naskah ditandatangani (nomor {number})").format(number=ok[0][2])
            else:
                msg = self.tr("%n naskah ditandatangani", "", len(ok))
            stopped = ""
            if len(results) < total and cancelled:
                msg += self.tr("; %n dibatalkan", "", total - len(results))
            elif len(results) < total:  # stopped at an error that every later letter would meet too
                stopped = self.tr("%n naskah lainnya tidak dikirim.", "", total - len(results))
                msg += "; " + stopped
            self.inform(msg)
            self.finished("sign", results)
            if bad:
                self.show_error("\n".join([translate("Decisions", "Gagal ditandatangani:"),
                                           *(f"{self._subject(ids, i)}: {m}" for i, _, m in bad),
                                           *([stopped] if stopped else [])]))
            self.after_change()

        def failed(error: EofficeError) -> None:
            message = str(error)
            dlg.close()
            self.batch_handle = None
            self.show_error(error)
            self.finished("sign_failed", message)

        handle = self.runner.submit_progress(work, finished, failed, progress)
        self.batch_handle = handle
        dlg.canceled.connect(handle.cancel)
        dlg.show()

    def sign_selected(self, ids: list[str], inbox: dict[str, Any]) -> None:
        """The batch signature: of the selected letters, those waiting for the actor's TTE."""
        ids = [i for i in ids if getattr(inbox.get(i), "stage_kind", "") == "sign"]
        if not ids:
            self.inform(translate("Decisions", "Pilih naskah di 'Perlu Tanda Tangan' terlebih dahulu"))
            return
        self.sign_ids(ids, {i: inbox[i].subject for i in ids})
