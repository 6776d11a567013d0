"""Signatures and certificates: TTE, long-term validation, the organisation CA, the actor's key.
eoffice.services.signatures (pyHanko) is imported inside each handler: only signing pays for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eoffice.app import commands as c
from eoffice.app.bus import Deps, handles
from eoffice.app.session import pending_key_path
from eoffice.store.uow import UnitOfWork

if TYPE_CHECKING:
    from eoffice.services.signatures import Signed, Upgraded
    from eoffice.signing.ca import CaBundle


@handles(c.SignLetter)
def sign(cmd: c.SignLetter, uow: UnitOfWork, deps: Deps) -> Signed:
    """One letter per command (a batch is one command per letter, each its own transaction)."""
    from eoffice.services import signatures

    identity = deps.identity if deps.provider is not None else deps.require_identity()
    return signatures.sign_letter(uow, deps.require_actor(), identity, cmd.document_id,
                                  tsa_url=deps.session.tsa_url, provider=deps.provider)


@handles(c.UpgradeLetter)
def upgrade(cmd: c.UpgradeLetter, uow: UnitOfWork, deps: Deps) -> Upgraded:
    from eoffice.services import signatures, trust

    return signatures.upgrade_letter(uow, actor=deps.require_actor(), document_id=cmd.document_id,
                                     tsa_url=deps.session.tsa_url, roots=trust.roots(uow, deps.session.home))


def _ca(deps: Deps) -> CaBundle:
    from eoffice.services import signatures

    return signatures.open_ca(deps.session.home, deps.require_secret("Passphrase CA"))


@handles(c.CreateCa)
def create_ca(cmd: c.CreateCa, uow: UnitOfWork, deps: Deps) -> str:
    """The root's SHA-256 fingerprint."""
    from eoffice.services import signatures

    ca = signatures.create_ca(uow, deps.require_actor(), deps.session.home, deps.require_secret("Passphrase CA"),
                              org_name=cmd.org_name)
    return signatures.fingerprint(ca.root_cert)


@handles(c.IssueCertificate)
def issue(cmd: c.IssueCertificate, uow: UnitOfWork, deps: Deps) -> str:
    from eoffice.services import audit, signatures

    ca = _ca(deps)
    request = audit.pending_request(uow, cmd.login)
    return signatures.issue(uow, deps.require_actor(), ca, cmd.login, request.public_key()).fingerprint


@handles(c.RevokeCertificate)
def revoke(cmd: c.RevokeCertificate, uow: UnitOfWork, deps: Deps) -> str:
    from eoffice.services import signatures

    return signatures.revoke(uow, deps.require_actor(), _ca(deps), cmd.login, cmd.reason).fingerprint


@handles(c.RequestKey)
def request_key(cmd: c.RequestKey, uow: UnitOfWork, deps: Deps) -> str:
    """A new key pair in this profile (waiting, passphrase-encrypted, for its certificate) and the request in
    the database; the key file's path."""
    from eoffice.profile import private_dir, write_private
    from eoffice.services import signatures
    from eoffice.signing.keys import key_to_pem

    actor, passphrase = deps.require_actor(), deps.require_secret("Passphrase kunci TTE baru")
    identity = signatures.request_key(uow, actor, deps.session.home, passphrase, [])
    path = pending_key_path(deps.session.home, actor.login)
    private_dir(deps.session.home)
    write_private(path, key_to_pem(identity.key, passphrase))
    return str(path)


@handles(c.PublishKey)
def publish_key(cmd: c.PublishKey, uow: UnitOfWork, deps: Deps) -> str:
    from eoffice.services import signatures

    return signatures.publish_external(uow, deps.require_actor(), deps.require_identity()).fingerprint
