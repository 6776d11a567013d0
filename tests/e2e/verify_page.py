"""Run `eoffice serve-verify` (real uvicorn) in a subprocess for tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_verify(db_url: str, home: Path, trust: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    port = free_port()
    full = {k: v for k, v in os.environ.items() if not k.startswith("EOFFICE_")} | {"EOFFICE_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, "-m", "eoffice", "serve-verify", "--host", "127.0.0.1", "--port",
                             str(port), "--trust", str(trust), "--db", db_url], env=full | (env or {}),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).text == "ok":
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out, err = proc.communicate(timeout=5)
                raise RuntimeError(f"serve-verify did not start: {err.decode()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
