"""What the CLI lets in and out: checked arguments and environment, a terminal-safe stdout, logging to the
profile's log file (never to the terminal: a library's traceback is not a message)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from eoffice.validate import check_args, check_environment, printable

_UNSAFE_IN_JSON = {ch: f"\\u{ch:04x}" for ch in [*range(0x7f, 0xa0), 0x2028, 0x2029, 0x061c, 0x200e, 0x200f,
                                                  *range(0x202a, 0x202f), *range(0x2066, 0x206a)]}


class SafeStream:
    """A text stream whose every write passes through :func:`printable` (the one function every printer
    uses): whatever a letter holds, only text and newlines reach the terminal."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        return self._inner.write(printable(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def check_invocation(args: Sequence[str]) -> None:
    """Raises BadInput for undecodable or control-character arguments and EOFFICE_* variables."""
    check_args(args)
    check_environment(os.environ)


@contextlib.contextmanager
def safe_stdout() -> Iterator[None]:
    """stdout and stderr (a verb's warnings quote letters too) through :func:`printable`."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def dumps_json(payload: Any) -> str:
    """JSON for output: readable (not ASCII-escaped), but C1 controls, bidi overrides and lone surrogates as
    \\u escapes so the text is both valid JSON and harmless on a terminal."""
    text = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
    return "".join(_UNSAFE_IN_JSON.get(ord(ch)) or (f"\\u{ord(ch):04x}" if 0xd800 <= ord(ch) < 0xe000 else ch)
                   for ch in text) if not text.isascii() or "\x7f" in text else text  # DEL is ASCII too


def log_to_file(home: Path) -> None:
    """Library warnings (pyHanko logs a traceback for an untrusted signer) go to HOME/logs/eoffice.log."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_eoffice", False)]:
        root.removeHandler(old)
        old.close()
    handler: logging.Handler = _QuietFileHandler(home / "logs" / "eoffice.log")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._eoffice = True  # type: ignore[attr-defined]
    root.addHandler(handler)


class _QuietFileHandler(logging.FileHandler):
    """Opened at the first record; an unwritable log is lost quietly rather than printed to the terminal."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        pass
