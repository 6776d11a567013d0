"""A read verb costs its imports, one connection, the password check and its query, no more (issue 12): the
real `eoffice inbox --json` in a subprocess, with a probe that records, at exit, every module it loaded and
every connection its pools opened. A write verb's or the desktop's modules on this path fail here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.e2e.cli import run

# Run as `python -c PROBE inbox --json ...`: the same main() the console script calls.
PROBE = """
import atexit, json, os, sys
from sqlalchemy import event
from sqlalchemy.pool import Pool
opened = []
event.listen(Pool, "connect", lambda *_: opened.append(1))
def report():
    with open(os.environ["EOFFICE_PROBE_OUT"], "w", encoding="utf-8") as fh:
        json.dump({"modules": sorted(sys.modules), "connections": len(opened)}, fh)
atexit.register(report)
from eoffice.cli import main
sys.exit(main())
"""

# What a read must not load: the commands and their handlers, the outbox, the signature stack, documents'
# renderers, the desktop, YAML.
FORBIDDEN = ("eoffice.app.commands", "eoffice.app.bus", "eoffice.app.handlers", "eoffice.app.offline",
             "eoffice.services.signatures", "eoffice.services.audit", "eoffice.services.compose",
             "eoffice.signing.keystore", "eoffice.signing.payload", "eoffice.signing.trust", "eoffice.sync.outbox",
             "eoffice.documents.render", "eoffice.ui", "pyhanko", "reportlab", "pypdf", "PySide6", "keyring",
             "cryptography", "yaml")


def test_inbox_json_loads_only_what_a_read_needs(content_url: str, home: Path, tmp_path: Path) -> None:
    out = tmp_path / "probe.json"
    first = run("inbox", "--json", db=content_url, home=home, user="gubernur", password="demo")
    assert first.code == 0, first.err  # the profile's first connection pins the database's roots: done now
    r = run("inbox", "--json", db=content_url, home=home, user="gubernur", password="demo",
            env={"EOFFICE_PROBE_OUT": str(out)}, program=[sys.executable, "-c", PROBE])
    assert r.code == 0, r.err
    assert r.json() == first.json() and r.json()  # the letters waiting for the governor, read as before
    probe = json.loads(out.read_text(encoding="utf-8"))
    loaded = [m for m in probe["modules"] if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert loaded == []
    assert probe["connections"] == 1  # reachability, schema, login (with its failure count), checkpoint, query
