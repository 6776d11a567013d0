"""The real `eoffice` process (no arguments = the desktop app) against an unreachable PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_app_against_unreachable_postgres_shows_why(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ".",
           "EOFFICE_DB": "postgresql://eoffice:rahasia@127.0.0.1:1/eoffice", "EOFFICE_HOME": str(tmp_path / "home"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "EOFFICE_SCREENSHOTS": str(tmp_path / "shots"),
           "EOFFICE_SCREENSHOTS_ALL": "1", "EOFFICE_SCREENSHOT_USER": "gubernur"}
    out = subprocess.run([sys.executable, "-m", "eoffice"], env=env, capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 3, out.stderr  # the tour stops at the refused login; no crash, no traceback
    assert "Traceback" not in out.stderr
    assert "tidak dapat dihubungi" in out.stderr
    assert "rahasia" not in out.stderr  # the password is never shown
    assert (tmp_path / "shots" / "00-login.png").exists()
