"""Verbs: settings show|set (organisation settings: signing provider, verification page URL) and
serve-verify (the public verification page behind the QR codes)."""

from __future__ import annotations

import argparse
from pathlib import Path

from eoffice.cli.context import Ctx, table
from eoffice.services import settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    st = sub.add_parser("settings", parents=[common], help="organisation settings (signing provider, verify URL)")
    acts = st.add_subparsers(dest="action", required=True)
    p = acts.add_parser("show", parents=[common], help="show the organisation's settings")
    p.set_defaults(func=cmd_settings_show)
    p = acts.add_parser("set", parents=[common], help="change a setting (admin): sign_provider, verify_url")
    p.add_argument("key", choices=sorted(settings.KEYS))
    p.add_argument("value")
    p.set_defaults(func=cmd_settings_set)
    p = sub.add_parser("serve-verify", parents=[common], help="run the public verification page (/v/<id>)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--trust", action="append", default=[], type=Path,
                   help="trusted root CA (PEM) for uploaded PDFs (default: the roots pinned in the profile)")
    p.set_defaults(func=cmd_serve_verify)


def cmd_settings_show(ctx: Ctx) -> int:
    values = ctx.run(settings.all_settings)
    ctx.emit(values, lambda: print(table([[k, v or "-", settings.KEYS[k]] for k, v in values.items()],
                                         ["PENGATURAN", "NILAI", "KETERANGAN"])))
    return 0


def cmd_settings_set(ctx: Ctx) -> int:
    actor = ctx.require_actor()
    value = ctx.run(lambda uow: settings.set_setting(uow, actor, ctx.args.key, ctx.args.value))
    ctx.emit({ctx.args.key: value}, lambda: print(f"{ctx.args.key} = {value or '-'}"))
    return 0


def cmd_serve_verify(ctx: Ctx) -> int:
    from eoffice.web.server import serve

    return serve(ctx.db_url, host=ctx.args.host, port=ctx.args.port, trust=ctx.args.trust, home=ctx.home)
