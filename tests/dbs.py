"""Throw-away databases for tests: a migrated (optionally demo-seeded) template per back end, copied per test."""

from __future__ import annotations

import itertools
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from eoffice.services import demo
from eoffice.services.demo_data import ADMIN
from eoffice.store import migrate
from eoffice.store.db import make_engine
from eoffice.store.security import AUDITOR_GROUP, CA_GROUP
from eoffice.store.uow import run_in_transaction

_counter = itertools.count()


def pg_admin_url() -> str:
    url = os.environ.get("EOFFICE_TEST_PG")
    if not url:
        raise RuntimeError("EOFFICE_TEST_PG is not set: run the suite with ./test.sh (it starts PostgreSQL)")
    return url


def _pg_exec(sql: str) -> None:
    engine = create_engine(make_url(pg_admin_url()).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def _reset_roles(url: str) -> None:
    """Login roles belong to the cluster, not to a database: a test that disabled, re-passworded or regrouped a
    demo user's role would leak into every later database of its worker. A fresh copy gets them back as the
    demo made them (password "demo", the demo admin the only CA operator, no auditor)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            quote = conn.dialect.identifier_preparer.quote
            rows = conn.execute(text("SELECT login, db_role, active FROM users WHERE db_role IS NOT NULL")).all()
            for login, role, active in rows:
                r = quote(role)
                conn.execute(text(f"ALTER ROLE {r} {'LOGIN' if active else 'NOLOGIN'} PASSWORD 'demo'"))
                conn.execute(text(f"REVOKE {AUDITOR_GROUP}, {CA_GROUP} FROM {r}"))
                if login == ADMIN[0]:
                    conn.execute(text(f"GRANT {CA_GROUP} TO {r}"))
    finally:
        engine.dispose()


def _build(url: str, seeded: bool, home: Path | None = None) -> None:
    engine = make_engine(url)
    try:
        if home is not None:
            demo.build(engine, home)
            return
        migrate.upgrade(engine)
        if seeded:
            run_in_transaction(engine, demo.seed)
    finally:
        engine.dispose()


@dataclass
class Databases:
    """Makes fresh databases cheaply: templates are built once per test session."""

    workdir: Path
    _sqlite_templates: dict[bool, Path] = field(default_factory=dict)
    _pg_templates: dict[bool, str] = field(default_factory=dict)
    _pg_created: list[str] = field(default_factory=list)
    _content: dict[str, tuple[str, Path]] = field(default_factory=dict)
    prefix: str = field(default_factory=lambda: f"t{os.getpid()}")

    def new(self, backend: str, *, seeded: bool) -> str:
        n = next(_counter)
        if backend == "sqlite":
            template = self._sqlite_template(seeded)
            target = self.workdir / f"db{n}.sqlite"
            shutil.copyfile(template, target)
            return f"sqlite:///{target}"
        template_name = self._pg_template(seeded)
        name = f"{self.prefix}_{n}"
        _pg_exec(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
        self._pg_created.append(name)
        _reset_roles(self.pg_url(name))
        return self.pg_url(name)

    def with_content(self, backend: str, home: Path) -> str:
        """A database with the demo organisation, keys and letters in every state; ``home`` receives a copy
        of the demo profile (CA and every user's key, passphrase "demo")."""
        if backend not in self._content:
            tpl_home = self.workdir / f"home-{backend}"
            if backend == "sqlite":
                path = self.workdir / "template-content.sqlite"
                _build(f"sqlite:///{path}", True, tpl_home)
                self._content[backend] = (str(path), tpl_home)
            else:
                name = f"{self.prefix}_tpl_content"
                _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                _pg_exec(f'CREATE DATABASE "{name}"')
                self._pg_created.append(name)
                _build(self.pg_url(name), True, tpl_home)
                self._content[backend] = (name, tpl_home)
        template, tpl_home = self._content[backend]
        shutil.copytree(tpl_home, home, dirs_exist_ok=True)
        n = next(_counter)
        if backend == "sqlite":
            target = self.workdir / f"db{n}.sqlite"
            shutil.copyfile(template, target)
            return f"sqlite:///{target}"
        name = f"{self.prefix}_{n}"
        _pg_exec(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        self._pg_created.append(name)
        _reset_roles(self.pg_url(name))
        return self.pg_url(name)

    def pg_url(self, name: str) -> str:
        return make_url(pg_admin_url()).set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False
        )

    def drop(self, url: str) -> None:
        parsed = make_url(url)
        if parsed.get_backend_name() == "postgresql" and parsed.database in self._pg_created:
            _pg_exec(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
            self._pg_created.remove(parsed.database)

    def _sqlite_template(self, seeded: bool) -> Path:
        if seeded not in self._sqlite_templates:
            path = self.workdir / f"template-{'demo' if seeded else 'empty'}.sqlite"
            _build(f"sqlite:///{path}", seeded)
            self._sqlite_templates[seeded] = path
        return self._sqlite_templates[seeded]

    def _pg_template(self, seeded: bool) -> str:
        if seeded not in self._pg_templates:
            name = f"{self.prefix}_tpl_{'demo' if seeded else 'empty'}"
            _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            _pg_exec(f'CREATE DATABASE "{name}"')
            self._pg_created.append(name)
            _build(self.pg_url(name), seeded)
            self._pg_templates[seeded] = name
        return self._pg_templates[seeded]

    def cleanup(self) -> None:
        for name in list(reversed(self._pg_created)):
            _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._pg_created.clear()
