"""Batch signing through BSrE in the desktop app (the stand-in esign service on loopback): 50 letters waiting
for the Governor's TTE, the BSrE passphrase asked once for the batch (never offered for the keyring), the
progress dialog stepping through every letter, a cancel between letters leaving each letter either wholly
signed or untouched, and a wrong passphrase stopping the batch at the first letter."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bsre_server import BsreStandIn
from tests.ui.helpers import bsre_service, main_window, wait_idle

NIK, PASSPHRASE = "6472010101800009", "Rahasia-Batch-1"
BATCH = 50
DB_FILES = ("e.db", "e.db-wal", "e.db-shm")


@pytest.fixture(scope="module")
def batch_template(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The demo database plus 50 circulars through review up to the Governor's signature (the reviewers
    decide without a key here: no paraf PDF signatures, which keeps the set-up to seconds)."""
    from eoffice.domain import DocKind
    from eoffice.services import signatures
    from eoffice.services.demo_letters import Demo
    from eoffice.store.db import make_engine
    from eoffice.store.uow import UnitOfWork
    from eoffice.workflow.state import Decision

    root = tmp_path_factory.mktemp("batch50")
    for name in DB_FILES:
        if (demo_template / name).exists():
            shutil.copy2(demo_template / name, root / name)
    shutil.copytree(demo_template / "home", root / "home")
    engine = make_engine(f"sqlite:///{root / 'e.db'}")

    def run(use_case: Any) -> Any:
        with UnitOfWork(engine) as uow:
            result = use_case(uow)
            uow.commit()
        return result

    class Quick(Demo):
        def decide(self, login: str, doc_id: str, decision: Decision = Decision.APPROVE, note: str = "") -> None:
            who = self.actor(login)
            self.run(lambda uow: signatures.decide_signed(uow, who, None, doc_id, decision, note=note))

    demo = Quick(run, root / "home")
    ids = []
    for n in range(1, BATCH + 1):
        doc = demo.draft("staf.kominfo", DocKind.SURAT_EDARAN, f"Surat Edaran Uji Tanda Tangan Massal {n}",
                         "Isi surat edaran uji.", ["Kepala Perangkat Daerah se-Kalimantan Timur"])
        demo.submit("staf.kominfo", doc)
        demo.advance(doc, until_kind="sign")
        ids.append(doc)
    engine.dispose()
    return root, ids


@pytest.fixture
def batch_backend(batch_template: tuple[Path, list[str]], tmp_path: Path) -> Iterator[Any]:
    from eoffice.app.desktop import Desktop

    root = batch_template[0]
    for name in DB_FILES:
        if (root / name).exists():
            shutil.copy2(root / name, tmp_path / name)
    shutil.copytree(root / "home", tmp_path / "home")
    b = Desktop(f"sqlite:///{tmp_path / 'e.db'}", tmp_path / "home")
    yield b
    b.close()


