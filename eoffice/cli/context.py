"""What every CLI verb shares: the session (eoffice/app, made as the desktop app makes it), the acting user,
output. A verb parses its input, builds a command or a query, and prints the result."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from eoffice.app.profile import open_session, profile_home
from eoffice.app.session import Session
from eoffice.domain import BadInput, Unavailable

if TYPE_CHECKING:
    from eoffice.app.commands import Command
    from eoffice.app.session import UnitOfWork
    from eoffice.services.auth import Actor
    from eoffice.signing.keystore import Identity

T = TypeVar("T")


class Finished(Exception):  # noqa: N818 - control flow, not an error
    """The verb has said what it had to (a queued command): exit with *code*."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Ctx:
    args: argparse.Namespace
    _session: Session | None = field(default=None, repr=False)
    _schema_ok: bool = False
    _actor: Actor | None = field(default=None, repr=False)
    _password: str | None = field(default=None, repr=False)

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def home(self) -> Path:
        return profile_home(getattr(self.args, "home", None))

    @property
    def max_attachment(self) -> int:
        """Attachment size limit in bytes (EOFFICE_MAX_ATTACHMENT_MB, default 50 MB)."""
        raw = os.environ.get("EOFFICE_MAX_ATTACHMENT_MB", "50")
        try:
            return int(float(raw) * 1024 * 1024)
        except ValueError:
            raise BadInput(f"EOFFICE_MAX_ATTACHMENT_MB tidak valid: {raw!r}") from None

    @property
    def raw_session(self) -> Session:
        """The session, its database reachable, whatever its schema (for `init`)."""
        if self._session is None:
            session = open_session(Session, getattr(self.args, "db", None), self.home,
                                   max_attachment=self.max_attachment)
            try:
                if session.per_user:  # no user in the URL: connect as the acting user's own role
                    session.connect_as(self.who(), self.password())
                session.connect()
            except Unavailable:
                who = self._who()  # the database is away: this user's local cache, if they have one here
                if not who or not getattr(self.args, "offline_ok", True) or not session.work_offline(who):
                    raise
            self._session = session
        return self._session

    @property
    def session(self) -> Session:
        """The session, its database reachable and at the schema this version needs."""
        session = self.raw_session
        if not self._schema_ok and not session.offline:
            session.check_schema()
            self._schema_ok = True
        return session

    def read(self, use_case: Callable[[UnitOfWork], T]) -> T:
        """A query (eoffice.app.queries) in one transaction."""
        return self.session.run(use_case)

    def execute(self, command: Command, *, identity: Identity | None = None, secret: str | None = None,
                actor_required: bool = True, queued_ok: bool = False, provider: Any = None) -> Any:
        """A command through its handler (eoffice/app/bus.py), as the acting user. The database away and the
        command queued (eoffice/app/offline.py): said, and the verb ends (exit 0), unless *queued_ok* (a batch:
        the verb reports each ``Queued`` itself)."""
        from eoffice.app.offline import Queued

        actor = self.require_actor() if actor_required else self.actor(required=False)
        result = self.session.execute(command, actor=actor, identity=identity, secret=secret, provider=provider)
        if isinstance(result, Queued) and not queued_ok:  # the database did not answer: it waits in the outbox
            self.emit(result.to_dict(), lambda: print(
                f"Database tidak terhubung: perintah diantrekan (menunggu sinkronisasi), id {result.action_id}. "
                "Jalankan 'eoffice sync' saat terhubung kembali."))
            raise Finished(0)
        return result

    def _who(self) -> str | None:
        return getattr(self.args, "user", None) or os.environ.get("EOFFICE_USER")

    def who(self) -> str:
        who = self._who()
        if not who:
            raise BadInput("Perintah ini perlu --user NIP_ATAU_LOGIN")
        return str(who)

    def password(self) -> str:
        """The acting user's password: EOFFICE_PASSWORD or the prompt (asked once), never an argument."""
        if self._password is None:
            password = os.environ.get("EOFFICE_PASSWORD")
            if password is None:
                if not sys.stdin.isatty():
                    raise BadInput("Kata sandi tidak diberikan: set EOFFICE_PASSWORD atau jalankan di terminal")
                password = getpass.getpass(f"Kata sandi {self.who()}: ")
            self._password = password
        return self._password

    def actor(self, required: bool = True) -> Actor | None:
        if self._actor is not None:
            return self._actor
        if not self._who():
            if required:
                raise BadInput("Perintah ini perlu --user NIP_ATAU_LOGIN")
            return None
        self._actor = self.session.login(self.who(), self.password())
        self._after_login(self._actor.login)
        return self._actor

    def _after_login(self, who: str) -> None:
        """At the first connection from this profile, pin the database's roots (services/trust.py); then keep
        the audit head this login saw in the profile (services/audit.py: checkpoints)."""
        from sqlalchemy.exc import DBAPIError

        from eoffice.app import queries as q
        from eoffice.signing.pins import has_pins

        if self.session.offline:  # logged in from the local cache: it holds no audit chain to keep a head of
            return
        if not has_pins(self.home):
            self.session.trusted_roots()
        try:
            self.read(lambda uow: q.record_checkpoint(uow, self.home, who))
        except DBAPIError:  # a role that may not read the chain: `audit verify` is where it matters
            return

    def require_actor(self) -> Actor:
        actor = self.actor(required=True)
        assert actor is not None
        return actor

    def emit(self, payload: Any, human: Callable[[], None]) -> None:
        if self.json:
            from eoffice.cli.safe_io import dumps_json

            sys.stdout.write(dumps_json(payload) + "\n")
        else:
            human()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def parse_date(text: str, what: str) -> dt.date:
    """A date typed as YYYY-MM-DD, in the range a letter may have (eoffice/validate.py)."""
    from eoffice.validate import parse_date as checked

    return checked(text, what)


def letter_table(rows: Sequence[Any]) -> str:
    """The one-line-per-letter listing shared by list and search, in words (``--json`` keeps the codes)."""
    from eoffice.domain import KIND_LABELS, STATUS_LABELS, DocKind

    return table([[r.id[:8], KIND_LABELS[DocKind(r.kind)], STATUS_LABELS.get(r.status, r.status), r.number or "-",
                   r.subject[:60]] for r in rows], ["ID", "JENIS", "STATUS", "NOMOR", "HAL"])


def urgency_words(value: str) -> str:
    """A sifat (urgency) as the letter prints it: "Sangat Segera", not sangat_segera."""
    from eoffice.documents.letter import URGENCY_LABELS
    from eoffice.domain import Urgency

    try:
        return URGENCY_LABELS[Urgency(value)]
    except ValueError:
        return value
