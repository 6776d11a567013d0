"""Who is acting: password check and the Actor every service receives."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from eoffice.domain import BadInput, NotAuthorized
from eoffice.store.models import User
from eoffice.store.uow import UnitOfWork
from eoffice.validate import check_line

_hasher = PasswordHasher()
MIN_PASSWORD = 4


@dataclass(frozen=True)
class Actor:
    user_id: int
    login: str
    name: str
    is_admin: bool
    unit_id: int
    position_id: int | None


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.login, user.name, user.is_admin, user.unit_id, user.position_id)


def hash_password(password: str) -> str:
    check_line(password, "Kata sandi", max_len=1024)
    if len(password) < MIN_PASSWORD:
        raise BadInput(f"Kata sandi terlalu pendek (minimal {MIN_PASSWORD} karakter)")
    return _hasher.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError, UnicodeEncodeError):
        return False


def login(uow: UnitOfWork, login_or_nip: str, password: str) -> Actor:
    return authenticate(uow.users.find(login_or_nip), password)


def authenticate(user: User | None, password: str) -> Actor:
    """The same refusal for an unknown user and a wrong password: no user enumeration."""
    if user is None or not user.active or not password_matches(user.password_hash, password):
        raise NotAuthorized("Login gagal: pengguna atau kata sandi salah")
    return actor_of(user)


def require_admin(actor: Actor | None) -> None:
    if actor is None or not actor.is_admin:
        raise NotAuthorized("Hanya admin yang boleh melakukan ini (gunakan --user dengan akun admin)")
