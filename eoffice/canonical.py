"""Canonical JSON (the bytes that get signed and hashed) and the audit chain link. One definition each,
used to write and to verify."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

from eoffice.domain import BadInput


def _normalise(value: Any) -> Any:
    # Floats are refused: their text form is not canonical across languages and would break signatures.
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        raise BadInput("Payload kanonik tidak boleh berisi bilangan pecahan (float).")
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise BadInput("Waktu dalam payload harus memiliki zona waktu.")
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise BadInput(f"Kunci payload harus teks, bukan {type(k).__name__}.")
            out[k] = _normalise(v)
        return out
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    raise BadInput(f"Nilai payload tidak didukung: {type(value).__name__}.")


def canonical_json(obj: Mapping[str, Any]) -> bytes:
    return json.dumps(
        _normalise(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


GENESIS_HASH = "0" * 64
_LINK_KEYS = ("hash", "prev_hash")


def chain_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    """SHA-256 over the previous hash + the canonical event (its own link fields excluded): editing,
    dropping or reordering any event breaks every later link."""
    body = {k: v for k, v in event.items() if k not in _LINK_KEYS}
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(body)).hexdigest()
