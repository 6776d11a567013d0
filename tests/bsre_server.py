"""A stand-in for BSrE's esign client service (API v2) on loopback, for tests: real HTTP, basic auth, a test
"BSrE" CA chain (root + intermediate, a signer certificate per NIK), PAdES B-T signatures made with pyHanko
and timestamped by a test TSA under the same chain, and the error answers integrators see: 401 JSON, 2011
(not registered), 2021 (no certificate), wrong passphrase, an expired certificate, a non-JSON 500 and a slow
answer (``delay``) for the time-out case. Nothing leaves the machine."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from eoffice.signing.ca import CaBundle, init_ca, issue_user_cert
from eoffice.signing.keys import generate_key
from eoffice.signing.keystore import Identity
from eoffice.signing.pades import make_signer
from eoffice.signing.verify import verify_pdf
from tests.tsa_server import dummy_tsa

USER, PASSWORD = "esign-client", "rahasia-klien"


@dataclass
class Account:
    passphrase: str
    identity: Identity | None  # None: registered, no certificate
    expired: bool = False


@dataclass
class BsreStandIn:
    url: str
    ca: CaBundle
    accounts: dict[str, Account]
    delay: float = 0.0  # seconds before answering a sign request (time-out tests)
    fail_500: bool = False  # answer every request with a non-JSON 500
    sign_requests: int = 0
    status_requests: int = 0
    received: list[bytes] = field(default_factory=list)  # the PDFs it was asked to sign
    properties: list[dict[str, Any]] = field(default_factory=list)  # their signatureProperties
    sign_seconds: list[float] = field(default_factory=list)  # the service's own signing time per request

    def root_pem(self, path: Path) -> Path:
        path.write_bytes(self.ca.root_cert.public_bytes(serialization.Encoding.PEM))
        return path

    def add_signer(self, nik: str, passphrase: str, name: str = "Penanda Tangan Uji", *,
                   expired: bool = False) -> None:
        key = generate_key()
        cert = issue_user_cert(self.ca, key.public_key(), name=name, nip=nik, title="ASN", unit="Pemprov Kaltim")
        self.accounts[nik] = Account(passphrase, Identity(key, cert, list(self.ca.chain)), expired)


def bsre_ca() -> CaBundle:
    return init_ca("Balai Besar Sertifikasi Elektronik", key_type="rsa-2048")


def _sign(pdf: bytes, account: Account, props: dict[str, Any], stamper: Any, n: int) -> bytes:
    assert account.identity is not None
    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    name = f"BSrE-{n}-{dt.datetime.now(dt.UTC):%H%M%S%f}"
    visible = props.get("tampilan") == "VISIBLE"
    box = None
    if visible:
        x, y = int(props.get("originX", 0)), int(props.get("originY", 0))
        box = (x, y, x + int(props.get("width", 100)), y + int(props.get("height", 50)))
    spec = fields.SigFieldSpec(sig_field_name=name, on_page=max(int(props.get("page", 1)) - 1, 0), box=box)
    meta = signers.PdfSignatureMetadata(field_name=name, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES, reason=props.get("reason"),
                                        location=props.get("location"))
    style = None
    if visible and props.get("imageBase64"):  # VISIBLE: the integrator's image is the appearance
        from PIL import Image
        from pyhanko.pdf_utils.images import PdfImage
        from pyhanko.stamp import TextStampStyle

        image = Image.open(io.BytesIO(base64.b64decode(props["imageBase64"], validate=True)))
        style = TextStampStyle(stamp_text=" ", background=PdfImage(image), background_opacity=1, border_width=0)
    out = signers.PdfSigner(meta, make_signer(account.identity), timestamper=stamper, stamp_style=style,
                            new_field_spec=spec).sign_pdf(w)
    return bytes(out.getvalue())


@contextmanager
def serve_bsre(ca: CaBundle | None = None) -> Iterator[BsreStandIn]:
    ca = ca or bsre_ca()
    stamper = dummy_tsa(ca)
    lock = threading.Lock()
    state = BsreStandIn("", ca, {})

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, body: Any, ctype: str = "application/json") -> None:
            data = json.dumps(body).encode() if ctype == "application/json" else str(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (time-out test)

        def _error(self, code: int, message: str, status: int = 400) -> None:
            self._send(status, {"status_code": code, "error": message, "status": False})

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                self._send(401, {"timestamp": dt.datetime.now(dt.UTC).isoformat(), "status": 401,
                                 "error": "Unauthorized", "path": self.path})
                return
            if state.fail_500:
                self._send(500, "<html><body>Internal Server Error</body></html>", "text/html")
                return
            try:
                body = json.loads(raw)
            except ValueError:
                self._send(500, "Internal Server Error", "text/plain")
                return
            if self.path == "/api/v2/user/check/status":
                self._status(str(body.get("nik", "")))
            elif self.path == "/api/v2/sign/pdf":
                self._sign(body)
            elif self.path == "/api/v2/verify/pdf":
                self._verify(body)
            else:
                self._send(404, {"status": 404, "error": "Not Found", "path": self.path})

        def _status(self, nik: str) -> None:
            with lock:
                state.status_requests += 1
            acc = state.accounts.get(nik)
            if acc is None:
                self._send(200, {"status_code": 2011, "message": "User tidak terdaftar", "status": "NOT_REGISTERED"})
            elif acc.identity is None:
                self._send(200, {"status_code": 2021, "message": "User belum memiliki sertifikat",
                                 "status": "NO_CERTIFICATE"})
            else:
                self._send(200, {"status_code": 1111, "message": "Sertifikat aktif", "status": "ISSUE"})

        def _sign(self, body: dict[str, Any]) -> None:
            with lock:
                state.sign_requests += 1
                n = state.sign_requests
            acc = state.accounts.get(str(body.get("nik", "")))
            if acc is None:
                self._error(2011, "User tidak terdaftar")
                return
            if acc.identity is None:
                self._error(2021, "User belum memiliki sertifikat")
                return
            if body.get("passphrase") != acc.passphrase:
                self._error(2031, "Passphrase anda salah")
                return
            if acc.expired:
                self._error(2051, "Sertifikat sudah expired")
                return
            files = body.get("file") or []
            try:
                pdf = base64.b64decode(files[0], validate=True)
                if not pdf.startswith(b"%PDF-"):
                    raise ValueError("not a PDF")
                props = (body.get("signatureProperties") or [{}])[0]
                with lock:  # the dummy TSA is not thread-safe
                    t0 = time.perf_counter()
                    signed = _sign(pdf, acc, props, stamper, n)
                    state.sign_seconds.append(time.perf_counter() - t0)
            except (binascii.Error, ValueError, IndexError, TypeError, KeyError, OSError):
                self._send(500, "<html><body>Whitelabel Error Page</body></html>", "text/html")
                return
            state.received.append(pdf)
            state.properties.append(props)
            if state.delay:
                threading.Event().wait(state.delay)
            self._send(200, {"time": 900, "file": [base64.b64encode(signed).decode()]})

        def _verify(self, body: dict[str, Any]) -> None:
            try:
                pdf = base64.b64decode(body.get("file") or "", validate=True)
                report = verify_pdf(pdf, trust_roots=[ca.root_cert])
            except Exception:
                self._send(500, "Internal Server Error", "text/plain")
                return
            self._send(200, {"signatureCount": len(report.signatures),
                             "conclusion": "VALID" if report.ok else ("NO_SIGNATURE" if not report.signatures
                                                                       else "INVALID"),
                             "description": "; ".join(report.problems),
                             "signatureInformations": [{"signerName": s.signer_name, "signatureFormat": "PAdES",
                                                        "intact": s.intact, "trusted": s.trusted}
                                                       for s in report.signatures]})

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def cert_of(state: BsreStandIn, nik: str) -> x509.Certificate:
    identity = state.accounts[nik].identity
    assert identity is not None and identity.cert is not None
    return identity.cert
