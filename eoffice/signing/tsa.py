"""The office's RFC 3161 timestamp service: EOFFICE_TSA (a URL), or none (signatures stay B-B until `eoffice
ltv` adds a document timestamp). Read by the CLI's --tsa defaults and the desktop app alike."""

from __future__ import annotations

import os


def tsa_url() -> str | None:
    return os.environ.get("EOFFICE_TSA", "").strip() or None
