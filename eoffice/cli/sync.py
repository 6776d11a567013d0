"""Verb: sync (the local cache; DESIGN.md "Local cache and sync"). Today it pulls; the outbox comes next."""

from __future__ import annotations

import argparse
import dataclasses
import functools
import time

from eoffice.cli.context import Ctx
from eoffice.domain import BadInput
from eoffice.services import audit
from eoffice.store.db import describe


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", parents=[common], help="bring your local cache up to date with the database")
    p.add_argument("--once", action="store_true", help="one pull, then exit (default: every --interval seconds)")
    p.add_argument("--interval", type=int, default=60, help="seconds between pulls (default 60)")
    p.set_defaults(func=cmd_sync)


def cmd_sync(ctx: Ctx) -> int:
    from eoffice.sync.mirror import cache_path, open_cache, pull

    if ctx.args.interval < 5:
        raise BadInput(f"--interval minimal 5 detik, bukan {ctx.args.interval}")
    actor = ctx.require_actor()
    path = cache_path(ctx.home, actor.login)
    cache = open_cache(path)
    try:
        while True:
            got = pull(ctx.engine, cache, actor, describe(ctx.engine))
            ctx.run(lambda uow: audit.record_checkpoint(uow, ctx.home, login=actor.login))
            line = (f"Sinkron: {got.letters} naskah diperbarui, {got.removed} dihapus dari cache, "
                    f"urutan perubahan {got.checkpoint} ({'salinan awal' if got.first else 'perubahan saja'}); "
                    f"cache: {path}")
            ctx.emit({**dataclasses.asdict(got), "cache": str(path)}, functools.partial(print, line))
            if ctx.args.once:
                return 0
            time.sleep(ctx.args.interval)
    finally:
        cache.dispose()
