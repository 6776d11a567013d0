"""Organisation settings kept in the database (shared by every client): never secrets. The BSrE service
URL and client credentials come from the environment or the keyring of the machine that signs."""

from __future__ import annotations

from eoffice.domain import BadInput
from eoffice.services.auth import Actor, require_admin
from eoffice.store.models import OrgSetting
from eoffice.store.uow import UnitOfWork

SIGN_PROVIDER, PARAF_PROVIDER, VERIFY_URL = "sign_provider", "paraf_provider", "verify_url"
BSRE_TAMPILAN = "bsre_tampilan"
KEYS = {SIGN_PROVIDER: "penyedia TTE: local atau bsre",
        PARAF_PROVIDER: "penyedia paraf pemeriksa pada PDF: local atau bsre",
        BSRE_TAMPILAN: "cap TTE BSrE: INVISIBLE (cap dibuat aplikasi) atau VISIBLE (cap digambar layanan BSrE)",
        VERIFY_URL: "alamat dasar halaman verifikasi, mis. https://verifikasi.kaltimprov.go.id"}


def get(uow: UnitOfWork, key: str) -> str | None:
    row = uow.session.get(OrgSetting, key)
    return row.value if row is not None and row.value else None


def all_settings(uow: UnitOfWork) -> dict[str, str]:
    return {k: get(uow, k) or "" for k in KEYS}


def set_setting(uow: UnitOfWork, actor: Actor, key: str, value: str) -> str:
    require_admin(actor)
    if key not in KEYS:
        raise BadInput(f"Pengaturan tidak dikenal: {key} (ada: {', '.join(KEYS)})")
    value = value.strip()
    if key in (SIGN_PROVIDER, PARAF_PROVIDER):
        from eoffice.signing.providers import check_provider

        value = check_provider(value)
    if key == BSRE_TAMPILAN:
        value = value.upper() or "INVISIBLE"
        if value not in ("INVISIBLE", "VISIBLE"):
            raise BadInput(f"Tampilan TTE BSrE tidak dikenal: {value!r} (pilih: INVISIBLE, VISIBLE)")
    if key == VERIFY_URL and value and not value.startswith(("https://", "http://")):
        raise BadInput("Alamat halaman verifikasi harus diawali https:// (atau http:// untuk uji)")
    row = uow.session.get(OrgSetting, key)
    if row is None:
        uow.session.add(OrgSetting(key=key, value=value, updated_at=uow.now()))
    else:
        row.value, row.updated_at = value, uow.now()
    uow.flush()
    uow.audit("org.setting", actor_id=actor.user_id, data={"key": key, "value": value})
    return value


def sign_provider(uow: UnitOfWork) -> str:
    """EOFFICE_SIGN_PROVIDER on this machine, else the organisation's setting, else the local key."""
    from eoffice.signing.providers import env_provider

    return env_provider() or get(uow, SIGN_PROVIDER) or "local"


def paraf_provider(uow: UnitOfWork) -> str:
    """Who makes the reviewers' paraf signatures on the PDF: their local key (default) or BSrE."""
    return get(uow, PARAF_PROVIDER) or "local"


def bsre_visible(uow: UnitOfWork) -> bool:
    """BSrE draws the TTE stamp from the app's image (VISIBLE); default: the app draws it (INVISIBLE)."""
    return get(uow, BSRE_TAMPILAN) == "VISIBLE"
