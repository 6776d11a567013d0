"""The UI thread's longest stall while batch-signing 50 letters, or while the window pushes 200 commands made
offline (issue 13; target < 100 ms for both). Not a test.

    PYTHONPATH=. .venv/bin/python bench/bench_ui_stall.py [--letters 50]
    PYTHONPATH=. .venv/bin/python bench/bench_ui_stall.py --push 200

--push N: N letters at the Kasi's paraf step, his approvals queued in his outbox (signed, as the window queues
them while the database is away), then the window's own sync (push in order, then pull) with its progress in
the status bar, while the same 5 ms timer measures the UI thread.

Builds a demo database (SQLite, temp dir) with N extra letters waiting for the governor's signature, opens
the real main window offscreen as `gubernur`, starts the batch signature with progress, and meanwhile a
QTimer on the UI thread ticks every 5 ms: a stall is the gap between ticks beyond 5 ms. Baseline in the same
run: the same timer with the window idle for as long as the batch took.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TICK_MS = 5


def build(db: Path, home: Path, letters: int, until_kind: str | None = "sign", nota: bool = False) -> list[str]:
    """*letters* letters for the governor's TTE (*until_kind*), or (None, *nota*) nota dinas at the Kasi's paraf."""
    from eoffice.domain import DocKind
    from eoffice.services import demo
    from eoffice.services.demo_letters import BODY_RAPAT, Demo
    from eoffice.store.db import make_engine
    from eoffice.store.uow import run_in_transaction

    engine = make_engine(f"sqlite:///{db}")
    demo.build(engine, home)
    d = Demo(lambda use_case: run_in_transaction(engine, use_case), home)
    ids = []
    for n in range(letters):
        kind, to = (DocKind.NOTA_DINAS, ["KEPALA-DISKOMINFO"]) if nota else (DocKind.SURAT_EDARAN,
                                                                             ["Kepala Perangkat Daerah"])
        doc = d.draft("staf.kominfo", kind, f"Naskah uji {n + 1}", BODY_RAPAT, to)
        d.submit("staf.kominfo", doc)
        if until_kind is not None:
            d.advance(doc, until_kind=until_kind)
        ids.append(doc)
    engine.dispose()
    return ids


class Ticker:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self.last) * 1000 - TICK_MS
        self.gaps.append(gap)
        if gap > 40:
            self.long.append((round((self.last - self.started) * 1000), round(gap)))
        self.last = now

    def start(self) -> None:
        self.gaps.clear()
        self.long: list[tuple[int, int]] = []  # (ms after start, stall ms), to find where they come from
        self.last = self.started = time.perf_counter()
        self.timer.start()


def summary(gaps: list[float]) -> tuple[float, float, float]:
    ordered = sorted(max(g, 0.0) for g in gaps)
    return ordered[-1], ordered[int(len(ordered) * 0.99) - 1], statistics.median(ordered)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--letters", type=int, default=50)
    ap.add_argument("--push", type=int, default=0, help="measure the push of this many queued approvals instead")
    args = ap.parse_args()
    if args.push:
        return push_main(args.push)
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from eoffice.app.desktop import Desktop as Backend
    from eoffice.ui.mainwindow import MainWindow
    from eoffice.ui.tasks import TaskRunner

    with tempfile.TemporaryDirectory(prefix="bench_stall_") as tmp:
        tmpdir = Path(tmp)
        t0 = time.perf_counter()
        ids = build(tmpdir / "e.db", tmpdir / "home", args.letters)
        print(f"prepared {len(ids)} letters for the governor in {time.perf_counter() - t0:.1f} s")
        app = QApplication(sys.argv[:1])
        backend = Backend(f"sqlite:///{tmpdir / 'e.db'}", tmpdir / "home")
        runner = TaskRunner(app)
        actor = backend.login("gubernur", "demo")
        window = MainWindow(backend, actor, runner, QSettings(str(tmpdir / "s.ini"), QSettings.Format.IniFormat))
        with_counts = QEventLoop()
        window.counts_loaded.connect(with_counts.quit)
        window.show()
        backend.warm_up()  # as the app does after showing the window
        with_counts.exec()  # the window painted with its first list and counts: the batch starts from there
        settle = QEventLoop()
        QTimer.singleShot(300, settle.quit)
        settle.exec()
        ticker = Ticker()
        loop = QEventLoop()
        done: dict[str, Any] = {}

        def finished(action: str, result: object) -> None:
            if action in ("sign", "sign_failed"):
                done["result"], done["t"] = result, time.perf_counter()
                loop.quit()

        window.action_done.connect(finished)
        ticker.start()
        start = time.perf_counter()
        window.decisions._sign_with(ids, "demo")  # what "Tanda Tangani Terpilih" runs after the passphrase dialog
        loop.exec()
        busy = summary(ticker.gaps)
        long_stalls = list(ticker.long)
        batch_s = done["t"] - start
        signed = sum(1 for r in done["result"] if r[1]) if isinstance(done["result"], list) else 0
        ticker.start()
        QTimer.singleShot(int(batch_s * 1000), loop.quit)
        loop.exec()
        idle = summary(ticker.gaps)
        runner.wait()
        backend.close()
    print(f"{'':34} {'longest ms':>10} {'p99 ms':>8} {'median ms':>9}")
    print(f"{'idle window (baseline)':34} {idle[0]:>10.1f} {idle[1]:>8.1f} {idle[2]:>9.1f}")
    print(f"{f'batch-signing {signed} letters':34} {busy[0]:>10.1f} {busy[1]:>8.1f} {busy[2]:>9.1f}")
    print(f"stalls over 40 ms (at ms after start, ms): {long_stalls}")
    print(f"batch took {batch_s:.1f} s ({batch_s / max(signed, 1) * 1000:.0f} ms/letter); target: longest stall < 100 ms")
    return 0 if signed == len(ids) else 1


def push_main(n: int) -> int:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    import eoffice.ui.mainwindow as mainwindow
    from eoffice.app import commands as c
    from eoffice.app.desktop import Desktop as Backend
    from eoffice.app.offline import enqueue
    from eoffice.sync import outbox
    from eoffice.ui.tasks import TaskRunner

    mainwindow.SYNC_DELAY_MS = 3_600_000  # the bench starts the sync itself
    with tempfile.TemporaryDirectory(prefix="bench_stall_push_") as tmp:
        tmpdir = Path(tmp)
        t0 = time.perf_counter()
        ids = build(tmpdir / "e.db", tmpdir / "home", n, until_kind=None, nota=True)  # at the Kasi's paraf
        app = QApplication(sys.argv[:1])
        backend = Backend(f"sqlite:///{tmpdir / 'e.db'}", tmpdir / "home")
        runner = TaskRunner(app)
        actor = backend.login("kasi1.kominfo", "demo")
        backend.sync(actor)  # his cache, as after working online
        identity = backend.identity(actor.login, "demo")
        assert backend.cache is not None and identity is not None
        for doc in ids:  # what the window queues when the database does not answer
            enqueue(backend.cache, c.Decide(document_id=doc, decision="approve"), actor, identity)
        backend.unlocked[actor.login] = identity
        print(f"prepared {n} queued approvals in {time.perf_counter() - t0:.1f} s")
        window = mainwindow.MainWindow(backend, actor, runner,
                                       QSettings(str(tmpdir / "s.ini"), QSettings.Format.IniFormat))
        with_counts = QEventLoop()
        window.counts_loaded.connect(with_counts.quit)
        window.show()
        backend.warm_up()
        with_counts.exec()
        settle = QEventLoop()
        QTimer.singleShot(300, settle.quit)
        settle.exec()
        labels: list[str] = []
        ticker, loop = Ticker(), QEventLoop()
        window.synced.connect(loop.quit)
        original = window.connection._pushing

        def pushing(done: int, total: int, text: str) -> None:
            original(done, total, text)
            labels.append(window.sync_label.text())

        window.connection._pushing = pushing  # type: ignore[method-assign]
        ticker.start()
        start = time.perf_counter()
        window.sync_now()  # what the heartbeat runs when the database answers again
        loop.exec()
        took = time.perf_counter() - start
        busy, long_stalls = summary(ticker.gaps), list(ticker.long)
        ticker.start()
        QTimer.singleShot(int(took * 1000), loop.quit)
        loop.exec()
        idle = summary(ticker.gaps)
        applied = sum(1 for e in outbox.entries(backend.cache, actor.login) if e.status == outbox.APPLIED)
        others = {(e.status, e.last_error) for e in outbox.entries(backend.cache, actor.login)} - {(outbox.APPLIED, "")}
        if others:
            print(f"not applied: {sorted(others)[:3]}")
        runner.wait()
        backend.close()
    print(f"{'':34} {'longest ms':>10} {'p99 ms':>8} {'median ms':>9}")
    print(f"{'idle window (baseline)':34} {idle[0]:>10.1f} {idle[1]:>8.1f} {idle[2]:>9.1f}")
    print(f"{f'pushing {applied} approvals, then pull':34} {busy[0]:>10.1f} {busy[1]:>8.1f} {busy[2]:>9.1f}")
    print(f"stalls over 40 ms (at ms after start, ms): {long_stalls}")
    print(f"status bar: {labels[:1]} ... {labels[-1:]} ({len(labels)} updates)")
    print(f"sync took {took:.1f} s ({took / max(applied, 1) * 1000:.0f} ms/command); target: longest stall < 100 ms")
    return 0 if applied == n else 1


if __name__ == "__main__":
    sys.exit(main())
