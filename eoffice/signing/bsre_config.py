"""Where the BSrE provider's settings come from on a signing machine: the service URL (EOFFICE_BSRE_URL)
and the agency's client credentials (EOFFICE_BSRE_USER / EOFFICE_BSRE_PASSWORD, or the password in the OS
keyring under the client user name). Never the database. The signer's passphrase is not here: it is asked
for each signing or batch (EOFFICE_BSRE_PASSPHRASE or a prompt) and lives only in memory."""

from __future__ import annotations

import contextlib
import os
import re

import keyring.errors

from eoffice.domain import BadInput
from eoffice.signing.bsre import Credentials
from eoffice.signing.passphrase import SERVICE, usable_backend

NIK = re.compile(r"\d{16}")


def _keyring_user(user: str) -> str:
    return f"bsre-client:{user}"


def keyring_password(user: str) -> str | None:
    kr = usable_backend()
    if kr is None:
        return None
    try:
        value = kr.get_password(SERVICE, _keyring_user(user))
    except keyring.errors.KeyringError:
        return None
    return value if isinstance(value, str) and value else None


def remember_client_password(user: str, password: str) -> bool:
    kr = usable_backend()
    if kr is None:
        return False
    with contextlib.suppress(keyring.errors.KeyringError):
        kr.set_password(SERVICE, _keyring_user(user), password)
        return True
    return False


def credentials() -> Credentials:
    url = os.environ.get("EOFFICE_BSRE_URL", "").strip()
    user = os.environ.get("EOFFICE_BSRE_USER", "").strip()
    if not url or not user:
        raise BadInput("Layanan BSrE belum diatur di komputer ini: set EOFFICE_BSRE_URL dan EOFFICE_BSRE_USER "
                       "(sandi klien di EOFFICE_BSRE_PASSWORD atau keyring)")
    if not url.startswith(("https://", "http://")):
        raise BadInput(f"EOFFICE_BSRE_URL tidak valid: {url!r}")
    password = os.environ.get("EOFFICE_BSRE_PASSWORD") or keyring_password(user)
    if not password:
        raise BadInput(f"Sandi klien BSrE untuk {user} tidak ada: set EOFFICE_BSRE_PASSWORD atau simpan di keyring")
    return Credentials(url, user, password)


def timeout() -> float:
    """Seconds to wait for BSrE's answer (EOFFICE_BSRE_TIMEOUT, default 60; a sign takes ~1 s)."""
    raw = os.environ.get("EOFFICE_BSRE_TIMEOUT", "60")
    try:
        value = float(raw)
    except ValueError:
        raise BadInput(f"EOFFICE_BSRE_TIMEOUT tidak valid: {raw!r}") from None
    if value <= 0:
        raise BadInput("EOFFICE_BSRE_TIMEOUT harus lebih dari 0")
    return value


def signer_nik(nik: str | None, login: str) -> str:
    if not nik:
        raise BadInput(f"NIK {login} belum diisi: admin menjalankan 'eoffice user edit {login} --nik NIK'")
    if not NIK.fullmatch(nik):
        raise BadInput(f"NIK {login} tidak valid (harus 16 angka)")
    return nik
