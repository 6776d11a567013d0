"""Verbs: settings show|set, serve-verify. What each verb does; the parser is in web.py."""

from __future__ import annotations

from eoffice.app import commands as c
from eoffice.app import queries as q
from eoffice.cli.context import Ctx, table


def cmd_settings_show(ctx: Ctx) -> int:
    rows = ctx.read(q.settings_list)
    ctx.emit({k: v for k, v, _ in rows}, lambda: print(table([[k, v or "-", what] for k, v, what in rows],
                                                              ["PENGATURAN", "NILAI", "KETERANGAN"])))
    return 0


def cmd_settings_set(ctx: Ctx) -> int:
    value = ctx.execute(c.SetSetting(key=ctx.args.key, value=ctx.args.value))
    ctx.emit({ctx.args.key: value}, lambda: print(f"{ctx.args.key} = {value or '-'}"))
    return 0


def cmd_serve_verify(ctx: Ctx) -> int:
    from eoffice.web.server import serve

    return serve(ctx.raw_session.url, host=ctx.args.host, port=ctx.args.port, trust=ctx.args.trust, home=ctx.home)
