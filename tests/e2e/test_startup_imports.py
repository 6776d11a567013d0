"""The first screen after Enter loads no more than it shows: neither Alembic (the local cache is already at the
schema's head) nor the signing stack (the outbox overlay only reads). Each costs 100-150 ms of imports at the
moment the person waits (bench/bench_startup.py); the signing stack is loaded after the inbox is shown
(Session.warm_up)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, sys
from eoffice.app.desktop import Desktop
from eoffice.app.profile import open_session
from eoffice.ui.views import first_screen
backend = open_session(Desktop, sys.argv[1], None)
actor, screen = backend.login_and_load("staf.kominfo", "demo", lambda a: first_screen(backend, a))
if sys.argv[2] == "sync":
    backend.sync(actor)
print(json.dumps({"cache": backend.cache is not None, "screen": screen is not None,
                  "loaded": sorted(m for m in ("alembic", "cryptography.x509", "pyhanko") if m in sys.modules)}))
"""


def _child(url: str, home: Path, what: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EOFFICE_")}
    env.update(EOFFICE_HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    out = subprocess.run([sys.executable, "-c", CHILD, url, what], capture_output=True, text=True, env=env,
                         check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_first_screen_imports_neither_alembic_nor_the_signing_stack(demo_url: str, home: Path) -> None:
    first = _child(demo_url, home, "sync")  # the first login on this machine makes the local cache
    assert first["screen"] is True
    again = _child(demo_url, home, "login")
    assert again == {"cache": True, "screen": True, "loaded": []}
