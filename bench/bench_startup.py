"""Desktop app start-up: process start -> inbox shown and usable, with 10,000 documents in the embedded database.

Next to it, in the same run: a bare PySide6 QMainWindow start (process start -> window shown), the floor any
Qt app pays. Each measurement is a fresh child process (cold Python imports each time; the OS file cache is
warm after the first run), offscreen platform.

    PYTHONPATH=. .venv/bin/python bench/bench_startup.py [--docs 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

APP_CHILD = r"""
import json, os, sys, time
t0 = float(os.environ["BENCH_T0"])
pause = float(os.environ["BENCH_PAUSE"])
from PySide6.QtCore import QTimer
from eoffice.ui.app import run_app
marks = {}

def started(session):
    app = __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication.instance()
    dlg = session.login

    def shown():
        marks["dialog"] = time.time() - t0
        QTimer.singleShot(int(pause * 1000), enter)

    def enter():  # the person has typed the password and presses Enter
        dlg.user.setText(os.environ["BENCH_USER"])
        dlg.password.setText("demo")
        marks["enter"] = time.time() - t0
        marks["ready"] = session.backend is not None
        dlg.try_login()

    def opened(_actor):
        w = session.window
        pending = {"list", "counts"}

        def seen(what):
            pending.discard(what)
            if not pending:
                marks["inbox"] = time.time() - t0
                w.list_loaded.disconnect()
                w.list_loaded.connect(lambda _k: (marks.__setitem__("drafts", time.time() - t0),
                                                  marks.__setitem__("draft_rows", w.proxy.rowCount()), app.quit()))
                w.select_view("drafts")
        marks["window"] = time.time() - t0
        w.list_loaded.connect(lambda _k: seen("list"))
        w.counts_loaded.connect(lambda: seen("counts"))

    dlg.logged_in.connect(opened)
    QTimer.singleShot(0, shown)

run_app([], started=started)
print(json.dumps(marks))
"""

BARE_CHILD = r"""
import json, os, time
t0 = float(os.environ["BENCH_T0"])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
w = QMainWindow()
w.setCentralWidget(QLabel("eoffice"))
w.resize(1400, 860)
w.show()
marks = {}
def shown():
    marks["shown"] = time.time() - t0
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
print(json.dumps(marks))
"""


def build(root: Path, docs: int) -> tuple[str, Path]:
    env = {**os.environ, "PYTHONPATH": "."}
    db, home = f"sqlite:///{root / 'e.db'}", root / "home"
    for verb in ("init", "demo"):
        subprocess.run([sys.executable, "-m", "eoffice", "--db", db, "--home", str(home), verb], check=True,
                       env=env, stdout=subprocess.DEVNULL)
    con = sqlite3.connect(root / "e.db")
    src = con.execute("SELECT d.id FROM documents d JOIN users u ON u.id = d.created_by "
                      "WHERE d.status = 'draft' AND u.login = 'staf.kominfo' LIMIT 1").fetchone()[0]
    cols = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in
            ("documents", "document_versions", "recipients")}

    def clone(table: str, key: str, new_id: str) -> None:
        names = [c for c in cols[table] if c != "id" or table == "documents"]
        values = [("?" if c == key else c) for c in names]
        con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} FROM {table} "
                    f"WHERE {key} = ?", (new_id, src))

    with con:
        for n in range(docs):
            new_id = str(uuid.uuid4())
            clone("documents", "id", new_id)
            con.execute("UPDATE documents SET subject = ? WHERE id = ?", (f"Naskah uji beban nomor {n + 1}", new_id))
            clone("document_versions", "document_id", new_id)
            clone("recipients", "document_id", new_id)
    total = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    print(f"database: {total} documents", file=sys.stderr)
    return db, home


def child(code: str, env: dict[str, str]) -> dict[str, float]:
    env = {**env, "BENCH_T0": repr(time.time())}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--user", default="staf.kominfo")
    ap.add_argument("--pause", type=float, default=1.0, help="seconds the person takes to type the password")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db, home = build(root, a.docs)
        # As installed (pip and PyInstaller ship compiled bytecode): the warm-up run below writes the .pyc files
        # that this environment's PYTHONDONTWRITEBYTECODE would otherwise forbid, so every run compiled our
        # modules from source while the bare window imports none.
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env = {**base, "PYTHONPATH": ".", "QT_QPA_PLATFORM": "offscreen", "EOFFICE_DB": db,
               "EOFFICE_HOME": str(home), "BENCH_USER": a.user, "XDG_CONFIG_HOME": str(root / "config"),
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        child(APP_CHILD, {**env, "BENCH_PAUSE": "0"})  # warm the OS file cache once
        typed, straight, bare_runs = [], [], []
        for _ in range(a.runs):
            typed.append(child(APP_CHILD, {**env, "BENCH_PAUSE": str(a.pause)}))
            straight.append(child(APP_CHILD, {**env, "BENCH_PAUSE": "0"}))
            bare_runs.append(child(BARE_CHILD, env))

    def med(runs: list[dict[str, float]], fn: Callable[[dict[str, float]], float]) -> float:
        return statistics.median(fn(r) for r in runs) * 1000

    bare = med(bare_runs, lambda r: r["shown"])
    waited = med(typed, lambda r: r["dialog"] + r["inbox"] - r["enter"])
    print(f"| measure ({a.docs} documents, median of {a.runs}) | ms |")
    print("|---|---|")
    print(f"| bare PySide6 QMainWindow shown | {bare:.0f} |")
    print(f"| eoffice: login dialog shown | {med(typed, lambda r: r['dialog']):.0f} |")
    print(f"| eoffice: Enter pressed -> inbox list + counts loaded (after a {a.pause:g} s typing pause) | "
          f"{med(typed, lambda r: r['inbox'] - r['enter']):.0f} |")
    print(f"| **eoffice: time the person waits** (dialog shown + Enter -> inbox) | **{waited:.0f}** "
          f"(ratio {waited / bare:.2f}) |")
    print(f"| eoffice straight through, no typing pause: process start -> inbox + counts | "
          f"{med(straight, lambda r: r['inbox']):.0f} (ratio {med(straight, lambda r: r['inbox']) / bare:.2f}) |")
    print(f"| eoffice: then Draf list ({typed[-1]['draft_rows']:.0f} rows shown) | "
          f"{med(typed, lambda r: r['drafts'] - r['enter'] + r['dialog']):.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
