"""The profile (HOME: keys, cache, CA, trust roots, checkpoints, logs) is private to its user: directories
0700, files 0600, whatever the umask. Every writer of a profile path goes through these."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def private_dir(path: Path) -> Path:
    """*path* and its parents up to the profile made as needed; *path* (and any it created) left 0700.
    A directory shared by everyone (sticky, like /tmp) is never made private: a file written straight into
    it is still 0600, and a 0700 /tmp locks every other user (a database server's sockets) out of it."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    for p in {path, *missing}:
        if p in missing or not p.stat().st_mode & stat.S_ISVTX:
            p.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Create *path* empty with mode 0600 if it does not exist (before another library opens it), else set it."""
    private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    path.chmod(0o600)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write *data* to *path* atomically, mode 0600 from the first byte."""
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return path
