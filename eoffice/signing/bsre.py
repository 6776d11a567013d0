"""Client of BSrE's esign client service, API v2 (as integrators observe it in production; see
docs/admin-guide.md): HTTP basic auth with the agency's client credentials, one PDF per request, answers
decoded by HTTP status and content type (some errors are HTML or plain text). A sign request is never
retried here: a time-out after the request went out is an unknown outcome (``SignOutcomeUnknown``).

The passphrase is a parameter of one call and is never logged, stored or put into an error message."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

import httpx

from eoffice.domain import BadInput, EofficeError, NotAuthorized, Refused, Unavailable

SIGN_PATH, STATUS_PATH, VERIFY_PATH = "/api/v2/sign/pdf", "/api/v2/user/check/status", "/api/v2/verify/pdf"
TRY_LATER = "coba lagi nanti"


class SignOutcomeUnknown(Unavailable):
    """The sign request was sent but no answer came: BSrE may or may not have signed."""


class NotRegistered(Refused):
    pass


class NoCertificate(Refused):
    pass


class WrongPassphrase(BadInput):
    pass


class ExpiredCertificate(Refused):
    pass


class ClientRejected(NotAuthorized):
    """HTTP 401: the agency's client credentials."""


# Errors about the signer's account, the passphrase, the client or the service, not about one letter: a batch
# stops at the first (sending the same wrong passphrase 50 times could lock the account at BSrE).
BATCH_ERRORS: tuple[type[EofficeError], ...] = (NotRegistered, NoCertificate, WrongPassphrase, ExpiredCertificate,
                                                ClientRejected, Unavailable)


@dataclass(frozen=True)
class Credentials:
    url: str
    user: str
    password: str = ""

    def __repr__(self) -> str:  # never the password, in tracebacks or logs
        return f"Credentials(url={self.url!r}, user={self.user!r})"


# Codes seen in answers; the message text is checked too, as error bodies vary between versions.
_CODES: dict[int, type[EofficeError]] = {2011: NotRegistered, 2021: NoCertificate, 2031: WrongPassphrase}


def _message(cls: type[EofficeError], nik: str) -> str:
    if cls is NotRegistered:
        return f"NIK {nik} belum terdaftar di BSrE: daftarkan akun TTE pengguna ini terlebih dahulu"
    if cls is NoCertificate:
        return f"NIK {nik} belum memiliki sertifikat elektronik BSrE yang aktif: ajukan penerbitan sertifikat"
    return "Passphrase TTE BSrE salah"


def _expired(text: str) -> bool:
    t = text.lower()
    return "expired" in t or "kedaluwarsa" in t or "kadaluarsa" in t or "kadaluwarsa" in t


