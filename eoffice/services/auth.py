"""Who is acting: password check and the Actor every service receives."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from eoffice.domain import BadInput, EofficeError, NotAuthorized
from eoffice.store.dbroles import password_hash
from eoffice.store.models import AuditEvent, User
from eoffice.store.uow import UnitOfWork, run_in_transaction
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


# argon2id with PasswordHasher's default parameters, of a password nobody has: an unknown or inactive user's
# login costs the same argon2 run as a wrong password, so its time does not tell whether the user exists.
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$KJEDE3xiTYr8wjD2A2QI+g$Wwbw4kMPQ4zxE2z/9YtliLHq0XZQFu/tdAlh7UlKio8"

# Online guessing: each failed login for the same name within GUESS_WINDOW makes the next attempt wait
# longer (GUESS_BASE_DELAY doubling, at most GUESS_MAX_DELAY seconds), counted from the "login.failed" audit
# events (shared by every client of the database) and this process's own failures (offline logins too).
GUESS_WINDOW = dt.timedelta(minutes=15)
GUESS_BASE_DELAY = 0.5
GUESS_MAX_DELAY = 8.0
_RECENT_EVENTS = 2000  # failures are looked for among the newest events only (a bounded, indexed read)
_failures: dict[str, list[float]] = {}
_failures_lock = threading.Lock()


def login(uow: UnitOfWork, login_or_nip: str, password: str) -> Actor:
    # The failures counted first, in this transaction (one connection per login): a role that may not read the
    # chain rolls back to a savepoint before the user row is loaded, which that rollback would expire.
    counted = _recorded_failures(uow.engine, guess_key(login_or_nip), uow)
    return guarded(uow.engine, login_or_nip, find_for_login(uow, login_or_nip), password, counted=counted)


def find_for_login(uow: UnitOfWork, login_or_nip: str) -> User | None:
    """The user row with its password hash loaded (the hash is not read with the rest: store/security.py)."""
    user = uow.users.find(login_or_nip)
    if user is not None:
        password_hash(uow, user)
    return user


def authenticate(user: User | None, password: str) -> Actor:
    """The same refusal, after the same work, for an unknown user, an inactive one and a wrong password:
    no user enumeration, by message or by time."""
    matched = password_matches(user.password_hash if user is not None and user.password_hash else _DUMMY_HASH,
                               password)
    if user is None or not user.active or not matched:
        raise NotAuthorized("Login gagal: pengguna atau kata sandi salah")
    return actor_of(user)


def guess_key(login_or_nip: str) -> str:
    """What failures are counted by: the name as typed (normalised), hashed, never stored as typed (people
    type passwords into the name field)."""
    return hashlib.sha256(login_or_nip.strip().lower().encode()).hexdigest()[:24]


def guess_delay(failures: int) -> float:
    return 0.0 if failures <= 0 else min(GUESS_BASE_DELAY * 2 ** (failures - 1), GUESS_MAX_DELAY)


def guarded(engine: Engine, login_or_nip: str, user: User | None, password: str, *, record: bool = True,
            counted: int | None = None) -> Actor:
    """authenticate, after the delay this name's recent failures earned (*counted* already, or read now); a
    failure is recorded (an audit event in its own transaction, so the admin sees it) when *record* (not for
    an offline login from the cache)."""
    key = guess_key(login_or_nip)
    local = f"{engine.url}|{key}"  # per database: a cache and its server count apart
    recorded = (counted if counted is not None else _recorded_failures(engine, key)) if record else 0
    time.sleep(guess_delay(max(_local_failures(local), recorded)))
    try:
        return authenticate(user, password)
    except NotAuthorized:
        with _failures_lock:
            _failures.setdefault(local, []).append(time.monotonic())
        if record:
            _record_failure(engine, key, user)
        raise


def _local_failures(key: str) -> int:
    cutoff = time.monotonic() - GUESS_WINDOW.total_seconds()
    with _failures_lock:
        recent = [t for t in _failures.get(key, []) if t > cutoff]
        _failures[key] = recent
        return len(recent)


def _recorded_failures(engine: Engine, key: str, uow: UnitOfWork | None = None) -> int:
    def use_case(uow: UnitOfWork) -> list[tuple[dt.datetime, dict[str, object]]]:
        newest = uow.session.scalar(select(func.max(AuditEvent.id))) or 0
        return [(r.at, r.data) for r in uow.session.execute(select(AuditEvent.at, AuditEvent.data).where(
            AuditEvent.id > newest - _RECENT_EVENTS, AuditEvent.action == "login.failed"))]
    try:
        if uow is None:
            rows = run_in_transaction(engine, use_case, read_only=True)
        else:
            with uow.session.begin_nested():  # a refusal rolls back to here, not the login's transaction
                rows = use_case(uow)
    except (DBAPIError, EofficeError):  # a role that may not read the chain: this process's own count applies
        return 0
    cutoff = dt.datetime.now(dt.UTC) - GUESS_WINDOW
    return sum(1 for at, data in rows if (data or {}).get("key") == key
               and (at if at.tzinfo else at.replace(tzinfo=dt.UTC)) > cutoff)


UNKNOWN_LOGIN = "(nama tidak dikenal)"  # a failed login under a name that is no one's


def failed_logins(uow: UnitOfWork, *, limit: int = 200) -> list[dict[str, object]]:
    """The newest failed logins, for the admin, in plain words: when, and whose account (or that the name
    typed is no one's)."""
    names = dict(uow.session.execute(select(User.id, User.name)).all())
    rows = uow.session.execute(select(AuditEvent.at, AuditEvent.data).where(AuditEvent.action == "login.failed")
                               .order_by(AuditEvent.id.desc()).limit(limit)).all()
    out: list[dict[str, object]] = []
    for row in rows:
        at, uid = row.at, (row.data or {}).get("user_id")
        out.append({"at": at, "user": names.get(uid, "?") if isinstance(uid, int) else UNKNOWN_LOGIN})
    return out


def _record_failure(engine: Engine, key: str, user: User | None) -> None:
    def use_case(w: UnitOfWork) -> None:
        w.audit("login.failed", actor_id=None, data={"key": key, "user_id": user.id if user else None})
    try:
        run_in_transaction(engine, use_case)
    except (DBAPIError, EofficeError):  # recording must never turn a refusal into another error
        return


def require_admin(actor: Actor | None) -> None:
    if actor is None or not actor.is_admin:
        raise NotAuthorized("Hanya admin yang boleh melakukan ini (gunakan --user dengan akun admin)")
