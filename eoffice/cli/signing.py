"""The signing provider for `eoffice sign`: --provider (default: the organisation's setting), and for BSrE
the client credentials, the signer's NIK and the passphrase (asked once for the whole batch)."""

from __future__ import annotations

import getpass
import os
import sys

from eoffice.cli.context import Ctx
from eoffice.domain import BadInput
from eoffice.services import settings
from eoffice.services.auth import Actor
from eoffice.signing.keystore import Identity
from eoffice.signing.providers import Provider, check_provider


def provider_name(ctx: Ctx) -> str:
    chosen = getattr(ctx.args, "provider", None)
    return check_provider(chosen) if chosen else ctx.run(settings.sign_provider)


def bsre_passphrase() -> str:
    value = os.environ.get("EOFFICE_BSRE_PASSPHRASE")
    if value:
        return value
    if not sys.stdin.isatty():
        raise BadInput("Passphrase TTE BSrE: set EOFFICE_BSRE_PASSPHRASE atau jalankan di terminal")
    value = getpass.getpass("Passphrase TTE BSrE: ")
    if not value:
        raise BadInput("Passphrase TTE BSrE kosong")
    return value


def bsre_provider(ctx: Ctx, actor: Actor, *, resend: bool = False) -> Provider:
    from eoffice.signing.bsre import BsreClient
    from eoffice.signing.bsre_config import credentials, signer_nik, timeout
    from eoffice.signing.providers.bsre import BsreProvider, pending_store

    creds = credentials()
    nik = signer_nik(ctx.run(lambda uow: uow.users.get(actor.user_id).nik), actor.login)
    client = BsreClient(creds, timeout=timeout())
    client.user_status(nik)  # not registered / no certificate: said before any letter is touched
    return BsreProvider(client, nik, bsre_passphrase(), pending_store(ctx.home), resend=resend)


def provider_for(ctx: Ctx, actor: Actor, identity: Identity | None) -> Provider:
    if provider_name(ctx) == "bsre":
        return bsre_provider(ctx, actor, resend=bool(getattr(ctx.args, "resend", False)))
    from eoffice.signing.providers.local import LocalProvider

    if identity is None:
        raise BadInput(f"Tidak ada kunci TTE untuk {actor.login} di profil ini ({ctx.home})")
    return LocalProvider(identity)


def reconcile(ctx: Ctx, doc_id: str) -> None:
    """A BSrE request for *doc_id* that got no answer: if the letter has been signed and recorded since
    (e.g. from another session), the marker is stale and goes; otherwise the provider refuses to send
    again until --resend."""
    from eoffice.services import letters
    from eoffice.signing.providers.bsre import pending_store

    store = pending_store(ctx.home)
    if not store.directory.is_dir():
        return
    full_id, signed = ctx.run(lambda uow: (lambda d: (d.id, d.signed_pdf_sha256 is not None))(
        letters.get_document(uow, doc_id)))
    if signed and store.get(full_id) is not None:
        store.clear(full_id)
