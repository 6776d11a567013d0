"""Run the real `eoffice` command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run(*args: str, db: str | None, home: Path, user: str | None = None, password: str | None = None,
        env: dict[str, str] | None = None, input_text: str | None = None, timeout: float = 120,
        program: list[str] | None = None) -> Result:
    """*program*: what to run instead of `python -m eoffice` (the installed, frozen program)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("EOFFICE_")}
    full_env["EOFFICE_HOME"] = str(home)
    full_env["EOFFICE_TEST_PG"] = os.environ.get("EOFFICE_TEST_PG", "")
    if password is not None:
        full_env["EOFFICE_PASSWORD"] = password
    full_env.update(env or {})
    cmd = [*(program or [sys.executable, "-m", "eoffice"]), *args]
    if db is not None:
        url = make_url(db) if "://" in db else None
        if url is not None and url.password is not None:  # as the admin guide says: never in the arguments
            full_env.setdefault("PGPASSWORD", str(url.password))
            db = url.set(password=None).render_as_string(hide_password=False)
        cmd += ["--db", db]
    if user is not None:
        cmd += ["--user", user]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=full_env, input=input_text, timeout=timeout,
                          check=False)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def assert_one_line_error(result: Result, code: int, fragment: str = "") -> None:
    assert result.code == code, (result.code, result.out, result.err)
    assert "Traceback" not in result.err
    lines = [ln for ln in result.err.splitlines() if ln.strip()]
    assert len(lines) == 1, result.err
    assert fragment in lines[0], lines[0]
