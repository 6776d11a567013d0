"""Verbs: sync (push the outbox, then pull into the local cache; DESIGN.md "Local cache and sync") and outbox
(list, retry, discard the commands made offline).

What each verb does; the parser is in sync.py."""

from __future__ import annotations

import dataclasses
import functools
import time
from typing import TYPE_CHECKING

from eoffice.app import queries as q
from eoffice.cli.context import Ctx, table
from eoffice.domain import BadInput, Unavailable

if TYPE_CHECKING:
    from eoffice.signing.keystore import Identity


def _identity(ctx: Ctx, login: str) -> Identity | None:
    """The key for the queued decisions, when its passphrase is given; without it those wait (blocked)."""
    from eoffice.cli.keys_verbs import identity_for

    try:
        return identity_for(ctx, login)
    except BadInput:
        return None


def cmd_sync(ctx: Ctx) -> int:
    from eoffice.sync.mirror import cache_path, open_cache, pull
    from eoffice.sync.push import Pushed, push

    if ctx.args.interval < 5:
        raise BadInput(f"--interval minimal 5 detik, bukan {ctx.args.interval}")
    actor = ctx.require_actor()
    if ctx.session.offline:
        raise Unavailable(f"Database tidak dapat dihubungi ({ctx.session.label}): antrean tetap disimpan")
    identity = _identity(ctx, actor.login)
    path = cache_path(ctx.home, actor.login)
    cache = open_cache(path)
    try:
        while True:
            sent = push(ctx.session, actor, identity, cache)
            got = pull(ctx.session.engine, cache, actor, ctx.session.label)
            ctx.read(lambda uow: q.record_checkpoint(uow, ctx.home, actor.login))
            line = (f"Sinkron: {got.letters} naskah diperbarui, {got.removed} dihapus dari cache, "
                    f"urutan perubahan {got.checkpoint} ({'salinan awal' if got.first else 'perubahan saja'}); "
                    f"cache: {path}")
            if sent != Pushed():
                line += (f"\nAntrean terkirim: {sent.applied} diterapkan, {sent.rejected} ditolak, "
                         f"{sent.blocked} tertahan, {sent.waiting} menunggu ('eoffice outbox list')")
            ctx.emit({**dataclasses.asdict(got), "push": dataclasses.asdict(sent), "cache": str(path)},
                     functools.partial(print, line))
            if ctx.args.once:
                return 0
            time.sleep(ctx.args.interval)
    finally:
        cache.dispose()


def cmd_outbox_list(ctx: Ctx) -> int:
    from eoffice.app import offline

    login = ctx.require_actor().login
    rows = [i.to_dict() for i in offline.items(ctx.session.outbox(login), login)]
    ctx.emit(rows, lambda: print(table(
        [[r["action_id"][:8], r["label"], r["what"], r["reason"][:80] or "-"] for r in rows],
        ["ID", "STATUS", "PERINTAH", "ALASAN"]) if rows else "Antrean kosong."))
    return 0


def _one(ctx: Ctx, change: str) -> int:
    from eoffice.app import offline

    cache = ctx.session.outbox(ctx.require_actor().login)
    item = (offline.retry if change == "retry" else offline.discard)(cache, ctx.args.action_id)
    ctx.emit(item.to_dict(), lambda: print(f"Perintah {item.action_id}: {item.label}"))
    return 0


def cmd_outbox_retry(ctx: Ctx) -> int:
    return _one(ctx, "retry")


def cmd_outbox_discard(ctx: Ctx) -> int:
    return _one(ctx, "discard")
