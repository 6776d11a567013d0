"""`eoffice demo`: seed the demo organisation. Idempotent: what exists already is left alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from eoffice.services import demo_data as data
from eoffice.services import demo_letters, holidays, org
from eoffice.services.auth import actor_of, hash_password
from eoffice.store.dbroles import scram_verifier, set_ca_admin
from eoffice.store.models import ClassificationCode
from eoffice.store.uow import UnitOfWork, run_in_transaction

DEMO_PASSWORD = "demo"


@dataclass
class DemoResult:
    created_units: int = 0
    created_positions: int = 0
    created_users: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (login, name, title)
    templates: int = 0
    keys: int = 0
    letters: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created_units or self.created_positions or self.created_users or self.templates
                    or self.keys or self.letters)


def seed(uow: UnitOfWork) -> DemoResult:
    result = DemoResult()
    for u in data.units():
        if uow.units.find(u.code) is None:
            org.add_unit(uow, None, code=u.code, name=u.name, kind=u.kind, parent_code=u.parent,
                         address=u.address, phone=u.phone, email=u.email, website=u.website)
            result.created_units += 1
    for code, title, parent in data.CLASSIFICATION_CODES:
        if uow.classifications.find(code) is None:
            uow.session.add(ClassificationCode(code=code, title=title, parent_code=parent))
            uow.flush()
    # One hash for all demo users: they share the password, and argon2 is slow on purpose.
    shared_hash = hash_password(DEMO_PASSWORD)
    verifier = scram_verifier(uow, "", DEMO_PASSWORD) if uow.dialect == "postgresql" else None  # login roles
    admin_login, admin_name, admin_unit = data.ADMIN
    if uow.users.find(admin_login) is None:
        org.add_user(uow, None, login=admin_login, nip=data.nip_for(99, 1), name=admin_name, unit_code=admin_unit,
                     password=DEMO_PASSWORD, is_admin=True, password_hash=shared_hash, login_verifier=verifier)
        set_ca_admin(uow, uow.users.by_login(admin_login))  # the demo admin also runs the organisation CA
        result.created_users += 1
    result.logins.append((admin_login, admin_name, "Admin"))
    admin = uow.users.by_login(admin_login)
    actor = actor_of(admin)
    for index, p in enumerate(data.positions()):
        if uow.positions.find(p.code) is None:
            org.add_position(uow, actor, code=p.code, title=p.title, unit_code=p.unit, parent_code=p.parent,
                             roles=p.roles)
            result.created_positions += 1
        name, sex = data.NAMES[index % len(data.NAMES)]
        if uow.users.find(p.login) is None:
            org.add_user(uow, actor, login=p.login, nip=data.nip_for(index, sex), name=name, unit_code=p.unit,
                         password=DEMO_PASSWORD, position_code=p.code, password_hash=shared_hash,
                         login_verifier=verifier)
            user = uow.users.by_login(p.login)
            user.gelar_depan, user.gelar_belakang, user.pangkat = data.gelar_pangkat(index, p.roles)
            result.created_users += 1
        result.logins.append((p.login, name, p.title))
    result.templates = demo_letters.seed_templates(uow)
    holidays.seed_demo(uow)
    if result.changed:
        uow.audit("demo.seed", actor_id=admin.id, data={"units": result.created_units,
                                                          "users": result.created_users})
    return result


def seed_content(run: Callable[[demo_letters.Step], Any], home: Path, result: DemoResult) -> None:
    """Keys (in this demo profile) and letters in every state; each step in its own transaction."""
    result.keys = int(run(lambda uow: demo_letters.seed_keys(uow, home)))
    result.letters = int(demo_letters.seed_letters(run, home))


def build(engine: Engine, home: Path) -> DemoResult:
    """A complete demo database: schema, organisation, keys (into ``home``) and letters in every state."""
    from eoffice.store import migrate

    migrate.upgrade(engine)
    result = run_in_transaction(engine, seed)
    seed_content(lambda use_case: run_in_transaction(engine, use_case), home, result)
    return result
