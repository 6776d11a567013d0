"""`eoffice serve-verify`: the page under uvicorn. The database URL should name a LOGIN role that is a
member of ``eoffice_web`` (docs/admin-guide.md); the page switches to that role on every connection."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from eoffice.domain import BadInput
from eoffice.signing.pinned import pinned_roots
from eoffice.web.app import Limits, create_app
from eoffice.web.sandbox import warm_up
from eoffice.web.store import PublicLetters


def serve(db_url: str, *, host: str, port: int, trust: list[Path], home: Path) -> int:
    import uvicorn

    roots = pinned_roots(home, trust)
    if not roots:
        raise BadInput(f"Tidak ada akar tepercaya: berikan --trust ROOT.pem atau simpan di {home / 'trust'}")
    pem = b"".join(r.public_bytes(serialization.Encoding.PEM) for r in roots)
    try:
        limits = Limits(pages=os.environ.get("EOFFICE_WEB_RATE_PAGES", "120/minute"),
                        uploads=os.environ.get("EOFFICE_WEB_RATE_UPLOADS", "10/minute"),
                        max_upload_mb=float(os.environ.get("EOFFICE_WEB_MAX_UPLOAD_MB", "20")))
    except ValueError as exc:
        raise BadInput(f"Batas halaman verifikasi tidak valid: {exc}") from exc
    app = create_app(PublicLetters(db_url), pem, limits)
    warm_up()
    forwarded = os.environ.get("EOFFICE_WEB_PROXIES", "127.0.0.1")
    uvicorn.run(app, host=host, port=port, proxy_headers=True, forwarded_allow_ips=forwarded,
                log_level="warning", access_log=False, server_header=False, timeout_keep_alive=5,
                limit_concurrency=200)
    return 0
