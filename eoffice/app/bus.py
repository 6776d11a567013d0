"""The message bus (cosmic python ch. 9-10, commands only): one handler per command type, each run in its own
unit of work that commits when it returns. Handlers register with ``@handles(CommandType)``
(eoffice/app/handlers/*.py); the handler modules are imported on the first command, so read-only front doors
never load them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from eoffice.app.commands import Command
from eoffice.domain import BadInput
from eoffice.services.auth import Actor
from eoffice.store.uow import UnitOfWork

if TYPE_CHECKING:
    from eoffice.app.session import Session
    from eoffice.signing.keystore import Identity

C = TypeVar("C", bound=Command)
Handler = Callable[[Any, UnitOfWork, "Deps"], Any]
HANDLERS: dict[type[Command], Handler] = {}


@dataclass(frozen=True)
class Deps:
    """What a handler may use besides its command and unit of work: explicit, nothing taken from a host."""

    session: Session
    actor: Actor | None
    identity: Identity | None = None
    secret: str | None = field(default=None, repr=False)  # a password or passphrase: never shown
    provider: Any = None  # signing/providers.Provider for a TTE (None: the local key *identity*)

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise BadInput("Perintah ini perlu pengguna yang masuk (--user NIP_ATAU_LOGIN)")
        return self.actor

    def require_identity(self) -> Identity:
        if self.identity is None:
            raise BadInput(f"Tidak ada kunci TTE untuk {self.require_actor().name} di profil ini "
                           f"({self.session.home})")
        return self.identity

    def require_secret(self, what: str) -> str:
        if not self.secret:
            raise BadInput(f"{what} diperlukan")
        return self.secret


def handles(command_type: type[C]) -> Callable[[Callable[[C, UnitOfWork, Deps], Any]],
                                               Callable[[C, UnitOfWork, Deps], Any]]:
    def register(fn: Callable[[C, UnitOfWork, Deps], Any]) -> Callable[[C, UnitOfWork, Deps], Any]:
        assert command_type not in HANDLERS, f"two handlers for {command_type.__name__}"
        HANDLERS[command_type] = fn
        return fn
    return register


def handler_for(command: Command) -> Handler:
    import eoffice.app.handlers  # noqa: F401 - registers every handler

    handler = HANDLERS.get(type(command))
    if handler is None:
        raise BadInput(f"Tidak ada penangan untuk perintah {command.type_name}")
    return handler


def dispatch(command: Command, deps: Deps) -> Any:
    """One command, one transaction (Session.run: an unreachable database is Unavailable)."""
    handler = handler_for(command)
    return deps.session.run(lambda uow: handler(command, uow, deps))
