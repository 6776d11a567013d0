"""What every CLI verb shares: global options, the database, the acting user, output."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from sqlalchemy.engine import Engine

from eoffice.cli.safe_io import dumps_json
from eoffice.domain import BadInput
from eoffice.services.auth import Actor, login
from eoffice.store.db import check_connection, make_engine, resolve_url
from eoffice.store.schema import HEAD, schema_state
from eoffice.store.uow import UnitOfWork, run_in_transaction
from eoffice.validate import parse_date as parse_date

T = TypeVar("T")


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """On the main parser and on every verb; SUPPRESS so a verb's default never hides the main one."""
    parser.add_argument("--db", default=argparse.SUPPRESS, help="database URL (env EOFFICE_DB)")
    parser.add_argument("--home", default=argparse.SUPPRESS, help="profile dir: keys, cache (env EOFFICE_HOME)")
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    parser.add_argument("--user", default=argparse.SUPPRESS, help="act as this user (NIP or login)")


def default_home() -> Path:
    return Path(platformdirs.user_config_dir("eoffice", appauthor=False))


@dataclass
class Ctx:
    args: argparse.Namespace
    _engine: Engine | None = field(default=None, repr=False)
    _schema_ok: bool = False

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def home(self) -> Path:
        raw = getattr(self.args, "home", None) or os.environ.get("EOFFICE_HOME")
        return Path(raw).expanduser() if raw else default_home()

    @property
    def max_attachment(self) -> int:
        """Attachment size limit in bytes (EOFFICE_MAX_ATTACHMENT_MB, default 50 MB)."""
        raw = os.environ.get("EOFFICE_MAX_ATTACHMENT_MB", "50")
        try:
            return int(float(raw) * 1024 * 1024)
        except ValueError:
            raise BadInput(f"EOFFICE_MAX_ATTACHMENT_MB tidak valid: {raw!r}") from None

    @property
    def db_url(self) -> str:
        return resolve_url(getattr(self.args, "db", None))

    @property
    def raw_engine(self) -> Engine:
        """The database, reachable, whatever its schema (for `init`)."""
        if self._engine is None:
            engine = make_engine(self.db_url)
            check_connection(engine)
            self._engine = engine
        return self._engine

    @property
    def engine(self) -> Engine:
        """The database, reachable and at the schema this version needs."""
        engine = self.raw_engine
        if not self._schema_ok:
            state = schema_state(engine)
            if state is None:
                raise BadInput("Skema database belum ada: jalankan 'eoffice init' dahulu")
            if state != HEAD:
                raise BadInput(f"Skema database {state}, versi ini memerlukan {HEAD}: jalankan 'eoffice init'")
            self._schema_ok = True
        return engine

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    def run(self, use_case: Callable[[UnitOfWork], T]) -> T:
        """Run a use case in one transaction and commit it."""
        return run_in_transaction(self.engine, use_case)

    def actor(self, required: bool = True) -> Actor | None:
        who = getattr(self.args, "user", None) or os.environ.get("EOFFICE_USER")
        if not who:
            if required:
                raise BadInput("Perintah ini perlu --user NIP_ATAU_LOGIN")
            return None
        password = os.environ.get("EOFFICE_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise BadInput("Kata sandi tidak diberikan: set EOFFICE_PASSWORD atau jalankan di terminal")
            password = getpass.getpass(f"Kata sandi {who}: ")
        with self.uow() as uow:
            return login(uow, who, password)

    def require_actor(self) -> Actor:
        actor = self.actor(required=True)
        assert actor is not None
        return actor

    def emit(self, payload: Any, human: Callable[[], None]) -> None:
        if self.json:
            sys.stdout.write(dumps_json(payload) + "\n")
        else:
            human()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def letter_table(rows: Sequence[Any]) -> str:
    """The one-line-per-letter listing shared by list and search."""
    return table([[r.id[:8], r.kind, r.status, r.number or "-", r.subject[:60]] for r in rows],
                 ["ID", "JENIS", "STATUS", "NOMOR", "HAL"])
