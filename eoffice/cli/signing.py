"""The signing provider for `eoffice sign`: --provider (default: the organisation's setting); for BSrE the
passphrase is asked once for the whole batch (eoffice/app/providers.py does the rest)."""

from __future__ import annotations

import getpass
import os
import sys
from typing import TYPE_CHECKING

from eoffice.app import providers
from eoffice.cli.context import Ctx
from eoffice.domain import BadInput

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.signing.keystore import Identity
    from eoffice.signing.providers import Provider


def provider_name(ctx: Ctx) -> str:
    return providers.provider_name(ctx.session, getattr(ctx.args, "provider", None))


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


def provider_for(ctx: Ctx, actor: Actor, identity: Identity | None) -> Provider:
    if provider_name(ctx) == "bsre":
        return providers.bsre_provider(ctx.session, actor, bsre_passphrase(),
                                       resend=bool(getattr(ctx.args, "resend", False)))
    return providers.local_provider(identity, actor, ctx.session)


def reconcile(ctx: Ctx, doc_id: str) -> None:
    providers.reconcile(ctx.session, doc_id)
