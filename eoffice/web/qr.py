"""What a scanned QR code (or a typed reference) names: a letter id. Pure parsing, no I/O."""

from __future__ import annotations

import re
import uuid
from urllib.parse import parse_qs, urlsplit

_ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def valid_id(text: str) -> str | None:
    try:
        return str(uuid.UUID(text)) if _ID.fullmatch(text) else None
    except ValueError:
        return None


def letter_ref(text: str) -> str | None:
    """The letter id in ``https://host/v/<id>``, ``...?doc=<id>&h=<sha>`` (older QR codes),
    ``EOFFICE:<id>:<sha256>`` (QR codes made without a verification URL) or a bare id; None otherwise."""
    text = text.strip()
    if text.upper().startswith("EOFFICE:"):
        pieces = text.split(":")
        return valid_id(pieces[1]) if len(pieces) == 3 else None
    if text.startswith(("https://", "http://")):
        parts = urlsplit(text)
        doc = parse_qs(parts.query).get("doc")
        if doc:
            return valid_id(doc[0])
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) >= 2 and segments[-2] == "v":
            return valid_id(segments[-1])
        return None
    return valid_id(text)