class BsreClient:
    def __init__(self, creds: Credentials, *, timeout: float = 60.0, verify_timeout: float = 120.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.creds = creds
        self._verify_timeout = verify_timeout
        self._http = httpx.Client(base_url=creds.url.rstrip("/"), auth=(creds.user, creds.password),
                                  timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), transport=transport,
                                  headers={"Accept": "application/json"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> BsreClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- calls -----------------------------------------------------------------------------------

    def user_status(self, nik: str) -> str:
        """``ISSUE`` (active); raises NotRegistered / NoCertificate otherwise."""
        body = self._post(STATUS_PATH, {"nik": nik}, nik=nik, sign=False)
        status = str(body.get("status", ""))
        code = _int(body.get("status_code"))
        if status == "NOT_REGISTERED" or code == 2011:
            raise NotRegistered(_message(NotRegistered, nik))
        if status == "NO_CERTIFICATE" or code == 2021:
            raise NoCertificate(_message(NoCertificate, nik))
        if _expired(str(body.get("message", ""))) or status == "EXPIRED":
            raise ExpiredCertificate(f"Sertifikat elektronik BSrE NIK {nik} sudah kedaluwarsa: ajukan pembaruan "
                                     "sertifikat")
        return status

    def sign_pdf(self, nik: str, passphrase: str, pdf: bytes, props: dict[str, Any]) -> bytes:
        payload = {"nik": nik, "passphrase": passphrase, "signatureProperties": [props],
                   "file": [base64.b64encode(pdf).decode("ascii")]}
        body = self._post(SIGN_PATH, payload, nik=nik, sign=True)
        files = body.get("file")
        if not isinstance(files, list) or len(files) != 1 or not isinstance(files[0], str):
            raise Unavailable("Jawaban layanan BSrE tidak berisi satu berkas PDF: hubungi admin")
        try:
            return base64.b64decode(files[0], validate=True)
        except (binascii.Error, ValueError):
            raise Unavailable("Jawaban layanan BSrE berisi PDF yang rusak: hubungi admin") from None

    def verify_pdf(self, pdf: bytes) -> dict[str, Any]:
        return self._post(VERIFY_PATH, {"file": base64.b64encode(pdf).decode("ascii")}, nik="", sign=False,
                          timeout=self._verify_timeout)

    # --- transport and decoding ------------------------------------------------------------------

    def _post(self, path: str, payload: dict[str, Any], *, nik: str, sign: bool,
              timeout: float | None = None) -> dict[str, Any]:
        try:
            resp = (self._http.post(path, json=payload, timeout=timeout) if timeout
                    else self._http.post(path, json=payload))
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise Unavailable(f"Layanan BSrE tidak dapat dihubungi ({self.creds.url}): {TRY_LATER}") from exc
        except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            if sign:
                raise SignOutcomeUnknown(
                    "Layanan BSrE tidak menjawab setelah permintaan TTE terkirim: hasilnya tidak diketahui. "
                    "Jangan kirim ulang sebelum diperiksa (eoffice sign ... --resend)") from exc
            raise Unavailable(f"Layanan BSrE tidak menjawab: {TRY_LATER}") from exc
        except httpx.HTTPError as exc:
            raise Unavailable(f"Layanan BSrE tidak dapat dihubungi: {type(exc).__name__}, {TRY_LATER}") from exc
        return self._decode(resp, nik)

    def _decode(self, resp: httpx.Response, nik: str) -> dict[str, Any]:
        body = _json(resp)
        if resp.status_code == 401:
            raise ClientRejected("Kredensial klien BSrE ditolak (HTTP 401): periksa EOFFICE_BSRE_USER dan "
                                 "EOFFICE_BSRE_PASSWORD (atau keyring)")
        if resp.status_code >= 500 and body is None:
            raise Unavailable(f"Layanan BSrE bermasalah (HTTP {resp.status_code}): {TRY_LATER}")
        if body is None:
            raise Unavailable(f"Jawaban layanan BSrE tidak dikenali (HTTP {resp.status_code}, "
                              f"{resp.headers.get('content-type', '-')}): {TRY_LATER}")
        if resp.status_code == 200 and "error" not in body:
            return body
        code = _int(body.get("status_code"))
        text = " ".join(str(body.get(k, "")) for k in ("error", "message"))
        cls = _CODES.get(code) if code is not None else None
        if cls is None and "passphrase" in text.lower():
            cls = WrongPassphrase
        if cls is not None:
            raise cls(_message(cls, nik))
        if _expired(text):
            raise ExpiredCertificate(f"Sertifikat elektronik BSrE NIK {nik} sudah kedaluwarsa: ajukan pembaruan "
                                     "sertifikat")
        if resp.status_code >= 500:
            raise Unavailable(f"Layanan BSrE bermasalah (HTTP {resp.status_code}): {TRY_LATER}")
        detail = text.strip()[:160] or f"HTTP {resp.status_code}"
        raise Refused(f"Layanan BSrE menolak permintaan: {detail}")


def _json(resp: httpx.Response) -> dict[str, Any] | None:
    if "json" not in resp.headers.get("content-type", "").lower():
        return None
    try:
        body = resp.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
