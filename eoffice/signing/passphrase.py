"""Remember a key passphrase in the OS keyring (never the PKCS#12 itself: Windows caps a secret at ~2.5 KB).

When no real keyring backend exists we do nothing and return None: never fall back to plaintext on disk.
"""

from __future__ import annotations

import contextlib

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

SERVICE = "eoffice"


def _username(login: str) -> str:
    return f"key-passphrase:{login}"


def usable_backend() -> KeyringBackend | None:
    """The active keyring if it can really store secrets, else None."""
    from keyring.backends import chainer, fail

    try:
        kr = keyring.get_keyring()
    except Exception:  # a broken keyring configuration must not break signing
        return None
    if isinstance(kr, fail.Keyring):
        return None
    if isinstance(kr, chainer.ChainerBackend) and not kr.backends:
        return None
    if type(kr).__module__.startswith("keyring.backends.null"):
        return None
    return kr


def remember_passphrase(login: str, passphrase: str) -> bool:
    """Store the passphrase; False if there is no usable keyring (caller then just prompts next time)."""
    kr = usable_backend()
    if kr is None:
        return False
    try:
        kr.set_password(SERVICE, _username(login), passphrase)
    except keyring.errors.KeyringError:
        return False
    return True


def lookup_passphrase(login: str) -> str | None:
    kr = usable_backend()
    if kr is None:
        return None
    try:
        value = kr.get_password(SERVICE, _username(login))
    except keyring.errors.KeyringError:
        return None
    return value if isinstance(value, str) else None


def forget_passphrase(login: str) -> None:
    kr = usable_backend()
    if kr is None:
        return
    with contextlib.suppress(keyring.errors.KeyringError):  # PasswordDeleteError if nothing stored: fine
        kr.delete_password(SERVICE, _username(login))
