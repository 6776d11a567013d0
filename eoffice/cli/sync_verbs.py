"""Verb: sync (the local cache; DESIGN.md "Local cache and sync"). Today it pulls; the outbox comes next.

What each verb does; the parser is in sync.py."""

from __future__ import annotations

import dataclasses
import functools
import time

from eoffice.app import queries as q
from eoffice.cli.context import Ctx
from eoffice.domain import BadInput


def cmd_sync(ctx: Ctx) -> int:
    from eoffice.sync.mirror import cache_path, open_cache, pull

    if ctx.args.interval < 5:
        raise BadInput(f"--interval minimal 5 detik, bukan {ctx.args.interval}")
    actor = ctx.require_actor()
    path = cache_path(ctx.home, actor.login)
    cache = open_cache(path)
    try:
        while True:
            got = pull(ctx.session.engine, cache, actor, ctx.session.label)
            ctx.read(lambda uow: q.record_checkpoint(uow, ctx.home, actor.login))
            line = (f"Sinkron: {got.letters} naskah diperbarui, {got.removed} dihapus dari cache, "
                    f"urutan perubahan {got.checkpoint} ({'salinan awal' if got.first else 'perubahan saja'}); "
                    f"cache: {path}")
            ctx.emit({**dataclasses.asdict(got), "cache": str(path)}, functools.partial(print, line))
            if ctx.args.once:
                return 0
            time.sleep(ctx.args.interval)
    finally:
        cache.dispose()
