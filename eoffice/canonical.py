"""Canonical JSON and the audit hash chain link: one definition, used to write and to verify."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"not canonicalisable: {type(value).__name__}")


def canonical_json(obj: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the same object always gives the same bytes."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default).encode()


def chain_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    """H(previous hash, canonical event): editing, dropping or reordering any event breaks every later link."""
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical_json(dict(event))).hexdigest()
