"""Verifying an uploaded (possibly hostile) PDF in a child process with a wall-clock time-out and memory,
CPU and recursion limits: a PDF built to hang or exhaust the parser costs one killed child, not the page.
The children come from a fork server that has pyHanko imported already."""

from __future__ import annotations

import multiprocessing as mp
import resource
import sys
from multiprocessing.connection import Connection
from typing import Any

_CTX: Any = None
MEMORY_LIMIT = 1024 * 1024 * 1024


def _context() -> Any:
    global _CTX
    if _CTX is None:
        _CTX = mp.get_context("forkserver")
        _CTX.set_forkserver_preload(["eoffice.signing.verdict", "eoffice.signing.verify", "eoffice.signing.ltv"])
    return _CTX


def _child(conn: Connection, data: bytes, roots_pem: bytes, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    sys.setrecursionlimit(3000)
    from cryptography import x509

    from eoffice.domain import EofficeError
    from eoffice.signing.verdict import verdict

    try:
        roots = x509.load_pem_x509_certificates(roots_pem) if roots_pem else []
        conn.send({"verdict": verdict(data, roots)})
    except EofficeError as exc:
        conn.send({"error": str(exc).splitlines()[0]})
    except (RecursionError, MemoryError, ValueError, KeyError, TypeError, IndexError):
        conn.send({"error": "PDF rusak atau tidak dapat dibaca"})
    finally:
        conn.close()


def _noop() -> None:
    return None


def warm_up() -> None:
    """Start the fork server (it imports pyHanko once) before the first upload arrives."""
    proc = _context().Process(target=_noop, daemon=True)
    proc.start()
    proc.join(60)


def verify_sandboxed(data: bytes, roots_pem: bytes, *, timeout: float = 20.0) -> dict[str, Any]:
    """``{"verdict": ...}`` as `eoffice verify --json` gives it, or ``{"error": text}``/``{"timeout": True}``."""
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, data, roots_pem, int(timeout) + 1), daemon=True)
    proc.start()
    child.close()
    try:
        if parent.poll(timeout):
            try:
                result: dict[str, Any] = parent.recv()
                return result
            except EOFError:
                return {"error": "PDF rusak atau tidak dapat dibaca"}
        return {"timeout": True}
    finally:
        parent.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)