@pytest.fixture
def bsre(batch_backend: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[BsreStandIn]:
    with bsre_service(batch_backend, monkeypatch, login="gubernur", nik=NIK, passphrase=PASSPHRASE,
                      name="Gubernur Uji BSrE", setting="sign_provider") as state:
        yield state


def _states(backend: Any, ids: list[str]) -> dict[str, tuple[bool, bool, bool, bool]]:
    """Per letter: (numbered, signed PDF, letter date, its TTE step approved): all or nothing."""
    from eoffice.services import letters, routing

    def read(uow: Any) -> dict[str, tuple[bool, bool, bool, bool]]:
        out = {}
        for doc_id in ids:
            d = letters.get_document(uow, doc_id)
            route = routing.load(uow, doc_id)
            sign = next(s for s in route.steps if s.kind.value == "sign")
            out[doc_id] = (d.number is not None, d.signed_pdf_sha256 is not None, d.letter_date is not None,
                           sign.status.value == "approved")
        return out

    return dict(backend.read(read))


def _signed_pdfs(backend: Any, ids: list[str]) -> list[bytes]:
    from eoffice.services import letters
    from eoffice.services.blobs import get_blob

    return list(backend.read(lambda uow: [get_blob(uow, letters.get_document(uow, i).signed_pdf_sha256 or "")
                                          for i in ids]))


def _start(qtbot: Any, batch_backend: Any, runner: Any, qsettings: Any) -> Any:
    w = main_window(qtbot, batch_backend, runner, qsettings, "gubernur")
    wait_idle(qtbot, runner)
    return w


def _on_progress(runner: Any, monkeypatch: pytest.MonkeyPatch, then: Any) -> None:
    """Call *then(n, label)* in the UI thread with each progress report, once the batch's dialog has it."""
    real = runner.submit_progress

    def spy(fn: Any, on_done: Any = None, on_error: Any = None, on_progress: Any = None) -> Any:
        def seen(n: int, total: int, label: str) -> None:
            on_progress(n, total, label)
            then(n, label)

        return real(fn, on_done, on_error, seen)

    monkeypatch.setattr(runner, "submit_progress", spy)


def test_fifty_letters_through_bsre_ask_once_show_progress_and_verify(
        qtbot: Any, batch_backend: Any, runner: Any, qsettings: Any, bsre: BsreStandIn,
        batch_template: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eoffice.services import signatures
    from eoffice.signing.verify import verify_pdf
    from eoffice.ui.dialogs import PassphraseDialog

    ids = batch_template[1]
    w = _start(qtbot, batch_backend, runner, qsettings)
    w.decisions.sign_ids(ids)
    dlg = w.passphrase_dialog
    assert dlg.windowTitle() == "Passphrase TTE BSrE" and dlg.remember.isHidden()
    dlg.field.setText(PASSPHRASE)
    steps: list[tuple[int, str]] = []
    shown: list[tuple[int, str]] = []

    def seen(n: int, label: str) -> None:
        steps.append((n, label))
        shown.append((w.progress_dialog.value(), w.progress_dialog.labelText()))

    _on_progress(runner, monkeypatch, seen)
    with qtbot.waitSignal(w.action_done, timeout=600000) as done:
        dlg.accept()
    results = done.args[1]
    assert len(results) == BATCH and all(ok for _, ok, _ in results), [r for r in results if not r[1]][:3]
    # asked once: one dialog, one status check at BSrE, then one sign request per letter
    assert len(w.findChildren(PassphraseDialog)) == 1
    assert bsre.status_requests == 1 and bsre.sign_requests == BATCH
    # the progress dialog went through every letter, then 50/50
    assert [n for n, _ in steps] == [*range(BATCH), BATCH], steps
    assert steps[0][1] == "Menandatangani 1 dari 50..." and steps[BATCH - 1][1] == "Menandatangani 50 dari 50..."
    assert shown == steps and w.progress_dialog.maximum() == BATCH  # the dialog showed each step
    assert "50 naskah ditandatangani" in w.last_message
    assert set(_states(batch_backend, ids).values()) == {(True, True, True, True)}
    numbers = [number for _, _, number in results]
    assert len(set(numbers)) == BATCH  # one number each
    roots = batch_backend.read(signatures.trust_roots) + [bsre.ca.root_cert]
    pdfs = _signed_pdfs(batch_backend, ids)
    for pdf in pdfs:
        report = verify_pdf(pdf, trust_roots=roots)
        assert report.ok and report.signatures[-1].signer_name == "Gubernur Uji BSrE", report
    (tmp_path / "last.pdf").write_bytes(pdfs[-1])
    out = subprocess.run(["pdfsig", str(tmp_path / "last.pdf")], capture_output=True, text=True,
                         check=False).stdout
    assert "Signature is Valid" in out and "Mismatch" not in out, out
    assert not list((batch_backend.home / "bsre-pending").glob("*.json"))
    wait_idle(qtbot, runner)


def test_cancelling_the_batch_leaves_each_letter_signed_or_untouched(
        qtbot: Any, batch_backend: Any, runner: Any, qsettings: Any, bsre: BsreStandIn,
        batch_template: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QPushButton

    ids = batch_template[1]
    bsre.delay = 0.2  # each answer takes a moment, as the real service's ~1 s does
    w = _start(qtbot, batch_backend, runner, qsettings)

    def at(n: int, _label: str) -> None:
        if n == 5:  # the sixth letter is on its way: Batalkan
            button = w.progress_dialog.findChild(QPushButton)
            assert button.text() == "Batalkan"
            button.click()

    _on_progress(runner, monkeypatch, at)
    with qtbot.waitSignal(w.action_done, timeout=600000) as done:
        w.decisions._sign_with(ids, PASSPHRASE, bsre=True)
    results = done.args[1]
    signed = [doc_id for doc_id, ok, _ in results]
    assert all(ok for _, ok, _ in results) and 5 <= len(signed) < 10, results
    assert signed == ids[:len(signed)]
    assert bsre.sign_requests == len(signed)  # nothing sent after the cancel
    assert f"; {BATCH - len(signed)} dibatalkan" in w.last_message, w.last_message
    states = _states(batch_backend, ids)
    assert {states[i] for i in signed} == {(True, True, True, True)}
    assert {states[i] for i in ids[len(signed):]} == {(False, False, False, False)}
    assert not list((batch_backend.home / "bsre-pending").glob("*.json"))
    wait_idle(qtbot, runner)


def test_a_wrong_bsre_passphrase_stops_the_batch_with_a_clear_message(
        qtbot: Any, batch_backend: Any, runner: Any, qsettings: Any, bsre: BsreStandIn,
        batch_template: tuple[Path, list[str]]) -> None:
    ids = batch_template[1][:5]
    w = _start(qtbot, batch_backend, runner, qsettings)
    with qtbot.waitSignal(w.action_done, timeout=240000) as done:
        w.decisions._sign_with(ids[:1], "salah", bsre=True)
    assert done.args[0] == "sign_failed" and "Passphrase TTE BSrE salah" in done.args[1]
    wait_idle(qtbot, runner)
    with qtbot.waitSignal(w.action_done, timeout=240000) as done:
        w.decisions._sign_with(ids, "salah", bsre=True)
    results = done.args[1]
    assert len(results) == 1 and not results[0][1] and "Passphrase TTE BSrE salah" in results[0][2]
    assert bsre.sign_requests == 2  # one per batch: the same wrong passphrase is not sent once per letter
    assert "Passphrase TTE BSrE salah\n4 naskah lainnya tidak dikirim." in w.last_message, w.last_message
    assert set(_states(batch_backend, ids).values()) == {(False, False, False, False)}
    wait_idle(qtbot, runner)
