"""A fault-injecting TCP proxy on loopback between a client and PostgreSQL, started by the tests: it can cut the
network (every connection closed, new ones refused), delay every chunk, or drop one connection at the moment
the client sends COMMIT ("before": the server never sees it, so it rolls back) or right after the server has
committed ("after": the server's CommandComplete for COMMIT is swallowed, so the client never hears back)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Literal

from sqlalchemy.engine import make_url

COMMIT_SENT = b"COMMIT\x00"  # the statement, as a simple Query or a Parse carries it
COMMIT_DONE = b"COMMIT\x00"  # the server's CommandComplete tag


class FaultProxy:
    def __init__(self, target_url: str) -> None:
        url = make_url(target_url)
        self.target = (url.host or "127.0.0.1", int(url.port or 5432))
        self._url = url
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.delay = 0.0
        self._cut = False
        self._drop: Literal["before", "after"] | None = None
        self.dropped = threading.Event()
        self._hold: threading.Event | None = None
        self.held = threading.Event()  # a COMMIT is being held back (hold_commit)
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._stop = False
        threading.Thread(target=self._accept, name="faultproxy", daemon=True).start()

    def url(self) -> str:
        """The database URL through this proxy, without TLS: the proxy finds COMMIT in the plain stream (the
        test server also takes TLS; tests/e2e/test_cli_tls.py covers that path)."""
        url = self._url.set(host="127.0.0.1", port=self.port).update_query_dict({"sslmode": "disable"})
        return url.render_as_string(hide_password=False)

    # --- faults ----------------------------------------------------------------------------------

    def cut(self) -> None:
        self._cut = True
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for a, b in pairs:
            _close(a, b)

    def restore(self) -> None:
        self._cut = False

    def drop_at_commit(self, when: Literal["before", "after"]) -> None:
        """The next connection to send COMMIT is dropped, *when* before or after the server commits."""
        self.dropped.clear()
        self._drop = when

    def hold_commit(self) -> threading.Event:
        """The next COMMIT sent is held back, what precedes it forwarded (so the server runs it, the seal
        included, and waits): the transaction commits late, once the returned event is set."""
        self.held.clear()
        self._hold = threading.Event()
        return self._hold

    def close(self) -> None:
        self._stop = True
        self.cut()
        self.listener.close()

    # --- plumbing --------------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self._cut:
                client.close()
                continue
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._pairs.append((client, server))
            state = {"swallow": False}
            threading.Thread(target=self._pump, args=(client, server, True, state), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False, state), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, upstream: bool, state: dict[str, bool]) -> None:
        seen = b""
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                break
            if not data:
                break
            if self.delay:
                time.sleep(self.delay)
            if upstream and self._hold is not None and _commit_at(data) >= 0:
                data = self._held_back(data, dst)
            if upstream and self._drop is not None and _commit_at(data) >= 0:
                if self._drop == "before":
                    self._drop = None
                    self.dropped.set()
                    break
                self._drop = None
                state["swallow"] = True  # forward it; drop the answer once the server has committed
            if not upstream and state["swallow"]:
                seen = (seen + data)[-4096:]
                if COMMIT_DONE in seen:
                    self.dropped.set()
                    break
                continue
            try:
                dst.sendall(data)
            except OSError:
                break
        _close(src, dst)


    def _held_back(self, data: bytes, dst: socket.socket) -> bytes:
        """Forward *data* up to the message carrying COMMIT (Parse 'P', unnamed, or a simple Query 'Q'), wait
        for the release, and return the rest."""
        release, self._hold = self._hold, None
        assert release is not None
        start = _commit_at(data)
        with contextlib.suppress(OSError):
            dst.sendall(data[:start])
        self.held.set()
        release.wait(60)
        return data[start:]


def _commit_at(data: bytes) -> int:
    """Where the message sending COMMIT starts in *data* (a simple Query 'Q', or a Parse 'P' of the unnamed
    statement), or -1: the word inside another statement (BEGIN ISOLATION LEVEL READ COMMITTED) is not one."""
    at = data.find(COMMIT_SENT)
    while at >= 0:
        if at >= 5 and data[at - 5] == ord("Q"):
            return at - 5
        if at >= 6 and data[at - 6] == ord("P") and data[at - 1] == 0:
            return at - 6
        at = data.find(COMMIT_SENT, at + 1)
    return -1


def _close(*socks: socket.socket) -> None:
    for s in socks:
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            s.close()
