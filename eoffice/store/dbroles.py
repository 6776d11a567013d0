"""PostgreSQL login roles: one per eoffice user (store/security.py has the SQL side).

A database URL without a user name (``postgresql+psycopg://HOST:PORT/DB``) plus the user's login connects as
that user's own role with their password (SCRAM-SHA-256); the database then enforces what they may read and
write. Passwords never go into a URL string that is printed or into process arguments.
"""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.attributes import set_committed_value

from eoffice.domain import BadInput, NotAuthorized, Unavailable
from eoffice.store.db import describe, first_line, make_engine, parse_url
from eoffice.store.models import User
from eoffice.store.security import ROLE_PREFIX
from eoffice.store.uow import UnitOfWork

LOGIN_FAILED = "Login gagal: pengguna atau kata sandi salah"  # the one message, as services.auth gives it
_ENFORCED: weakref.WeakSet[Engine] = weakref.WeakSet()  # engines connected as a user's own role


def role_name(login: str) -> str:
    """The login role of an eoffice login (logins are lowercase letters, digits, . _ -; at most 60)."""
    return ROLE_PREFIX + login


def needs_login(raw_url: str) -> bool:
    """A PostgreSQL URL without a user name: connect as the acting user's own role."""
    url = parse_url(raw_url)
    return url.get_backend_name() == "postgresql" and not url.username


def connect_as(raw_url: str, login: str, password: str, *, pool_size: int = 5) -> Engine:
    """An engine connected as *login*'s role, checked now: NotAuthorized for a wrong login or password (the same
    message for both), Unavailable when the server does not answer."""
    url = parse_url(raw_url).set(username=role_name(login.strip().lower()), password=password)
    engine = make_engine(url.render_as_string(hide_password=False), pool_size=pool_size)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        message = first_line(exc)
        if "authentication failed" in message or "not permitted to log in" in message:
            raise NotAuthorized(LOGIN_FAILED) from None
        raise Unavailable(f"Database tidak dapat dihubungi ({describe(engine)}): {message}") from None
    _ENFORCED.add(engine)
    return engine


def enforced(engine: Engine) -> bool:
    """True when the database itself applies the access rule to this engine's queries (row-level security)."""
    return engine in _ENFORCED


def scram_verifier(uow: UnitOfWork, role: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of *password*, computed here (libpq): the server never sees the password."""
    raw: Any = uow.session.connection().connection.dbapi_connection
    verifier: bytes = raw.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")
    return verifier.decode("ascii")


def set_login(uow: UnitOfWork, user: User, password: str, *, verifier: str | None = None) -> str | None:
    """Create or re-password *user*'s login role (PostgreSQL; None on SQLite). The database checks that the
    acting role is an admin, the user themselves or the owner."""
    if uow.dialect != "postgresql":
        return None
    uow.flush()
    role = user.db_role or role_name(user.login)
    try:
        name: str = uow.session.execute(text("SELECT eoffice_set_login(:who, :verifier)"), {
            "who": user.id, "verifier": verifier or scram_verifier(uow, role, password)}).scalar_one()
    except DBAPIError as exc:
        raise BadInput(f"Peran login database tidak dapat dibuat: {first_line(exc)}") from exc
    set_committed_value(user, "db_role", str(name))
    return str(name)


def set_ca_admin(uow: UnitOfWork, user: User, yes: bool = True) -> None:
    """Make *user* a CA operator (publishes certificates and CRLs): only the owner may."""
    if uow.dialect == "postgresql":
        uow.session.execute(text("SELECT eoffice_set_ca_admin(:who, :yes)"), {"who": user.id, "yes": yes})


def password_hash_of(uow: UnitOfWork, user_id: int) -> str:
    """A user's password hash (their own, or any for the owner); "" when the database does not give it."""
    if uow.dialect != "postgresql":
        return str(uow.session.scalar(select(User.password_hash).where(User.id == user_id)) or "")
    return str(uow.session.scalar(text("SELECT eoffice_password_hash(:who)"), {"who": user_id}) or "")


def password_hash(uow: UnitOfWork, user: User) -> str:
    """password_hash_of, loaded into *user* (without marking it changed)."""
    value = password_hash_of(uow, user.id)
    set_committed_value(user, "password_hash", value)
    return value


def niks(uow: UnitOfWork) -> dict[int, str]:
    """The NIKs the acting user may read, by user id: their own, everyone's for an admin or the owner (and on
    SQLite, the single-machine mode, all)."""
    if uow.dialect != "postgresql":
        rows = uow.session.execute(select(User.id, User.nik).where(User.nik.is_not(None)))
    else:
        rows = uow.session.execute(text("SELECT id, eoffice_nik(id) FROM users"))
    return {int(who): str(nik) for who, nik in rows if nik}


def nik_of(uow: UnitOfWork, user_id: int) -> str | None:
    """One user's NIK, when the acting user may read it (their own, or an admin's or the owner's view)."""
    if uow.dialect != "postgresql":
        return uow.session.scalar(select(User.nik).where(User.id == user_id))
    value = uow.session.scalar(text("SELECT eoffice_nik(:who)"), {"who": user_id})
    return str(value) if value else None


def set_auditor(uow: UnitOfWork, user: User, yes: bool = True) -> None:
    """Make *user* an auditor (reads the whole audit trail, for `audit verify`) or not: an admin or the owner
    may (PostgreSQL; on SQLite, one machine, everyone's verify already sees everything)."""
    if uow.dialect == "postgresql":
        try:
            uow.session.execute(text("SELECT eoffice_set_auditor(:who, :yes)"), {"who": user.id, "yes": yes})
        except DBAPIError as exc:
            raise BadInput(f"Peran auditor tidak dapat diubah: {first_line(exc)}") from exc


def is_auditor(uow: UnitOfWork) -> bool:
    """Whether the acting role is in the auditor group (PostgreSQL, connected as a user's own role)."""
    return uow.dialect == "postgresql" and bool(uow.session.scalar(text("SELECT eoffice_is_auditor()")))


def sees_whole_trail(uow: UnitOfWork) -> bool:
    """Whether `audit verify` may read every letter's trail here: SQLite, the owner, or an auditor's role."""
    return not enforced(uow.engine) or is_auditor(uow)
