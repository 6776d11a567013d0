"""Who makes a TTE, for both front doors: the organisation's provider setting (or the one asked for), and for
BSrE the service client, the signer's NIK and the passphrase (given once per batch, kept only in memory)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eoffice.services.auth import Actor

if TYPE_CHECKING:
    from eoffice.app.session import Session
    from eoffice.signing.keystore import Identity
    from eoffice.signing.providers import Provider
    from eoffice.store.uow import UnitOfWork


def provider_name(session: Session, chosen: str | None = None) -> str:
    """*chosen* ('local' or 'bsre', checked), else the organisation's setting (EOFFICE_SIGN_PROVIDER overrides)."""
    from eoffice.services import settings
    from eoffice.signing.providers import check_provider

    return check_provider(chosen) if chosen else session.read(settings.sign_provider)


def bsre_provider(session: Session, actor: Actor, passphrase: str, *, resend: bool = False) -> Provider:
    """BSrE for one batch: the user's status is checked before any letter is touched (not registered, no
    certificate: said at once)."""
    from eoffice.services import settings
    from eoffice.signing.bsre import BsreClient
    from eoffice.signing.bsre_config import credentials, signer_nik, timeout
    from eoffice.signing.providers.bsre import BsreProvider, pending_store
    from eoffice.store.dbroles import nik_of

    nik = signer_nik(session.read(lambda uow: nik_of(uow, actor.user_id)), actor.login)
    drawn_by_bsre = session.read(settings.bsre_visible)
    client = BsreClient(credentials(), timeout=timeout())
    client.user_status(nik)
    return BsreProvider(client, nik, passphrase, pending_store(session.home), resend=resend, visible=drawn_by_bsre)


def local_provider(identity: Identity | None, actor: Actor, session: Session) -> Provider:
    from eoffice.domain import BadInput
    from eoffice.signing.providers.local import LocalProvider

    if identity is None:
        raise BadInput(f"Tidak ada kunci TTE untuk {actor.name} di profil ini ({session.home})")
    return LocalProvider(identity)


def paraf_by_bsre(session: Session, actor: Actor, doc_id: str) -> bool:
    """The organisation has BSrE make the paraf signatures and the actor's pending step on *doc_id* is one
    that signs the PDF: approving it needs the BSrE passphrase (asked before the decision is sent)."""
    from eoffice.services import letters, paraf, routing, settings

    def check(uow: UnitOfWork) -> bool:
        if settings.paraf_provider(uow) != "bsre":
            return False
        doc = letters.get_document(uow, doc_id)
        route = routing.load(uow, doc.id)
        return route is not None and doc.signed_pdf_sha256 is None and any(
            s.status.value == "pending" and s.assignee == actor.login for s in paraf.reviewer_steps(route))

    return bool(session.read(check))


def paraf_settled(provider: Provider, doc_id: str) -> None:
    """The paraf decision is committed: its pending-request marker goes."""
    from eoffice.signing.providers import paraf_job_id

    provider.settled(paraf_job_id(doc_id))


def reconcile(session: Session, doc_id: str) -> None:
    """A BSrE request for *doc_id* that got no answer: if the letter has been signed and recorded since (e.g.
    from another session), the marker is stale and goes; otherwise the provider refuses to send again until
    --resend."""
    from eoffice.services import letters
    from eoffice.signing.providers.bsre import pending_store

    store = pending_store(session.home)
    if not store.directory.is_dir():
        return
    full_id, signed = session.read(lambda uow: (lambda d: (d.id, d.signed_pdf_sha256 is not None))(
        letters.get_document(uow, doc_id)))
    if signed and store.get(full_id) is not None:
        store.clear(full_id)


def stops_batch(error: BaseException) -> bool:
    """*error* would come again for every later letter of a batch (the passphrase, the signer's account or
    certificate, the client credentials, the service not answering): the batch stops at it rather than
    sending the same request once per letter."""
    from eoffice.signing.bsre import BATCH_ERRORS

    return isinstance(error, BATCH_ERRORS)
